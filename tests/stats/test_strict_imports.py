"""Values an import must refuse, naming file, line (or JSON-stat cell) and reason; nothing written.

NaN, Infinity and numbers that overflow, duplicate JSON-stat cells, one municipality under its
old and new number in one year, "1.234" with a Norwegian thousands separator, negative counts.
Each file is small and crafted in tmp_path; each goes through the real command and loader.
"""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samspill.stats.importers.csv_tables import parse_csv_table
from samspill.stats.importers.jsonstat import parse_jsonstat
from samspill.stats.importers.tables import ImportFileError
from samspill.stats.models import CommutingFlow, Observation, Series
from samspill.stats.services import table_import
from tests.stats.builders import jsonstat2

pytestmark = pytest.mark.django_db

FLOWS_HEADER = "aar,bosted_knr,arbeidssted_knr,sysselsatte\n"
CONTENTS = {"ContentsCode": [("Personer1", "Personer")]}


def _import(path: Path, *extra: str) -> None:
    call_command("import_ssb_table", str(path), *extra, verbosity=0, no_progress=True)


def _nothing_written() -> None:
    assert not Series.objects.filter(table_number__in=["99990", "99991", "99992"]).exists()
    assert not Observation.objects.filter(period__startswith="20", year__gte=2090).exists()
    assert not CommutingFlow.objects.filter(year__gte=2090).exists()


def _csv(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _jsonstat_text(
    values: list[float | None],
    *,
    regions: list[tuple[str, str]] | None = None,
    years: list[str] | None = None,
    contents: list[tuple[str, str]] | None = None,
) -> str:
    return jsonstat2(
        table="99990",
        dimensions={
            "Region": regions or [("5001", "Trondheim"), ("5035", "Stjørdal")],
            "ContentsCode": contents or CONTENTS["ContentsCode"],
            "Tid": [(year, year) for year in (years or ["2090"])],
        },
        values=values,
    )


# --- NaN, Infinity, overflow ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("NaN", "not a finite number"),
        ("Infinity", "not a finite number"),
        ("-Infinity", "not a finite number"),
        ("1e999", "not a finite number"),
        ("1e300", "too large to store"),
        ("1" + "0" * 400, "not a finite number"),
    ],
)
def test_jsonstat_nan_infinity_and_overflow_are_refused_naming_the_cell(
    tmp_path: Path, token: str, reason: str
) -> None:
    text = _jsonstat_text([100, 0]).replace(
        '"value": [\n  100,\n  0\n ]', f'"value": [100, {token}]'
    )
    assert token in text
    path = _csv(tmp_path, "ssb.json", text)

    with pytest.raises(CommandError) as error:
        _import(path, "--format", "jsonstat")

    message = str(error.value)
    assert (
        "ssb.json: value index 1 (Region=5035 Stjørdal, ContentsCode=Personer1 Personer" in message
    )
    assert "Tid=2090)" in message
    assert reason in message
    _nothing_written()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("NaN", "neither a number"),
        ("inf", "neither a number"),
        ("1" + "0" * 400, "not a finite number"),
        ("1" + "0" * 16, "too large to store"),
    ],
)
def test_csv_nan_infinity_and_overflow_are_refused_naming_the_line(
    tmp_path: Path, value: str, reason: str
) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", f"knr,aar,befolkning\n5001,2090,10\n5035,2090,{value}\n")

    with pytest.raises(CommandError, match=rf"t_99991_x\.csv, linje 3: .*{reason}"):
        _import(path)
    _nothing_written()


@pytest.mark.parametrize("value", ["99999999999", "2147483648"])
def test_a_commuting_count_that_overflows_the_column_is_refused(tmp_path: Path, value: str) -> None:
    path = _csv(tmp_path, "pendling_03321_2090.csv", f"{FLOWS_HEADER}2090,5001,5035,{value}\n")

    with pytest.raises(CommandError, match=r"linje 2: value .* too large to store"):
        _import(path)
    _nothing_written()


def test_a_jsonstat_commuting_count_that_overflows_is_refused(tmp_path: Path) -> None:
    text = jsonstat2(
        table="03321",
        dimensions={
            "Bokommuen": [("5001", "Trondheim")],
            "ArbstedKomm": [("5035", "Stjørdal")],
            "ContentsCode": [("Sysselsatte", "Sysselsatte")],
            "Tid": [("2090", "2090")],
        },
        values=[3e9],
        role={"time": ["Tid"], "metric": ["ContentsCode"]},
    )

    with pytest.raises(ImportFileError, match=r"value index 0 .*too large to store"):
        parse_jsonstat(text, source="pendling.json")


# --- duplicates ------------------------------------------------------------------------------


def test_jsonstat_duplicate_cells_are_refused_not_summed(tmp_path: Path) -> None:
    # "K-5001" and "5001" are one municipality code: SSB's two spellings in one dimension
    path = _csv(
        tmp_path,
        "ssb.json",
        _jsonstat_text([100, 200], regions=[("5001", "Trondheim"), ("K-5001", "Trondheim")]),
    )

    with pytest.raises(CommandError) as error:
        _import(path, "--format", "jsonstat")

    message = str(error.value)
    assert "value index 1 (Region=K-5001 Trondheim" in message
    assert "duplicate cell; the same categories already appear at value index 0" in message
    _nothing_written()


def test_jsonstat_duplicate_commuting_cells_are_refused() -> None:
    text = jsonstat2(
        table="03321",
        dimensions={
            "Bokommuen": [("5001", "Trondheim"), ("K-5001", "Trondheim")],
            "ArbstedKomm": [("5035", "Stjørdal")],
            "ContentsCode": [("Sysselsatte", "Sysselsatte")],
            "Tid": [("2090", "2090")],
        },
        values=[3, 4],
        role={"time": ["Tid"], "metric": ["ContentsCode"]},
    )

    with pytest.raises(ImportFileError, match="duplicate cell"):
        parse_jsonstat(text, source="pendling.json")


# --- one municipality under its old and new number -------------------------------------------


def test_old_and_new_number_with_values_in_one_year_are_refused_in_csv(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "t_99991_x.csv",
        "knr,aar,befolkning\n1601,2090,190000\n1662,2090,6000\n5001,2090,196000\n",
    )

    with pytest.raises(
        CommandError,
        match=r"t_99991_x\.csv, linje 4: 1601 \(line 2\) and 5001 are the same municipality",
    ):
        _import(path)
    _nothing_written()


def test_old_and_new_number_with_values_in_one_year_are_refused_in_jsonstat(
    tmp_path: Path,
) -> None:
    path = _csv(
        tmp_path,
        "ssb.json",
        _jsonstat_text([196_000, 190_000], regions=[("5001", "Trondheim"), ("1601", "Trondheim")]),
    )

    with pytest.raises(CommandError, match="same municipality under its old and its new number"):
        _import(path, "--format", "jsonstat")
    _nothing_written()


def test_merging_two_old_numbers_still_sums(tmp_path: Path) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", "knr,aar,befolkning\n1601,2090,190000\n1662,2090,6000\n")

    table_import(table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name))

    cell = Observation.objects.get(series__table_number="99991", municipality__number="5001")
    assert cell.value == 196_000


def test_a_commuting_flow_under_old_and_new_numbers_is_refused(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "pendling_03321_2090.csv",
        f"{FLOWS_HEADER}2090,1601,5035,10\n2090,1662,5035,4\n2090,5001,5035,14\n",
    )

    with pytest.raises(
        CommandError, match=r"linje 4: 5001 → 5035 and 1601 → 5035 are the same flow"
    ):
        _import(path)
    _nothing_written()


# --- "1.234" and negative counts --------------------------------------------------------------


@pytest.mark.parametrize("value", ["1.234", "12.345.678", "-1.234"])
def test_a_point_as_thousands_separator_is_refused(tmp_path: Path, value: str) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", f'knr;aar;befolkning\n5001;2090;"{value}"\n')

    with pytest.raises(
        CommandError, match=r"linje 2: value .* is ambiguous: .*thousands separator"
    ):
        _import(path)
    _nothing_written()


@pytest.mark.parametrize("value", ["1 234", "1\u00a0234"])
def test_spaces_as_thousands_separator_are_read(tmp_path: Path, value: str) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", f"knr;aar;befolkning\n5001;2090;{value}\n")

    assert (
        parse_csv_table(path.read_text(encoding="utf-8"), source=path.name).observations[0].value
        == 1234
    )


def test_decimals_are_still_read(tmp_path: Path) -> None:
    path = _csv(
        tmp_path, "t_99991_x.csv", "knr;aar;andel_prosent\n5001;2090;12,5\n5035;2090;0.125\n"
    )

    values = [
        row.value
        for row in parse_csv_table(path.read_text(encoding="utf-8"), source=path.name).observations
    ]
    assert values == [12.5, 0.125]


def test_a_negative_count_is_refused_in_csv(tmp_path: Path) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", "knr,aar,befolkning\n5001,2090,10\n5035,2090,-5\n")

    with pytest.raises(CommandError, match=r"linje 3: value -5\.0 .* is a negative count"):
        _import(path)
    _nothing_written()


def test_a_fractional_count_is_refused_in_csv(tmp_path: Path) -> None:
    path = _csv(tmp_path, "t_99991_x.csv", "knr;aar;befolkning\n5001;2090;10,5\n")

    with pytest.raises(CommandError, match=r"linje 2: .* is a count but not a whole number"):
        _import(path)


def test_a_negative_change_is_not_a_count(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "t_99991_x.csv",
        "knr,aar,statistikkvariabel,value\n5001,2090,Befolkningsendring,-237\n",
    )

    table_import(table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name))

    assert Observation.objects.get(series__table_number="99991").value == -237


@pytest.mark.parametrize("value", ["-5", "2.5", "1.234"])
def test_a_commuting_count_that_is_not_a_whole_positive_number_is_refused(
    tmp_path: Path, value: str
) -> None:
    path = _csv(tmp_path, "pendling_03321_2090.csv", f'{FLOWS_HEADER}2090,5001,5035,"{value}"\n')

    with pytest.raises(CommandError, match=r"pendling_03321_2090\.csv, linje 2: value"):
        _import(path)
    _nothing_written()


def test_a_negative_count_is_refused_in_jsonstat(tmp_path: Path) -> None:
    path = _csv(tmp_path, "ssb.json", _jsonstat_text([100, -3]))

    with pytest.raises(CommandError, match=r"value index 1 .*: value -3\.0 is a negative count"):
        _import(path, "--format", "jsonstat")
    _nothing_written()


def test_a_bad_jsonstat_file_after_a_good_one_writes_nothing(tmp_path: Path) -> None:
    good = _csv(tmp_path, "good.json", _jsonstat_text([100, 200]))
    bad_text = json.loads(_jsonstat_text([100, 200]))
    bad_text["value"] = [100, -1]
    bad_text["extension"]["px"]["tableid"] = "99992"
    bad = _csv(tmp_path, "bad.json", json.dumps(bad_text))

    with pytest.raises(CommandError, match=r"bad\.json"):
        call_command(
            "import_ssb_table",
            str(good),
            str(bad),
            "--format",
            "jsonstat",
            verbosity=0,
            no_progress=True,
        )
    _nothing_written()


def test_two_municipalities_that_merged_later_under_one_number_still_sum(tmp_path: Path) -> None:
    # Rennesøy (1142) joined Stavanger (1103) in 2020; in 2017 both were in use
    path = _csv(tmp_path, "t_99991_x.csv", "knr,aar,befolkning\n1103,2017,100\n1142,2017,10\n")

    table_import(table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name))

    cell = Observation.objects.get(series__table_number="99991", municipality__number="1103")
    assert cell.value == 110
