"""The register as CSV/XLSX (through core/exports.py) and as GeoJSON. Example projects say so in
a column, in the XLSX source sheet and in the file name. The columns are the import's columns,
so an export can be edited and imported again."""

import json
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.projects.models import PHASE_ORDER, FactGroup, Opportunity, Project

COLUMNS = (
    "key",
    "name",
    "kind",
    "status",
    "municipalities",
    "owner_name",
    "owner_organisation_number",
    "description",
    *(f"{kind}_{end}" for kind in PHASE_ORDER for end in ("start", "end")),
    "investment_low_mnok",
    "investment_high_mnok",
    "price_level_year",
    "construction_person_years",
    "operation_jobs",
    "land_need_daa",
    "power_need_mw",
    "workforce_by_trade",
    "links",
    "length_m",
    "area_daa",
    "geometry",
    *(f"source_{group.value}" for group in FactGroup),
    *(f"source_{group.value}_date" for group in FactGroup),
    "is_internal",
    "is_example",
)


def project_row(project: Project) -> list[Any]:
    phases = {phase.kind: phase for phase in project.phases.all()}
    phase_cells: list[Any] = []
    for kind in PHASE_ORDER:
        phase = phases.get(kind)
        phase_cells += (
            [phase.start_period.label(), phase.end_period.label()] if phase else [None, None]
        )
    sources = project.sources
    return [
        project.key,
        project.name,
        project.kind,
        project.status,
        ", ".join(m.number for m in project.municipalities.all()),
        project.owner_name,
        project.owner_organisation_number,
        project.description,
        *phase_cells,
        project.investment_low_mnok,
        project.investment_high_mnok,
        project.price_level_year,
        project.construction_person_years,
        project.operation_jobs,
        project.land_need_daa,
        project.power_need_mw,
        json.dumps(project.workforce_by_trade, ensure_ascii=False)
        if project.workforce_by_trade
        else None,
        json.dumps(project.links, ensure_ascii=False) if project.links else None,
        round(project.length_m) if project.length_m else None,
        round(project.area_daa, 1) if project.area_daa else None,
        json.dumps(project.geometry, ensure_ascii=False) if project.geometry else None,
        *((sources.get(group.value) or {}).get("source") for group in FactGroup),
        *((sources.get(group.value) or {}).get("date") for group in FactGroup),
        project.is_internal,
        project.is_example,
    ]


def register_table(projects: Sequence[Project], *, title: str) -> ExportTable:
    any_example = any(project.is_example for project in projects)
    notes = [
        _(
            "Kolonnene er de samme som importen leser; faser er skrevet som år, kvartal (2026 K2) "
            "eller måned (2026-05)."
        )
    ]
    if any_example:
        notes.append(_("Rader med is_example = sann er eksempler, ikke ekte prosjekter."))
    return ExportTable(
        title=title,
        columns=COLUMNS,
        rows=[project_row(project) for project in projects],
        sources=[
            _("Samspill, prosjektregisteret; kilde og dato for hver opplysning i kildekolonnene")
        ],
        notes=notes,
        is_example=any_example,
        year_columns=frozenset({COLUMNS.index("price_level_year")}),
    )


def register_geojson(projects: Sequence[Project]) -> dict[str, Any]:
    """Projects with a place, with their main facts as properties (examples marked)."""
    features = []
    for project in projects:
        if not project.geometry:
            continue
        row = dict(zip(COLUMNS, project_row(project), strict=True))
        row.pop("geometry")
        features.append(
            {
                "type": "Feature",
                "geometry": project.geometry,
                "properties": {
                    key: (
                        str(value)
                        if value is not None and not isinstance(value, bool | int | float | str)
                        else value
                    )
                    for key, value in row.items()
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


OPPORTUNITY_COLUMNS = (
    "title",
    "kind",
    "status",
    "owner_name",
    "projects",
    "measures",
    "description",
    "is_internal",
    "is_example",
)


def opportunity_table(opportunities: Sequence[Opportunity], *, title: str) -> ExportTable:
    """Opportunities in the wake, with the names of their projects and measures."""
    any_example = any(o.is_example for o in opportunities)
    rows = [
        [
            o.title,
            o.get_kind_display(),
            o.get_status_display(),
            o.owner_name,
            "; ".join(p.name for p in o.projects.all()),
            "; ".join(m.title for m in o.measures.all()),
            o.description,
            o.is_internal,
            o.is_example,
        ]
        for o in opportunities
    ]
    notes = (
        [_("Rader med is_example = sann er eksempler, ikke ekte muligheter.")]
        if any_example
        else []
    )
    return ExportTable(
        title=title,
        columns=OPPORTUNITY_COLUMNS,
        rows=rows,
        sources=[_("Samspill, prosjektregisterets muligheter i kjølvannet")],
        notes=notes,
        is_example=any_example,
    )
