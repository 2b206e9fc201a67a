"""Pure parsers: SSB CSV layouts and JSON-stat, and the errors that name the place in the file."""

import pytest

from samspill.stats.importers.csv_tables import parse_csv_table
from samspill.stats.importers.jsonstat import parse_jsonstat
from samspill.stats.importers.tables import ImportFileError, parse_value, split_code
from tests.stats.builders import jsonstat1_bundle, jsonstat2

POPULATION = {
    "Region": [("5001", "Trondheim"), ("K-5035", "Stjørdal")],
    "ContentsCode": [("Personer1", "Personer")],
    "Tid": [("2023", "2023"), ("2024", "2024")],
}


def test_jsonstat2_dataset_becomes_observations_in_row_major_order() -> None:
    table = parse_jsonstat(jsonstat2(dimensions=POPULATION, values=[1, 2, 3, 4]), source="t.json")

    assert table.table_number == "07459"
    assert [(o.area, o.period, o.value) for o in table.observations] == [
        ("5001", "2023", 1.0), ("5001", "2024", 2.0), ("5035", "2023", 3.0), ("5035", "2024", 4.0),
    ]  # fmt: skip
    assert table.contents["Personer1"].label == "Personer"


def test_jsonstat_keeps_status_symbols_instead_of_zeros() -> None:
    text = jsonstat2(dimensions=POPULATION, values=[1, None, 3, None], status={"1": "..", "3": ":"})

    table = parse_jsonstat(text, source="t.json")

    assert [(o.value, o.status) for o in table.observations] == [
        (1.0, ""), (None, ".."), (3.0, ""), (None, ":"),
    ]  # fmt: skip


def test_jsonstat_sparse_values_and_other_dimensions_make_keys() -> None:
    dimensions = {
        "Region": [("5001", "Trondheim")],
        "Kjonn": [("1", "Menn"), ("2", "Kvinner")],
        "ContentsCode": [("Personer1", "Personer")],
        "Tid": [("2024", "2024")],
    }

    table = parse_jsonstat(jsonstat2(dimensions=dimensions, values={"1": 7}), source="t.json")

    assert [(o.key, o.value) for o in table.observations] == [("kjonn=1", None), ("kjonn=2", 7.0)]
    assert table.dimensions["kjonn"]["categories"] == {"1": "Menn", "2": "Kvinner"}


def test_jsonstat1_bundle_from_the_old_api_is_read_too() -> None:
    table = parse_jsonstat(
        jsonstat1_bundle(dimensions=POPULATION, values=[1, 2, 3, 4]), source="v1.json"
    )

    assert table.table_number == "07459"
    assert len(table.observations) == 4


def test_jsonstat_commuting_matrix_becomes_flows() -> None:
    dimensions = {
        "Bokommuen": [("5001", "Trondheim"), ("5035", "Stjørdal")],
        "ArbstedKomm": [("5001", "Trondheim"), ("5035", "Stjørdal")],
        "ContentsCode": [("Sysselsatte", "Sysselsatte")],
        "Tid": [("2022", "2022")],
    }
    text = jsonstat2(
        table="03321", dimensions=dimensions, values=[100, 5, 7, 50], role={"time": ["Tid"]}
    )

    table = parse_jsonstat(text, source="p.json")

    assert table.is_flows
    assert [flow[:4] for flow in table.flows] == [
        (2022, "5001", "5001", 100), (2022, "5001", "5035", 5),
        (2022, "5035", "5001", 7), (2022, "5035", "5035", 50),
    ]  # fmt: skip


def test_truncated_jsonstat_names_the_line() -> None:
    text = jsonstat2(dimensions=POPULATION, values=[1, 2, 3, 4])

    with pytest.raises(ImportFileError, match=r"t\.json, linje \d+: not valid JSON"):
        parse_jsonstat(text[: len(text) // 2], source="t.json")


def test_jsonstat_with_too_few_values_is_refused() -> None:
    with pytest.raises(ImportFileError, match=r"expected 4 values.*found 3"):
        parse_jsonstat(jsonstat2(dimensions=POPULATION, values=[1, 2, 3]), source="t.json")


def test_jsonstat_without_a_time_dimension_is_refused() -> None:
    dimensions = {"Region": [("5001", "Trondheim")], "ContentsCode": [("P", "Personer")]}
    text = jsonstat2(dimensions=dimensions, values=[1], role={"geo": ["Region"]})

    with pytest.raises(ImportFileError, match="missing dimension: no time"):
        parse_jsonstat(text, source="t.json")


def test_jsonstat_non_numeric_value_is_refused() -> None:
    with pytest.raises(ImportFileError, match="'mange' at position 2 is not a number"):
        parse_jsonstat(jsonstat2(dimensions=POPULATION, values=[1, 2, "mange", 4]), source="t.json")  # type: ignore[list-item]


STATBANK = (
    '"11656: Lønnstakere og jobber, etter alder, næring (SN2007), statistikkvariabel, kvartal og kjønn"\r\n'
    "\r\n"
    '"alder";"næring (SN2007)";"Antall jobber (arbeidsforhold) 2024K4 Begge kjønn"\r\n'
    '"Alle aldre";"01 Jordbruk og tilhørende tjenester, jakt";23315\r\n'
    '"Alle aldre";"02 Skogbruk og tilhørende tjenester";..\r\n'
)


def test_statbank_download_with_title_line_and_semicolons() -> None:
    table = parse_csv_table(STATBANK, source="jobber.csv")

    assert table.table_number == "11656"
    assert [(o.area, o.period, o.key, o.value, o.status) for o in table.observations] == [
        ("0", "2024K4", "alder=alle-aldre|kategori=begge-kjonn|naering=01", 23315.0, ""),
        ("0", "2024K4", "alder=alle-aldre|kategori=begge-kjonn|naering=02", None, ".."),
    ]
    assert table.contents["antall-jobber"].unit == "jobber"


def test_statbank_download_cut_in_the_middle_of_a_row() -> None:
    with pytest.raises(ImportFileError, match=r"jobber\.csv, linje 5: .*cut off"):
        parse_csv_table(STATBANK[:-12], source="jobber.csv")


def test_wide_population_csv_maps_sex_and_age_columns_to_categories() -> None:
    text = (
        "knr,kommunenavn,aar,befolkning,kvinner,menn,alder_0_19,alder_67_pluss,estimert_fordeling\n"
        "5001,Trondheim,2024,214565,107000,107565,50000,30000,0\n"
        "1580,Haram,2023,33762,16000,17762,8000,6000,1\n"
    )

    table = parse_csv_table(text, source="befolkning.csv", table_number="07459")

    keys = {(o.area, o.key): o for o in table.observations}
    assert keys[("5001", "")].value == 214565
    assert keys[("5001", "kjonn=2")].value == 107000
    assert keys[("5001", "alder=67+")].value == 30000
    assert keys[("1580", "")].note  # estimated by the source: flagged, not silently used
    assert list(table.contents) == ["befolkning"]


def test_tidy_csv_with_municipality_names() -> None:
    text = (
        "region,næring (SN2007),statistikkvariabel,år,value\n"
        'Notodden,"Jordbruk, skogbruk og fiske",Sysselsatte personer etter arbeidssted,2016,70\n'
    )

    table = parse_csv_table(text, source="telemark_13470_x.csv")

    assert table.table_number == "13470"
    assert table.areas_are_names
    assert table.observations[0].key == "naering=jordbruk-skogbruk-og-fiske"


def test_commuting_csv_becomes_flows() -> None:
    text = "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2022,5001,5001,1000\n2022,5001,5035,20\n"

    table = parse_csv_table(text, source="pendling_03321_2022.csv")

    assert table.flows == [(2022, "5001", "5001", 1000, 2), (2022, "5001", "5035", 20, 3)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2022,5001,5001\n",
            "linje 2: the row has 3 fields",
        ),
        ("knr,aar,befolkning\n5001,2024,mange\n", "linje 2: value 'mange' in column 'befolkning'"),
        ("knr,aar,befolkning\n5001,2024,1\n5001,2024,2\n", "linje 3: duplicate cell 5001 2024"),
        ("knr,befolkning\n5001,1\n", "linje 1: missing dimension column"),
        ("knr,aar,befolkning\n5001,24,1\n", "linje 2: '24' is not a period"),
        ('{"version": "2.0"}', "looks like JSON"),
        ("", "empty"),
    ],
)
def test_bad_csv_names_the_place(text: str, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        parse_csv_table(text, source="t_07459_x.csv")


def test_csv_without_a_table_number_asks_for_one() -> None:
    with pytest.raises(ImportFileError, match="pass --table"):
        parse_csv_table("knr,aar,befolkning\n5001,2024,1\n", source="befolkning.csv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", (12.0, "")),
        ("1 234,5", (1234.5, "")),
        ("..", (None, "..")),
        (":", (None, ":")),
        ("-", (0.0, "-")),
    ],
)
def test_values_and_ssb_symbols(text: str, expected: tuple[float | None, str]) -> None:
    assert parse_value(text) == expected


def test_split_code() -> None:
    assert split_code("5001 Trondheim") == ("5001", "Trondheim")
    assert split_code("K-3101 Halden") == ("3101", "Halden")
    assert split_code("Porsgrunn") == (None, "Porsgrunn")
