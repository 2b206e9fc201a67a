"""Pure parsers for municipality lists, correspondences, outlines and region files (no database)."""

import pytest

from samspill.regions.importers.errors import ImportFileError
from samspill.regions.importers.municipalities import (
    parse_boundaries,
    parse_correspondence,
    parse_municipality_list,
)
from samspill.regions.importers.regions import parse_region_memberships
from tests.conftest import SHARED_DIR

KOMMUNER = SHARED_DIR / "data" / "kommuner"


def _lines(name: str) -> list[str]:
    return (KOMMUNER / name).read_text(encoding="utf-8").splitlines()


def test_the_2024_list_has_357_municipalities_with_counties_and_economic_regions() -> None:
    rows = parse_municipality_list(_lines("kommuner_2024.csv"), source="kommuner_2024.csv")

    assert len(rows) == 357
    bardu = next(row for row in rows if row.number == "5520")
    assert (bardu.name, bardu.county_number) == ("Bardu", "55")
    assert bardu.economic_region_code.startswith("55")


def test_the_2020_list_uses_the_norwegian_name_column() -> None:
    rows = parse_municipality_list(_lines("kommuner_2020.csv"))

    assert len(rows) == 356
    assert next(row for row in rows if row.number == "5416").name == "Bardu"


def test_the_long_and_the_named_correspondence_tables_both_parse() -> None:
    long_rows = parse_correspondence(_lines("korrespondanse_kommune_1990_2024_til_2024_csdata.csv"))
    named = parse_correspondence(_lines("korrespondanse_kommune_2018_til_2024.csv"))

    assert len(long_rows) == 14_973
    sauherad = next(row for row in named if row.original == "0822")
    assert (sauherad.year, sauherad.current, sauherad.original_name) == (2018, "4020", "Sauherad")


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "empty", 1),
        ("knr,kommunenavn\n0301,Oslo\n", "missing column(s): fylkesnavn, fylkesnr", 1),
        ("knr,kommunenavn,fylkesnr,fylkesnavn\n301,Oslo,03,Oslo\n", "'301' is not a four-digit", 2),
        (
            "knr,kommunenavn,fylkesnr,fylkesnavn\n0301,Oslo,03,Oslo\n0301,Oslo,03,Oslo\n",
            "also appears on line 2",
            3,
        ),
        ("knr,kommunenavn,fylkesnr,fylkesnavn\n0301,Oslo,03\n", "wrong number of fields", 2),
        ("knr,kommunenavn,fylkesnr,fylkesnavn\n0301, ,03,Oslo\n", "has no name", 2),
        ("knr,kommunenavn,fylkesnr,fylkesnavn\n0301,Oslo,O3,Oslo\n", "not a county number", 2),
        ("knr,kommunenavn,fylkesnr,fylkesnavn\n0301,Oslo,103,Oslo\n", "not a county number", 2),
        (
            f"knr,kommunenavn,fylkesnr,fylkesnavn\n0301,{'O' * 101},03,Oslo\n",
            "kommunenavn is 101 characters long; at most 100 fit",
            2,
        ),
    ],
)
def test_a_malformed_municipality_file_names_the_line(text: str, message: str, line: int) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_municipality_list(text.splitlines(), source="kommuner.csv")

    assert message in caught.value.message
    assert caught.value.line == line
    assert str(caught.value).startswith(f"kommuner.csv, linje {line}")


def test_a_file_without_municipalities_is_rejected() -> None:
    with pytest.raises(ImportFileError, match="no municipalities"):
        parse_municipality_list(["knr,kommunenavn,fylkesnr,fylkesnavn"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "not a correspondence table"),
        ("aar,knr_original,knr_2024,vekt\nx,0101,3101,1\n", "not a year"),
        ("aar,knr_original,knr_2024,vekt\n2020,0101,3101,abc\n", "not a number"),
        ("aar,knr_original,knr_2024,vekt\n2020,0101,3101,1.5\n", "must be in (0, 1]"),
        ("knr_2020,navn_2020,knr_2024,vekt\n0101,Halden,31X1,1\n", "not a four-digit"),
        ("aar,knr_original,knr_2024,vekt\n2020,0101,3101,nan\n", "must be in (0, 1]"),
        ("aar,knr_original,knr_2024,vekt\n2020,0101,3101,inf\n", "must be in (0, 1]"),
        ("aar,knr_original,knr_2024,vekt\n-5,0101,3101,1\n", "not a year"),
        ("aar,knr_original,knr_2024,vekt\n99999,0101,3101,1\n", "not a year"),
        (
            "aar,knr_original,knr_2024,vekt\n2020,0101,3101,1\n2020,0101,3101,1\n",
            "0101 → 3101 in 2020 also appears on line 2",
        ),
        (
            "aar,knr_original,knr_2024,vekt\n2020,1507,1508,0.6\n2020,1507,1580,0.6\n",
            "weights of 1507 in 2020 add up to 1.2, more than 1",
        ),
    ],
)
def test_a_malformed_correspondence_is_rejected(text: str, message: str) -> None:
    with pytest.raises(
        ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)").replace("]", r"\]")
    ):
        parse_correspondence(text.splitlines())


def test_outlines_accept_integer_numbers_and_zero_pad_them() -> None:
    text = '{"type": "FeatureCollection", "features": [{"properties": {"kommunenummer": 301, "navn": "Oslo"}, "geometry": null}]}'

    (row,) = parse_boundaries(text)

    assert (row.number, row.name) == ("0301", "Oslo")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {}}]}',
            "feature 1 has no kommunenummer",
        ),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"kommunenummer": "12345"}}]}',
            "bad kommunenummer",
        ),
    ],
)
def test_malformed_outlines_are_rejected(text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_boundaries(text)


REGION_HEADER = "region_slug,region_name,kind,municipality_number,valid_from,valid_to,note"


def test_region_rows_keep_old_numbers_and_optional_end_dates() -> None:
    rows = parse_region_memberships(
        [
            REGION_HEADER,
            "r,R,project,1601,2016-01-01,,Trondheim",
            "r,R,project,1662,2016-01-01,2019-12-31,",
        ]
    )

    assert [row.municipality_number for row in rows] == ["1601", "1662"]
    assert rows[0].valid_to is None
    assert rows[1].valid_to is not None
    assert rows[1].line == 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("r,R,project,160,2016-01-01,,", "not a four-digit"),
        ("r,R,project,1601,01.01.2016,,", "is not a date"),
        ("r,R,project,1601,2016-01-01,2015-01-01,", "before valid_from"),
        (",R,project,1601,2016-01-01,,", "region_slug is empty"),
        ("r,R,project,1601", "wrong number of fields"),
        ("r r,R,project,1601,2016-01-01,,", "is not a slug"),
        ("r,,project,1601,2016-01-01,,", "region_name is empty"),
        (f"r,{'R' * 151},project,1601,2016-01-01,,", "region_name is 151 characters long"),
        (f"r,R,project,1601,2016-01-01,,{'n' * 301}", "note is 301 characters long"),
    ],
)
def test_a_malformed_region_row_names_its_line(row: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_region_memberships([REGION_HEADER, row], source="regions.csv")

    assert caught.value.line == 2


def test_a_region_file_without_the_required_columns_is_rejected() -> None:
    with pytest.raises(ImportFileError, match="missing column"):
        parse_region_memberships(["region_slug,region_name"])
    with pytest.raises(ImportFileError, match="empty"):
        parse_region_memberships([])
