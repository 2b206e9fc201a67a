"""The statistics API: real figures, and 4xx with a reason for bad parameters."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_series_list_names_source_vintage_and_gaps(client: Client) -> None:
    response = client.get("/api/stats/series")

    assert response.status_code == 200
    by_code = {item["code"]: item for item in response.json()}
    assert by_code["07459-befolkning"]["first_period"] == "2006"
    assert by_code["03321-sysselsatte"]["licence"] == "CC BY 4.0"
    assert any(gap["municipality"] == "1508" for gap in by_code["03321-sysselsatte"]["known_gaps"])


def test_region_population_2024(client: Client) -> None:
    response = client.get(
        "/api/stats/regions/trondheimsregionen/population", {"from_year": 2024, "to_year": 2024}
    )

    assert response.status_code == 200
    assert response.json()["years"] == [
        {
            "year": 2024,
            "population": 315065,
            "index": pytest.approx(126.63, abs=0.01),
            "norway_index": pytest.approx(119.6, abs=0.1),
        }
    ]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ({"from_year": 2020, "to_year": 2010}, "must not be after"),
        ({"from_year": 1990}, "outside the loaded years 2006–2026"),
        ({"from_year": "abc"}, "invalid"),
    ],
)
def test_bad_population_parameters_answer_4xx_with_a_reason(
    client: Client, query: dict[str, str | int], reason: str
) -> None:
    response = client.get("/api/stats/regions/trondheimsregionen/population", query)

    assert 400 <= response.status_code < 500
    assert reason in str(response.json())


def test_region_commuting_by_year_and_centre_flows(client: Client) -> None:
    response = client.get("/api/stats/regions/trondheimsregionen/commuting", {"year": 2022})

    body = response.json()
    assert [row["year"] for row in body["years"]] == [2022]
    assert 0.9 < body["years"][0]["share_working_inside"] < 0.95
    assert sum(f["to_centre"] + f["from_centre"] for f in body["centre_flows"]) > 20_000


def test_commuting_for_a_year_not_loaded_says_which_are(client: Client) -> None:
    response = client.get("/api/stats/regions/trondheimsregionen/commuting", {"year": 2019})

    assert response.status_code == 400
    assert "loaded years: 2017, 2022" in response.json()["detail"]


def test_former_municipality_and_unknown_region(client: Client) -> None:
    assert client.get("/api/stats/municipalities/1601/population").status_code == 400
    assert client.get("/api/stats/municipalities/5001/population").status_code == 200
    assert client.get("/api/stats/regions/finnes-ikke/population").status_code == 404
