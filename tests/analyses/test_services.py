"""Labour-market-region runs: cached by parameters + data, executed as a background job."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samspill.analyses.exceptions import AnalysisDataMissingError
from samspill.analyses.models import AnalysisRun
from samspill.analyses.selectors import LabourMarketRegionRequest, lma_run_find
from samspill.analyses.services import (
    analysis_run_execute,
    analysis_run_request,
    lma_default_precompute,
)
from samspill.analyses.tasks import labour_market_regions_run
from samspill.audit.models import AuditEntry
from tests.accounts.factories import UserFactory

TRONDHEIM, MALVIK, MELHUS, BERGEN = "5001", "5031", "5028", "4601"

pytestmark = pytest.mark.django_db

DEFAULTS_2022 = LabourMarketRegionRequest(year=2022)


def test_requesting_a_run_enqueues_a_job_on_the_database_queue(commuting):
    user = UserFactory()

    run = analysis_run_request(request=DEFAULTS_2022, actor=user)

    assert run.status == AnalysisRun.Status.QUEUED
    job = DBTaskResult.objects.get(id=run.task_id)
    assert job.task_path == "samspill.analyses.tasks.labour_market_regions_run"
    assert job.args_kwargs["args"] == [run.pk]
    assert job.status == "READY"
    assert AuditEntry.objects.filter(object_pk=str(run.pk), action="create").exists()


def test_the_same_parameters_and_data_reuse_the_run_without_a_new_job(commuting):
    first = analysis_run_request(request=DEFAULTS_2022, actor=None)

    second = analysis_run_request(request=DEFAULTS_2022, actor=None)

    assert second.pk == first.pk
    assert DBTaskResult.objects.count() == 1


def test_other_parameters_make_a_new_run(commuting):
    first = analysis_run_request(request=DEFAULTS_2022, actor=None)

    other = analysis_run_request(
        request=LabourMarketRegionRequest(year=2022, minimum_size=500), actor=None
    )

    assert other.pk != first.pk


def test_new_data_for_the_year_invalidates_the_cached_result(commuting):
    first = analysis_run_request(request=DEFAULTS_2022, actor=None)
    commuting.flows.filter(year=2022, residence__number=BERGEN, workplace__number=BERGEN).delete()

    assert lma_run_find(request=DEFAULTS_2022) is None
    second = analysis_run_request(request=DEFAULTS_2022, actor=None)
    assert second.pk != first.pk
    assert second.data_fingerprint != first.data_fingerprint


def test_a_reimport_invalidates_the_cached_result(commuting):
    first = analysis_run_request(request=DEFAULTS_2022, actor=None)
    commuting.imported_at = timezone.now()
    commuting.save(update_fields=["imported_at"])

    assert lma_run_find(request=DEFAULTS_2022) is None
    assert analysis_run_request(request=DEFAULTS_2022, actor=None).pk != first.pk


def test_the_job_stores_the_regions_and_their_quality(commuting):
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)

    status = labour_market_regions_run.call(run.pk)

    run.refresh_from_db()
    assert status == AnalysisRun.Status.DONE
    assert (run.progress, run.error) == (100, "")
    assert run.result is not None
    assignment = run.result["assignment"]
    assert assignment[MALVIK] == assignment[TRONDHEIM] == assignment[MELHUS]
    assert assignment[BERGEN] != assignment[TRONDHEIM]
    assert len(assignment) == 356  # every municipality of 2022 (2024 structure) has a region
    assert sorted(n for region in run.result["regions"] for n in region["members"]) == sorted(
        assignment
    )
    summary = run.result["summary"]
    assert summary["regions"] == len(run.result["regions"])
    assert 0 < summary["share_working_in_own_region"] <= 1
    trondheim = next(r for r in run.result["regions"] if r["centre"] == TRONDHEIM)
    assert trondheim["name"] == "Trondheim - Tråante"
    assert run.duration_ms is not None
    assert run.finished_at is not None


def test_a_finished_run_is_not_computed_again(commuting):
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)
    analysis_run_execute(run_id=run.pk)
    finished_at = AnalysisRun.objects.get(pk=run.pk).finished_at

    again = analysis_run_execute(run_id=run.pk)

    assert again.finished_at == finished_at


def test_a_run_whose_data_disappeared_fails_with_the_reason(commuting):
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)
    commuting.flows.filter(year=2022).delete()

    analysis_run_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert "2022" in run.error


def test_impossible_parameters_fail_the_run_with_the_reason(commuting):
    run = analysis_run_request(
        request=LabourMarketRegionRequest(year=2022, minimum_size=20_000, target_size=10_000),
        actor=None,
    )

    analysis_run_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert "target_size" in run.error


def test_a_failed_run_can_be_requested_again(commuting):
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)
    AnalysisRun.objects.filter(pk=run.pk).update(status=AnalysisRun.Status.FAILED)

    again = analysis_run_request(request=DEFAULTS_2022, actor=None)

    assert again.pk != run.pk


def test_a_year_without_a_matrix_fails_with_the_reason(commuting):
    run = analysis_run_request(request=LabourMarketRegionRequest(year=1990), actor=None)

    analysis_run_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert run.error == "Ingen pendlingsdata for 1990."


def test_without_commuting_data_nothing_can_be_requested(commuting):
    commuting.delete()

    with pytest.raises(AnalysisDataMissingError):
        analysis_run_request(request=DEFAULTS_2022, actor=None)


def test_with_the_immediate_backend_the_job_runs_at_once(commuting, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    run = analysis_run_request(request=DEFAULTS_2022, actor=None)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.DONE


def test_the_demo_precomputes_the_default_run_once(commuting):
    run = lma_default_precompute()

    assert run is not None
    assert run.status == AnalysisRun.Status.DONE
    assert lma_default_precompute() == run
    assert AnalysisRun.objects.count() == 1


def test_the_demo_precompute_skips_without_data(commuting):
    commuting.delete()

    assert lma_default_precompute() is None


def test_the_database_worker_runs_the_queued_job(commuting, monkeypatch):
    # The worker closes "old" connections between tasks; inside the test's transaction on
    # PostgreSQL that would close the test's own connection. Housekeeping only: the real worker
    # still claims, runs and records the task.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.DONE
    assert DBTaskResult.objects.get(id=run.task_id).status == "SUCCESSFUL"


def test_a_run_with_unknown_parameters_fails_with_the_reason(commuting):
    run = analysis_run_request(request=DEFAULTS_2022, actor=None)
    AnalysisRun.objects.filter(pk=run.pk).update(parameters={"year": 2022, "unknown": 1})

    analysis_run_execute(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert "unknown" in run.error
