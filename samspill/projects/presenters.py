"""Projects turned into what the pages, PDFs and layers show: facts with their sources (stale
ones marked), the timeline's bars, the construction-load chart and the map's FeatureCollection."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry

from samspill.core.exports import ExportTable
from samspill.geo.shapes import GeometryError, parse_geometry, to_geojson, to_metric_many
from samspill.projects.load import Construction, QuarterLoad
from samspill.projects.models import (
    PHASE_ORDER,
    FactGroup,
    PhaseKind,
    Project,
    ProjectKind,
    ProjectStatus,
)
from samspill.projects.selectors import (
    BuildingProject,
    CorridorResult,
    LayerRow,
    NeededSite,
    project_url,
)
from samspill.regions.models import Municipality


@dataclass(frozen=True)
class FactSource:
    """Where a group of facts comes from, and whether it is older than the configured age."""

    group: str
    label: str
    source: str
    date: datetime.date | None
    is_stale: bool

    @property
    def is_missing(self) -> bool:
        return not self.source and self.date is None


def fact_sources(project: Project, *, today: datetime.date | None = None) -> dict[str, FactSource]:
    """One `FactSource` per fact group (empty when the project names none)."""
    today = today or timezone.localdate()
    limit = datetime.timedelta(days=settings.PROJECTS_FACT_STALE_DAYS)
    result: dict[str, FactSource] = {}
    for group in FactGroup:
        raw = project.sources.get(group.value) or {}
        date_text = raw.get("date") or ""
        try:
            date = datetime.date.fromisoformat(date_text) if date_text else None
        except ValueError:
            date = None
        result[group.value] = FactSource(
            group=group.value,
            label=str(group.label),
            source=raw.get("source", ""),
            date=date,
            is_stale=date is not None and today - date > limit,
        )
    return result


# Timeline --------------------------------------------------------------------------------------

TIMELINE_WIDTH = 1000
ROW_HEIGHT = 28
LABEL_WIDTH = 0  # names are in the table and in each row's <title>; the SVG is only bars


@dataclass(frozen=True)
class Bar:
    kind: str
    label: str
    period: str
    x: float
    width: float


@dataclass(frozen=True)
class TimelineRow:
    project: Project
    y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Timeline:
    first_year: int
    last_year: int
    rows: tuple[TimelineRow, ...]
    years: tuple[tuple[int, float], ...]  # (year, x) of each year's start
    height: int
    width: int = TIMELINE_WIDTH


def timeline(
    projects: Sequence[Project], *, first_year: int | None = None, last_year: int | None = None
) -> Timeline | None:
    """The projects' phases as bars on a common time axis (prefetched phases, no queries)."""
    phases = [phase for project in projects for phase in project.phases.all()]
    if not phases:
        return None
    first = first_year or min(phase.start for phase in phases).year
    last = last_year or max(phase.end for phase in phases).year
    if last < first:
        first, last = last, first
    axis_start = datetime.date(first, 1, 1)
    days = (datetime.date(last + 1, 1, 1) - axis_start).days

    def x_of(day: datetime.date) -> float:
        clamped = min(max(day, axis_start), datetime.date(last + 1, 1, 1))
        return round((clamped - axis_start).days / days * TIMELINE_WIDTH, 1)

    rows: list[TimelineRow] = []
    for index, project in enumerate(projects):
        bars = []
        for phase in project.phases.all():
            x0, x1 = x_of(phase.start), x_of(phase.end + datetime.timedelta(days=1))
            if x1 <= x0:
                continue
            bars.append(
                Bar(
                    kind=phase.kind,
                    label=str(PhaseKind(phase.kind).label),
                    period=phase.label,
                    x=x0,
                    width=round(x1 - x0, 1),
                )
            )
        rows.append(TimelineRow(project=project, y=index * ROW_HEIGHT + 24, bars=tuple(bars)))
    years = tuple((year, x_of(datetime.date(year, 1, 1))) for year in range(first, last + 1))
    return Timeline(
        first_year=first,
        last_year=last,
        rows=tuple(rows),
        years=years,
        height=len(rows) * ROW_HEIGHT + 30,
    )


PHASE_KINDS = [(kind, PhaseKind(kind).label) for kind in PHASE_ORDER]


# Construction load ----------------------------------------------------------------------------


def constructions(projects: Iterable[BuildingProject]) -> list[Construction]:
    """Projects with a construction phase and a construction employment figure."""
    return [
        Construction(
            project_id=project.pk,
            name=project.name,
            start=project.start,
            end=project.end,
            person_years_per_year=project.person_years_per_year,
        )
        for project in projects
        if project.person_years_per_year
    ]


@dataclass(frozen=True)
class LoadBar:
    label: str
    total: float
    baseline: float
    x: float
    height: float
    baseline_height: float
    over: bool


@dataclass(frozen=True)
class LoadChart:
    bars: tuple[LoadBar, ...]
    bar_width: float
    max_value: float
    workforce_y: float | None
    width: int = 1000
    height: int = 240


def load_chart(
    loads: list[QuarterLoad], *, baseline: list[QuarterLoad], workforce: int | None
) -> LoadChart | None:
    """Bars per quarter (with the what-if), the unmoved load as an outline, the workforce line."""
    quarters = sorted({load.quarter for load in loads} | {load.quarter for load in baseline})
    if not quarters:
        return None
    now = {load.quarter: load.total for load in loads}
    before = {load.quarter: load.total for load in baseline}
    top = max([*now.values(), *before.values(), float(workforce or 0), 1.0]) * 1.1
    plot_height = 220
    width = 1000 / len(quarters)
    bars = tuple(
        LoadBar(
            label=quarter.label(),
            total=now.get(quarter, 0.0),
            baseline=before.get(quarter, 0.0),
            x=round(index * width, 2),
            height=round(now.get(quarter, 0.0) / top * plot_height, 2),
            baseline_height=round(before.get(quarter, 0.0) / top * plot_height, 2),
            over=bool(workforce) and now.get(quarter, 0.0) > (workforce or 0),
        )
        for index, quarter in enumerate(quarters)
    )
    workforce_y = round(230 - workforce / top * plot_height, 2) if workforce else None
    return LoadChart(
        bars=bars, bar_width=round(max(width - 1, 0.5), 2), max_value=top, workforce_y=workforce_y
    )


# Map layer ------------------------------------------------------------------------------------


def project_feature(project: LayerRow) -> dict[str, Any] | None:
    if not project.geometry:
        return None
    return {
        "type": "Feature",
        "geometry": project.geometry,
        "properties": {
            "layer": "project",
            "id": project.pk,
            "name": project.name,
            "kind": project.kind,
            "status": project.status,
            "url": project_url(project.pk),
            "is_example": project.is_example,
        },
    }


def municipality_outline(municipality: Municipality) -> dict[str, Any] | None:
    if not municipality.boundary:
        return None
    return {
        "type": "Feature",
        "geometry": municipality.boundary,
        "properties": {"layer": "municipality", "name": municipality.name},
    }


def feature_collection(
    projects: Iterable[LayerRow], outlines: Iterable[Municipality]
) -> dict[str, Any]:
    features = [
        feature
        for feature in (
            *(municipality_outline(m) for m in outlines),
            *(project_feature(p) for p in projects),
        )
        if feature is not None
    ]
    return {"type": "FeatureCollection", "features": features}


# Collisions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Collision:
    first: BuildingProject
    second: BuildingProject
    distance_m: float
    overlap_start: datetime.date
    overlap_end: datetime.date
    near: bool = True
    sites: tuple[str, ...] = ()  # land-register sites both need (ADR 103)

    @property
    def reason(self) -> str:
        """Why the pair collides, in words: near each other, and/or both need the same land."""
        reasons = []
        if self.near:
            reasons.append(_("nær hverandre"))
        if self.sites:
            reasons.append(
                ngettext(
                    "begge trenger arealet %(sites)s",
                    "begge trenger arealene %(sites)s",
                    len(self.sites),
                )
                % {"sites": ", ".join(self.sites)}
            )
        return "; ".join(reasons)


def _site_overlaps(
    shapes_wgs84: Any, land_rows: list[int], sites: Sequence[NeededSite]
) -> dict[int, set[int]]:
    """Project row → the sites its geometry overlaps (touching a boundary is not overlapping)."""
    import numpy as np
    import shapely

    if not land_rows or not sites:
        return {}
    parsed = shapely.from_geojson(
        np.array([site.geometry_json for site in sites], dtype=object), on_invalid="ignore"
    )
    usable = np.flatnonzero(~shapely.is_missing(parsed) & ~shapely.is_empty(parsed))
    if not len(usable):
        return {}
    site_shapes = parsed[usable]
    project_shapes = np.empty(len(land_rows), dtype=object)
    project_shapes[:] = [shapes_wgs84[row] for row in land_rows]
    left, right = shapely.STRtree(site_shapes).query(project_shapes, predicate="intersects")
    overlapping = ~shapely.touches(project_shapes[left], site_shapes[right])
    found: dict[int, set[int]] = defaultdict(set)
    for i, j in zip(left[overlapping], right[overlapping], strict=True):
        found[land_rows[int(i)]].add(int(usable[int(j)]))
    return found


def collisions(
    projects: Sequence[BuildingProject],
    *,
    within_m: float,
    sites: Sequence[NeededSite] = (),
    limit: int = 200,
) -> list[Collision]:
    """Pairs of projects whose construction phases overlap in time and that lie closer than
    `within_m` (0 = touching), or that both need land (land need > 0 daa) and overlap the same
    business site of the land register (`sites`: those the user may see; ADR 103).

    Geometries were validated when saved, so their stored GeoJSON text is read by GEOS in one
    call for all (`from_geojson`, no Python dicts) and projected in one call (ADR 90)."""
    import numpy as np
    import shapely

    from samspill.geo.shapes import to_metric_many

    placed = [project for project in projects if project.geometry_json]
    parsed = shapely.from_geojson(
        np.array([p.geometry_json for p in placed], dtype=object), on_invalid="ignore"
    )
    usable = ~shapely.is_missing(parsed) & ~shapely.is_empty(parsed)
    building = [project for project, ok in zip(placed, usable, strict=True) if ok]
    shapes_wgs84 = list(parsed[usable])
    if len(building) < 2:
        return []
    shapes = np.empty(len(building), dtype=object)
    shapes[:] = to_metric_many(shapes_wgs84)
    starts = np.array([item.start.toordinal() for item in building])
    ends = np.array([item.end.toordinal() for item in building])
    # Candidate pairs by bounding boxes grown by the distance (cheap), then the overlap in time
    # (numpy), and exact distances only for what is left: most close pairs do not overlap.
    bounds = shapely.bounds(shapes)
    grown = shapely.box(
        bounds[:, 0] - within_m,
        bounds[:, 1] - within_m,
        bounds[:, 2] + within_m,
        bounds[:, 3] + within_m,
    )
    left, right = shapely.STRtree(shapes).query(grown)
    keep = (left < right) & (
        np.maximum(starts[left], starts[right]) <= np.minimum(ends[left], ends[right])
    )
    left, right = left[keep], right[keep]
    distances = shapely.distance(shapes[left], shapes[right])
    near = distances <= within_m
    pairs: dict[tuple[int, int], float] = {
        (int(i), int(j)): float(d)
        for i, j, d in zip(left[near], right[near], distances[near], strict=True)
    }
    # The same land: projects needing land whose geometries overlap one and the same site.
    land_rows = [row for row, item in enumerate(building) if (item.land_need_daa or 0) > 0]
    needs = _site_overlaps(shapes_wgs84, land_rows, sites)
    shared: dict[tuple[int, int], tuple[str, ...]] = {}
    needing = sorted(needs)
    for a, i in enumerate(needing):
        for j in needing[a + 1 :]:
            common = needs[i] & needs[j]
            if common and max(starts[i], starts[j]) <= min(ends[i], ends[j]):
                shared[(i, j)] = tuple(sorted({sites[k].name for k in common}))
    for i, j in shared.keys() - pairs.keys():
        pairs[(i, j)] = float(shapely.distance(shapes[i], shapes[j]))
    found = [
        Collision(
            first=building[i],
            second=building[j],
            distance_m=distance,
            overlap_start=max(building[i].start, building[j].start),
            overlap_end=min(building[i].end, building[j].end),
            near=distance <= within_m,
            sites=shared.get((i, j), ()),
        )
        for (i, j), distance in pairs.items()
    ]
    found.sort(key=lambda c: (c.distance_m, c.first.name, c.second.name, c.first.pk, c.second.pk))
    return found[:limit]


def collision_table(found: Sequence[Collision], *, area: str, within_m: int) -> ExportTable:
    """The collisions table as a download, with the reason for each pair."""
    any_example = any(c.first.is_example or c.second.is_example for c in found)
    notes = [
        _(
            "Par av prosjekter som bygges samtidig og ligger nærmere hverandre enn %(within)s "
            "meter, eller som begge trenger land og overlapper samme areal i arealregisteret."
        )
        % {"within": within_m}
    ]
    if any_example:
        notes.append(_("Prosjekter merket eksempel er ikke ekte prosjekter."))
    return ExportTable(
        title=_("Kollisjoner i %(area)s") % {"area": area},
        columns=[
            _("Prosjekt"),
            _("Prosjekt"),
            _("Avstand (m)"),
            _("Bygges samtidig fra"),
            _("Bygges samtidig til"),
            _("Grunn"),
            _("Eksempel"),
        ],
        rows=[
            [
                c.first.name,
                c.second.name,
                round(c.distance_m),
                c.overlap_start,
                c.overlap_end,
                c.reason,
                c.first.is_example or c.second.is_example,
            ]
            for c in found
        ],
        sources=[_("Samspill, prosjektregisteret og arealregisteret")],
        notes=notes,
        is_example=any_example,
    )


# What changed, in words -----------------------------------------------------------------------

_QUIET_FIELDS = {"bbox", "length_m", "area_daa", "owner_facts_fetched_at"}  # follow from others
_CHOICE_LABELS: dict[str, type[Any]] = {"status": ProjectStatus, "kind": ProjectKind}


def _value_text(field: str, value: Any) -> str:
    from samspill.core.numbers import format_number

    if value is None or value == "":
        return "–"
    if field in _CHOICE_LABELS:
        try:
            return str(_CHOICE_LABELS[field](value).label)
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    if field.endswith("_year"):
        return str(value)  # a year has no thousands separator
    if isinstance(value, int | float) or (isinstance(value, str) and _is_number(value)):
        return format_number(Decimal(str(value)), -1)
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _field_label(field: str) -> str:
    try:
        model_field = Project._meta.get_field(field)
    except FieldDoesNotExist:
        return field
    return str(getattr(model_field, "verbose_name", field))


def change_lines(action: str, changes: Any) -> list[str]:
    """An audit entry of a project as sentences a reader understands (no field names)."""
    if action == "create":
        return [_("Ført inn i registeret.")]
    if not isinstance(changes, dict):
        return [_("Endret.")]
    lines: list[str] = []
    for field, change in changes.items():
        if field in _QUIET_FIELDS:
            continue
        if field.startswith("phase_") and isinstance(change, list) and len(change) == 2:
            kind = field.removeprefix("phase_")
            phase = str(PhaseKind(kind).label) if kind in PhaseKind.values else kind
            lines.append(
                _("Fasen %(phase)s: %(old)s → %(new)s")
                % {"phase": phase, "old": change[0] or "–", "new": change[1] or "–"}
            )
        elif field == "owner_facts":
            lines.append(_("Fakta om eieren er hentet fra Brønnøysundregistrene."))
        elif field == "municipalities":
            lines.append(_("Kommunene prosjektet berører er endret."))
        elif field in {"geometry", "sources", "links", "workforce_by_trade", "description"}:
            lines.append(_("%(what)s er endret.") % {"what": _field_label(field).capitalize()})
        elif isinstance(change, list) and len(change) == 2:
            lines.append(
                _("%(what)s: %(old)s → %(new)s")
                % {
                    "what": _field_label(field).capitalize(),
                    "old": _value_text(field, change[0]),
                    "new": _value_text(field, change[1]),
                }
            )
    return lines or [_("Endret.")]


@dataclass(frozen=True)
class ChangeSummary:
    new: int
    phases: int
    statuses: int
    costs: int


def change_summary(entries: Iterable[tuple[str, Any]]) -> ChangeSummary:
    """How many entries were new projects, phase, status and cost changes."""
    new = phases = statuses = costs = 0
    for action, changes in entries:
        fields = set(changes) if isinstance(changes, dict) else set()
        new += action == "create"
        phases += any(field.startswith("phase_") for field in fields)
        statuses += "status" in fields
        costs += bool(fields & {"investment_low_mnok", "investment_high_mnok"})
    return ChangeSummary(new=new, phases=phases, statuses=statuses, costs=costs)


# Corridor --------------------------------------------------------------------------------------


def corridor_collection(result: CorridorResult) -> dict[str, Any]:
    """The corridor, its projects and its business sites for the map (drawn from the page)."""
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": to_geojson(result.corridor_wgs84),
            "properties": {"layer": "corridor"},
        }
    ]
    for project in result.projects:
        feature = project_feature(
            LayerRow(
                project.pk,
                project.name,
                project.kind,
                project.status,
                project.geometry,
                project.is_example,
            )
        )
        if feature is not None:
            features.append(feature)
    features.extend(
        {
            "type": "Feature",
            "geometry": hit.site.geometry,
            "properties": {
                "layer": "site",
                "name": hit.site.name,
                "url": hit.site.get_absolute_url(),
            },
        }
        for hit in result.sites
    )
    return {"type": "FeatureCollection", "features": features}


# Map drawn on the server (PDF) -------------------------------------------------------------------

MAP_WIDTH = 480
MAP_HEIGHT = 340


@dataclass(frozen=True)
class MapShape:
    layer: str  # "municipality", "project" or "point"
    path: str = ""
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True)
class MapDrawing:
    width: int
    height: int
    shapes: tuple[MapShape, ...]


def _parts(geometry: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geometry, "geoms", [geometry]))


def map_drawing(
    projects: Sequence[Project], outlines: Sequence[Municipality] = ()
) -> MapDrawing | None:
    """Projects (and municipal outlines) as SVG paths in UTM 33N, fitted to the drawing: a PDF
    map without tiles or a browser (ADR 79). None when no project has a place."""
    shapes_in: list[tuple[str, BaseGeometry]] = []
    for project in projects:
        if project.geometry:
            try:
                shapes_in.append(("project", parse_geometry(project.geometry)))
            except GeometryError:
                continue
    if not shapes_in:
        return None
    for municipality in outlines:
        if municipality.boundary:
            try:
                shapes_in.append(("municipality", parse_geometry(municipality.boundary)))
            except GeometryError:
                continue
    metric = to_metric_many([shape for _layer, shape in shapes_in])
    layers = [layer for layer, _shape in shapes_in]
    xs0, ys0, xs1, ys1 = zip(*(m.bounds for m in metric), strict=True)
    west, south, east, north = min(xs0), min(ys0), max(xs1), max(ys1)
    span = max(east - west, north - south, 1000.0) * 1.08
    cx, cy = (west + east) / 2, (south + north) / 2
    scale = min(MAP_WIDTH, MAP_HEIGHT) / span

    def xy(x: float, y: float) -> tuple[float, float]:
        return (
            round(MAP_WIDTH / 2 + (x - cx) * scale, 1),
            round(MAP_HEIGHT / 2 - (y - cy) * scale, 1),
        )

    def ring(coords: Iterable[Any], close: bool) -> str:
        points = [xy(x, y) for x, y, *_rest in coords]
        text = "M" + " L".join(f"{x} {y}" for x, y in points)
        return text + (" Z" if close else "")

    result: list[MapShape] = []
    for layer, shape in sorted(
        zip(layers, metric, strict=True), key=lambda item: item[0] != "municipality"
    ):
        simple = shape.simplify(1 / scale) if layer == "municipality" else shape
        for part in _parts(simple):
            if isinstance(part, Point):
                x, y = xy(part.x, part.y)
                result.append(MapShape("point", x=x, y=y))
            elif part.geom_type == "LineString":
                result.append(MapShape(layer, ring(part.coords, False)))
            elif isinstance(part, Polygon):
                path = " ".join(ring(r.coords, True) for r in (part.exterior, *part.interiors))
                result.append(MapShape(layer, path))
    return MapDrawing(width=MAP_WIDTH, height=MAP_HEIGHT, shapes=tuple(result))
