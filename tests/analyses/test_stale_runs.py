"""Runs left "running" by a killed worker are failed by the daily purge, so they can start again."""

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from samspill.analyses.models import AnalysisRun
from samspill.analyses.services import stale_runs_fail
from samspill.audit.models import AuditEntry
from tests.analyses.factories import AnalysisRunFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 4, 0, tzinfo=datetime.UTC)  # the purge's fixed clock
PURGE_UNIT = Path(__file__).resolve().parents[2] / "deploy" / "systemd" / "samspill-purge.service"


def _running(minutes_ago: int, **kwargs: Any) -> AnalysisRun:
    started = NOW - datetime.timedelta(minutes=minutes_ago)
    run: AnalysisRun = AnalysisRunFactory.create(
        status=AnalysisRun.Status.RUNNING, started_at=started, **kwargs
    )
    return run


def test_a_run_running_longer_than_the_setting_is_failed_with_a_reason(settings: Any) -> None:
    settings.LMA_RUN_STALE_MINUTES = 60
    stale = _running(61, cache_key="a" * 64)
    fresh = _running(59)
    done = AnalysisRunFactory.create(
        status=AnalysisRun.Status.DONE, started_at=NOW - datetime.timedelta(days=3)
    )

    failed = stale_runs_fail(now=NOW)

    assert failed == [stale.pk]
    stale.refresh_from_db()
    assert stale.status == AnalysisRun.Status.FAILED
    assert "60 minutter" in stale.error
    assert stale.finished_at == NOW
    assert not stale.is_pending  # the page stops waiting for it
    fresh.refresh_from_db()
    done.refresh_from_db()
    assert (fresh.status, done.status) == (AnalysisRun.Status.RUNNING, AnalysisRun.Status.DONE)
    assert AuditEntry.objects.filter(object_pk=str(stale.pk), action="update").exists()
    # the same analysis can be started again: a failed run does not hold its key
    again = AnalysisRunFactory.create(cache_key="a" * 64)
    assert again.status == AnalysisRun.Status.QUEUED


def test_a_dry_run_changes_nothing(settings: Any) -> None:
    settings.LMA_RUN_STALE_MINUTES = 60
    stale = _running(600)

    assert stale_runs_fail(now=NOW, dry_run=True) == [stale.pk]

    stale.refresh_from_db()
    assert stale.status == AnalysisRun.Status.RUNNING


def test_the_age_must_be_positive(settings: Any) -> None:
    settings.LMA_RUN_STALE_MINUTES = 0

    with pytest.raises(ImproperlyConfigured):
        stale_runs_fail(now=NOW)


def test_the_daily_purge_runs_the_command(settings: Any) -> None:
    settings.LMA_RUN_STALE_MINUTES = 1
    stale = AnalysisRunFactory.create(
        status=AnalysisRun.Status.RUNNING,
        started_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    out = StringIO()

    call_command("fail_stale_analysis_runs", stdout=out)

    assert "Marked 1 stale run(s) as failed" in out.getvalue()
    stale.refresh_from_db()
    assert stale.status == AnalysisRun.Status.FAILED
    assert "samspill fail_stale_analysis_runs" in PURGE_UNIT.read_text()
