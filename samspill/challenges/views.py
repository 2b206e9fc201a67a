"""Innovation-challenge pages: public list, detail and feed; the owners' forms; suppliers'
registration, profile and answers; assessment and pilot follow-up.

Thin: parse → selector/service → render. Refusals from services become 403 (permission) or a
message on the page (stage, deadline, "already …"); validation errors land next to the fields
and nothing typed is lost.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.audit.services import audit_record
from samspill.challenges import exports, services
from samspill.challenges.forms import (
    AnnouncementForm,
    AnswerForm,
    ChallengeForm,
    CriteriaForm,
    DecisionForm,
    DeclarationForm,
    JoinForm,
    MeetingForm,
    MilestoneForm,
    MilestoneReportForm,
    PilotForm,
    QuestionAnswerForm,
    QuestionForm,
    ReferenceForm,
    ScoreForm,
    SelectForm,
    SupplierProfileForm,
    SupplierRegisterForm,
    TransitionForm,
    errors_to_form,
)
from samspill.challenges.models import (
    TRANSITIONS,
    Answer,
    Area,
    Challenge,
    DialogueMeeting,
    Milestone,
    Pilot,
    Question,
    Stage,
)
from samspill.challenges.selectors import (
    ChallengeFilters,
    answer_deadline_passed,
    answer_get_for,
    answers_for_assessor,
    assessment_summary,
    can_manage,
    challenge_get_for,
    challenge_list_for,
    challenge_public_list,
    criteria_of,
    declaration_of,
    is_following,
    joint_scores,
    manageable_municipalities,
    my_scores,
    open_questions,
    owner_municipalities,
    pilot_get_for,
    pilot_graveyard,
    public_questions,
    supplier_answers,
    supplier_directory,
    supplier_for,
    supplier_get,
    weight_total,
)
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.exports import CONTENT_TYPES, table_response
from samspill.regions.models import Municipality


def _actor(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _run(
    request: HttpRequest,
    form: Any,
    action: Callable[[], Any],
    *,
    reload: Callable[[], Any] | None = None,
    initial_of: Callable[[Any], dict[str, Any]] | None = None,
) -> Any:
    """Call a service; errors land on the form (and nothing typed is lost), refusals are 403."""
    try:
        return action()
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None or initial_of is None:
            form.add_error(None, str(error))
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _form_page(
    request: HttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    if form.is_bound and form.errors and status == 200:
        status = 422 if request.headers.get("HX-Request") else 200
    return render(request, "challenges/form_page.html", context, status=status)


def _challenge(request: HttpRequest, pk: int) -> Challenge:
    challenge = challenge_get_for(user=request.user, pk=pk)
    if challenge is None:
        raise Http404
    return challenge


def _managed(request: HttpRequest, pk: int) -> Challenge:
    challenge = _challenge(request, pk)
    if not can_manage(access=access_for(user=request.user), challenge=challenge):
        raise PermissionDenied
    return challenge


def _refused(request: HttpRequest, action: Callable[[], Any]) -> Any:
    """Run a one-button service: a refusal becomes a message on the page it came from."""
    try:
        return action()
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except ConflictError as error:
        messages.error(request, str(error))
    return None


# Public list, detail, feed, export -------------------------------------------------------------


def _filters(request: HttpRequest) -> ChallengeFilters:
    area = request.GET.get("omrade", "")
    stage = request.GET.get("fase", "")
    return ChallengeFilters(
        area=area if area in Area.values else "",
        municipality=request.GET.get("kommune", "")[:4],
        stage=stage if stage in Stage.values else "",
        query=request.GET.get("q", "")[:100],
    )


def _filter_municipalities() -> QuerySet[Municipality]:
    return (
        Municipality.objects.filter(challenge_ownerships__isnull=False).distinct().order_by("name")
    )


@require_safe
def challenge_list(request: HttpRequest) -> HttpResponse:
    """Every challenge the visitor may read, filtered by area, municipality and stage (in the URL)."""
    filters = _filters(request)
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
        "municipalities": _filter_municipalities(),
        "query": query,
        "can_create": manageable_municipalities(user=request.user).exists(),
        "supplier": supplier_for(user=request.user),
    }
    return render(request, "challenges/challenge_list.html", context)


class ChallengeFeed(Feed[Challenge, ChallengeFilters]):
    """Atom feed of public challenges, with the same filters as the list (from the URL)."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> ChallengeFilters:
        return _filters(request)  # per request: the feed object is shared between threads

    def title(self) -> str:
        return _("Innovasjonsutfordringer – Samspill")

    def subtitle(self) -> str:
        return _("Nye og endrede innovasjonsutfordringer fra kommunene.")

    def link(self) -> str:
        return reverse("challenges:challenge-list")

    def items(self, obj: ChallengeFilters) -> list[Challenge]:
        return list(challenge_public_list(filters=obj).order_by("-updated_at")[:50])

    def item_title(self, item: Challenge) -> str:
        marker = _(" (eksempel)") if item.is_example else ""
        return f"{item.title}{marker} – {item.get_stage_display()}"

    def item_description(self, item: Challenge) -> str:
        return item.problem

    def item_link(self, item: Challenge) -> str:
        return item.get_absolute_url()

    def item_updateddate(self, item: Challenge) -> Any:
        return item.updated_at

    def item_pubdate(self, item: Challenge) -> Any:
        return item.created_at


@require_safe
def challenge_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    rows = list(challenge_list_for(user=request.user, filters=_filters(request)))
    return table_response(
        exports.challenge_table(challenges=rows), file_format=fmt, name="utfordringer"
    )


@require_safe
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
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


# The owners' forms -----------------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        challenge = _run(
            request,
            form,
            lambda: services.challenge_create(
                actor=_actor(request),
                municipalities=list(form.cleaned_data["municipalities"]),
                **_challenge_kwargs(form),
            ),
        )
        if challenge:
            messages.success(request, _("Utfordringen er lagret som utkast."))
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Ny innovasjonsutfordring"),
        back=reverse("challenges:challenge-list"),
        intro=ChallengeForm.base_fields["problem"].help_text,
        need_help=True,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    form = ChallengeForm(
        request.POST or None,
        municipalities=Municipality.objects.none(),
        editing=True,
        initial=ChallengeForm.initial_from(challenge),
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            request,
            form,
            lambda: services.challenge_update(
                actor=_actor(request),
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
    return _form_page(
        request,
        form,
        title=_("Endre utfordringen – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        need_help=True,
    )


@login_required
@require_POST
def challenge_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        done = _refused(
            request,
            lambda: services.challenge_transition(
                actor=_actor(request),
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
    challenge = _managed(request, pk)
    form = CriteriaForm(request.POST or None, criteria=criteria_of(challenge=challenge))
    if request.method == "POST" and form.is_valid():
        rows = [services.CriterionRow(name=n, weight=w) for n, w in form.rows()]
        done = _run(
            request,
            form,
            lambda: services.criteria_set(actor=_actor(request), challenge=challenge, rows=rows),
        )
        if done:
            messages.success(request, _("Kriteriene er lagret."))
            return redirect(challenge)
    return _form_page(
        request,
        form,
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
    challenge = _challenge(request, pk)
    candidates = manageable_municipalities(user=request.user).exclude(
        pk__in=[m.pk for m in owner_municipalities(challenge=challenge)]
    )
    if not candidates.exists():
        raise PermissionDenied
    form = JoinForm(request.POST or None, municipalities=candidates)
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            form,
            lambda: services.challenge_join(
                actor=_actor(request),
                challenge=challenge,
                municipality=form.cleaned_data["municipality"],
            ),
        )
        if done:
            messages.success(request, _("Kommunen er med i utfordringen."))
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Bli med i utfordringen – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_POST
def follow_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    follow = request.POST.get("follow") == "1"
    services.follow_set(actor=_actor(request), challenge=challenge, follow=follow)
    messages.success(
        request,
        _("Du følger utfordringen og får kunngjøringer på e-post.")
        if follow
        else _("Du følger ikke lenger utfordringen."),
    )
    return redirect(challenge)


# Market dialogue -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = _run(
            request,
            form,
            lambda: services.meeting_create(
                actor=_actor(request), challenge=challenge, **form.cleaned_data
            ),
        )
        if meeting:
            messages.success(request, _("Dialogmøtet er lagt inn."))
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Nytt dialogmøte – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_POST
def meeting_register_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = DialogueMeeting.objects.filter(pk=pk).first()
    if meeting is None or challenge_get_for(user=request.user, pk=meeting.challenge_id) is None:
        raise Http404
    if _refused(request, lambda: services.meeting_register(actor=_actor(request), meeting=meeting)):
        messages.success(request, _("Du er påmeldt dialogmøtet."))
    return redirect(meeting.challenge)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_ask_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = _run(
            request,
            form,
            lambda: services.question_ask(
                actor=_actor(request), challenge=challenge, text=form.cleaned_data["text"]
            ),
        )
        if question:
            messages.success(
                request, _("Spørsmålet er sendt. Svaret publiseres for alle leverandører.")
            )
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Still et spørsmål – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = Question.objects.select_related("challenge").filter(pk=pk).first()
    if question is None:
        raise Http404
    challenge = _managed(request, question.challenge_id)
    form = QuestionAnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        done = _run(
            request,
            form,
            lambda: services.question_answer(
                actor=_actor(request), question=question, answer=form.cleaned_data["answer"]
            ),
        )
        if done:
            messages.success(request, _("Svaret er publisert."))
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Svar på spørsmål – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        quote=question.text,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def announcement_create(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        announcement = _run(
            request,
            form,
            lambda: services.announcement_send(
                actor=_actor(request), challenge=challenge, **form.cleaned_data
            ),
        )
        if announcement:
            messages.success(
                request,
                _("Kunngjøringen er publisert og sendt til %(count)s følgere.")
                % {"count": announcement.sent_to},
            )
            return redirect(challenge)
    return _form_page(
        request,
        form,
        title=_("Ny kunngjøring – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


# Answers ---------------------------------------------------------------------------------------


def _answer_initial(answer: Answer) -> dict[str, Any]:
    return {
        "solution": answer.solution,
        "estimated_cost": answer.estimated_cost,
        "estimated_time": answer.estimated_time,
        "tried_elsewhere": answer.tried_elsewhere,
        "version": answer.version,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A supplier writes or revises its answer (until the deadline)."""
    challenge = _challenge(request, pk)
    supplier = supplier_for(user=request.user)
    if supplier is None:
        raise PermissionDenied
    existing = challenge.answers.filter(supplier=supplier).first()
    form = AnswerForm(request.POST or None, initial=_answer_initial(existing) if existing else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = _run(
            request,
            form,
            lambda: services.answer_submit(
                actor=_actor(request),
                challenge=challenge,
                solution=data["solution"],
                estimated_cost=data["estimated_cost"],
                estimated_time=data["estimated_time"],
                tried_elsewhere=data["tried_elsewhere"],
                expected_version=data.get("version"),
            ),
            reload=lambda: Answer.objects.get(pk=existing.pk) if existing else None,
            initial_of=_answer_initial if existing else None,
        )
        if answer:
            messages.success(request, _("Svaret er sendt inn."))
            return redirect("challenges:answer-detail", pk=answer.pk)
    return _form_page(
        request,
        form,
        title=_("Svar på utfordringen – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        intro=_(
            "Svaret er fortrolig: bare eierkommunenes vurderere ser det, aldri andre "
            "leverandører. Du kan endre eller trekke det til svarfristen."
        ),
        criteria=criteria_of(challenge=challenge),
        deadline=challenge.answer_deadline,
    )


@login_required
@require_safe
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The answer to its supplier, or to an assessor (after the conflict-of-interest declaration)."""
    answer = answer_get_for(user=request.user, pk=pk)
    if answer is None:
        # an assessor who has not declared yet gets the declaration page without the content
        candidate = Answer.objects.select_related("challenge", "supplier").filter(pk=pk).first()
        if (
            candidate is None
            or candidate.status != Answer.Status.SUBMITTED
            or not can_manage(access=access_for(user=request.user), challenge=candidate.challenge)
            or declaration_of(user=request.user, answer=candidate) is not None
        ):
            raise Http404
        answer = candidate
    challenge = answer.challenge
    supplier = supplier_for(user=request.user)
    is_own = supplier is not None and supplier.pk == answer.supplier_id
    manager = not is_own
    declaration = declaration_of(user=request.user, answer=answer) if manager else None
    if manager and declaration is not None and declaration.has_conflict:
        raise Http404
    show_content = is_own or declaration is not None
    criteria = criteria_of(challenge=challenge)
    context = {
        "answer": answer,
        "challenge": challenge,
        "is_own": is_own,
        "show_content": show_content,
        "declaration": declaration,
        "declaration_form": DeclarationForm() if manager and declaration is None else None,
        "criteria": criteria,
        "score_form": ScoreForm(
            criteria=criteria, initial_scores=my_scores(user=request.user, answer=answer)
        )
        if manager and declaration is not None and challenge.stage == Stage.ASSESSMENT
        else None,
        "joint": joint_scores(answer=answer) if manager else {},
        "select_form": SelectForm()
        if manager
        and challenge.stage == Stage.ASSESSMENT
        and answer.outcome == Answer.Outcome.PENDING
        else None,
        "can_change": is_own
        and challenge.stage == Stage.ANSWERS
        and not answer_deadline_passed(challenge=challenge),
        "history": audit_entries_for(subject=answer) if manager and show_content else [],
    }
    if manager and show_content:
        audit_record(
            actor=_actor(request),
            subject=answer,
            action=AuditEntry.Action.VIEW_PERSONAL_DATA,
            changes={"read": "confidential answer"},
        )
    return render(request, "challenges/answer_detail.html", context)


@login_required
@require_POST
def answer_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    answer = answer_get_for(user=request.user, pk=pk)
    if answer is None:
        raise Http404
    version = request.POST.get("version", "")
    done = _refused(
        request,
        lambda: services.answer_withdraw(
            actor=_actor(request),
            answer=answer,
            expected_version=int(version) if version.isdecimal() else None,
        ),
    )
    if done:
        messages.success(request, _("Svaret er trukket."))
    return redirect("challenges:answer-detail", pk=answer.pk)


def _assessable(request: HttpRequest, pk: int) -> Answer:
    answer = Answer.objects.select_related("challenge", "supplier").filter(pk=pk).first()
    if answer is None or not can_manage(
        access=access_for(user=request.user), challenge=answer.challenge
    ):
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
    done = _refused(
        request,
        lambda: services.conflict_declare(
            actor=_actor(request),
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
                    actor=_actor(request),
                    answer=answer,
                    criterion=criterion,
                    value=form.cleaned_data[f"value_{criterion.pk}"],
                    justification=form.cleaned_data[f"justification_{criterion.pk}"],
                    joint=joint,
                )
            return True

        if _run(request, form, save):
            messages.success(
                request,
                _("Den felles vurderingen er lagret.")
                if joint
                else _("Vurderingen din er lagret."),
            )
            return redirect("challenges:answer-detail", pk=answer.pk)
    return _form_page(
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
    return _form_page(
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
        pilot = _run(
            request,
            form,
            lambda: services.pilot_select(
                actor=_actor(request), answer=answer, reason=form.cleaned_data["reason"]
            ),
        )
        if pilot:
            messages.success(request, _("Svaret er valgt til pilot."))
            return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
        request,
        form,
        title=_("Velg svaret fra %(supplier)s til pilot") % {"supplier": answer.supplier.name},
        back=reverse("challenges:answer-detail", args=[answer.pk]),
    )


@login_required
@require_safe
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _managed(request, pk)
    criteria = criteria_of(challenge=challenge)
    context = {
        "challenge": challenge,
        "criteria": criteria,
        "summaries": assessment_summary(user=request.user, challenge=challenge),
        "answers": answers_for_assessor(user=request.user, challenge=challenge),
    }
    return render(request, "challenges/assessment.html", context)


@login_required
@require_safe
def assessment_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    challenge = _managed(request, pk)
    if fmt not in (*CONTENT_TYPES, "pdf"):
        raise Http404
    criteria = criteria_of(challenge=challenge)
    summaries = assessment_summary(user=request.user, challenge=challenge)
    audit_record(
        actor=_actor(request),
        subject=challenge,
        action=AuditEntry.Action.EXPORT,
        changes={"assessment": fmt},
    )
    if fmt == "pdf":
        body = exports.assessment_pdf(challenge=challenge, criteria=criteria, summaries=summaries)
        response = HttpResponse(body, content_type="application/pdf")
        marker = "-eksempel" if challenge.is_example else ""
        response["Content-Disposition"] = (
            f'attachment; filename="vurdering-{challenge.pk}{marker}.pdf"'
        )
        return response
    table = exports.assessment_table(challenge=challenge, criteria=criteria, summaries=summaries)
    return table_response(table, file_format=fmt, name="vurdering", parts=[str(challenge.pk)])


# Pilots ----------------------------------------------------------------------------------------


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
        saved = _run(
            request,
            form,
            lambda: services.pilot_update(
                actor=_actor(request), pilot=pilot, expected_version=version, **data
            ),
            reload=lambda: Pilot.objects.get(pk=pk),
            initial_of=PilotForm.initial_from,
        )
        if saved:
            messages.success(request, _("Pilotplanen er lagret."))
            return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
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
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.milestone_add(actor=_actor(request), pilot=pilot, **form.cleaned_data),
        )
    ):
        messages.success(request, _("Milepælen er lagt inn."))
        return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
        request,
        form,
        title=_("Ny milepæl – %(title)s") % {"title": pilot.challenge.title},
        back=reverse("challenges:pilot-detail", args=[pilot.pk]),
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
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.milestone_report(
                actor=_actor(request), milestone=milestone, **form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Milepælen er oppdatert."))
        return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
        request,
        form,
        title=_("Milepæl: %(title)s") % {"title": milestone.title},
        back=reverse("challenges:pilot-detail", args=[pilot.pk]),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pilot_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    pilot = _pilot_managed(request, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _run(
            request,
            form,
            lambda: services.pilot_decide(
                actor=_actor(request),
                pilot=pilot,
                decision=data["decision"],
                reason=data["reason"],
                route=data["route"],
            ),
        ):
            messages.success(request, _("Beslutningen er registrert."))
            return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
        request,
        form,
        title=_("Beslutning etter piloten – %(title)s") % {"title": pilot.challenge.title},
        back=reverse("challenges:pilot-detail", args=[pilot.pk]),
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
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: services.pilot_join(
                actor=_actor(request),
                pilot=pilot,
                municipality=form.cleaned_data["municipality"],
            ),
        )
    ):
        messages.success(request, _("Kommunen er med i piloten."))
        return redirect("challenges:pilot-detail", pk=pilot.pk)
    return _form_page(
        request,
        form,
        title=_("Bli med i piloten – %(title)s") % {"title": pilot.challenge.title},
        back=reverse("challenges:pilot-detail", args=[pilot.pk]),
    )


@require_safe
def pilot_graveyard_view(request: HttpRequest) -> HttpResponse:
    return render(request, "challenges/pilot_graveyard.html", {"pilots": pilot_graveyard()[:200]})


# Suppliers -------------------------------------------------------------------------------------


@require_safe
def supplier_list(request: HttpRequest) -> HttpResponse:
    competence = request.GET.get("kompetanse", "")[:100]
    municipality = request.GET.get("kommune", "")[:4]
    context = {
        "suppliers": supplier_directory(competence=competence, municipality=municipality)[:300],
        "competence": competence,
        "municipality": municipality,
        "municipalities": Municipality.objects.filter(suppliers__isnull=False)
        .distinct()
        .order_by("name"),
        "own": supplier_for(user=request.user),
    }
    return render(request, "challenges/supplier_list.html", context)


@require_safe
def supplier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    supplier = supplier_get(pk=pk)
    if supplier is None:
        raise Http404
    return render(
        request,
        "challenges/supplier_detail.html",
        {"supplier": supplier, "references": supplier.references.all()},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def supplier_register_view(request: HttpRequest) -> HttpResponse:
    """A supplier registers (no account needed first); the new account is signed in."""
    if supplier_for(user=request.user) is not None:
        return redirect("challenges:supplier-profile")
    form = SupplierRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        supplier = _run(
            request,
            form,
            lambda: services.supplier_register(
                username=data["username"],
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation_number=data["organisation_number"],
                name=data["name"],
                competence=data["competence"],
                competence_tags=data["competence_tags"],
                municipality=data["municipality"],
                website=data["website"],
            ),
        )
        if supplier:
            user = User.objects.get(username=data["username"])
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            if supplier.facts_status == supplier.Facts.UNAVAILABLE:
                messages.warning(
                    request,
                    _(
                        "Registreringen er lagret. Enhetsregisteret svarte ikke, så fakta om "
                        "virksomheten hentes senere."
                    ),
                )
            else:
                messages.success(request, _("Registreringen er lagret."))
            return redirect("challenges:supplier-profile")
    return _form_page(
        request,
        form,
        title=_("Registrer leverandør"),
        back=reverse("challenges:supplier-list"),
        intro=_(
            "Registrer virksomheten med organisasjonsnummer for å stille spørsmål og svare på "
            "kommunenes innovasjonsutfordringer. Profilen vises i leverandørkatalogen."
        ),
    )


def _profile_initial(supplier: Any) -> dict[str, Any]:
    return {
        "competence": supplier.competence,
        "competence_tags": supplier.competence_tags,
        "website": supplier.website,
        "municipality": supplier.municipality,
        "version": supplier.version,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def supplier_profile(request: HttpRequest) -> HttpResponse:
    """The supplier's own page: profile, references, answers and their outcomes."""
    supplier = supplier_for(user=request.user)
    if supplier is None:
        return redirect("challenges:supplier-register")
    which = request.POST.get("form", "")
    form = SupplierProfileForm(
        request.POST if which == "profile" else None, initial=_profile_initial(supplier)
    )
    reference_form = ReferenceForm(request.POST if which == "reference" else None)
    if request.method == "POST" and which == "profile" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if _run(
            request,
            form,
            lambda: services.supplier_update(
                actor=_actor(request), supplier=supplier, expected_version=version, **data
            ),
            reload=lambda: supplier_get(pk=supplier.pk),
            initial_of=_profile_initial,
        ):
            messages.success(request, _("Profilen er lagret."))
            return redirect("challenges:supplier-profile")
    if (
        request.method == "POST"
        and which == "reference"
        and reference_form.is_valid()
        and _run(
            request,
            reference_form,
            lambda: services.reference_add(
                actor=_actor(request), supplier=supplier, **reference_form.cleaned_data
            ),
        )
    ):
        messages.success(request, _("Referansen er lagt til."))
        return redirect("challenges:supplier-profile")
    context = {
        "supplier": supplier,
        "form": form,
        "reference_form": reference_form,
        "references": supplier.references.all(),
        "answers": supplier_answers(supplier=supplier),
    }
    return render(request, "challenges/supplier_profile.html", context)
