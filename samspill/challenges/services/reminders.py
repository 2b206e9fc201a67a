"""Mail and reminders: reminders before deadlines and meetings, and the catch-up for announcement
and outcome mails the worker could not send."""

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.challenges.models import (
    Announcement,
    Answer,
    Challenge,
    DialogueMeeting,
    Reminder,
    Stage,
)
from samspill.challenges.selectors import mail_language_for
from samspill.challenges.services._common import _absolute, _now
from samspill.challenges.services.assessment import outcome_mail_send
from samspill.challenges.services.dialogue import announcement_mail_send
from samspill.core.mail import MailNotSentError, mail_send

# Reminders before deadlines ---------------------------------------------------------------------

REMIND_AHEAD = datetime.timedelta(days=2)


@dataclass(frozen=True)
class ReminderSummary:
    sent: int
    skipped: int


def _remind(
    *,
    challenge: Challenge,
    kind: str,
    object_id: int,
    due_at: datetime.datetime,
    users: Iterable[User],
    render: Callable[[], tuple[str, str]],
) -> tuple[int, int]:
    """Mail each person once per (kind, object, moment): the Reminder row is written and the mail
    sent in one transaction, so a failed mail leaves no row and a second run finds the row.
    `render` gives (subject, body) and is called in each person's language (ADR 93)."""
    sent = skipped = 0
    for user in users:
        if not user.email or not user.is_active:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    challenge=challenge, kind=kind, object_id=object_id, due_at=due_at, user=user
                )
                language = mail_language_for(user=user)
                with translation.override(language):
                    subject, body = render()
                mail_send(
                    message=EmailMessage(
                        subject=subject,
                        body=body,
                        to=[user.email],
                        headers={"Content-Language": language},
                    )
                )
        except IntegrityError:
            skipped += 1  # reminded before (or by a run at the same moment)
            continue
        sent += 1
    return sent, skipped


def reminders_send(
    *, now: datetime.datetime | None = None, ahead: datetime.timedelta = REMIND_AHEAD
) -> ReminderSummary:
    """Remind followers of an answer deadline, and those registered (and followers) of a dialogue
    meeting, when it is less than `ahead` away. Never twice for the same moment: a moved deadline
    is a new moment and is reminded again. A mail failure is raised after the others are sent."""
    moment = _now(now)
    sent = skipped = 0
    failures: list[MailNotSentError] = []
    for challenge in Challenge.objects.filter(
        stage=Stage.ANSWERS, answer_deadline__gt=moment, answer_deadline__lte=moment + ahead
    ):
        deadline = challenge.answer_deadline
        if deadline is None:  # excluded by the filter; keeps the type exact
            continue
        try:
            done = _remind(
                challenge=challenge,
                kind=Reminder.Kind.ANSWER_DEADLINE,
                object_id=challenge.pk,
                due_at=deadline,
                users=User.objects.filter(pk__in=challenge.follows.values("user_id")),
                render=functools.partial(_deadline_mail, challenge, deadline),
            )
        except MailNotSentError as error:
            failures.append(error)
            continue
        sent, skipped = sent + done[0], skipped + done[1]
    meetings = DialogueMeeting.objects.filter(
        starts_at__gt=moment,
        starts_at__lte=moment + ahead,
        challenge__stage__in=(Stage.DIALOGUE, Stage.ANSWERS),
    ).select_related("challenge")
    for meeting in meetings:
        people = User.objects.filter(
            models.Q(pk__in=meeting.registrations.values("user_id"))
            | models.Q(pk__in=meeting.challenge.follows.values("user_id"))
        )
        try:
            done = _remind(
                challenge=meeting.challenge,
                kind=Reminder.Kind.MEETING,
                object_id=meeting.pk,
                due_at=meeting.starts_at,
                users=people,
                render=functools.partial(_meeting_mail, meeting),
            )
        except MailNotSentError as error:
            failures.append(error)
            continue
        sent, skipped = sent + done[0], skipped + done[1]
    if failures:
        raise failures[0]
    return ReminderSummary(sent=sent, skipped=skipped)


def _deadline_mail(challenge: Challenge, deadline: datetime.datetime) -> tuple[str, str]:
    """Subject and body of an answer-deadline reminder, in the active language."""
    when = _oslo(deadline)
    subject = _("Påminnelse: svarfrist %(when)s – %(title)s") % {
        "when": when,
        "title": challenge.title,
    }
    body = _(
        "Svarfristen for «%(title)s» er %(when)s (norsk tid). Etter fristen kan svar "
        "ikke sendes inn, endres eller trekkes.\n\n%(url)s"
    ) % {"title": challenge.title, "when": when, "url": _absolute(challenge.get_absolute_url())}
    return subject, body


def _meeting_mail(meeting: DialogueMeeting) -> tuple[str, str]:
    """Subject and body of a dialogue-meeting reminder, in the active language."""
    when = _oslo(meeting.starts_at)
    title = meeting.challenge.title
    subject = _("Påminnelse: dialogmøte %(when)s – %(title)s") % {"when": when, "title": title}
    body = _("Dialogmøtet om «%(title)s» er %(when)s (norsk tid). Sted: %(place)s\n\n%(url)s") % {
        "title": title,
        "when": when,
        "place": meeting.place or meeting.link or "–",
        "url": _absolute(meeting.challenge.get_absolute_url()),
    }
    return subject, body


def _oslo(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return _("%(date)s kl. %(time)s") % {"date": f"{local:%d.%m.%Y}", "time": f"{local:%H:%M}"}


def mail_catch_up(*, now: datetime.datetime | None = None) -> int:
    """Send the announcement and outcome mails the worker could not send (mail server down):
    those still unmailed a quarter of an hour after they were queued. Returns how many went."""
    before = _now(now) - datetime.timedelta(minutes=15)
    done = 0
    for announcement_id in Announcement.objects.filter(
        mailed_at__isnull=True, created_at__lte=before
    ).values_list("pk", flat=True):
        done += announcement_mail_send(announcement_id=announcement_id, now=now)
    for answer_id in Answer.objects.filter(
        outcome_notified_at__lte=before, outcome_mailed_at__isnull=True
    ).values_list("pk", flat=True):
        done += outcome_mail_send(answer_id=answer_id, now=now)
    return done
