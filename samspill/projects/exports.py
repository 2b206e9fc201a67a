"""The register as CSV/XLSX (through core/exports.py) and as GeoJSON. Example projects say so in
a column, in the XLSX source sheet and in the file name. The columns are the import's columns,
so an export can be edited and imported again."""

import json
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.projects.models import PHASE_ORDER, FactGroup, Opportunity, Project
from samspill.projects.selectors import CorridorFigures, CorridorResult

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


def corridor_table(result: CorridorResult, *, line: str, width_km: float) -> ExportTable:
    """The corridor's figures per municipality, the total, then the projects and business sites
    inside it (one sheet: what a meeting needs on one page)."""
    any_example = any(project.is_example for project in result.projects)
    columns = (
        _("Rad"),
        _("Kommunenummer"),
        _("Navn"),
        _("Prosjekter"),
        _("Investering lav (mill. kr)"),
        _("Investering høy (mill. kr)"),
        _("Årsverk i byggefasen"),
        _("Arbeidsplasser i drift"),
        _("Eksempel"),
    )

    def figures_row(kind: str, figures: CorridorFigures) -> list[Any]:
        return [
            kind,
            figures.number,
            figures.name,
            figures.projects,
            figures.investment_low_mnok,
            figures.investment_high_mnok,
            figures.construction_person_years,
            figures.operation_jobs,
            None,
        ]

    rows: list[list[Any]] = [figures_row(_("kommune"), m) for m in result.municipalities]
    rows.append(figures_row(_("sum"), result.total))
    rows.extend(
        [
            _("prosjekt"),
            ", ".join(m.number for m in project.municipalities.all()),
            project.name,
            None,
            project.investment_low_mnok,
            project.investment_high_mnok,
            project.construction_person_years,
            project.operation_jobs,
            project.is_example,
        ]
        for project in result.projects
    )
    rows.extend(
        [
            _("næringsareal"),
            hit.site.municipality.number,
            hit.site.name,
            None,
            None,
            None,
            None,
            None,
            hit.site.is_example,
        ]
        for hit in result.sites
    )
    notes = [
        _("Korridor: %(line)s, %(width)s km bred.") % {"line": line, "width": width_km},
        _(
            "Et prosjekt i flere kommuner telles i hver av dem; summen teller hvert prosjekt én "
            "gang. Ukjente tall er ikke med i summene."
        ),
    ]
    if any_example:
        notes.append(_("Rader med Eksempel = sann er eksempler, ikke ekte prosjekter."))
    return ExportTable(
        title=_("Prosjekter i korridoren"),
        columns=columns,
        rows=rows,
        sources=[
            _("Samspill, prosjektregisteret og næringsarealregisteret (publiserte arealer)"),
        ],
        notes=notes,
        is_example=any_example,
    )
