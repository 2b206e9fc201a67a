"""Challenges: the public list and detail; the owners' forms (create, edit, stage, criteria,
join) and following."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.challenges import services
from samspill.challenges.forms import (
    ChallengeForm,
    CriteriaForm,
    JoinForm,
    TransitionForm,
)
from samspill.challenges.models import (
    TRANSITIONS,
    Answer,
    Area,
    Challenge,
    Stage,
)
from samspill.challenges.selectors import (
    answer_deadline_passed,
    can_manage,
    challenge_list_for,
    criteria_of,
    is_following,
    manageable_municipalities,
    open_questions,
    owner_municipalities,
    public_questions,
    supplier_for,
    weight_total,
)
from samspill.challenges.views.feeds import filter_municipalities, list_filters
from samspill.challenges.views.flow import (
    acting_user,
    form_flow,
    form_page,
    managed_challenge,
    readable_challenge,
    run_button,
    run_service,
)
from samspill.regions.models import Municipality


@require_safe
def challenge_list(request: HttpRequest) -> HttpResponse:
    """Every challenge the visitor may read, filtered by area, municipality and stage (in the URL)."""
    filters = list_filters(request)
    query = urlencode(
        {
            key: value
            for key, value in (
                ("omrade", filters.area),
                ("kommune", filters.municipality),
                ("fase", filters.stage),
            )
            if value
        }
    )
    context = {
        "challenges": challenge_list_for(user=request.user, filters=filters)[:200],
        "filters": filters,
        "areas": Area.choices,
        "stages": [s for s in Stage.choices if s[0] != Stage.DRAFT],
        "municipalities": filter_municipalities(),
        "query": query,
        "can_create": manageable_municipalities(user=request.user).exists(),
        "supplier": supplier_for(user=request.user),
    }
    return render(request, "challenges/challenge_list.html", context)


@require_safe
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = readable_challenge(request, pk)
    access = access_for(user=request.user)
    manager = can_manage(access=access, challenge=challenge)
    supplier = supplier_for(user=request.user)
    own = challenge.answers.filter(supplier=supplier).first() if supplier else None
    context = {
        "challenge": challenge,
        "owners": owner_municipalities(challenge=challenge),
        "criteria": criteria_of(challenge=challenge),
        "weight_total": weight_total(challenge=challenge),
        "meetings": challenge.meetings.all(),
        "registered_ids": set(
            challenge.meetings.filter(registrations__user_id=request.user.pk).values_list(
                "pk", flat=True
            )
        )
        if request.user.is_authenticated
        else set(),
        "questions": public_questions(challenge=challenge),
        "open_questions": open_questions(user=request.user, challenge=challenge),
        "announcements": challenge.announcements.all()[:20],
        "pilots": challenge.pilots.select_related("answer__supplier"),
        "can_manage": manager,
        "supplier": supplier,
        "own_answer": own,
        "deadline_passed": answer_deadline_passed(challenge=challenge),
        "following": is_following(user=request.user, challenge=challenge),
        "answer_count": challenge.answers.filter(status=Answer.Status.SUBMITTED).count()
        if manager
        else None,
        "next_stages": [Stage(s) for s in TRANSITIONS[challenge.stage]] if manager else [],
        "transition_form": TransitionForm() if manager else None,
        "joinable": manageable_municipalities(user=request.user).exclude(
            pk__in=[m.pk for m in owner_municipalities(challenge=challenge)]
        ),
        "history": audit_entries_for(subject=challenge) if manager else [],
        "can_ask": request.user.is_authenticated
        and challenge.stage in (Stage.DIALOGUE, Stage.ANSWERS),
    }
    return render(request, "challenges/challenge_detail.html", context)


def _challenge_kwargs(form: Any) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        key: data[key]
        for key in (
            "title",
            "problem",
            "affected",
            "cost_today",
            "good_result",
            "measurement",
            "area",
            "budget_estimate",
            "timeline",
            "procurement_route",
            "tender_url",
            "answer_deadline",
        )
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_create(request: HttpRequest) -> HttpResponse:
    municipalities = manageable_municipalities(user=request.user)
    if not municipalities.exists():
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, municipalities=municipalities)
    return form_flow(
        request,
        form,
        save=lambda: services.challenge_create(
            actor=acting_user(request),
            municipalities=list(form.cleaned_data["municipalities"]),
            **_challenge_kwargs(form),
        ),
        done=_("Utfordringen er lagret som utkast."),
        then=lambda challenge: challenge,
        title=_("Ny innovasjonsutfordring"),
        back=reverse("challenges:challenge-list"),
        intro=ChallengeForm.base_fields["problem"].help_text,
        need_help=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    form = ChallengeForm(
        request.POST or None,
        municipalities=Municipality.objects.none(),
        editing=True,
        initial=ChallengeForm.initial_from(challenge),
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            form,
            lambda: services.challenge_update(
                actor=acting_user(request),
                challenge=challenge,
                expected_version=form.cleaned_data["version"],
                **_challenge_kwargs(form),
            ),
            reload=lambda: Challenge.objects.get(pk=pk),
            initial_of=ChallengeForm.initial_from,
        )
        if saved:
            messages.success(request, _("Endringene er lagret."))
            return redirect(saved)
    return form_page(
        request,
        form,
        title=_("Endre utfordringen – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        need_help=True,
    )


@login_required
@require_POST
def challenge_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        done = run_button(
            request,
            lambda: services.challenge_transition(
                actor=acting_user(request),
                challenge=challenge,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if done:
            messages.success(
                request, _("Ny fase: %(stage)s.") % {"stage": done.get_stage_display()}
            )
    return redirect(challenge)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def criteria_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    form = CriteriaForm(request.POST or None, criteria=criteria_of(challenge=challenge))
    return form_flow(
        request,
        form,
        save=lambda: services.criteria_set(
            actor=acting_user(request),
            challenge=challenge,
            rows=[services.CriterionRow(name=n, weight=w) for n, w in form.rows()],
        ),
        done=_("Kriteriene er lagret."),
        then=lambda _saved: challenge,
        title=_("Vurderingskriterier – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        intro=_(
            "Kriteriene og vektene vises for leverandørene og låses når utfordringen åpner for "
            "svar. Vektene må bli 100 % til sammen."
        ),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_join_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = readable_challenge(request, pk)
    candidates = manageable_municipalities(user=request.user).exclude(
        pk__in=[m.pk for m in owner_municipalities(challenge=challenge)]
    )
    if not candidates.exists():
        raise PermissionDenied
    form = JoinForm(request.POST or None, municipalities=candidates)
    return form_flow(
        request,
        form,
        save=lambda: services.challenge_join(
            actor=acting_user(request),
            challenge=challenge,
            municipality=form.cleaned_data["municipality"],
        ),
        done=_("Kommunen er med i utfordringen."),
        then=lambda _saved: challenge,
        title=_("Bli med i utfordringen – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_POST
def follow_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = readable_challenge(request, pk)
    follow = request.POST.get("follow") == "1"
    services.follow_set(actor=acting_user(request), challenge=challenge, follow=follow)
    messages.success(
        request,
        _("Du følger utfordringen og får kunngjøringer på e-post.")
        if follow
        else _("Du følger ikke lenger utfordringen."),
    )
    return redirect(challenge)
