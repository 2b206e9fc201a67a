"""Register pages: parse → selector/service → render."""

import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.inquiries.brreg import LookupResult
from samspill.projects import services
from samspill.projects.exports import register_geojson, register_table
from samspill.projects.forms import (
    ChangesSinceForm,
    ImportForm,
    ProjectFilterForm,
    ProjectForm,
    ScenarioForm,
    errors_to_form,
)
from samspill.projects.importers import ImportFileError, read_rows
from samspill.projects.load import construction_loads, peak
from samspill.projects.models import Project
from samspill.projects.presenters import (
    PHASE_KINDS,
    Collision,
    change_lines,
    change_summary,
    collision_table,
    collisions,
    constructions,
    fact_sources,
    feature_collection,
    load_chart,
    timeline,
)
from samspill.projects.selectors import (
    BuildingProject,
    LoadArea,
    ProjectFilter,
    building_projects_for,
    can_create_in_region,
    can_edit_project,
    can_keep_scenarios,
    construction_workforce_from_ssb,
    construction_workforce_in,
    load_area_choices,
    load_area_get,
    opportunity_list_for,
    project_get_for,
    project_layer_rows_for,
    project_list_for,
    region_municipality_choices,
    regions_for_new_project,
    regions_with_projects,
    register_changes_since,
    scenario_get_for,
    scenario_list,
    sites_for_collisions,
    visible_q,
)
from samspill.projects.views.corridor import e6_example_query
from samspill.regions.models import Municipality
from samspill.regions.selectors import region_get

PAGE_SIZE = 50  # rows of the list and the timeline per page; the map shows every match
SHIFT_ROWS = 50  # the what-if table offers the largest construction projects (and any shifted)


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _filter_form(request: HttpRequest) -> ProjectFilterForm:
    regions = [(r.slug, r.name) for r in regions_with_projects(user=request.user)]
    municipalities = [
        (m.number, m.name)
        for m in Municipality.objects.filter(
            projects__in=Project.objects.filter(visible_q(access_for(user=request.user))).values(
                "pk"
            )
        )
        .distinct()
        .only("number", "name")
        .order_by("name")
    ]
    return ProjectFilterForm(request.GET, regions=regions, municipalities=municipalities)


@require_safe
def project_list(request: HtmxHttpRequest) -> HttpResponse:
    """The register: map, list and timeline, filtered together by the filter in the URL."""
    form = _filter_form(request)
    filters = form.to_filter()
    paginator = Paginator(project_list_for(user=request.user, filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    projects = list(page.object_list)
    without_page = request.GET.copy()
    without_page.pop("side", None)
    context = {
        "form": form,
        "projects": projects,
        "page": page,
        "page_query": without_page.urlencode(),
        "timeline": timeline(projects, first_year=filters.year_from, last_year=filters.year_to),
        "phase_kinds": PHASE_KINDS,
        "query": without_page.urlencode(),
        "new_regions": regions_for_new_project(user=request.user),
        "import_region_ids": _import_region_ids(request),
        "any_example": any(project.is_example for project in projects),
        "corridor_example_query": e6_example_query(),
    }
    return render(request, "projects/project_list.html", context)


def _import_region_ids(request: HttpRequest) -> set[int]:
    access = access_for(user=request.user)
    return {
        region.pk
        for region in regions_for_new_project(user=request.user)
        if access.can_edit_region(region.pk)
    }


@require_safe
def project_layer(request: HttpRequest) -> JsonResponse:
    """The filtered projects and the outlines of the municipalities they touch (or the region's).

    Rows, not model instances: at 2 000 projects this is a handful of queries (ADR 66)."""
    filters = _filter_form(request).to_filter()
    rows, touched = project_layer_rows_for(user=request.user, filters=filters)
    only = request.GET.get("only", "")
    if only.isdecimal() and len(only) < 10:
        rows = [row for row in rows if row.pk == int(only)]
    if filters.region:
        outlines = region_municipality_choices(region=region_get(slug=filters.region))
    else:
        outlines = list(Municipality.objects.filter(pk__in=touched))
    return JsonResponse(feature_collection(rows, outlines))


@require_safe
def region_outlines(request: HttpRequest, slug: str) -> JsonResponse:
    """The region's member municipalities (the drawing map of the project form)."""
    region = region_get(slug=slug)
    return JsonResponse(feature_collection([], region_municipality_choices(region=region)))


@require_safe
def project_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project = project_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    can_edit = can_edit_project(
        access,
        region_id=project.region_id,
        municipality_ids=[m.pk for m in project.municipalities.all()],
    )
    context = {
        "project": project,
        "sources": fact_sources(project),
        "timeline": timeline([project]),
        "phase_kinds": PHASE_KINDS,
        "can_edit": can_edit,
        "history": audit_entries_for(subject=project)
        if access.can_view_region(project.region_id)
        else [],
        "opportunities": list(opportunity_list_for(user=request.user).filter(projects=project.pk)),
    }
    return render(request, "projects/project_detail.html", context)


def _run(
    form: Any, action: Callable[[], Any], *, project_pk: int | None = None, user: Any = None
) -> Any:
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if project_pk is None:
            form.add_error(None, str(error))
        else:
            saved = project_get_for(user=user, pk=project_pk)
            conflict_show(
                form,
                error,
                saved=ProjectForm.initial_from(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _form_page(
    request: HttpRequest, form: ProjectForm, *, title: str, back: str, region: Any
) -> HttpResponse:
    status = 409 if getattr(form, "conflict", None) else 200
    context = {"form": form, "page_title": title, "back_url": back, "region": region}
    return render(request, "projects/project_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Enter a project in a region's register (its coordinators and member developers)."""
    region = region_get(slug=slug)
    if not can_create_in_region(access_for(user=request.user), region=region):
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None,
        request.FILES or None,
        municipalities=region_municipality_choices(region=region),
    )
    if request.method == "POST" and form.is_valid():
        project = _run(
            form,
            lambda: services.project_create(
                actor=_actor(request), region=region, data=form.to_input()
            ),
        )
        if project is not None:
            messages.success(request, _("Prosjektet er registrert."))
            return redirect(project)
    return _form_page(
        request,
        form,
        title=_("Nytt prosjekt i %(region)s") % {"region": region.name},
        back=_list_url(),
        region=region,
    )


def _list_url() -> str:
    from django.urls import reverse

    return reverse("projects:project-list")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project = project_get_for(user=request.user, pk=pk)
    if not can_edit_project(
        access_for(user=request.user),
        region_id=project.region_id,
        municipality_ids=[m.pk for m in project.municipalities.all()],
    ):
        raise PermissionDenied
    form = ProjectForm(
        request.POST or None,
        request.FILES or None,
        initial=ProjectForm.initial_from(project),
        municipalities=region_municipality_choices(region=project.region),
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: services.project_update(
                actor=_actor(request),
                project=project,
                data=form.to_input(is_example=project.is_example),
                expected_version=int(form.cleaned_data["version"]),
            ),
            project_pk=pk,
            user=request.user,
        )
        if saved is not None:
            messages.success(request, _("Endringene er lagret."))
            return redirect(saved)
    return _form_page(
        request,
        form,
        title=_("Endre %(name)s") % {"name": project.name},
        back=project.get_absolute_url(),
        region=project.region,
    )


@login_required
@require_POST
def project_owner_facts(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Fetch the owner's facts from Brønnøysund now."""
    project = project_get_for(user=request.user, pk=pk)
    try:
        result = services.project_owner_facts_refresh(actor=_actor(request), project=project)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(project)
    if result == LookupResult.UNAVAILABLE:
        messages.warning(request, _("Brønnøysundregistrene svarte ikke. Prøv igjen senere."))
    else:
        messages.success(request, _("Fakta om eieren er hentet fra Brønnøysundregistrene."))
    return redirect(project)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_import(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """A coordinator imports a spreadsheet: all rows or none, each rejected row with its reason."""
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_edit_region(region.pk):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[services.RowProblem] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(upload.read(), name=upload.name)
            summary = services.projects_import(
                actor=_actor(request), region=region, rows=rows, file_name=upload.name
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        except services.ImportRejectedError as error:
            problems = error.problems
            form.add_error(
                "file",
                _("%(count)s rader ble avvist (se listen). Ingenting er importert.")
                % {"count": len(problems)},
            )
        except PermissionDeniedError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("Importert: %(created)s nye, %(updated)s endret, %(unchanged)s uendret.")
                % {
                    "created": summary.created,
                    "updated": summary.updated,
                    "unchanged": summary.unchanged,
                },
            )
            return redirect(_list_url() + f"?region={region.slug}")
    context = {"form": form, "region": region, "problems": problems}
    return render(request, "projects/project_import.html", context, status=422 if problems else 200)


@require_safe
def project_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered register as CSV, XLSX or GeoJSON."""
    if fmt not in {"csv", "xlsx", "geojson"}:
        raise Http404
    projects = list(project_list_for(user=request.user, filters=_filter_form(request).to_filter()))
    if fmt == "geojson":
        any_example = any(project.is_example for project in projects)
        response = HttpResponse(
            json.dumps(register_geojson(projects), ensure_ascii=False),
            content_type="application/geo+json",
        )
        name = ("eksempel-" if any_example else "") + "prosjekter.geojson"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    table = register_table(projects, title=_("Store prosjekter"))
    return table_response(table, file_format=fmt, name="prosjekter")


# Construction load and what-if ----------------------------------------------------------------


def _int_or_none(text: str | None, *, low: int, high: int) -> int | None:
    if text is None or not text.strip().lstrip("-").isdecimal() or len(text.strip()) > 6:
        return None
    value = int(text.strip())
    return value if low <= value <= high else None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def construction_load_view(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Construction employment per quarter in the region against its construction workforce,
    with phases moved in a what-if (shift_<project id>=months in the URL); save it by name."""
    region = region_get(slug=slug)
    access = access_for(user=request.user)
    if not access.can_view_region(region.pk):
        raise Http404
    params = request.POST if request.method == "POST" else request.GET
    area = _load_area(params)
    building = _building(request, slug=slug, area=area)
    known = {project.pk for project in building}
    scenario = None
    scenario_id = _int_or_none(params.get("scenario"), low=1, high=2**31 - 1)
    if scenario_id is not None:
        scenario = scenario_get_for(user=request.user, pk=scenario_id)
        if scenario.region_id != region.pk:
            raise Http404
    shifts: dict[int, int] = (
        {int(pk): months for pk, months in scenario.shifts.items()} if scenario else {}
    )
    # The shift_<id> fields sent, not one look-up per project (2 000 projects, a few fields).
    for name in params:
        suffix = name.removeprefix("shift_")
        if suffix == name or not suffix.isdecimal() or len(suffix) > 10:
            continue
        pk = int(suffix)
        if pk not in known:
            continue
        months = _int_or_none(params.get(name), low=-240, high=240)
        if months is not None:
            shifts[pk] = months
        else:
            shifts.pop(pk, None)
    workforce = _int_or_none(params.get("workforce"), low=1, high=10_000_000)
    workforce_source = (params.get("workforce_source") or "").strip()[:300]
    if workforce is None and scenario is not None:
        workforce, workforce_source = scenario.workforce, scenario.workforce_source
    ssb = (
        construction_workforce_in(municipality_ids=area.municipality_ids)
        if area is not None
        else construction_workforce_from_ssb(region=region)
    )
    if workforce is None and ssb is not None:
        # The default: SSB's count where loaded; a figure the user enters (with its source) wins.
        workforce = ssb.persons
        workforce_source = _(
            "SSB tabell %(table)s, sysselsatte etter arbeidssted i bygge- og anleggsvirksomhet "
            "(SN2007 41–43), %(year)s"
        ) % {"table": ssb.table, "year": ssb.year}
    within = _within(params)
    items = constructions(building)
    baseline, moved = construction_loads(items, shifts=shifts)
    form = ScenarioForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and area is None and form.is_valid():
        saved = _run(
            form,
            lambda: services.scenario_save(
                actor=_actor(request),
                region=region,
                name=form.cleaned_data["name"],
                shifts=shifts,
                workforce=workforce,
                workforce_source=workforce_source,
            ),
        )
        if saved is not None:
            messages.success(request, _("Scenarioet er lagret. Prosjektene er ikke endret."))
            from django.urls import reverse

            return redirect(
                reverse("projects:construction-load", args=[slug]) + f"?scenario={saved.pk}"
            )
    context = {
        "region": region,
        "projects": _shift_rows(building, shifts),
        "construction_count": len({c.project_id for c in items}),
        "shifts": shifts,
        "loads": moved,
        "baseline": {load.quarter: load.total for load in baseline},
        "peak": peak(moved),
        "baseline_peak": peak(baseline),
        "chart": load_chart(moved, baseline=baseline, workforce=workforce),
        "workforce": workforce,
        "workforce_source": workforce_source,
        "ssb_workforce": ssb,
        "form": form,
        "scenario": scenario,
        "scenarios": scenario_list(region=region),
        "can_save": area is None and can_keep_scenarios(access, region_id=region.pk),
        "within": within,
        "collisions": _collisions(request, building, within=within),
        "area": area,
        "area_choices": load_area_choices(),
    }
    return render(request, "projects/construction_load.html", context)


def _load_area(params: Any) -> LoadArea | None:
    """The area the load is summed for (`area=` in the URL, ADR 102): a functional region of
    the analyses or any region; None (the register's own region) when absent or unknown."""
    key = (params.get("area") or "").strip()
    return load_area_get(key) if key else None


def _building(request: HttpRequest, *, slug: str, area: LoadArea | None) -> list[BuildingProject]:
    """The register's projects, or, for an area, every visible project touching its
    municipalities (from any register)."""
    if area is None:
        return building_projects_for(user=request.user, filters=ProjectFilter(region=slug))
    return building_projects_for(
        user=request.user, filters=ProjectFilter(), municipality_ids=area.municipality_ids
    )


def _within(params: Any) -> int:
    within = _int_or_none(params.get("within"), low=0, high=50_000)
    return 500 if within is None else within


def _collisions(
    request: HttpRequest, building: list[BuildingProject], *, within: int
) -> list[Collision]:
    """Near in space and time, or needing the same site the user may see (ADR 103)."""
    needing_land = sum(1 for b in building if b.geometry_json and (b.land_need_daa or 0) > 0)
    sites = sites_for_collisions(user=request.user) if needing_land >= 2 else []
    return collisions(building, within_m=within, sites=sites)


@login_required
@require_safe
def construction_load_collisions_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The collisions of the load page (same area and distance) as CSV or XLSX, with reasons."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    region = region_get(slug=slug)
    if not access_for(user=request.user).can_view_region(region.pk):
        raise Http404
    area = _load_area(request.GET)
    within = _within(request.GET)
    found = _collisions(request, _building(request, slug=slug, area=area), within=within)
    table = collision_table(found, area=area.name if area else region.name, within_m=within)
    return table_response(table, file_format=fmt, name="kollisjoner", parts=[region.slug])


def _shift_rows(building: list[BuildingProject], shifts: dict[int, int]) -> list[BuildingProject]:
    """The largest construction projects (by person-years per year) and every shifted one, from
    the rows already read (no project instances: ADR 90)."""
    ranked = sorted(
        (b for b in building if b.person_years_per_year),
        key=lambda b: (-(b.person_years_per_year or 0.0), b.name),
    )
    chosen = ranked[:SHIFT_ROWS] + [b for b in ranked[SHIFT_ROWS:] if b.pk in shifts]
    return sorted(chosen, key=lambda b: (b.name, b.pk))


@login_required
@require_POST
def scenario_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    scenario = scenario_get_for(user=request.user, pk=pk)
    slug = scenario.region.slug
    try:
        services.scenario_delete(actor=_actor(request), scenario=scenario)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Scenarioet er slettet."))
    return redirect("projects:construction-load", slug=slug)


__all__ = ["Project"]


# What changed since a date --------------------------------------------------------------------


@require_safe
def register_changes(request: HtmxHttpRequest) -> HttpResponse:
    """New projects and changed phases, costs and statuses since a date, in words."""
    import datetime

    from django.utils import timezone

    default = timezone.localdate() - datetime.timedelta(days=90)
    form = ChangesSinceForm(request.GET or None, initial={"siden": default})
    since = (
        form.cleaned_data["siden"] if form.is_valid() and form.cleaned_data["siden"] else default
    )
    region = form.cleaned_data.get("region", "") if form.is_valid() else ""
    found = register_changes_since(user=request.user, since=since, region=region)
    access = access_for(user=request.user)
    rows = [
        {
            "entry": entry,
            "project": project,
            "lines": change_lines(entry.action, entry.changes),
            "show_actor": access.can_view_region(project.region_id),
        }
        for entry, project in found
    ]
    context = {
        "form": form,
        "since": since,
        "rows": rows,
        "summary": change_summary((entry.action, entry.changes) for entry, _p in found),
        "any_example": any(project.is_example for _e, project in found),
    }
    return render(request, "projects/register_changes.html", context)
