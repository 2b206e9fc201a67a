"""The analyses API: results with source and licence; 4xx with a reason for bad parameters."""

import pytest

from samspill.analyses.services import lma_default_precompute

pytestmark = pytest.mark.django_db


def test_new_jobs_are_allocated_with_intervals(client):
    response = client.get(
        "/api/analyses/new-jobs", {"municipality": "5035", "jobs": 500, "year": 2022}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["licence"] == "CC BY 4.0"
    assert body["source"] == "Statistisk sentralbyrå, tabell 03321"
    assert sum(row["allocated_rounded"] for row in body["rows"]) == 500
    assert body["rows"][0]["municipality"] == "5035"
    assert body["rows"][0]["lower"] <= body["rows"][0]["allocated"] <= body["rows"][0]["upper"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"municipality": "5035", "jobs": 0}, 422),
        ({"municipality": "50", "jobs": 10}, 422),
        ({"municipality": "5035", "jobs": 10, "direction": "sideways"}, 422),
        ({"municipality": "9999", "jobs": 10}, 404),
        ({"municipality": "5035", "jobs": 10, "year": 1999}, 404),
    ],
)
def test_bad_new_jobs_parameters_answer_4xx_with_a_reason(client, params, status):
    response = client.get("/api/analyses/new-jobs", params)

    assert response.status_code == status
    assert response.json()["detail"]


def test_shift_share_for_a_region_adds_up(client, telemark_industries):
    response = client.get(
        "/api/analyses/shift-share",
        {"region": "notodden-byregion", "start_year": 2016, "end_year": 2025, "reference": "rest"},
    )

    assert response.status_code == 200
    body = response.json()
    region = body["totals"][0]
    assert region["area"] == "notodden-byregion"
    assert region["change"] == pytest.approx(
        region["national_share"] + region["industry_mix"] + region["regional_share"]
    )
    assert body["not_in_data"] == ["3303"]
    assert body["source"] == "Statistisk sentralbyrå, tabell 13470"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"region": "notodden-byregion", "municipality": "4005"}, 400),
        ({"region": "notodden-byregion", "start_year": 2020, "end_year": 2018}, 422),
        ({"region": "notodden-byregion", "start_year": 2000}, 422),
        ({"region": "notodden-byregion", "reference": "norge"}, 422),
        ({"region": "finnes-ikke"}, 404),
        ({"municipality": "5035"}, 404),
    ],
)
def test_bad_shift_share_parameters_answer_4xx(client, telemark_industries, params, status):
    response = client.get("/api/analyses/shift-share", params)

    assert response.status_code == status


def test_a_labour_market_region_run_reports_status_and_result(client, commuting):
    run = lma_default_precompute()
    assert run is not None

    response = client.get(f"/api/analyses/labour-market-regions/{run.pk}")

    body = response.json()
    assert body["status"] == "done"
    assert body["result"]["summary"]["regions"] > 50
    assert client.get("/api/analyses/labour-market-regions/999999").status_code == 404


def test_the_analyses_are_described_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "/api/analyses/new-jobs" in paths
    assert "/api/analyses/shift-share" in paths
    assert "/api/analyses/labour-market-regions/{run_id}" in paths


def test_the_api_names_the_reference_from_the_data_and_refuses_one_it_cannot_compute(
    client, telemark_industries
):
    url = "/api/analyses/shift-share"
    ok = client.get(url, {"region": "notodden-byregion", "reference": "rest"})
    norway = client.get(url, {"region": "notodden-byregion", "reference": "norway"})

    assert ok.status_code == 200
    body = ok.json()
    assert body["reference"] == "rest"
    assert body["reference_label"] == "Resten av Telemark (uten området selv)"
    assert body["available_references"] == {
        "county": "Telemark i alt",
        "rest": "Resten av Telemark (uten området selv)",
    }
    assert norway.status_code == 422
    assert "county, rest" in norway.json()["detail"]
