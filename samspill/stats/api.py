"""API endpoints for statistics (open data): series, and region/municipality figures."""

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from samspill.core.api import errors
from samspill.regions.selectors import municipality_get, region_get
from samspill.stats.presenters import (
    Area,
    ChartTable,
    commuting_charts,
    municipality_area,
    population_chart,
    region_area,
)
from samspill.stats.selectors import (
    COMMUTING,
    POPULATION,
    municipality_places,
    series_by_code,
    series_get,
    series_list,
)

router = Router(tags=["stats"])


class GapOut(Schema):
    period: str
    municipality: str
    note: str
    origin: str


class SeriesOut(Schema):
    code: str
    table_number: str
    title: str
    unit: str
    source: str
    licence: str
    first_period: str
    last_period: str
    vintage: str
    imported_at: datetime.datetime | None
    known_gaps: list[GapOut]


class SeriesDetailOut(SeriesOut):
    dimensions: dict[str, dict[str, object]]
    harmonisation_notes: list[str]


class PopulationYearOut(Schema):
    year: int
    population: float | None
    index: float | None
    norway_index: float | None


class PopulationOut(Schema):
    area: str
    members: list[str]
    base_year: int
    source: str
    years: list[PopulationYearOut]


class CommutingYearOut(Schema):
    year: int
    employed_residents: float | None
    jobs: float | None
    internal: float | None
    in_commuters: float | None
    out_commuters: float | None
    share_working_inside: float | None


class CentreFlowOut(Schema):
    municipality: str
    to_centre: float | None
    from_centre: float | None


class CommutingOut(Schema):
    area: str
    members: list[str]
    source: str
    years: list[CommutingYearOut]
    centre_flows: list[CentreFlowOut]


class YearRange(Schema):
    from_year: int | None = None
    to_year: int | None = None


def _source(table: str) -> str:
    return f"Kilde: Statistisk sentralbyrå, tabell {table}. Lisens: CC BY 4.0."


@router.get("/series", response=list[SeriesOut], summary="Every statistical series loaded")
def series(request: HttpRequest) -> list[SeriesOut]:
    return [SeriesOut.model_validate(item, from_attributes=True) for item in series_list()]


@router.get(
    "/series/{code}",
    response={200: SeriesDetailOut, **errors(404)},
    summary="One series with harmonisation notes",
)
def series_detail(request: HttpRequest, code: str) -> SeriesDetailOut:
    return SeriesDetailOut.model_validate(series_get(code=code), from_attributes=True)


def _population(area: Area, years: YearRange) -> PopulationOut:
    if (
        years.from_year is not None
        and years.to_year is not None
        and years.from_year > years.to_year
    ):
        raise HttpError(
            400, f"from_year ({years.from_year}) must not be after to_year ({years.to_year})"
        )
    chart = population_chart(area, None, series_by_code(codes=[POPULATION]))
    if chart is None:
        raise HttpError(
            409, "the population series (SSB 07459) is not loaded; run import_ssb_table"
        )
    rows = [
        PopulationYearOut(
            year=int(row[0].value),
            population=row[1].value,
            index=row[2].value,
            norway_index=row[3].value,
        )
        for row in chart.rows
    ]
    loaded = [row.year for row in rows]
    for name, year in (("from_year", years.from_year), ("to_year", years.to_year)):
        if year is not None and not loaded[0] <= year <= loaded[-1]:
            raise HttpError(
                400, f"{name} {year} is outside the loaded years {loaded[0]}–{loaded[-1]}"
            )
    chosen = [
        row for row in rows
        if (years.from_year is None or row.year >= years.from_year) and (years.to_year is None or row.year <= years.to_year)
    ]  # fmt: skip
    return PopulationOut(
        area=area.label,
        members=area.numbers,
        base_year=loaded[0],
        source=_source("07459"),
        years=chosen,
    )


def _commuting(area: Area, year: int | None) -> CommutingOut:
    places = municipality_places()
    result = commuting_charts(area, series_by_code(codes=[COMMUTING]), places)
    charts: dict[str, ChartTable] = {chart.id: chart for chart in result.charts}
    overview = charts.get("pendling")
    if overview is None:
        raise HttpError(409, "no commuting flows (SSB 03321) are loaded for this area")
    rows = [
        CommutingYearOut(
            year=int(row[0].value), employed_residents=row[1].value, jobs=row[2].value, internal=row[3].value,
            in_commuters=row[4].value, out_commuters=row[5].value,
            share_working_inside=None if row[6].value is None else round(row[6].value / 100, 4),
        )
        for row in overview.rows
    ]  # fmt: skip
    if year is not None:
        rows = [row for row in rows if row.year == year]
        if not rows:
            loaded = ", ".join(str(int(r[0].value)) for r in overview.rows)
            raise HttpError(400, f"year {year} has no commuting data; loaded years: {loaded}")
    centre = charts.get("pendling-senter")
    flows = [
        CentreFlowOut(municipality=row[0].value, to_centre=row[1].value, from_centre=row[2].value)
        for row in (centre.rows[:-1] if centre else [])
    ]
    return CommutingOut(
        area=area.label,
        members=area.numbers,
        source=_source("03321"),
        years=rows,
        centre_flows=flows,
    )


@router.get(
    "/regions/{slug}/population",
    response={200: PopulationOut, **errors(400, 404, 409, 422)},
    summary="A region's population by year",
    description=(
        "400 with the reason when from_year is after to_year, a year is outside the loaded "
        "years, or the number is a former municipality."
    ),
)
def region_population(request: HttpRequest, slug: str, years: Query[YearRange]) -> PopulationOut:
    return _population(
        region_area(region=region_get(slug=slug), places=municipality_places()), years
    )


@router.get(
    "/regions/{slug}/commuting",
    response={200: CommutingOut, **errors(400, 404, 409, 422)},
    summary="A region's commuting by year",
    description=("400 with the reason for a year without commuting data or a former municipality."),
)
def region_commuting(request: HttpRequest, slug: str, year: int | None = None) -> CommutingOut:
    return _commuting(region_area(region=region_get(slug=slug), places=municipality_places()), year)


@router.get(
    "/municipalities/{number}/population",
    response={200: PopulationOut, **errors(400, 404, 409, 422)},
    summary="A municipality's population by year",
    description=(
        "400 with the reason when from_year is after to_year, a year is outside the loaded "
        "years, or the number is a former municipality."
    ),
)
def municipality_population(
    request: HttpRequest, number: str, years: Query[YearRange]
) -> PopulationOut:
    municipality = municipality_get(number=number)
    if not municipality.is_current:
        raise HttpError(
            400,
            f"{number} is a former municipality; statistics are kept for today's municipalities",
        )
    return _population(
        municipality_area(municipality=municipality, places=municipality_places()), years
    )


@router.get(
    "/municipalities/{number}/commuting",
    response={200: CommutingOut, **errors(400, 404, 409, 422)},
    summary="A municipality's commuting by year",
    description=("400 with the reason for a year without commuting data or a former municipality."),
)
def municipality_commuting(
    request: HttpRequest, number: str, year: int | None = None
) -> CommutingOut:
    municipality = municipality_get(number=number)
    if not municipality.is_current:
        raise HttpError(
            400,
            f"{number} is a former municipality; statistics are kept for today's municipalities",
        )
    return _commuting(
        municipality_area(municipality=municipality, places=municipality_places()), year
    )
