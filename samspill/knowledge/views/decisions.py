"""The region's decision log: list, downloads, create, detail, edit."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import exports, services
from samspill.knowledge.forms import (
    DecisionFilterForm,
    DecisionForm,
)
from samspill.knowledge.models import Decision
from samspill.knowledge.selectors import (
    DecisionFilters,
    DocumentFilters,
    can_write_region,
    decision_documents_for,
    decision_get_for,
    decision_links,
    decision_list_for,
    decision_years,
    document_list_for,
)
from samspill.knowledge.views.common import _actor, _form_page, _run, _writable_region
from samspill.regions.models import Region
from samspill.regions.selectors import region_get


def _decision_filters(request: HtmxHttpRequest, region: Region) -> tuple[Any, DecisionFilters]:
    form = DecisionFilterForm(
        request.GET or None, years=decision_years(user=request.user, region=region)
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, DecisionFilters(body=data["organ"], year=data["ar"], text=data["q"])
    return form, DecisionFilters()


@require_safe
def decision_log(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The region's decision log, filterable by body, year and text."""
    region = region_get(slug=slug)
    form, filters = _decision_filters(request, region)
    context = {
        "region": region,
        "form": form,
        "decisions": decision_list_for(user=request.user, region=region, filters=filters),
        "can_add": can_write_region(access=access_for(user=request.user), region=region),
        "query": request.GET.urlencode(),
    }
    return render(request, "knowledge/decision_log.html", context)


@require_safe
def decision_export(request: HtmxHttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The decision log as filtered on the page, as CSV or XLSX."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    region = region_get(slug=slug)
    _form, filters = _decision_filters(request, region)
    decisions = list(decision_list_for(user=request.user, region=region, filters=filters))
    table = exports.decision_table(region=region, decisions=decisions)
    return table_response(table, file_format=fmt, name=f"{region.slug}-vedtak")


def _decision_initial(decision: Decision) -> dict[str, Any]:
    fields = ("body", "body_name", "date", "case_number", "title", "text", "visibility", "version")
    initial = {field: getattr(decision, field) for field in fields}
    initial["documents"] = list(decision.documents.all())
    return initial


def _decision_documents(request: HtmxHttpRequest, region: Region) -> Any:
    return document_list_for(user=request.user, filters=DocumentFilters(region=region))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_create(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Record a decision in the region's log."""
    region = _writable_region(request, slug)
    form = DecisionForm(request.POST or None, documents=_decision_documents(request, region))
    if request.method == "POST" and form.is_valid():
        decision = _run(
            form,
            lambda: services.decision_create(
                actor=_actor(request), region=region, **form.cleaned_data
            ),
        )
        if decision:
            return redirect(decision)
    return _form_page(
        request,
        form,
        title=_("Nytt vedtak – %(region)s") % {"region": region.name},
        back=region.get_absolute_url(),
    )


@require_safe
def decision_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    access = access_for(user=request.user)
    context = {
        "decision": decision,
        "documents": decision_documents_for(user=request.user, decision=decision),
        "links": decision_links(user=request.user, decision=decision),
        "can_edit": access.can_edit_region(decision.region_id),
        "history": audit_entries_for(subject=decision)
        if access.can_view_region(decision.region_id)
        else [],
    }
    return render(request, "knowledge/decision_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    decision = decision_get_for(user=request.user, pk=pk)
    if not access_for(user=request.user).can_edit_region(decision.region_id):
        raise PermissionDenied
    form = DecisionForm(
        request.POST or None,
        documents=_decision_documents(request, decision.region),
        initial=_decision_initial(decision),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        if _run(
            form,
            lambda: services.decision_update(
                actor=_actor(request),
                decision=decision,
                expected_version=int(form.cleaned_data["version"]),
                **data,
            ),
            reload=lambda: decision_get_for(user=request.user, pk=pk),
            initial_of=_decision_initial,
        ):
            return redirect(decision)
    return _form_page(request, form, title=_("Endre vedtaket"), back=decision.get_absolute_url())
