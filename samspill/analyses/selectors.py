"""Reads of the analyses app: cached analysis runs and the inputs that key them.

The statistics are open data (SSB, CC BY 4.0), like the region pages: no user scope narrows
them. Starting a new background job needs a login (views decide that).
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.shortcuts import get_object_or_404

from samspill.analyses import frames
from samspill.analyses.exceptions import AnalysisDataMissingError
from samspill.analyses.models import (
    AnalysisRun,
    Classification,
    ClassificationMember,
    RegionIndustryTypes,
)
from samspill.analytics.industry_types import (
    SSB_GROUP_INDUSTRY_TYPES,
    ssb_group_type_mix,
)
from samspill.regions.models import Municipality, MunicipalityChange, Region


@dataclass(frozen=True)
class LabourMarketRegionRequest:
    """Parameters of one labour-market-region run (LabourMarketAreas minSZ/minSC/tarSZ/tarSC).

    Defaults are the LabourMarketAreas vignette values that `samspill.analytics` documents
    (1000 / 0.6667 / 10000 / 0.75); sizes are employed residents.
    """

    year: int
    minimum_size: float = 1000.0
    minimum_self_containment: float = 0.6667
    target_size: float = 10000.0
    target_self_containment: float = 0.75

    def as_parameters(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT_LMA_YEAR = 2022


def analysis_cache_key(*, kind: str, parameters: dict[str, Any], fingerprint: str) -> str:
    """Hash of kind, parameters and data fingerprint: equal inputs, equal key."""
    text = json.dumps([kind, parameters, fingerprint], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def lma_fingerprint(*, year: int) -> str:
    """Fingerprint of the commuting matrix of `year` (raises if there is no matrix)."""
    series = frames.series_find(frames.COMMUTING)
    if series is None:
        raise AnalysisDataMissingError("Pendlingsdata (SSB 03321) er ikke importert.")
    return frames.commuting_fingerprint(series=series, years=[year])


def commuting_year_choices() -> list[int]:
    """Years with a commuting matrix, newest first (empty when none is imported)."""
    series = frames.series_find(frames.COMMUTING)
    if series is None:
        return []
    return sorted(frames.commuting_years(series=series), reverse=True)


def lma_run_find(*, request: LabourMarketRegionRequest) -> AnalysisRun | None:
    """The live (not failed) run for these parameters and today's data, if one was requested."""
    fingerprint = lma_fingerprint(year=request.year)
    key = analysis_cache_key(
        kind=AnalysisRun.Kind.LABOUR_MARKET_REGIONS,
        parameters=request.as_parameters(),
        fingerprint=fingerprint,
    )
    return (
        AnalysisRun.objects.filter(cache_key=key).exclude(status=AnalysisRun.Status.FAILED).first()
    )


def lma_run_get(*, pk: int) -> AnalysisRun:
    """One labour-market-region run, or 404."""
    return get_object_or_404(AnalysisRun, pk=pk, kind=AnalysisRun.Kind.LABOUR_MARKET_REGIONS)


def lma_runs_recent(*, limit: int = 10) -> list[AnalysisRun]:
    """The latest labour-market-region runs (for the page's list of earlier results)."""
    return list(
        AnalysisRun.objects.filter(kind=AnalysisRun.Kind.LABOUR_MARKET_REGIONS).defer("result")[
            :limit
        ]
    )


def municipality_choices(*, numbers: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(number, name) of today's municipalities (or of `numbers`), by name."""
    municipalities = Municipality.objects.filter(valid_to__isnull=True)
    if numbers is not None:
        municipalities = municipalities.filter(number__in=numbers)
    return list(municipalities.order_by("name").values_list("number", "name"))


def predecessor_numbers() -> dict[str, list[str]]:
    """Today's municipality number → the numbers it was made from (reform history)."""
    links: dict[str, list[str]] = {}
    for successor, predecessor in MunicipalityChange.objects.filter(
        successor__valid_to__isnull=True
    ).values_list("successor__number", "predecessor__number"):
        links.setdefault(successor, []).append(predecessor)
    return links


def classification_list() -> list[Classification]:
    """Every loaded classification (open data, like the statistics), by name."""
    return list(Classification.objects.all())


def classification_get(*, slug: str) -> Classification:
    """One classification, or 404."""
    return get_object_or_404(Classification, slug=slug)


def classification_members(*, classification: Classification) -> dict[str, tuple[str, str]]:
    """Municipality number → (class code, class name) of a classification."""
    return {
        number: (code, name)
        for number, code, name in ClassificationMember.objects.filter(
            classification=classification
        ).values_list("municipality__number", "class_code", "class_name")
    }


def lma_run_latest_done() -> AnalysisRun | None:
    """The newest finished labour-market-region run (the default to compare with)."""
    return (
        AnalysisRun.objects.filter(
            kind=AnalysisRun.Kind.LABOUR_MARKET_REGIONS, status=AnalysisRun.Status.DONE
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


def default_group_types() -> dict[str, str]:
    """SSB's 16 typed groups → the type with most jobs nationally (`SSB_GROUP_INDUSTRY_TYPES`)."""
    return {label: kind.value for label, kind in SSB_GROUP_INDUSTRY_TYPES.items()}


def region_industry_types_get(*, region: Region) -> RegionIndustryTypes | None:
    """The region's own industry-type mapping, if it has set one."""
    return RegionIndustryTypes.objects.filter(region=region).first()


def region_industry_types(*, region_slug: str) -> dict[str, str]:
    """The mapping the analyses of the region use: the defaults with the region's overrides."""
    stored = (
        RegionIndustryTypes.objects.filter(region__slug=region_slug)
        .values_list("overrides", flat=True)
        .first()
    )
    return default_group_types() | {
        str(group): str(kind)
        for group, kind in (stored or {}).items()
        if group in SSB_GROUP_INDUSTRY_TYPES
    }


def national_group_type_mix() -> list[dict[str, Any]]:
    """Each SSB group's jobs in Norway by industry type (SSB 11656; empty when not imported):
    ``group, industry_type, employment, share, most_common`` rows."""
    jobs = frames.national_division_jobs_frame()
    if jobs.empty:
        return []
    return [
        {str(key): value for key, value in row.items()}
        for row in ssb_group_type_mix(jobs).to_dict("records")
    ]
