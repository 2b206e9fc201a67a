"""Dashboard pages: the region and municipality dashboards (cached), their areas and the headline
population fact of the region and municipality pages."""

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samspill.regions.models import Municipality, Region
from samspill.regions.selectors import region_members
from samspill.stats.models import Series
from samspill.stats.presenters._common import Area, ChartTable, _fmt, _gap_notes
from samspill.stats.presenters.commuting import commuting_charts, default_centre
from samspill.stats.presenters.employment import employment_charts
from samspill.stats.presenters.population import (
    age_chart,
    population_change_label,
    population_chart,
)
from samspill.stats.selectors import (
    COMMUTING,
    EMPLOYED_BY_RESIDENCE,
    EMPLOYED_BY_WORKPLACE,
    POPULATION,
    Place,
    municipality_places,
    population_totals,
    series_by_code,
)


@dataclass
class Dashboard:
    """Everything a dashboard page shows."""

    area: Area
    compare: Area | None
    facts: list[tuple[str, str]]
    charts: dict[str, ChartTable]
    notes: list[str]
    flow_map: dict[str, Any] | None
    missing: list[str]

    @property
    def export_view(self) -> str:
        """The URL name of a chart's download (stats/_chart.html)."""
        kind = "region" if self.area.kind == "region" else "municipality"
        return f"stats:{kind}-chart-export"

    @property
    def export_query(self) -> str:
        """The download holds the comparison the page shows."""
        return f"?{urlencode({'sammenlign': self.compare.key})}" if self.compare else ""


DASHBOARD_SERIES = [POPULATION, COMMUTING, EMPLOYED_BY_RESIDENCE, EMPLOYED_BY_WORKPLACE]
DASHBOARD_CACHE_SECONDS = 3600


def _cache_key(area: Area, compare: Area | None, series: dict[str, Series]) -> str:
    """Everything the dashboard depends on: areas and members, language, each series' version."""
    versions = [
        (code, item.pk, item.imported_at.isoformat() if item.imported_at else "", item.known_gaps)
        for code, item in sorted(series.items())
    ]
    parts = [
        area.kind, area.key, area.ids, area.centre, area.centre_chosen, compare.key if compare else "", compare.ids if compare else [],
        get_language(), versions,
    ]  # fmt: skip
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"stats:dashboard:{digest}"


def dashboard(*, area: Area, compare: Area | None, places: dict[int, Place]) -> Dashboard:
    """All charts and facts of one area's dashboard, cached per process until the data changes.

    The key holds each series' import time and gaps, so a new import (in any process) is seen
    at once; only a stale cache of municipality names could outlive a change (one hour)."""
    series = series_by_code(codes=DASHBOARD_SERIES)
    key = _cache_key(area, compare, series)
    cached = cache.get(key)
    if isinstance(cached, Dashboard):
        return cached
    board = _dashboard(area=area, compare=compare, places=places, series=series)
    cache.set(key, board, timeout=DASHBOARD_CACHE_SECONDS)
    return board


def _dashboard(
    *, area: Area, compare: Area | None, places: dict[int, Place], series: dict[str, Series]
) -> Dashboard:
    charts: dict[str, ChartTable] = {}
    facts: list[tuple[str, str]] = []
    missing = [
        code for code in (POPULATION, COMMUTING, EMPLOYED_BY_RESIDENCE) if code not in series
    ]
    population = population_chart(area, compare, series)
    if population is not None:
        charts[population.id] = population
        latest = population.rows[-1]
        facts.append(
            (latest[1].display, _("innbyggere 1. januar {year}").format(year=latest[0].value))
        )
        if len(population.rows) > 10:
            ten_back = population.rows[-11]
            if latest[1].value is not None and ten_back[1].value is not None:
                change = latest[1].value - ten_back[1].value
                facts.append(
                    (_fmt(abs(change)).display, population_change_label(change, ten_back[0].value))
                )
                if population.warnings:
                    facts[-1] = (
                        facts[-1][0],
                        facts[-1][1] + " " + _("(inkluderer anslag fra kilden, se merknad)"),
                    )
    ages = age_chart(area, series)
    if ages is not None:
        charts[ages.id] = ages
    for chart in employment_charts(area, series):
        charts[chart.id] = chart
    commuting = commuting_charts(area, series, places)
    for chart in commuting.charts:
        charts[chart.id] = chart
    facts += commuting.facts
    notes = _gap_notes(series.values(), area.numbers)
    if population is not None:
        notes = population.warnings + notes
    return Dashboard(
        area=area,
        compare=compare,
        facts=facts,
        charts=charts,
        notes=notes,
        flow_map=commuting.flow_map,
        missing=missing,
    )


def region_area(*, region: Region, places: dict[int, Place], centre: str | None = None) -> Area:
    """A region as an area of today's member municipalities (`centre`: a member's number)."""
    recorded = region_members(region=region)
    members = [places[member.municipality.pk] for member in recorded]
    numbers = {member.number for member in members}
    caveats = [
        _(
            "Tallene for {municipality} omfatter også {former}, som ikke var med i samarbeidet."
        ).format(
            municipality=member.municipality.name,
            former=", ".join(f"{former.name} ({former.number})" for former in member.also_includes),
        )
        for member in recorded
        if member.also_includes
    ]
    chosen = centre in numbers
    return Area(
        region.slug,
        region.name,
        members,
        "region",
        centre if chosen else default_centre(region.name, members),
        centre_chosen=chosen,
        caveats=caveats,
    )


def municipality_area(*, municipality: Municipality, places: dict[int, Place]) -> Area:
    """One municipality as an area."""
    return Area(
        key=municipality.number,
        label=municipality.name,
        members=[places[municipality.pk]],
        kind="municipality",
    )


def region_dashboard(
    *, region: Region, compare_slug: str | None = None, centre: str | None = None
) -> Dashboard:
    """The region dashboard; `compare_slug` names another region to index against, `centre`
    the member the commuting-to-centre figures are about (default: the one it is named after)."""
    places = municipality_places()
    compare = None
    if compare_slug and compare_slug != region.slug:
        other = Region.objects.filter(slug=compare_slug).first()
        if other is not None:
            compare = region_area(region=other, places=places)
    area = region_area(region=region, places=places, centre=centre)
    return dashboard(area=area, compare=compare, places=places)


def municipality_dashboard(
    *, municipality: Municipality, compare_slug: str | None = None
) -> Dashboard:
    """The municipality dashboard; `compare_slug` names a region to index against."""
    places = municipality_places()
    compare = None
    if compare_slug:
        other = Region.objects.filter(slug=compare_slug).first()
        if other is not None:
            compare = region_area(region=other, places=places)
    area = municipality_area(municipality=municipality, places=places)
    return dashboard(area=area, compare=compare, places=places)


@dataclass(frozen=True)
class PopulationFact:
    """The headline population of an area: the latest period and 1 January 2024."""

    population: float
    period: str
    population_2024: float | None


def _population_fact(ids: list[int]) -> PopulationFact | None:
    totals = population_totals(municipality_ids=ids) if ids else {}
    if not totals:
        return None
    period = max(totals)
    return PopulationFact(totals[period], period, totals.get("2024") if period != "2024" else None)


def region_population_fact(*, region: Region) -> PopulationFact | None:
    """Population of the region's members today (for the region page)."""
    ids = [member.municipality.pk for member in region_members(region=region)]
    return _population_fact(ids)


def municipality_population_fact(*, municipality: Municipality) -> PopulationFact | None:
    """Population of one municipality (for the municipality page)."""
    return _population_fact([municipality.pk])
