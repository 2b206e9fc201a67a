"""Meetings, their agenda items, and the project's decision list."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import services
from samspill.collaboration.forms import (
    AgendaItemForm,
    MeetingForm,
)
from samspill.collaboration.models import Project
from samspill.collaboration.selectors import (
    agenda_item_get_for,
    decision_points_of,
    meeting_get_for,
)
from samspill.collaboration.selectors import (
    decision_list as project_decisions,
)
from samspill.collaboration.views.common import (
    actor_of,
    form_page,
    object_delete,
    object_edit,
    project_for,
    run_service,
    simple_create,
)
from samspill.core.htmx import HtmxHttpRequest

# Meetings and decisions ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    def call(project: Project, data: dict[str, Any]) -> Any:
        return services.meeting_add(actor=actor_of(request), project=project, **data)

    return simple_create(
        request,
        pk,
        form_class=MeetingForm,
        right="can_edit_plan",
        title=_("Nytt møte"),
        saved=_("Møtet er registrert. Legg til sakene."),
        call=call,
    )


@login_required
@require_safe
def meeting_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    context = {
        "meeting": meeting,
        "project": meeting.project,
        "rights": rights,
        "items": meeting.items.all(),
        "history": audit_entries_for(subject=meeting),
    }
    return render(request, "collaboration/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    if not rights.can_edit_plan:
        raise PermissionDenied
    form = AgendaItemForm(request.POST or None, initial={"year": meeting.date.year})
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.agenda_item_add(
                actor=actor_of(request), meeting=meeting, **form.cleaned_data
            ),
        )
        if done:
            messages.success(request, _("Saken er lagt til."))
            return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Ny sak – %(meeting)s") % {"meeting": meeting.title},
        back=meeting.get_absolute_url(),
    )


@login_required
@require_safe
def decision_list(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    project, _rights = project_for(request, pk, "can_view_internal")
    context = {
        "project": project,
        "items": project_decisions(project),
        "points": [p for p in decision_points_of(project) if p.decided_on],
    }
    return render(request, "collaboration/decision_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=meeting,
        project=meeting.project,
        allowed=rights.can_edit_plan,
        form_class=MeetingForm,
        update=lambda version, data: services.meeting_update(
            actor=actor_of(request), meeting=meeting, expected_version=version, **data
        ),
        title=_("Endre møte"),
        saved=_("Møtet er lagret."),
        back=meeting.get_absolute_url(),
        delete_url=reverse("collaboration:meeting-delete", kwargs={"pk": meeting.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    meeting, rights = meeting_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=meeting,
        project=meeting.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.meeting_delete(
            actor=actor_of(request), meeting=meeting, expected_version=version
        ),
        title=_("Slett møte"),
        back=meeting.get_absolute_url(),
        done=meeting.project.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, rights = agenda_item_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=item,
        project=item.meeting.project,
        allowed=rights.can_edit_plan,
        form_class=AgendaItemForm,
        update=lambda version, data: services.agenda_item_update(
            actor=actor_of(request), item=item, expected_version=version, **data
        ),
        title=_("Endre sak %(label)s") % {"label": item.label},
        saved=_("Saken er lagret."),
        back=item.meeting.get_absolute_url(),
        delete_url=reverse("collaboration:agenda-item-delete", kwargs={"pk": item.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    item, rights = agenda_item_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=item,
        project=item.meeting.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.agenda_item_delete(
            actor=actor_of(request), item=item, expected_version=version
        ),
        title=_("Slett sak %(label)s") % {"label": item.label},
        back=item.meeting.get_absolute_url(),
        done=item.meeting.get_absolute_url(),
    )
