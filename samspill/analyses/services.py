"""Writes of the analyses app: request a heavy analysis run (cached) and execute it in a job."""

import datetime
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.analyses import frames
from samspill.analyses.exceptions import AnalysisDataMissingError, AnalysisRateLimitedError
from samspill.analyses.importers.classification import ClassRow
from samspill.analyses.models import (
    AnalysisRun,
    Classification,
    ClassificationMember,
    RegionIndustryTypes,
)
from samspill.analyses.selectors import (
    DEFAULT_LMA_YEAR,
    LabourMarketRegionRequest,
    analysis_cache_key,
    lma_fingerprint,
)
from samspill.analytics.industry_types import SSB_GROUP_INDUSTRY_TYPES, IndustryType
from samspill.analytics.labour_market_regions import (
    AMOUNT,
    RESIDENCE,
    UNASSIGNED,
    WORKPLACE,
    labour_market_regions,
)
from samspill.audit.services import audit_record
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.core.ratelimit import rate_limit_hit
from samspill.regions.importers.errors import ImportFileError
from samspill.regions.models import Municipality, Region

Progress = Callable[[int, str], None]


@transaction.atomic
def analysis_run_request(
    *, request: LabourMarketRegionRequest, actor: User | None, enqueue: bool = True
) -> AnalysisRun:
    """The run for these parameters and today's data: an existing one, or a new queued job.

    A run that has not failed is reused (the cache); a new one is enqueued on the task queue
    (Django tasks, database backend) unless `enqueue` is False (the caller runs it itself).
    Each user may queue `LMA_RUN_LIMIT` new runs per `LMA_RUN_WINDOW_SECONDS` (reused runs are
    free); one more raises AnalysisRateLimitedError. Runs without an actor (jobs) are not limited.
    """
    from samspill.analyses.tasks import labour_market_regions_run

    kind = AnalysisRun.Kind.LABOUR_MARKET_REGIONS
    parameters = request.as_parameters()
    fingerprint = lma_fingerprint(year=request.year)
    key = analysis_cache_key(kind=kind, parameters=parameters, fingerprint=fingerprint)
    existing = AnalysisRun.objects.filter(cache_key=key).exclude(status=AnalysisRun.Status.FAILED)
    if (found := existing.first()) is not None:
        return found
    if actor is not None and rate_limit_hit(
        "analyses:lma-run",
        str(actor.pk),
        limit=settings.LMA_RUN_LIMIT,
        window_seconds=settings.LMA_RUN_WINDOW_SECONDS,
    ):
        raise AnalysisRateLimitedError(
            _(
                "Du har startet {limit} nye beregninger den siste perioden. Vent litt før du "
                "starter flere, eller bruk en beregning som allerede er gjort."
            ).format(limit=settings.LMA_RUN_LIMIT),
            retry_after_seconds=settings.LMA_RUN_WINDOW_SECONDS,
        )
    run = AnalysisRun(
        kind=kind,
        parameters=parameters,
        data_fingerprint=fingerprint,
        cache_key=key,
        requested_by=actor,
    )
    run.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            run.save()
    except IntegrityError:  # the same run was requested a moment ago
        return existing.get()
    audit_record(actor=actor, subject=run, action="create", changes={"parameters": parameters})
    if enqueue:
        result = labour_market_regions_run.enqueue(run.pk)
        run.task_id = str(result.id)
        run.save(update_fields=["task_id", "updated_at"])
    return run


def stale_runs_fail(*, now: datetime.datetime | None = None, dry_run: bool = False) -> list[int]:
    """Mark as failed the runs left "running" longer than `LMA_RUN_STALE_MINUTES` (their worker
    was killed): the page stops waiting, and the same analysis can be started again (a failed
    run is never reused). Run by the daily purge; returns the runs' ids."""
    minutes = settings.LMA_RUN_STALE_MINUTES
    if minutes < 1:
        raise ImproperlyConfigured("LMA_RUN_STALE_MINUTES must be at least 1.")
    moment = now or timezone.now()
    cutoff = moment - datetime.timedelta(minutes=minutes)
    stale = AnalysisRun.objects.filter(status=AnalysisRun.Status.RUNNING, started_at__lt=cutoff)
    ids = list(stale.order_by("pk").values_list("pk", flat=True))
    if dry_run:
        return ids
    reason = _(
        "Beregningen ble avbrutt: den hadde kjørt i over {minutes} minutter uten å bli ferdig "
        "(bakgrunnsjobben stanset). Start den på nytt."
    ).format(minutes=minutes)
    failed = []
    for pk in ids:
        with transaction.atomic():
            # Conditional: a run its worker finished a moment ago is left as it is.
            changed = AnalysisRun.objects.filter(
                pk=pk, status=AnalysisRun.Status.RUNNING, started_at__lt=cutoff
            ).update(
                status=AnalysisRun.Status.FAILED,
                error=reason,
                finished_at=moment,
                updated_at=moment,
            )
            if changed:
                run = AnalysisRun.objects.get(pk=pk)
                audit_record(
                    actor=None,
                    subject=run,
                    action="update",
                    changes={"status": [AnalysisRun.Status.RUNNING, AnalysisRun.Status.FAILED]},
                )
                failed.append(pk)
    return failed


def _progress(run: AnalysisRun) -> Progress:
    def report(percent: int, note: str) -> None:
        run.progress, run.progress_note = percent, note
        run.save(update_fields=["progress", "progress_note", "updated_at"])

    return report


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Compute a queued run and store its result or error (the body of the background job)."""
    run = AnalysisRun.objects.get(pk=run_id)
    if run.status == AnalysisRun.Status.DONE:
        return run
    run.status, run.started_at, run.error = AnalysisRun.Status.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error", "updated_at"])
    started = time.perf_counter()
    try:
        request = LabourMarketRegionRequest(**run.parameters)
        run.result = labour_market_regions_result(request=request, progress=_progress(run))
        run.status, run.progress, run.progress_note = AnalysisRun.Status.DONE, 100, ""
    except (AnalysisDataMissingError, ValueError, RuntimeError, TypeError) as error:
        run.status, run.error = AnalysisRun.Status.FAILED, str(error)
    except Exception as error:
        # Anything else is a bug: record it on the run (the page stops polling), then let the
        # task framework record the traceback too.
        _finish(
            run, started, status=AnalysisRun.Status.FAILED, error=f"{type(error).__name__}: {error}"
        )
        raise
    _finish(run, started, status=run.status, error=run.error)
    return run


def _finish(run: AnalysisRun, started: float, *, status: str, error: str) -> None:
    run.status, run.error = status, error
    run.finished_at = timezone.now()
    run.duration_ms = round((time.perf_counter() - started) * 1000)
    run.save()


def labour_market_regions_result(
    *, request: LabourMarketRegionRequest, progress: Progress | None = None
) -> dict[str, Any]:
    """Functional labour-market regions of Norway for one year, as JSON-ready data."""
    report = progress or (lambda percent, note: None)
    series = frames.series_find(frames.COMMUTING)
    if series is None:
        raise AnalysisDataMissingError("Pendlingsdata (SSB 03321) er ikke importert.")
    report(10, "Henter pendlingsmatrisen")
    flows = frames.commuting_frame(series=series, years=[request.year])
    if flows.empty:
        raise AnalysisDataMissingError(f"Ingen pendlingsdata for {request.year}.")
    report(40, "Finner bo- og arbeidsmarkedsregioner")
    matrix = flows.rename(columns={"employed": AMOUNT})
    found = labour_market_regions(
        matrix[[RESIDENCE, WORKPLACE, AMOUNT]],
        minimum_size=request.minimum_size,
        minimum_self_containment=request.minimum_self_containment,
        target_size=request.target_size,
        target_self_containment=request.target_self_containment,
    )
    report(80, "Lagrer resultatet")
    names = dict(Municipality.objects.values_list("number", "name"))
    jobs = flows.groupby("workplace")["employed"].sum()
    assignment = found.assignment.assign(jobs=found.assignment["unit"].map(jobs).fillna(0.0))
    members = {
        int(str(region)): group.sort_values("jobs", ascending=False)["unit"].astype(str).tolist()
        for region, group in assignment.groupby("region")
    }
    regions: list[dict[str, Any]] = []
    for row in found.regions.to_dict("records"):
        number = int(str(row["region"]))
        units = members.get(number, [])
        centre = units[0] if units else ""
        regions.append(
            {
                "region": number,
                "name": names.get(centre, centre),
                "centre": centre,
                "units": int(row["units"]),
                "employed_residents": float(row["employed_residents"]),
                "jobs": float(row["jobs"]),
                "live_and_work": float(row["live_and_work"]),
                "self_containment_supply": float(row["self_containment_supply_side"]),
                "self_containment_demand": float(row["self_containment_demand_side"]),
                "validity": float(row["validity"]),
                "members": units,
            }
        )
    regions.sort(key=lambda region: -float(region["jobs"]))
    supply = found.regions["self_containment_supply_side"].to_numpy(dtype="float64")
    demand = found.regions["self_containment_demand_side"].to_numpy(dtype="float64")
    minimum = np.minimum(supply, demand)
    return {
        "year": request.year,
        "parameters": request.as_parameters(),
        "source": {"table": series.table_number, "citation": series.citation},
        "summary": {
            "regions": found.region_count,
            "units": len(found.assignment),
            "modularity": float(found.modularity),
            "iterations": int(found.iterations),
            "valid_regions": int((found.regions["validity"] >= 1).sum()),
            "minimum_self_containment": float(minimum.min()) if len(minimum) else None,
            "median_self_containment": float(np.median(minimum)) if len(minimum) else None,
            "share_working_in_own_region": _share_inside(found.region_flows),
            "not_assigned": [str(unit) for unit in found.not_assigned],
            "zero_list": [str(unit) for unit in found.zero_list],
        },
        "regions": regions,
        "assignment": {
            str(unit): int(region)
            for unit, region in zip(
                found.assignment["unit"], found.assignment["region"], strict=True
            )
            if int(region) != UNASSIGNED
        },
    }


def _share_inside(region_flows: pd.DataFrame) -> float | None:
    total = float(region_flows["amount"].sum())
    if total <= 0:
        return None
    inside = region_flows.loc[region_flows["region_residence"] == region_flows["region_workplace"]]
    return float(inside["amount"].sum()) / total


def lma_default_precompute() -> AnalysisRun | None:
    """Compute (or reuse) the default-parameter run of the default year, synchronously.

    For `samspill demo`: the page shows a result right after `make run`. None when the
    commuting matrix of that year is not imported.
    """
    from samspill.analyses.tasks import labour_market_regions_run

    try:
        run = analysis_run_request(
            request=LabourMarketRegionRequest(year=DEFAULT_LMA_YEAR), actor=None, enqueue=False
        )
    except AnalysisDataMissingError:
        return None
    if run.status != AnalysisRun.Status.DONE:
        labour_market_regions_run.call(run.pk)
        run.refresh_from_db()
    return run


# --------------------------------------------------------------------------------------------
# Classifications to compare with (e.g. SSB's economic regions)


@transaction.atomic
def classification_import(
    *,
    actor: User | None,
    slug: str,
    name: str,
    rows: Sequence[ClassRow],
    source: str = "",
    description: str = "",
    year: int | None = None,
    expected_version: int | None = None,
    file_name: str = "",
) -> Classification:
    """Create or replace the classification `slug` with `rows` (one transaction).

    Only site administrators (or the command line, `actor=None`) load classifications. Every
    number must be one of today's municipalities (a classification of another municipality
    structure must be converted first; the error names the line). Today's municipalities the
    file leaves out are allowed and shown as "not classified" in comparisons.
    """
    if actor is not None and not actor.is_superuser:
        raise PermissionDeniedError(_("Bare administratorer kan laste inn inndelinger."))
    current = dict(Municipality.objects.filter(valid_to__isnull=True).values_list("number", "pk"))
    for row in rows:
        if row.number not in current:
            raise ImportFileError(
                f"{row.number} er ikke en av dagens kommuner (inndelingen må bruke dagens "
                "kommunenumre)",
                source=file_name,
                line=row.line,
            )
    classification = Classification.objects.select_for_update().filter(slug=slug).first()
    fields = {"name": name, "source": source, "description": description, "year": year}
    if classification is None:
        classification = Classification.objects.create(slug=slug, **fields)
        action = "import"
        before = 0
    else:
        before = classification.members.count()
        version_claim(classification, expected_version=expected_version)
        for field_name, value in fields.items():
            setattr(classification, field_name, value)
        classification.save(update_fields=[*fields, "updated_at"])
        classification.members.all().delete()
        action = "reimport"
    ClassificationMember.objects.bulk_create(
        ClassificationMember(
            classification=classification,
            municipality_id=current[row.number],
            class_code=row.class_code,
            class_name=row.class_name,
        )
        for row in rows
    )
    audit_record(
        actor=actor,
        subject=classification,
        action=action,
        changes={
            "members": [before, len(rows)],
            "classes": len({row.class_code for row in rows}),
            "file": file_name,
        },
    )
    bump_data_version()
    return classification


@transaction.atomic
def region_industry_types_update(
    *,
    region: Region,
    actor: User,
    mapping: dict[str, str],
    expected_version: int | None = None,
) -> RegionIndustryTypes:
    """Set the region's industry type of SSB's groups (coordinators of the region, admins).

    `mapping`: group label → type value, for any of the 16 typed groups; a group set to its
    default is stored as no override. Unknown groups or types raise ValueError. The first save
    creates the row (version 1); later saves need the version the editor read (ConflictError
    otherwise). Audited; bumps the data version (the analyses pages are cached by it).
    """
    if not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Du kan ikke endre næringstypene for denne regionen."))
    valid_types = {kind.value for kind in IndustryType}
    unknown = sorted(set(mapping) - set(SSB_GROUP_INDUSTRY_TYPES))
    if unknown:
        raise ValueError(_("Ukjente næringsgrupper: %(groups)s") % {"groups": ", ".join(unknown)})
    bad = sorted(group for group, kind in mapping.items() if kind not in valid_types)
    if bad:
        raise ValueError(_("Ugyldig næringstype for: %(groups)s") % {"groups": ", ".join(bad)})
    stored, created = RegionIndustryTypes.objects.select_for_update().get_or_create(region=region)
    overrides = {
        group: kind
        for group, kind in sorted(mapping.items())
        if kind != SSB_GROUP_INDUSTRY_TYPES[group].value
    }
    if not created:
        unchanged = {
            group: kind for group, kind in stored.overrides.items() if group not in mapping
        }
        overrides = unchanged | overrides
        if overrides == stored.overrides:
            return stored
        version_claim(stored, expected_version=expected_version)
    before = dict(stored.overrides)
    stored.overrides = overrides
    stored.full_clean()
    stored.save()
    audit_record(
        actor=actor,
        subject=stored,
        action="create" if created else "update",
        changes={"overrides": [before, overrides]},
    )
    bump_data_version()
    return stored
