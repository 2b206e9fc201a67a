"""Pilot follow-up: plan, milestones, the end decision, joining, and the pilot graveyard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.challenges import services
from samspill.challenges.forms import (
    DecisionForm,
    JoinForm,
    MilestoneEditForm,
    MilestoneForm,
    MilestoneReportForm,
    PilotForm,
)
from samspill.challenges.models import (
    Milestone,
    Pilot,
)
from samspill.challenges.selectors import (
    can_manage,
    manageable_municipalities,
    pilot_get_for,
    pilot_graveyard,
)
from samspill.challenges.views.flow import (
    acting_user,
    form_flow,
    form_page,
    run_button,
    run_service,
)


def _pilot(request: HttpRequest, pk: int) -> Pilot:
    pilot = pilot_get_for(user=request.user, pk=pk)
    if pilot is None:
        raise Http404
    return pilot


def _pilot_managed(request: HttpRequest, pk: int) -> Pilot:
    pilot = _pilot(request, pk)
    if not can_manage(access=access_for(user=request.user), challenge=pilot.challenge):
        raise PermissionDenied
    return pilot


@require_safe
def pilot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot(request, pk)
    manager = can_manage(access=access_for(user=request.user), challenge=pilot.challenge)
    joinable = manageable_municipalities(user=request.user).exclude(
        pk__in=[*pilot.participants.values_list("pk", flat=True)]
    )
    context = {
        "pilot": pilot,
        "challenge": pilot.challenge,
        "milestones": pilot.milestones.all(),
        "participants": pilot.participants.all(),
        "can_manage": manager,
        "can_join": pilot.decision in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND)
        and joinable.exists(),
        "history": audit_entries_for(subject=pilot) if manager else [],
        "overdue": pilot.ends_on is not None
        and pilot.ends_on < timezone.localdate()
        and not pilot.decision,
    }
    return render(request, "challenges/pilot_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pilot_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot_managed(request, pk)
    form = PilotForm(request.POST or None, initial=PilotForm.initial_from(pilot))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = run_service(
            request,
            form,
            lambda: services.pilot_update(
                actor=acting_user(request), pilot=pilot, expected_version=version, **data
            ),
            reload=lambda: Pilot.objects.get(pk=pk),
            initial_of=PilotForm.initial_from,
        )
        if saved:
            messages.success(request, _("Pilotplanen er lagret."))
            return redirect("challenges:pilot-detail", pk=pilot.pk)
    return form_page(
        request,
        form,
        title=_("Pilotplan – %(title)s") % {"title": pilot.challenge.title},
        back=reverse("challenges:pilot-detail", args=[pilot.pk]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot_managed(request, pk)
    form = MilestoneForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.milestone_add(
            actor=acting_user(request), pilot=pilot, **form.cleaned_data
        ),
        done=_("Milepælen er lagt inn."),
        then=lambda _saved: pilot,
        title=_("Ny milepæl – %(title)s") % {"title": pilot.challenge.title},
        back=pilot.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Report a milestone: reached or not, and the result."""
    milestone = Milestone.objects.select_related("pilot").filter(pk=pk).first()
    if milestone is None:
        raise Http404
    pilot = _pilot_managed(request, milestone.pilot_id)
    form = MilestoneReportForm(
        request.POST or None, initial={"done": milestone.done, "result": milestone.result}
    )
    return form_flow(
        request,
        form,
        save=lambda: services.milestone_report(
            actor=acting_user(request), milestone=milestone, **form.cleaned_data
        ),
        done=_("Milepælen er oppdatert."),
        then=lambda _saved: pilot,
        title=_("Milepæl: %(title)s") % {"title": milestone.title},
        back=pilot.get_absolute_url(),
    )


def _milestone_managed(request: HttpRequest, pk: int) -> Milestone:
    milestone = Milestone.objects.select_related("pilot").filter(pk=pk).first()
    if milestone is None:
        raise Http404
    _pilot_managed(request, milestone.pilot_id)
    return milestone


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def milestone_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a milestone; a change by someone else in between shows both versions."""
    milestone = _milestone_managed(request, pk)
    pilot = milestone.pilot
    form = MilestoneEditForm(
        request.POST or None, initial=MilestoneEditForm.initial_from(milestone)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = run_service(
            request,
            form,
            lambda: services.milestone_update(
                actor=acting_user(request), milestone=milestone, expected_version=version, **data
            ),
            reload=lambda: Milestone.objects.get(pk=pk),
            initial_of=MilestoneEditForm.initial_from,
        )
        if saved:
            messages.success(request, _("Milepælen er lagret."))
            return redirect(pilot)
    return form_page(
        request,
        form,
        title=_("Endre milepæl: %(title)s") % {"title": milestone.title},
        back=pilot.get_absolute_url(),
    )


@login_required
@require_POST
def milestone_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone_managed(request, pk)
    version = request.POST.get("version", "")
    title = run_button(
        request,
        lambda: services.milestone_delete(
            actor=acting_user(request),
            milestone=milestone,
            expected_version=int(version) if version.isdecimal() else None,
        ),
    )
    if title:
        messages.success(request, _("Milepælen «%(title)s» er slettet.") % {"title": title})
    return redirect(milestone.pilot)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pilot_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot_managed(request, pk)
    form = DecisionForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.pilot_decide(
            actor=acting_user(request),
            pilot=pilot,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            route=form.cleaned_data["route"],
        ),
        done=_("Beslutningen er registrert."),
        then=lambda _saved: pilot,
        title=_("Beslutning etter piloten – %(title)s") % {"title": pilot.challenge.title},
        back=pilot.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pilot_join_view(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot(request, pk)
    candidates = manageable_municipalities(user=request.user).exclude(
        pk__in=[*pilot.participants.values_list("pk", flat=True)]
    )
    if not candidates.exists():
        raise PermissionDenied
    form = JoinForm(request.POST or None, municipalities=candidates)
    return form_flow(
        request,
        form,
        save=lambda: services.pilot_join(
            actor=acting_user(request),
            pilot=pilot,
            municipality=form.cleaned_data["municipality"],
        ),
        done=_("Kommunen er med i piloten."),
        then=lambda _saved: pilot,
        title=_("Bli med i piloten – %(title)s") % {"title": pilot.challenge.title},
        back=pilot.get_absolute_url(),
    )


@require_safe
def pilot_graveyard_view(request: HttpRequest) -> HttpResponse:
    return render(request, "challenges/pilot_graveyard.html", {"pilots": pilot_graveyard()[:200]})
