"""The corridor for business development: the projects (and published business sites) inside a
line drawn or pasted by the user, with figures per municipality (ADR 78). GET only: the corridor
stands in the URL so a link to it can be shared."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samspill.core.exports import table_response
from samspill.projects.exports import corridor_table
from samspill.projects.forms import CorridorForm
from samspill.projects.presenters import corridor_collection
from samspill.projects.selectors import (
    E6_CORRIDOR_KM,
    E6_CORRIDOR_LINE,
    CorridorResult,
    projects_in_corridor,
)


def e6_example_query() -> str:
    """The saved example: the E6 corridor Trondheim–Malvik–Stjørdal."""
    return urlencode({"linje": E6_CORRIDOR_LINE, "bredde": E6_CORRIDOR_KM})


def _result(request: HttpRequest, form: CorridorForm) -> CorridorResult | None:
    if not form.is_bound or not form.is_valid():
        return None
    return projects_in_corridor(user=request.user, line=form.line, width_km=form.width_km())


@require_safe
def corridor(request: HttpRequest) -> HttpResponse:
    form = CorridorForm(request.GET if "linje" in request.GET else None)
    result = _result(request, form)
    context = {
        "form": form,
        "result": result,
        "collection": corridor_collection(result) if result else None,
        "query": request.GET.urlencode() if result else "",
        "example_query": e6_example_query(),
        "any_example": result is not None and any(p.is_example for p in result.projects),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    return render(request, "projects/corridor.html", context, status=status)


@require_safe
def corridor_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    form = CorridorForm(request.GET)
    result = _result(request, form)
    if result is None:
        return HttpResponse(
            "\n".join(str(e) for errors in form.errors.values() for e in errors),
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    table = corridor_table(result, line=form.cleaned_data["linje"], width_km=form.width_km())
    return table_response(table, file_format=fmt, name="korridor")
