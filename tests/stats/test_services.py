"""Loading SSB tables: harmonisation, idempotency, gaps and one-transaction errors, on real data."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samspill.regions.models import Municipality
from samspill.stats.importers.csv_tables import parse_csv_table
from samspill.stats.models import CommutingFlow, Harmonisation, Observation, Series
from samspill.stats.selectors import COMMUTING, POPULATION, population_total
from samspill.stats.services import KnownGap, table_import
from tests.conftest import SHARED_DIR
from tests.stats.builders import jsonstat2

PENDLING = SHARED_DIR / "data" / "pendling"
TRONDHEIMSREGIONEN = ["5001", "5035", "5031", "5028", "5027", "5029", "5059", "5054"]

pytestmark = pytest.mark.django_db


def _ids(numbers: list[str]) -> list[int]:
    return list(Municipality.objects.filter(number__in=numbers).values_list("pk", flat=True))


def _flow(year: int, home: str, work: str) -> CommutingFlow | None:
    return CommutingFlow.objects.filter(
        series__code=COMMUTING, year=year, residence__number=home, workplace__number=work
    ).first()


def test_trondheimsregionen_had_315_065_inhabitants_on_1_january_2024() -> None:
    assert population_total(municipality_ids=_ids(TRONDHEIMSREGIONEN), period="2024") == 315_065


def test_population_status_and_estimates_are_kept_visible() -> None:
    haram = Observation.objects.get(
        series__code=POPULATION, municipality__number="1580", period="2023", dimension_key=""
    )

    assert haram.harmonisation == Harmonisation.ESTIMATED_BY_SOURCE
    assert "anslag" in haram.harmonisation_note


def test_2017_flows_are_merged_into_todays_trondheim_by_summing() -> None:
    old_trondheim = {"1601", "1662"}  # Trondheim and Klæbu became 5001 in 2020
    with (PENDLING / "pendling_03321_2017.csv").open(encoding="utf-8") as handle:
        expected = sum(
            int(row["sysselsatte"])
            for row in csv.DictReader(handle)
            if row["bosted_knr"] in old_trondheim and row["arbeidssted_knr"] in old_trondheim
        )

    flow = _flow(2017, "5001", "5001")

    assert flow is not None
    assert flow.employed == expected
    assert flow.harmonisation == Harmonisation.MERGED


def test_a_split_municipality_is_flagged_and_never_apportioned() -> None:
    aalesund_2020 = Municipality.objects.get(
        number="1507"
    )  # split into 1508 Ålesund and 1580 Haram

    kept = CommutingFlow.objects.filter(series__code=COMMUTING, year=2022, residence=aalesund_2020)

    assert kept.exists()
    assert set(kept.values_list("harmonisation", flat=True)) == {Harmonisation.SPLIT_UNAPPORTIONED}
    assert not CommutingFlow.objects.filter(
        year=2022, residence__number__in=["1508", "1580"]
    ).exists()
    gaps = Series.objects.get(code=COMMUTING).known_gaps
    assert any(
        g["municipality"] == "1580" and g["period"] == "2022" and "1507" in g["note"] for g in gaps
    )
    assert any(
        "1507 Ålesund: delt mellom" in note
        for note in Series.objects.get(code=COMMUTING).harmonisation_notes
    )


def test_importing_the_same_file_twice_changes_nothing() -> None:
    before = list(
        CommutingFlow.objects.filter(year=2022).order_by("pk").values_list("pk", "employed")
    )
    table = parse_csv_table(
        (PENDLING / "pendling_03321_2022.csv").read_text(encoding="utf-8"),
        source="pendling_03321_2022.csv",
    )

    summary = table_import(table=table)

    assert (summary.loaded, summary.removed) == (0, 0)
    assert summary.unchanged == len(before)
    assert (
        list(CommutingFlow.objects.filter(year=2022).order_by("pk").values_list("pk", "employed"))
        == before
    )


def test_a_changed_cell_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "pendling_03321_2099.csv"
    path.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2022,5001,5035,1\n", encoding="utf-8"
    )

    table_import(table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name))

    flow = _flow(2022, "5001", "5035")
    assert flow is not None
    assert flow.employed == 1
    assert (
        _flow(2022, "5001", "5001") is None
    )  # the file is the whole truth for residence 5001 in 2022


def test_unknown_municipality_number_writes_nothing_and_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "pendling_03321_2023.csv"
    path.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2023,5001,5001,10\n2023,5001,4242,3\n",
        encoding="utf-8",
    )
    count = CommutingFlow.objects.count()

    with pytest.raises(
        CommandError, match=r"pendling_03321_2023\.csv, linje 3: unknown municipality number '4242'"
    ):
        call_command("import_ssb_table", str(path), verbosity=0, no_progress=True)

    assert CommutingFlow.objects.count() == count


def test_a_bad_second_file_rolls_back_the_first(tmp_path: Path) -> None:
    good = tmp_path / "pendling_03321_2030.csv"
    good.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2030,5001,5001,10\n", encoding="utf-8"
    )
    bad = tmp_path / "pendling_03321_2031.csv"
    bad.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2031,5001,5001,x\n", encoding="utf-8"
    )

    with pytest.raises(CommandError, match="linje 2: value 'x'"):
        call_command("import_ssb_table", str(good), str(bad), verbosity=0, no_progress=True)

    assert not CommutingFlow.objects.filter(year=2030).exists()


def test_duplicate_cells_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "pendling_03321_2040.csv"
    path.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2040,5001,5035,1\n2040,5001,5035,2\n",
        encoding="utf-8",
    )

    with pytest.raises(
        CommandError, match="linje 3: duplicate cell 5001 → 5035 2040; it already appears on line 2"
    ):
        call_command("import_ssb_table", str(path), verbosity=0, no_progress=True)


def test_svalbard_and_counties_are_rejected_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "t_07459_x.csv"
    path.write_text("knr,aar,befolkning\n5001,2099,1\n2111,2099,2\n50,2099,3\n", encoding="utf-8")

    summary = table_import(
        table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name)
    )

    assert summary.loaded == 1
    assert [reason.split(": ", 1)[1] for reason in summary.rejected] == [
        "område 2111 (Svalbard, Jan Mayen eller kontinentalsokkelen, ikke kommune)",
        "område 50 (fylke, ikke kommune)",
    ]


def test_documented_gaps_are_stored_beside_detected_ones(tmp_path: Path) -> None:
    path = tmp_path / "t_99999_x.csv"
    path.write_text("knr,aar,verdi_a\n5001,2018,1\n5061,2018,1\n5001,2019,1\n", encoding="utf-8")

    table_import(
        table=parse_csv_table(path.read_text(encoding="utf-8"), source=path.name),
        known_gaps=[KnownGap.parse("2019:5061:Rindal mangler i kilden")],
    )

    gaps = Series.objects.get(code="99999-verdi-a").known_gaps
    assert [(g["period"], g["municipality"], g["origin"]) for g in gaps] == [
        ("2019", "5061", "documented"),
        ("2019", "5061", "detected"),
    ]


def test_the_command_reports_rows_read_loaded_and_harmonised(tmp_path: Path) -> None:
    path = tmp_path / "pendling_03321_2050.csv"
    path.write_text(
        "aar,bosted_knr,arbeidssted_knr,sysselsatte\n2050,1601,1601,10\n2050,1662,1601,5\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_ssb_table", str(path), stdout=out, no_progress=True)

    assert "lest 2, lastet 1, uendret 0, fjernet 0, avvist 0" in out.getvalue()
    assert "merged 1" in out.getvalue()
    flow = _flow(2050, "5001", "5001")
    assert flow is not None
    assert flow.employed == 15


def test_employed_by_residence_and_workplace_are_loaded_per_municipality() -> None:
    values: dict[str, float] = {
        code: value or 0.0
        for code, value in Observation.objects.filter(
            series__code__startswith="11618-", municipality__number="5001", period="2022"
        ).values_list("series__code", "value")
    }

    assert (
        values["11618-sysselsatte-15-74-arbeidssted"]
        > values["11618-sysselsatte-15-74-bosted"]
        > 100_000
    )


def test_a_jsonstat_file_from_pxwebapi_v2_loads_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "ssb.json"
    path.write_text(
        jsonstat2(
            table="99998",
            dimensions={
                "Region": [
                    ("5001", "Trondheim"),
                    ("1601", "Trondheim (-2017)"),
                    ("1662", "Klæbu (-2017)"),
                ],
                "ContentsCode": [("Personer1", "Personer")],
                "Tid": [("2017", "2017")],
            },
            values=[None, 190_000, 6_000],
            status={"0": ".."},
        ),
        encoding="utf-8",
    )

    call_command(
        "import_ssb_table", str(path), "--format", "jsonstat", verbosity=0, no_progress=True
    )

    cell = Observation.objects.get(
        series__code="99998-Personer1", municipality__number="5001", period="2017"
    )
    # 5001 did not exist in 2017: SSB's empty ".." cell for it is dropped, not summed
    assert (cell.value, cell.status, cell.harmonisation) == (196_000, "", Harmonisation.MERGED)
    assert cell.harmonisation_note == "Sum av 1601 + 1662"
