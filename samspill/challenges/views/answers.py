"""A supplier's confidential answer: write, revise, withdraw until the deadline; read by its
supplier and by assessors without a conflict."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.audit.services import audit_record
from samspill.challenges import services
from samspill.challenges.forms import (
    AnswerForm,
    AttachmentForm,
    DeclarationForm,
    ScoreForm,
    SelectForm,
)
from samspill.challenges.models import (
    Answer,
    Stage,
)
from samspill.challenges.selectors import (
    answer_deadline_passed,
    answer_get_for,
    attachment_get_for,
    can_assess,
    criteria_of,
    declaration_of,
    joint_scores,
    my_scores,
    supplier_for,
)
from samspill.challenges.views.flow import (
    acting_user,
    form_flow,
    form_page,
    readable_challenge,
    run_button,
    run_service,
)
from samspill.knowledge.uploads import oversize_error


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
    challenge = readable_challenge(request, pk)
    supplier = supplier_for(user=request.user)
    if supplier is None:
        raise PermissionDenied
    existing = challenge.answers.filter(supplier=supplier).first()
    form = AnswerForm(request.POST or None, initial=_answer_initial(existing) if existing else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answer = run_service(
            request,
            form,
            lambda: services.answer_submit(
                actor=acting_user(request),
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
    return form_page(
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
            or not can_assess(user=request.user, challenge=candidate.challenge)
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
        "attachments": answer.attachments.all() if show_content else [],
    }
    if manager and show_content:
        audit_record(
            actor=acting_user(request),
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
    done = run_button(
        request,
        lambda: services.answer_withdraw(
            actor=acting_user(request),
            answer=answer,
            expected_version=int(version) if version.isdecimal() else None,
        ),
    )
    if done:
        messages.success(request, _("Svaret er trukket."))
    return redirect("challenges:answer-detail", pk=answer.pk)


# Attachments -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def attachment_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The supplier attaches a file to its own answer (until the deadline)."""
    answer = answer_get_for(user=request.user, pk=pk)
    supplier = supplier_for(user=request.user)
    if answer is None or supplier is None or supplier.pk != answer.supplier_id:
        raise Http404
    form = AttachmentForm(request.POST or None, request.FILES or None)
    return form_flow(
        request,
        form,
        save=lambda: services.attachment_add(
            actor=acting_user(request), answer=answer, **_upload(form)
        ),
        done=_("Vedlegget er lagt ved svaret."),
        then=lambda _saved: reverse("challenges:answer-detail", args=[answer.pk]),
        title=_("Legg ved en fil – %(title)s") % {"title": answer.challenge.title},
        back=reverse("challenges:answer-detail", args=[answer.pk]),
        intro=_("Vedlegget er like fortrolig som svaret og kan ikke endres etter svarfristen."),
        multipart=True,
    )


def _upload(form: Any) -> dict[str, Any]:
    uploaded = form.cleaned_data["file"]
    if uploaded.size > settings.CHALLENGES_ATTACHMENT_MAX_BYTES:  # refused without reading it
        raise ValidationError(
            {
                "file": oversize_error(
                    uploaded.size, settings.CHALLENGES_ATTACHMENT_MAX_BYTES
                ).message
            }
        )
    return {"name": uploaded.name, "data": uploaded.read()}


@login_required
@require_safe
def attachment_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored file, only to those who may read the answer; an assessor's download is logged.

    Read whole (capped by CHALLENGES_ATTACHMENT_MAX_BYTES); served with its checked media type,
    `nosniff` and a sandboxing CSP, never from a public media URL."""
    attachment = attachment_get_for(user=request.user, pk=pk)
    if attachment is None:
        raise Http404
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    supplier = supplier_for(user=request.user)
    if supplier is None or supplier.pk != attachment.answer.supplier_id:
        audit_record(
            actor=acting_user(request),
            subject=attachment.answer,
            action=AuditEntry.Action.VIEW_PERSONAL_DATA,
            changes={"read": "confidential attachment", "attachment": attachment.file_name},
        )
    response = HttpResponse(content, content_type=attachment.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(
            as_attachment=attachment.file_type not in ("pdf", "png", "jpeg"),
            filename=attachment.file_name,
        )
        or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def attachment_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = attachment_get_for(user=request.user, pk=pk)
    if attachment is None:
        raise Http404
    if run_button(
        request,
        lambda: services.attachment_remove(actor=acting_user(request), attachment=attachment),
    ):
        messages.success(request, _("Vedlegget er fjernet."))
    return redirect("challenges:answer-detail", pk=attachment.answer_id)
