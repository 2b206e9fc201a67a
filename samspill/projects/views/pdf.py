"""PDFs for politicians and business meetings (ADR 79): a one-page overview of the (filtered)
register and a page per project, through the shared WeasyPrint pipeline (samspill.core.pdf) with
the map and the timeline drawn on the server as SVG."""

from collections import Counter
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samspill.core.pdf import render_pdf
from samspill.projects.models import Project, ProjectKind, ProjectStatus
from samspill.projects.presenters import PHASE_KINDS, fact_sources, map_drawing, timeline
from samspill.projects.selectors import project_get_for, project_list_for
from samspill.projects.views.register import _filter_form

TIMELINE_ROWS = 12  # the overview's timeline: the largest projects, so it fits one page


def _pdf(content: bytes, *, name: str, is_example: bool) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    prefix = "eksempel-" if is_example else ""
    response["Content-Disposition"] = f'inline; filename="{prefix}{name}.pdf"'
    return response


def _size(project: Project) -> Decimal:
    return project.investment_high_mnok or project.investment_low_mnok or Decimal(0)


@require_safe
def register_pdf(request: HttpRequest) -> HttpResponse:
    """The filtered register on one page: counts by status and kind, a timeline, a small map."""
    projects = list(project_list_for(user=request.user, filters=_filter_form(request).to_filter()))
    statuses = Counter(project.status for project in projects)
    kinds = Counter(project.kind for project in projects)
    phased = [project for project in projects if project.phases.all()]
    largest = sorted(phased, key=lambda p: (-_size(p), p.name, p.pk))[:TIMELINE_ROWS]
    is_example = any(project.is_example for project in projects)
    context = {
        "title": _("Store prosjekter i regionen"),
        "subtitle": _("Oversikt over prosjektregisteret"),
        "date": timezone.localdate(),
        "one_page": True,
        "landscape": False,
        "is_example": is_example,
        "projects": projects,
        "status_counts": [
            (label, statuses[value]) for value, label in ProjectStatus.choices if statuses[value]
        ],
        "kind_counts": [
            (label, kinds[value]) for value, label in ProjectKind.choices if kinds[value]
        ],
        "timeline": timeline(largest),
        "timeline_rows": len(largest),
        "phase_kinds": PHASE_KINDS,
        "drawing": map_drawing(projects),
        "investment_low": sum((p.investment_low_mnok or Decimal(0) for p in projects), Decimal(0)),
        "investment_high": sum((_size(p) for p in projects), Decimal(0)),
    }
    return _pdf(
        render_pdf("projects/pdf/register.html", context), name="prosjekter", is_example=is_example
    )


@require_safe
def project_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One project: facts with their sources, phases, a small map and the timeline."""
    project = project_get_for(user=request.user, pk=pk)
    municipalities = list(project.municipalities.all())
    context = {
        "title": project.name,
        "subtitle": _("%(kind)s, %(status)s")
        % {"kind": capfirst(project.get_kind_display()), "status": project.get_status_display()},
        "region": project.region.name,
        "date": timezone.localdate(),
        "one_page": True,
        "is_example": project.is_example,
        "project": project,
        "municipalities": municipalities,
        "sources": fact_sources(project),
        "phases": list(project.phases.all()),
        "timeline": timeline([project]),
        "phase_kinds": PHASE_KINDS,
        "drawing": map_drawing([project], municipalities),
    }
    return _pdf(
        render_pdf("projects/pdf/project.html", context),
        name=f"prosjekt-{project.pk}",
        is_example=project.is_example,
    )
