"""Market dialogue: meetings and registrations, questions answered publicly, announcements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samspill.challenges import services
from samspill.challenges.forms import (
    AnnouncementForm,
    MeetingForm,
    QuestionAnswerForm,
    QuestionForm,
)
from samspill.challenges.models import (
    DialogueMeeting,
    Question,
)
from samspill.challenges.selectors import (
    challenge_get_for,
)
from samspill.challenges.views.flow import (
    acting_user,
    form_flow,
    managed_challenge,
    readable_challenge,
    run_button,
)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    form = MeetingForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.meeting_create(
            actor=acting_user(request), challenge=challenge, **form.cleaned_data
        ),
        done=_("Dialogmøtet er lagt inn."),
        then=lambda _saved: challenge,
        title=_("Nytt dialogmøte – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_POST
def meeting_register_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = DialogueMeeting.objects.filter(pk=pk).first()
    if meeting is None or challenge_get_for(user=request.user, pk=meeting.challenge_id) is None:
        raise Http404
    if run_button(
        request, lambda: services.meeting_register(actor=acting_user(request), meeting=meeting)
    ):
        messages.success(request, _("Du er påmeldt dialogmøtet."))
    return redirect(meeting.challenge)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_ask_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = readable_challenge(request, pk)
    form = QuestionForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.question_ask(
            actor=acting_user(request), challenge=challenge, text=form.cleaned_data["text"]
        ),
        done=_("Spørsmålet er sendt. Svaret publiseres for alle leverandører."),
        then=lambda _saved: challenge,
        title=_("Still et spørsmål – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def question_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = Question.objects.select_related("challenge").filter(pk=pk).first()
    if question is None:
        raise Http404
    challenge = managed_challenge(request, question.challenge_id)
    form = QuestionAnswerForm(request.POST or None, initial={"answer": question.answer})
    return form_flow(
        request,
        form,
        save=lambda: services.question_answer(
            actor=acting_user(request), question=question, answer=form.cleaned_data["answer"]
        ),
        done=_("Svaret er publisert."),
        then=lambda _saved: challenge,
        title=_("Svar på spørsmål – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
        quote=question.text,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def announcement_create(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = managed_challenge(request, pk)
    form = AnnouncementForm(request.POST or None)
    return form_flow(
        request,
        form,
        save=lambda: services.announcement_send(
            actor=acting_user(request), challenge=challenge, **form.cleaned_data
        ),
        done=lambda announcement: (
            ngettext(
                "Kunngjøringen er publisert og sendes til %(count)s følger.",
                "Kunngjøringen er publisert og sendes til %(count)s følgere.",
                announcement.recipients,
            )
            % {"count": announcement.recipients}
        ),
        then=lambda _saved: challenge,
        title=_("Ny kunngjøring – %(title)s") % {"title": challenge.title},
        back=challenge.get_absolute_url(),
    )
