"""Benchmarking: every figure checked here is recomputed from the raw SSB files with the csv
module (not with Samspill's functions); ranks, page, export, API and CLI."""

import csv
import io
from collections import defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from samspill.analyses.benchmark import (
    INDICATORS,
    NATION_CODE,
    BenchmarkArea,
    benchmark,
    benchmark_areas,
)
from tests.conftest import REPO_DIR, SHARED_DIR
from tests.population.conftest import population_data  # noqa: F401 - a fixture used below

pytestmark = pytest.mark.django_db

DATA = SHARED_DIR / "data"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def members(slug: str) -> list[str]:
    return [
        row["municipality_number"]
        for row in _rows(REPO_DIR / "demo" / "regions.csv")
        if row["region_slug"] == slug and not row["valid_to"]
    ]


def population(numbers: list[str] | None, year: int, column: str = "befolkning") -> float:
    rows = _rows(DATA / "befolkning" / "befolkning_kommune_b2024_2006_2026.csv")
    return sum(
        float(r[column])
        for r in rows
        if int(r["aar"]) == year and (numbers is None or r["knr"] in numbers)
    )


def jobs(numbers: list[str] | None, year: int) -> float:
    rows = _rows(DATA / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv")
    return sum(
        float(r["sysselsatte_15_74_arbeidssted"])
        for r in rows
        if int(r["aar"]) == year and (numbers is None or r["knr"] in numbers)
    )


def flows_2022() -> list[tuple[str, str, float]]:
    rows = _rows(DATA / "pendling" / "pendling_03321_2022.csv")
    return [(r["bosted_knr"], r["arbeidssted_knr"], float(r["sysselsatte"])) for r in rows]


def commuting(numbers: list[str]) -> dict[str, float]:
    inside = set(numbers)
    residents = workers = internal = cross = 0.0
    for home, work, count in flows_2022():
        if home in inside:
            residents += count
            if work in inside:
                internal += count
                if home != work:
                    cross += count
        if work in inside:
            workers += count
    return {
        "self_containment": internal / residents,
        "job_ratio": workers / residents,
        "cross_commuting_share": cross / residents,
    }


@pytest.fixture
def result():
    return benchmark(areas=benchmark_areas(municipality_numbers=["5031"]))


def test_regions_figures_equal_the_raw_files(result):
    region = members("trondheimsregionen")
    assert len(region) == 8
    value = result.values
    assert value[("population", "trondheimsregionen")] == population(region, 2026)
    assert value[("population_growth", "trondheimsregionen")] == pytest.approx(
        population(region, 2026) / population(region, 2016) - 1
    )
    assert value[("share_67_plus", "trondheimsregionen")] == pytest.approx(
        population(region, 2026, "alder_67_pluss") / population(region, 2026)
    )
    assert value[("jobs", "trondheimsregionen")] == jobs(region, 2022)
    # 2017 uses the numbers of 2017 (Gjøvik was 0502): the region's members then, from the
    # correspondence file (all five were only renumbered, weight 1).
    gjovik = members("gjovikregionen")
    earlier = [
        row["knr_2017"]
        for row in _rows(DATA / "kommuner" / "korrespondanse_kommune_2017_til_2024.csv")
        if row["knr_2024"] in gjovik
    ]
    assert len(earlier) == 5
    assert value[("jobs_growth", "gjovikregionen")] == pytest.approx(
        jobs(gjovik, 2022) / jobs(earlier, 2017) - 1
    )
    expected = commuting(region)
    for key, number in expected.items():
        assert value[(key, "trondheimsregionen")] == pytest.approx(number), key
    assert value[("cross_commuting_share", "gjovikregionen")] == pytest.approx(
        commuting(gjovik)["cross_commuting_share"]
    )


def test_a_municipality_and_norway(result):
    value = result.values
    assert value[("population", "5031")] == population(["5031"], 2026)
    malvik = commuting(["5031"])
    assert value[("self_containment", "5031")] == pytest.approx(malvik["self_containment"])
    assert value[("job_ratio", "5031")] == pytest.approx(malvik["job_ratio"])
    # Cross-commuting between members needs a region; a municipality has none.
    assert value[("cross_commuting_share", "5031")] is None
    assert value[("population", NATION_CODE)] == population(None, 2026)
    assert value[("jobs", NATION_CODE)] == jobs(None, 2022)
    flows = flows_2022()
    total = sum(count for _h, _w, count in flows)
    at_home = sum(count for home, work, count in flows if home == work)
    assert value[("cross_commuting_share", NATION_CODE)] == pytest.approx(1 - at_home / total)
    # Self-containment and job ratio are 1 by definition for the whole country: not shown.
    assert value[("self_containment", NATION_CODE)] is None
    assert value[("job_ratio", NATION_CODE)] is None


def test_ranks_order_the_compared_areas(result):
    for indicator in result.indicators:
        ranked = [
            (result.values[(indicator.key, area.code)], result.ranks[(indicator.key, area.code)])
            for area in result.areas
            if result.values[(indicator.key, area.code)] is not None
        ]
        for value, rank in ranked:
            assert rank == 1 + sum(1 for other, _r in ranked if other > value)
    assert NATION_CODE not in {code for _key, code in result.ranks}


def test_a_member_missing_in_the_data_gives_no_partial_sum():
    # SSB keeps Ålesund and Haram (2024) on the former 1507 in the 2017–2022 tables.
    area = BenchmarkArea("municipality", "1508", "Ålesund", ("1508",))
    result = benchmark(areas=[area, BenchmarkArea("municipality", "5031", "Malvik", ("5031",))])
    assert result.values[("jobs", "1508")] is None
    assert result.values[("population", "1508")] is not None


def test_the_population_structure_indicators_equal_the_raw_files(result):
    """Old-age dependency from SSB's three age bands (07459), as the population pages define it."""
    region = members("trondheimsregionen")

    value = result.values[("old_age_dependency", "trondheimsregionen")]

    assert value == pytest.approx(
        100 * population(region, 2026, "alder_67_pluss") / population(region, 2026, "alder_20_66")
    )
    assert result.values[("old_age_dependency", NATION_CODE)] == pytest.approx(
        100 * population(None, 2026, "alder_67_pluss") / population(None, 2026, "alder_20_66")
    )
    assert result.periods["old_age_dependency"] == "2026"


@pytest.mark.usefixtures("population_data")
def test_the_employment_rate_is_the_population_pages_own():
    from samspill.population.selectors import indicator_values
    from samspill.regions.models import Municipality

    region = members("trondheimsregionen")
    ids = tuple(Municipality.objects.filter(number__in=region).values_list("pk", flat=True))
    expected = indicator_values(indicator="employment_rate", areas={"r": ids}, year=2022)["r"]

    result = benchmark(areas=benchmark_areas())

    assert expected is not None
    assert result.values[("employment_rate", "trondheimsregionen")] == pytest.approx(
        expected[1] / 100
    )


@pytest.mark.usefixtures("population_data")
def test_every_registered_indicator_is_shown_when_its_data_are_loaded():
    result = benchmark(areas=benchmark_areas(municipality_numbers=["5031"]))

    assert [i.key for i in result.indicators] == [i.key for i in INDICATORS]


def higher_education_share(numbers: set[str] | None, year: int) -> float:
    """Universitet og høgskole over «alle» for the whole population, from IMDi's raw file."""
    rows = _rows(DATA / "utdanning" / "utdanningsniva_kommune_imdi_2011_2020.csv")
    sums: dict[str, float] = defaultdict(float)
    for r in rows:
        if (
            int(r["aar"]) == year
            and r["bakgrunn"] == "Hele befolkningen"
            and (numbers is None or r["knr"] in numbers)
        ):
            sums[r["utdanningsniva"]] += float(r["personer"])
    return sums["Universitet og høgskole"] / sums["alle"]


@pytest.mark.usefixtures("population_data")
def test_the_higher_education_share_equals_imdis_raw_file_with_its_source():
    region = set(members("trondheimsregionen"))

    result = benchmark(areas=benchmark_areas(municipality_numbers=["5031"]))

    assert result.periods["higher_education"] == "2020"
    assert result.values[("higher_education", "trondheimsregionen")] == pytest.approx(
        higher_education_share(region, 2020)
    )
    assert result.values[("higher_education", "5031")] == pytest.approx(
        higher_education_share({"5031"}, 2020)
    )
    assert result.ranks[("higher_education", "trondheimsregionen")] is not None
    assert "IMDi" in result.source
    assert "Statistisk sentralbyrå, tabell" in result.source


def test_the_page_shows_regions_ranks_norway_and_sources(client):
    response = client.get(reverse("analyses:benchmark"), {"kommuner": "Malvik, 5035"})
    assert response.status_code == 200
    text = response.content.decode()
    for name in ("Trondheimsregionen", "Gjøvikregionen", "Malvik", "Stjørdal", "Norge"):
        assert name in text
    assert "nr. 1" in text
    assert "tabell 03321" in text
    assert 'data-chart="benchmark-chart"' in text
    # 319 865 inhabitants in Trondheimsregionen in 2026, written the Norwegian way
    assert f"{int(population(members('trondheimsregionen'), 2026)):,}".replace(",", "\xa0") in text


def test_an_unknown_municipality_is_an_error_next_to_the_field(client):
    response = client.get(reverse("analyses:benchmark"), {"kommuner": "Atlantis"})
    assert response.status_code == 422
    assert "Atlantis" in response.content.decode()


def test_the_region_list_links_to_the_benchmark(client):
    response = client.get(reverse("regions:region-list"))
    assert reverse("analyses:benchmark") in response.content.decode()


def test_the_export_has_values_ranks_and_norway(client):
    response = client.get(reverse("analyses:benchmark-export", args=["csv"]), {"kommuner": "5031"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:5] == ["omrade", "type", "kommuner", "population", "population_rangering"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_name["Malvik"]["population"] == str(int(population(["5031"], 2026)))
    assert by_name["Norge"]["population_rangering"] == ""


def test_the_api_gives_values_ranks_and_norway(client):
    response = client.get("/api/analyses/benchmark", {"municipalities": "5031"})
    assert response.status_code == 200
    body = response.json()
    malvik = next(area for area in body["areas"] if area["code"] == "5031")
    values = {v["indicator"]: v for v in malvik["values"]}
    assert values["population"]["value"] == population(["5031"], 2026)
    norway = {i["key"]: i["norway"] for i in body["indicators"]}
    assert norway["population"] == population(None, 2026)
    assert norway["self_containment"] is None
    assert client.get("/api/analyses/benchmark", {"municipalities": "9999"}).status_code == 404
    assert client.get("/api/analyses/benchmark", {"municipalities": "x"}).status_code == 422


def test_the_command_writes_the_same_table(capsys):
    call_command("compare", "benchmark", "--municipality", "5031")
    out = capsys.readouterr()
    lines = out.out.splitlines()
    assert lines[0].startswith("omrade;type;kommuner;population")
    assert any(line.startswith("Malvik;municipality;5031;") for line in lines)
    assert "Lisens: CC BY 4.0" in out.err


def test_grouped_counts_are_summed_per_year():
    # A guard on the helpers above: the raw files hold one row per municipality and year.
    seen: defaultdict[tuple[str, str], int] = defaultdict(int)
    for row in _rows(DATA / "befolkning" / "befolkning_kommune_b2024_2006_2026.csv"):
        seen[(row["knr"], row["aar"])] += 1
    assert set(seen.values()) == {1}


def test_a_new_indicator_is_one_registry_entry(monkeypatch):
    """The employment rate (built elsewhere) as the lead would add it: one entry, a rate of two
    series; its value is recomputed from the raw 11618 file."""
    from django.utils.translation import gettext_lazy

    from samspill.analyses import benchmark as module
    from samspill.analyses import frames

    entry = module.Indicator(
        "employment_rate",
        gettext_lazy("Sysselsettingsandel"),
        "percent",
        1,
        ("11618",),
        gettext_lazy("Sysselsatte bosatte 15–74 år / befolkningen 15–74 år."),
        *module._ratio(
            frames.EMPLOYED_BY_RESIDENCE, frames.SeriesSpec("11618", "befolkning-15-74")
        ),
    )
    monkeypatch.setattr(module, "INDICATORS", [*module.INDICATORS, entry])
    result = module.benchmark(areas=module.benchmark_areas())
    rows = _rows(DATA / "pendling" / "kommune_sysselsatte_11618_2017_2022.csv")
    region = set(members("trondheimsregionen"))
    employed = sum(
        float(r["sysselsatte_15_74_bosted"])
        for r in rows
        if r["aar"] == "2022" and r["knr"] in region
    )
    people = sum(
        float(r["befolkning_15_74_bosted"])
        for r in rows
        if r["aar"] == "2022" and r["knr"] in region
    )
    assert result.periods["employment_rate"] == "2022"
    assert result.values[("employment_rate", "trondheimsregionen")] == pytest.approx(
        employed / people
    )
