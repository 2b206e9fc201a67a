"""The plan: activities, milestones, decision points, council treatments and overrides."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import presenters, services
from samspill.collaboration.forms import (
    ActivityEditForm,
    ActivityForm,
    DecisionPointEditForm,
    DecisionPointForm,
    DecisionRecordForm,
    MilestoneForm,
    OverrideForm,
    TreatmentForm,
)
from samspill.collaboration.models import Milestone
from samspill.collaboration.selectors import (
    activity_get_for,
    adoption_for,
    decision_point_get_for,
    point_passed,
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


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=ActivityForm,
        right="can_edit_plan",
        title=_("Ny aktivitet"),
        saved=_("Aktiviteten er lagt til."),
        call=lambda project, data: services.activity_add(
            actor=actor_of(request), project=project, **data
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=MilestoneForm,
        right="can_edit_plan",
        title=_("Ny milepæl"),
        saved=_("Milepælen er lagt til."),
        call=lambda project, data: services.milestone_add(
            actor=actor_of(request),
            project=project,
            **{k: v for k, v in data.items() if k != "version"},
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    milestone = Milestone.objects.select_related("project").filter(pk=pk).first()
    if milestone is None:
        raise Http404
    project, _rights = project_for(request, milestone.project_id, "can_edit_plan")
    form = MilestoneForm(request.POST or None, initial=MilestoneForm.initial_from(milestone))
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            lambda: services.milestone_update(
                actor=actor_of(request),
                milestone=milestone,
                expected_version=form.cleaned_data["version"],
                **{k: v for k, v in form.cleaned_data.items() if k != "version"},
            ),
            reload=lambda: Milestone.objects.get(pk=pk),
            initial_of=MilestoneForm.initial_from,
        )
    ):
        messages.success(request, _("Milepælen er lagret."))
        return redirect(project)
    return form_page(
        request,
        form,
        title=_("Endre milepæl %(number)s") % {"number": milestone.number},
        back=project.get_absolute_url(),
        history=audit_entries_for(subject=milestone),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_point_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return simple_create(
        request,
        pk,
        form_class=DecisionPointForm,
        right="can_edit_plan",
        title=_("Nytt beslutningspunkt"),
        saved=_("Beslutningspunktet er lagt til."),
        call=lambda project, data: services.decision_point_add(
            actor=actor_of(request), project=project, **data
        ),
    )


# Decision points and adoption -----------------------------------------------------------------


@require_safe
def decision_point_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    status = adoption_for(point)
    treatments = point.treatments.select_related("municipality").order_by(
        "municipality__name", "meeting_date"
    )
    context = {
        "point": point,
        "project": point.project,
        "rights": rights,
        "status": status,
        "sentence": presenters.adoption_sentence(status),
        "passed": point_passed(point, status),
        "treatments": treatments if rights.can_view_internal else [],
        "history": audit_entries_for(subject=point) if rights.can_view_internal else [],
    }
    return render(request, "collaboration/decision_point_detail.html", context)


def _point_form(
    request: HtmxHttpRequest,
    pk: int,
    *,
    right: str,
    form_class: type,
    title: str,
    saved: str,
    call: Callable[[Any, dict[str, Any]], Any],
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    if not rights.can_view_internal:
        raise Http404
    if not getattr(rights, right):
        raise PermissionDenied
    form = form_class(request.POST or None, **(form_kwargs(point) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        done = run_service(form, lambda: call(point, form.cleaned_data))
        if done:
            messages.success(request, saved)
            return redirect(point)
    return form_page(
        request, form, title=f"{title} – BP {point.number}", back=point.get_absolute_url()
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_record(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_decide",
        form_class=DecisionRecordForm,
        title=_("Registrer beslutning"),
        saved=_("Beslutningen er registrert."),
        call=lambda point, data: services.decision_record(
            actor=actor_of(request), point=point, **data
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def treatment_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_edit_plan",
        form_class=TreatmentForm,
        title=_("Registrer politisk behandling"),
        saved=_("Behandlingen er registrert."),
        call=lambda point, data: services.treatment_add(
            actor=actor_of(request), point=point, **data
        ),
        form_kwargs=lambda point: {"municipalities": point.project.municipalities.order_by("name")},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def point_override(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _point_form(
        request,
        pk,
        right="can_edit_plan",
        form_class=OverrideForm,
        title=_("Overstyr kravet om vedtak i alle kommuner"),
        saved=_("Beslutningspunktet er overstyrt; begrunnelsen er lagret."),
        call=lambda point, data: services.point_override(
            actor=actor_of(request), point=point, reason=data["reason"]
        ),
    )


# Edits and deletions (ADR 84) ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity, rights = activity_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=activity,
        project=activity.project,
        allowed=rights.can_edit_plan,
        form_class=ActivityEditForm,
        update=lambda version, data: services.activity_update(
            actor=actor_of(request), activity=activity, expected_version=version, **data
        ),
        title=_("Endre aktivitet"),
        saved=_("Aktiviteten er lagret."),
        back=activity.project.get_absolute_url(),
        delete_url=reverse("collaboration:activity-delete", kwargs={"pk": activity.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def activity_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    activity, rights = activity_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=activity,
        project=activity.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.activity_delete(
            actor=actor_of(request), activity=activity, expected_version=version
        ),
        title=_("Slett aktivitet"),
        back=activity.project.get_absolute_url(),
        done=activity.project.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_point_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    return object_edit(
        request,
        instance=point,
        project=point.project,
        allowed=rights.can_edit_plan,
        form_class=DecisionPointEditForm,
        update=lambda version, data: services.decision_point_update(
            actor=actor_of(request), point=point, expected_version=version, **data
        ),
        title=_("Endre beslutningspunkt"),
        saved=_("Beslutningspunktet er lagret."),
        back=reverse("collaboration:decision-point-detail", kwargs={"pk": point.pk}),
        delete_url=reverse("collaboration:decision-point-delete", kwargs={"pk": point.pk}),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_point_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    point, rights = decision_point_get_for(user=request.user, pk=pk)
    return object_delete(
        request,
        instance=point,
        project=point.project,
        allowed=rights.can_edit_plan,
        delete=lambda version: services.decision_point_delete(
            actor=actor_of(request), point=point, expected_version=version
        ),
        title=_("Slett beslutningspunkt"),
        back=reverse("collaboration:decision-point-detail", kwargs={"pk": point.pk}),
        done=point.project.get_absolute_url(),
    )
