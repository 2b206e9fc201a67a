"""The labour-market-region page: cached result, starting a job, progress polling, map, exports."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samspill.analyses.models import AnalysisRun
from samspill.analyses.services import lma_default_precompute
from tests.accounts.factories import UserFactory
from tests.analyses.factories import AnalysisRunFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def default_run(commuting) -> AnalysisRun:
    run = lma_default_precompute()
    assert run is not None
    return run


def test_the_page_shows_the_cached_default_result_and_its_quality_in_bounded_queries(
    client, default_run, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("analyses:lma"))

    assert response.status_code == 200
    assert "Modularitet (Q)" in response.text
    assert "Gyldige regioner" in response.text
    assert "Trondheim - Tråante" in response.text
    assert reverse("analyses:lma-layer", args=[default_run.pk]) in response.text
    assert "Logg inn for å beregne" in response.text


def test_other_parameters_without_a_run_say_so(client, default_run):
    response = client.get(
        reverse("analyses:lma"),
        {
            "year": 2022,
            "minimum_size": 2000,
            "minimum_self_containment": 0.6,
            "target_size": 20000,
            "target_self_containment": 0.7,
        },
    )

    assert "Ingen beregning for disse parametrene" in response.text


def test_a_visitor_cannot_start_a_job(client, commuting):
    response = client.post(reverse("analyses:lma-start"), {"year": 2022})

    assert response.status_code == 302
    assert "/konto/logg-inn/" in response["Location"]
    assert not AnalysisRun.objects.exists()


def test_a_user_starts_a_job_and_is_sent_to_its_progress_page(client, commuting):
    client.force_login(UserFactory())

    response = client.post(
        reverse("analyses:lma-start"),
        {
            "year": 2022,
            "minimum_size": 2000,
            "minimum_self_containment": 0.6,
            "target_size": 20000,
            "target_self_containment": 0.7,
        },
    )

    run = AnalysisRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.parameters["minimum_size"] == 2000
    page = client.get(run.get_absolute_url())
    assert 'hx-trigger="every 2s"' in page.text
    assert 'aria-live="polite"' in page.text


def test_bad_parameters_are_shown_next_to_the_fields_and_kept(client, commuting):
    client.force_login(UserFactory())

    response = client.post(
        reverse("analyses:lma-start"),
        {
            "year": 2022,
            "minimum_size": 5000,
            "minimum_self_containment": 0.8,
            "target_size": 4000,
            "target_self_containment": 0.7,
        },
    )

    assert response.status_code == 422
    assert "Målstørrelsen må være større enn minste størrelse." in response.text
    assert "Minste selvforsyningsgrad kan ikke være høyere" in response.text
    assert 'value="5000"' in response.text
    assert not AnalysisRun.objects.exists()


def test_polling_a_running_job_returns_only_the_status_partial(client, commuting):
    run = AnalysisRunFactory(
        status=AnalysisRun.Status.RUNNING, progress=40, progress_note="Finner regioner"
    )

    response = client.get(run.get_absolute_url(), headers={"HX-Request": "true"})

    assert "<html" not in response.text
    assert "40 %" in response.text
    assert "Finner regioner" in response.text
    assert 'hx-trigger="every 2s"' in response.text


def test_polling_stops_when_the_job_is_done(client, default_run):
    response = client.get(default_run.get_absolute_url(), headers={"HX-Request": "true"})

    assert "hx-trigger" not in response.text
    assert "Modularitet (Q)" in response.text


def test_a_failed_job_shows_its_error(client, commuting):
    run = AnalysisRunFactory(
        status=AnalysisRun.Status.FAILED, error="Ingen pendlingsdata for 1990."
    )

    response = client.get(run.get_absolute_url())

    assert "Beregningen feilet: Ingen pendlingsdata for 1990." in response.text


def test_the_map_layer_gives_every_municipality_its_region_as_group(client, default_run):
    response = client.get(reverse("analyses:lma-layer", args=[default_run.pk]))

    features = response.json()["features"]
    assert len(features) >= 350
    groups = {f["properties"]["number"]: f["properties"]["group"] for f in features}
    assert groups["5031"] == groups["5001"] != groups["4601"]
    # SSB kept Ålesund's and Haram's flows on the pre-2024 number 1507: both get its region
    assert groups["1508"] == groups["1580"] != 0
    assert all(group != 0 for group in groups.values())
    assert set(features[0]["properties"]) == {"number", "name", "group", "group_name"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_result_downloads_with_source_parameters_and_licence(client, default_run, file_format):
    response = client.get(reverse("analyses:lma-export", args=[default_run.pk, file_format]))

    assert response.status_code == 200
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        assert "5031;Malvik" in text
    else:
        workbook = load_workbook(io.BytesIO(response.content))
        assert workbook["Data"].max_row == 357
        provenance = list(workbook["Kilde"].iter_rows(values_only=True))
        assert ("Kilde", "Statistisk sentralbyrå, tabell 03321") in provenance
        assert ("Lisens", "CC BY 4.0") in provenance
        assert ("Merknad", "Parameter minimum_size: 1000.0") in provenance


def test_an_unknown_export_format_is_404(client, default_run):
    response = client.get(reverse("analyses:lma-export", args=[default_run.pk, "pdf"]))

    assert response.status_code == 404


def test_a_user_queues_only_a_few_new_runs_but_may_reuse_any(client, commuting, settings):
    settings.LMA_RUN_LIMIT = 2
    client.force_login(UserFactory())
    url = reverse("analyses:lma-start")

    def start(minimum_size: int):
        return client.post(
            url,
            {
                "year": 2022,
                "minimum_size": minimum_size,
                "minimum_self_containment": 0.6,
                "target_size": 20000,
                "target_self_containment": 0.7,
            },
        )

    first, second = start(2000), start(2100)
    refused = start(2200)
    reused = start(2000)

    assert first.status_code == second.status_code == 302
    assert refused.status_code == 429
    assert "Vent litt før du starter flere" in refused.text
    assert refused["Retry-After"] == "3600"
    assert reused.status_code == 302  # an identical run is reused, never refused
    assert AnalysisRun.objects.count() == 2
