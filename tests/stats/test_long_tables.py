"""Long CSV tables: category columns and one value column (csdata's age groups, IMDi's education)."""

import pytest

from samspill.stats.importers.csv_tables import ESTIMATE_NOTE, parse_csv_table
from samspill.stats.importers.tables import ImportFileError

AGES = """knr,aar,kjonn,aldersgruppe,befolkning,estimert_fordeling
3407,2024,kvinner,0-4,700,0
3407,2024,menn,90+,90,0
1508,2023,menn,0-4,1200,1
"""


def test_a_long_table_is_one_series_named_by_its_breakdown() -> None:
    table = parse_csv_table(AGES, source="ages.csv", table_number="07459")
    assert table.format == "long-csv"
    assert list(table.contents) == ["befolkning-etter-kjonn-aldersgruppe"]
    keys = [(row.area, row.key, row.value, row.note) for row in table.observations]
    assert keys == [
        ("3407", "aldersgruppe=0-4|kjonn=kvinner", 700, ""),
        ("3407", "aldersgruppe=90+|kjonn=menn", 90, ""),
        ("1508", "aldersgruppe=0-4|kjonn=menn", 1200, ESTIMATE_NOTE),
    ]
    assert table.dimensions["aldersgruppe"]["categories"] == {"0-4": "0-4 år", "90+": "90+ år"}


def test_a_long_table_refuses_two_value_columns_and_duplicate_cells() -> None:
    with pytest.raises(ImportFileError, match="exactly one value column"):
        parse_csv_table(
            "knr,aar,kjonn,befolkning,andel\n3407,2024,menn,1,2\n",
            source="x.csv",
            table_number="07459",
        )
    with pytest.raises(ImportFileError, match="duplicate cell"):
        parse_csv_table(
            AGES + "3407,2024,kvinner,0-4,701,0\n", source="x.csv", table_number="07459"
        )
