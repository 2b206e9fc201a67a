"""Assessment: the assessor panel, conflict-of-interest declaration, independent and joint
scores, pilot selection and the assessment table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.challenges import services
from samspill.challenges.forms import (
    DeclarationForm,
    PanelAddForm,
    ScoreForm,
    SelectForm,
)
from samspill.challenges.models import (
    Answer,
)
from samspill.challenges.selectors import (
    answers_for_assessor,
    assessment_summary,
    can_assess,
    criteria_of,
    declaration_of,
    joint_scores,
    panel_candidates,
    panel_of,
)
from samspill.challenges.views.flow import (
    acting_user,
    form_page,
    managed_challenge,
    run_button,
    run_service,
)


def _assessable(request: HttpRequest, pk: int) -> Answer:
    answer = Answer.objects.select_related("challenge", "supplier").filter(pk=pk).first()
    if answer is None or not can_assess(user=request.user, challenge=answer.challenge):
        raise Http404
    declaration = declaration_of(user=request.user, answer=answer)
    if declaration is not None and declaration.has_conflict:
        raise Http404
    return answer


@login_required
@require_POST
def answer_declare(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _assessable(request, pk)
    form = DeclarationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Velg om du er inhabil eller ikke."))
        return redirect("challenges:answer-detail", pk=answer.pk)
    conflict = form.cleaned_data["has_conflict"]
    done = run_button(
        request,
        lambda: services.conflict_declare(
            actor=acting_user(request),
            answer=answer,
            has_conflict=conflict,
            note=form.cleaned_data["note"],
        ),
    )
    if done and conflict:
        messages.success(request, _("Du er meldt inhabil og tatt ut av vurderingen av svaret."))
        return redirect("challenges:assessment", pk=answer.challenge_id)
    return redirect("challenges:answer-detail", pk=answer.pk)


def _score_post(request: HttpRequest, pk: int, *, joint: bool) -> HttpResponse:
    answer = _assessable(request, pk)
    criteria = criteria_of(challenge=answer.challenge)
    form = ScoreForm(request.POST, criteria=criteria, initial_scores={})
    if form.is_valid():

        def save() -> bool:
            for criterion in criteria:
                services.score_record(
                    actor=acting_user(request),
                    answer=answer,
                    criterion=criterion,
                    value=form.cleaned_data[f"value_{criterion.pk}"],
                    justification=form.cleaned_data[f"justification_{criterion.pk}"],
                    joint=joint,
                )
            return True

        if run_service(request, form, save):
            messages.success(
                request,
                _("Den felles vurderingen er lagret.")
                if joint
                else _("Vurderingen din er lagret."),
            )
            return redirect("challenges:answer-detail", pk=answer.pk)
    return form_page(
        request,
        form,
        title=_("Vurdering av svar fra %(supplier)s") % {"supplier": answer.supplier.name},
        back=reverse("challenges:answer-detail", args=[answer.pk]),
    )


@login_required
@require_POST
def answer_score(request: HttpRequest, pk: int) -> HttpResponse:
    return _score_post(request, pk, joint=False)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer_joint(request: HttpRequest, pk: int) -> HttpResponse:
    """The joint score the assessors agree on, after their independent scores."""
    if request.method == "POST":
        return _score_post(request, pk, joint=True)
    answer = _assessable(request, pk)
    if declaration_of(user=request.user, answer=answer) is None:
        return redirect("challenges:answer-detail", pk=answer.pk)
    criteria = criteria_of(challenge=answer.challenge)
    form = ScoreForm(criteria=criteria, initial_scores=joint_scores(answer=answer))
    independent = list(answer.scores.filter(assessor__isnull=False).select_related("criterion"))
    return form_page(
        request,
        form,
        title=_("Felles vurdering av svar fra %(supplier)s") % {"supplier": answer.supplier.name},
        back=reverse("challenges:answer-detail", args=[answer.pk]),
        independent=independent,
    )


@login_required
@require_POST
def answer_select(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _assessable(request, pk)
    form = SelectForm(request.POST)
    if form.is_valid():
        pilot = run_service(
            request,
            form,
            lambda: services.pilot_select(
                actor=acting_user(request), answer=answer, reason=form.cleaned_data["reason"]
            ),
        )
        if pilot:
            messages.success(request, _("Svaret er valgt til pilot."))
            return redirect("challenges:pilot-detail", pk=pilot.pk)
    return form_page(
        request,
        form,
        title=_("Velg svaret fra %(supplier)s til pilot") % {"supplier": answer.supplier.name},
        back=reverse("challenges:answer-detail", args=[answer.pk]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def panel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The owners choose who assesses this challenge (ADR 92); no panel: all the owners' people."""
    challenge = managed_challenge(request, pk)
    members = panel_of(challenge=challenge)
    on_panel = {member.user_id for member in members}
    candidates = [u for u in panel_candidates(challenge=challenge) if u.pk not in on_panel]
    form = PanelAddForm(request.POST or None, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            person = form.cleaned_data["user"]
            if run_service(
                request,
                form,
                lambda: services.panel_add(
                    actor=acting_user(request), challenge=challenge, user=person
                ),
            ):
                messages.success(
                    request,
                    _("%(name)s er lagt til i vurderingspanelet.")
                    % {"name": person.get_full_name() or person.username},
                )
                return redirect("challenges:panel", pk=challenge.pk)
        status = 409 if form.non_field_errors() else 200
    context = {
        "challenge": challenge,
        "members": members,
        "form": form,
        "has_candidates": bool(candidates),
    }
    return render(request, "challenges/panel.html", context, status=status)


@login_required
@require_POST
def panel_remove_view(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise Http404
    name = run_button(
        request,
        lambda: services.panel_remove(actor=acting_user(request), challenge=challenge, user=person),
    )
    if name:
        messages.success(request, _("%(name)s er tatt ut av vurderingspanelet.") % {"name": name})
    return redirect("challenges:panel", pk=challenge.pk)


@login_required
@require_safe
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    criteria = criteria_of(challenge=challenge)
    context = {
        "challenge": challenge,
        "panel": panel_of(challenge=challenge),
        "can_assess": can_assess(user=request.user, challenge=challenge),
        "criteria": criteria,
        "summaries": assessment_summary(user=request.user, challenge=challenge),
        "answers": answers_for_assessor(user=request.user, challenge=challenge),
    }
    return render(request, "challenges/assessment.html", context)
