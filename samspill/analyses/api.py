"""API endpoints for the analyses (open data). Bad parameters answer 4xx with the reason."""

import math
from typing import Any, Literal

import pandas as pd
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import Field

from samspill.accounts.models import User
from samspill.analyses.area import (
    SCOPES,
    allocation_analysis,
    area_for_municipality,
    area_for_region,
    shift_share_analysis,
)
from samspill.analyses.benchmark import NATION_CODE, benchmark, benchmark_areas
from samspill.analyses.comparison import classification_comparison
from samspill.analyses.exceptions import AnalysisDataMissingError, AnalysisParameterError
from samspill.analyses.models import AnalysisRun
from samspill.analyses.selectors import (
    classification_get,
    classification_list,
    default_group_types,
    lma_run_get,
    national_group_type_mix,
    region_industry_types,
    region_industry_types_get,
)
from samspill.analyses.services import region_industry_types_update
from samspill.analyses.tables import LICENCE, ssb_source
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.models import Municipality
from samspill.regions.selectors import municipality_get, region_get

router = Router(tags=["analyses"])


def _number(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


class NewJobsQuery(Schema):
    municipality: str = Field(..., pattern=r"^\d{4}$", description="Kommunenummer, e.g. 5035.")
    jobs: int = Field(..., ge=1, le=1_000_000, description="New jobs (or new employed residents).")
    year: int = Field(2022, ge=1990, le=2100, description="Year of the commuting matrix.")
    direction: Literal["jobs", "residents"] = "jobs"
    confidence: float = Field(0.9, gt=0, lt=1)
    pool: int = Field(
        1,
        ge=1,
        le=30,
        description="Pool the shares of this many commuting years up to `year` (1: that year).",
    )


class AllocationRow(Schema):
    municipality: str
    name: str
    observed: float
    share: float
    allocated: float
    allocated_rounded: int
    standard_error: float
    lower: float
    upper: float


class AllocationOut(Schema):
    municipality: str
    count: int
    year: int
    years: list[int]
    direction: str
    confidence: float
    source: str
    licence: str
    assumptions: str
    rows: list[AllocationRow]


@router.get(
    "/new-jobs",
    response={200: AllocationOut, **errors(404, 422)},
    summary="Where will the workers of new jobs live?",
)
def new_jobs(request: HttpRequest, query: Query[NewJobsQuery]) -> AllocationOut:
    try:
        result = allocation_analysis(
            municipality=municipality_get(number=query.municipality),
            count=query.jobs,
            year=query.year,
            direction=query.direction,
            confidence=query.confidence,
            pool=query.pool,
        )
    except AnalysisDataMissingError as error:
        raise HttpError(404, str(error)) from error
    except AnalysisParameterError as error:
        raise HttpError(422, str(error)) from error
    rows = [
        AllocationRow(
            municipality=str(row["unit"]),
            name=str(row["name"]),
            observed=float(row["observed"]),
            share=float(row["share"]),
            allocated=float(row["allocated"]),
            allocated_rounded=int(row["allocated_rounded"]),
            standard_error=float(row["standard_error"]),
            lower=float(row["lower"]),
            upper=float(row["upper"]),
        )
        for row in result.rows.to_dict("records")
    ]
    return AllocationOut(
        municipality=query.municipality,
        count=result.count,
        year=result.year,
        years=result.years,
        direction=result.direction,
        confidence=result.confidence,
        source=ssb_source(result.table_number),
        licence=LICENCE,
        assumptions=(
            "New jobs recruit like the existing ones; no migration response; one pattern for all "
            "industries. Interval: normal approximation of Multinomial(N, p) with p estimated. "
            "Residence is the registered address, so weekly commuters count where they are "
            "registered, not where they sleep on weekdays."
        ),
        rows=rows,
    )


class ShiftShareQuery(Schema):
    region: str | None = Field(None, description="Region slug, e.g. notodden-byregion.")
    municipality: str | None = Field(None, pattern=r"^\d{4}$")
    start_year: int = Field(2016, ge=1990, le=2100)
    end_year: int = Field(2025, ge=1990, le=2100)
    reference: Literal["county", "rest", "norway", "telemark"] = Field(
        "county",
        description="county: the whole county (counties) of the area; rest: the county without "
        "the area; norway: every municipality. Only references the loaded data covers are "
        "computed (422 otherwise, naming those it offers); 'telemark' is the old name of county.",
    )
    scope: Literal["business", "all"] = Field(
        "business",
        description="business: without public administration, education, health and unknown "
        "(Telemarksforsking's attractiveness); all: every industry.",
    )


class ShiftShareRow(Schema):
    area: str
    start_employment: float
    end_employment: float
    change: float
    national_share: float | None
    industry_mix: float | None
    regional_share: float | None
    expected_change: float | None


class IndustryRow(ShiftShareRow):
    industry: str
    industry_type: str | None


class ShiftShareOut(Schema):
    area: str
    name: str
    start_year: int
    end_year: int
    reference: str
    reference_label: str
    available_references: dict[str, str]
    scope: str
    not_in_data: list[str]
    source: str
    licence: str
    totals: list[ShiftShareRow]
    industries: list[IndustryRow]


def _components(row: dict[Any, Any]) -> dict[str, Any]:
    national, mix = _number(row["national_share"]), _number(row["industry_mix"])
    return {
        "start_employment": float(row["start_employment"]),
        "end_employment": float(row["end_employment"]),
        "change": float(row["change"]),
        "national_share": national,
        "industry_mix": mix,
        "regional_share": _number(row["regional_share"]),
        "expected_change": None if national is None or mix is None else national + mix,
    }


@router.get(
    "/shift-share",
    response={200: ShiftShareOut, **errors(400, 404, 422)},
    summary="Shift-share of a region or municipality (SSB 13470, Telemark)",
    description="Give exactly one of `region` and `municipality`; otherwise 400 with the reason.",
)
def shift_share(request: HttpRequest, query: Query[ShiftShareQuery]) -> ShiftShareOut:
    if (query.region is None) == (query.municipality is None):
        raise HttpError(400, "Give exactly one of region or municipality.")
    area = (
        area_for_region(region=region_get(slug=query.region))
        if query.region is not None
        else area_for_municipality(municipality=municipality_get(number=str(query.municipality)))
    )
    try:
        result = shift_share_analysis(
            area=area,
            start_year=query.start_year,
            end_year=query.end_year,
            reference=query.reference,
            scope=query.scope,
        )
    except AnalysisParameterError as error:
        raise HttpError(422, str(error)) from error
    if result is None:
        raise HttpError(404, f"No employment by industry (SSB 13470) for {area.name}.")
    return ShiftShareOut(
        area=area.code,
        name=area.name,
        start_year=result.start_year,
        end_year=result.end_year,
        reference=result.reference,
        reference_label=result.reference_label,
        available_references={choice.key: choice.label for choice in result.references},
        scope=str(SCOPES[result.scope]),
        not_in_data=result.missing,
        source=ssb_source(result.table_number),
        licence=LICENCE,
        totals=[
            ShiftShareRow(area=str(row["region"]), **_components(row))
            for row in result.totals.to_dict("records")
        ],
        industries=[
            IndustryRow(
                area=area.code,
                industry=str(row["industry"]),
                industry_type=None if pd.isna(row["industry_type"]) else str(row["industry_type"]),
                **_components(row),
            )
            for row in result.by_industry.to_dict("records")
        ],
    )


class RunOut(Schema):
    id: int
    status: str
    progress: int
    parameters: dict[str, Any]
    error: str
    result: dict[str, Any] | None


@router.get(
    "/labour-market-regions/{run_id}",
    response={200: RunOut, **errors(404, 422)},
    summary="A labour-market-region run: status, progress and result",
)
def labour_market_region_run(request: HttpRequest, run_id: int) -> RunOut:
    run: AnalysisRun = lma_run_get(pk=run_id)
    return RunOut(
        id=run.pk,
        status=run.status,
        progress=run.progress,
        parameters=run.parameters,
        error=run.error,
        result=run.result,
    )


# --------------------------------------------------------------------------------------------
# Benchmarking and the comparison of labour-market regions with a loaded classification


class BenchmarkQuery(Schema):
    municipalities: str = Field(
        "",
        max_length=200,
        pattern=r"^(\d{4}(,\d{4}){0,19})?$",
        description="Municipality numbers to compare beside the regions, comma-separated.",
    )


class BenchmarkIndicatorOut(Schema):
    key: str
    label: str
    unit: Literal["count", "percent", "ratio"]
    period: str
    definition: str
    tables: list[str] = Field(description="The SSB tables read (empty for another source).")
    source: str | None = Field(
        default=None, description="A source other than SSB tables (e.g. IMDi), if any."
    )
    norway: float | None = Field(description="Norway's value; null where not meaningful.")


class BenchmarkValueOut(Schema):
    indicator: str
    value: float | None = Field(description="Shares as fractions (0–1), counts and ratios as is.")
    rank: int | None = Field(description="1 = highest among the compared areas.")


class BenchmarkAreaOut(Schema):
    kind: Literal["region", "municipality"]
    code: str
    name: str
    municipalities: list[str]
    values: list[BenchmarkValueOut]


class BenchmarkOut(Schema):
    source: str
    licence: str
    indicators: list[BenchmarkIndicatorOut]
    areas: list[BenchmarkAreaOut]


@router.get(
    "/benchmark",
    response={200: BenchmarkOut, **errors(404, 422)},
    summary="Every region (and chosen municipalities) on the key indicators, ranked, with Norway",
)
def benchmark_api(request: HttpRequest, query: Query[BenchmarkQuery]) -> BenchmarkOut:
    numbers = [n for n in query.municipalities.split(",") if n]
    known = set(Municipality.objects.filter(number__in=numbers).values_list("number", flat=True))
    if unknown := [n for n in numbers if n not in known]:
        raise HttpError(404, f"Unknown municipality number(s): {', '.join(unknown)}.")
    result = benchmark(areas=benchmark_areas(municipality_numbers=numbers))
    return BenchmarkOut(
        source=result.source,
        licence=LICENCE,
        indicators=[
            BenchmarkIndicatorOut(
                key=indicator.key,
                label=str(indicator.label),
                unit=indicator.unit,
                period=result.periods.get(indicator.key, ""),
                definition=str(indicator.definition),
                tables=list(indicator.tables),
                source=str(indicator.source) if indicator.source else None,
                norway=result.values.get((indicator.key, NATION_CODE)),
            )
            for indicator in result.indicators
        ],
        areas=[
            BenchmarkAreaOut(
                kind="region" if area.kind == "region" else "municipality",
                code=area.code,
                name=area.name,
                municipalities=list(area.numbers),
                values=[
                    BenchmarkValueOut(
                        indicator=indicator.key,
                        value=result.values.get((indicator.key, area.code)),
                        rank=result.ranks.get((indicator.key, area.code)),
                    )
                    for indicator in result.indicators
                ],
            )
            for area in result.areas
        ],
    )


class ClassificationOut(Schema):
    slug: str
    name: str
    source: str
    year: int | None
    version: int
    municipalities: int


@router.get(
    "/classifications",
    response={200: list[ClassificationOut]},
    summary="Loaded classifications of municipalities (to compare labour-market regions with)",
)
def classifications(request: HttpRequest) -> list[ClassificationOut]:
    return [
        ClassificationOut(
            slug=item.slug,
            name=item.name,
            source=item.source,
            year=item.year,
            version=item.version,
            municipalities=item.members.count(),
        )
        for item in classification_list()
    ]


class ComparisonQuery(Schema):
    classification: str = Field(..., max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")


class DifferenceOut(Schema):
    region: int
    region_centre: str
    matched_class: str
    matched_class_name: str
    other_class: str
    other_class_name: str
    municipalities: list[str]


class ComparisonOut(Schema):
    run: int
    year: int | None
    classification: str
    adjusted_rand_index: float
    municipalities: int
    regions: int
    classes: int
    differing_municipalities: int
    not_in_run: list[str]
    not_classified: list[str]
    differences: list[DifferenceOut]
    method: str


@router.get(
    "/labour-market-regions/{run_id}/comparison",
    response={200: ComparisonOut, **errors(404, 422)},
    summary="A finished labour-market-region run against a loaded classification (ARI, differences)",
)
def labour_market_region_comparison(
    request: HttpRequest, run_id: int, query: Query[ComparisonQuery]
) -> ComparisonOut:
    run: AnalysisRun = lma_run_get(pk=run_id)
    if run.result is None:
        raise HttpError(404, "The run has no result (yet).")
    classification = classification_get(slug=query.classification)
    try:
        comparison = classification_comparison(run=run, classification=classification)
    except ValueError as error:
        raise HttpError(422, str(error)) from error
    result = comparison.comparison
    return ComparisonOut(
        run=run.pk,
        year=comparison.year,
        classification=classification.slug,
        adjusted_rand_index=result.adjusted_rand_index,
        municipalities=result.units,
        regions=result.classes_first,
        classes=result.classes_second,
        differing_municipalities=result.differing_units,
        not_in_run=[number for number, _name in comparison.not_in_run],
        not_classified=[number for number, _name in comparison.not_classified],
        differences=[
            DifferenceOut(
                region=group.region,
                region_centre=group.region_name,
                matched_class=group.matched_class,
                matched_class_name=group.matched_class_name,
                other_class=group.other_class,
                other_class_name=group.other_class_name,
                municipalities=[number for number, _name in group.municipalities],
            )
            for group in comparison.groups
        ],
        method=(
            "Adjusted Rand index (Hubert & Arabie 1985) over the municipalities in both; a "
            "municipality differs when its class is not the class of its region's centre."
        ),
    )


class IndustryTypeGroupOut(Schema):
    group: str
    industry_type: str
    default: str
    national_mix: dict[str, float]
    """Share of the group's jobs in Norway by type (SSB 11656), 0–1."""


class IndustryTypesOut(Schema):
    region: str
    version: int | None
    """None until the region saves its own mapping (then send it back with a change)."""
    method: str
    source: str
    groups: list[IndustryTypeGroupOut]


class IndustryTypesIn(Schema):
    mapping: dict[str, Literal["basic", "visitor", "regional", "local"]] = Field(
        ..., description="SSB group label → type, for any of the 16 typed groups."
    )
    version: int | None = Field(None, description="The version you read (or If-Match).")


def _industry_types_out(slug: str) -> IndustryTypesOut:
    region = region_get(slug=slug)
    stored = region_industry_types_get(region=region)
    mapping = region_industry_types(region_slug=slug)
    mix: dict[str, dict[str, float]] = {}
    for row in national_group_type_mix():
        mix.setdefault(str(row["group"]), {})[str(row["industry_type"])] = float(row["share"])
    return IndustryTypesOut(
        region=slug,
        version=stored.version if stored else None,
        method="Telemarksforsking's industry types (næringstyper) in the attractiveness model; "
        "default per SSB group: the type with most jobs in the group in Norway.",
        source=ssb_source("11656"),
        groups=[
            IndustryTypeGroupOut(
                group=group,
                industry_type=mapping[group],
                default=default,
                national_mix=mix.get(group, {}),
            )
            for group, default in default_group_types().items()
        ],
    )


@router.get(
    "/regions/{slug}/industry-types",
    response={200: IndustryTypesOut, **errors(404)},
    summary="A region's industry type per SSB industry group, with the national mix",
)
def industry_types_get(request: HttpRequest, slug: str, response: HttpResponse) -> IndustryTypesOut:
    out = _industry_types_out(slug)
    if out.version is not None:
        response["ETag"] = etag(out.version)
    return out


@router.patch(
    "/regions/{slug}/industry-types",
    response={
        200: IndustryTypesOut,
        **errors(400, 401, 403, 404, 422, 428),
        409: ConflictOut,
    },
    auth=django_auth,
    openapi_extra=IF_MATCH,
    summary="Set a region's industry types (coordinators; version or If-Match once saved)",
    description="Groups left out keep their current type. The first save needs no version; "
    "later saves 428 without one and 409 with `current_version` when someone saved since.",
)
def industry_types_patch(
    request: HttpRequest, slug: str, payload: IndustryTypesIn, response: HttpResponse
) -> IndustryTypesOut:
    region = region_get(slug=slug)
    stored = region_industry_types_get(region=region)
    version = expected_version(request, payload.version, required=stored is not None)
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a User
    try:
        saved = region_industry_types_update(
            region=region,
            actor=request.user,
            mapping=dict(payload.mapping),
            expected_version=version,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValueError as error:
        raise HttpError(422, str(error)) from error
    response["ETag"] = etag(saved.version)
    return _industry_types_out(slug)
