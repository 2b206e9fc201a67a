"""New jobs, new taxpayers: shares pooled over several commuting years, on a map and a chart."""

import csv

import pytest
from django.urls import reverse

from samspill.analyses.area import allocation_analysis
from samspill.analyses.exceptions import AnalysisParameterError
from samspill.regions.models import Municipality
from tests.conftest import SHARED_DIR

pytestmark = pytest.mark.django_db

PENDLING = SHARED_DIR / "data" / "pendling"


def _raw_pooled_home_share(*, numbers: dict[int, str]) -> float:
    """Share of a municipality's workers living in it, flows of the years summed.

    `numbers`: the municipality's number in each year's file (2017 used 2017 numbers)."""
    home = total = 0.0
    for year, number in numbers.items():
        with (PENDLING / f"pendling_03321_{year}.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["arbeidssted_knr"] == number:
                    total += float(row["sysselsatte"])
                    if row["bosted_knr"] == number:
                        home += float(row["sysselsatte"])
    return home / total


def test_pooling_two_years_uses_the_summed_flows_of_both():
    # Bardu: 5520 today, 5416 in the 2022 file, 1922 in the 2017 file; pooled by today's number.
    bardu = Municipality.objects.get(number="5520")

    result = allocation_analysis(
        municipality=bardu, count=1000, year=2022, direction="jobs", pool=2
    )
    single = allocation_analysis(municipality=bardu, count=1000, year=2022, direction="jobs")

    assert result.years == [2017, 2022]
    assert single.years == [2022]
    shares = result.rows.set_index("unit")["share"]
    assert shares["5520"] == pytest.approx(
        _raw_pooled_home_share(numbers={2017: "1922", 2022: "5416"})
    )
    assert single.rows.set_index("unit")["share"]["5520"] == pytest.approx(
        _raw_pooled_home_share(numbers={2022: "5416"})
    )
    assert result.rows["allocated_rounded"].sum() == 1000


def test_pooling_more_years_than_the_data_has_is_refused():
    with pytest.raises(AnalysisParameterError):
        allocation_analysis(
            municipality=Municipality.objects.get(number="5520"),
            count=10,
            year=2022,
            direction="jobs",
            pool=5,
        )


def test_the_page_shows_the_pooled_years_the_map_chart_and_the_weekly_commuter_caveat(client):
    query = {"count": 100, "municipality": "5520", "year": 2022, "direction": "jobs", "pool": 2}
    page = client.get(reverse("analyses:new-jobs"), query)
    layer = client.get(reverse("analyses:new-jobs-layer"), query)

    assert page.status_code == 200
    text = page.text
    assert "bodde i 2017 og 2022" in text
    assert "Ukependlere telles der de er registrert" in text
    assert 'data-allocation-layer-url="/analyser/nye-jobber/kart.geojson?' in text
    assert 'data-chart="allocation-chart"' in text
    features = layer.json()["features"]
    assert sum(feature["properties"]["allocated"] for feature in features) <= 100
    origin = [feature for feature in features if feature["properties"]["origin"]]
    assert [feature["properties"]["number"] for feature in origin] == ["5520"]


def test_the_api_and_the_command_pool_years(client):
    from io import StringIO

    from django.core.management import call_command

    response = client.get(
        "/api/analyses/new-jobs", {"municipality": "5520", "jobs": 100, "year": 2022, "pool": 2}
    )
    too_many = client.get(
        "/api/analyses/new-jobs", {"municipality": "5520", "jobs": 100, "year": 2022, "pool": 9}
    )
    out, err = StringIO(), StringIO()
    call_command(
        "analyse", "new-jobs", "--municipality", "5520", "--jobs", "100", "--pool", "2",
        stdout=out, stderr=err,
    )  # fmt: skip

    assert response.status_code == 200
    assert response.json()["years"] == [2017, 2022]
    assert "weekly commuters" in response.json()["assumptions"]
    assert too_many.status_code == 422
    assert "ar_slatt_sammen: 2017, 2022" in err.getvalue()
