"""Market dialogue: meetings and registrations, questions and answers, following a challenge
and announcements to followers (with their mails in the recipient's language)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record
from samspill.challenges.models import (
    Announcement,
    Challenge,
    DialogueMeeting,
    Follow,
    MeetingRegistration,
    Question,
    Stage,
)
from samspill.challenges.selectors import mail_language_for, supplier_for
from samspill.challenges.services._common import (
    A,
    StageError,
    _absolute,
    _now,
    _require_manager,
    _require_stage,
)
from samspill.core.exceptions import ConflictError
from samspill.core.mail import mail_send

# Market dialogue -------------------------------------------------------------------------------


def meeting_create(
    *,
    actor: User,
    challenge: Challenge,
    starts_at: datetime.datetime,
    place: str = "",
    link: str = "",
    description: str = "",
) -> DialogueMeeting:
    _require_manager(actor, challenge)
    if not place.strip() and not link.strip():
        raise ValidationError(_("Oppgi et sted eller en lenke til nettmøtet."))
    with transaction.atomic():
        meeting = DialogueMeeting.objects.create(
            challenge=challenge,
            starts_at=starts_at,
            place=place,
            link=link,
            description=description,
        )
        audit_record(
            actor=actor,
            subject=challenge,
            action=A.CREATE,
            changes={"meeting": [None, {"starts_at": starts_at, "place": place, "link": link}]},
        )
    return meeting


def meeting_register(*, actor: User, meeting: DialogueMeeting) -> MeetingRegistration:
    """Sign up for a meeting (once)."""
    challenge = meeting.challenge
    _require_stage(challenge, Stage.DIALOGUE, Stage.ANSWERS)
    with transaction.atomic():
        registration, created = MeetingRegistration.objects.get_or_create(
            meeting=meeting, user=actor, defaults={"supplier": supplier_for(user=actor)}
        )
        if not created:
            raise ConflictError(_("Du er allerede påmeldt."))
        audit_record(
            actor=actor, subject=challenge, action=A.SUBMIT, changes={"registration": meeting.pk}
        )
    return registration


def question_ask(*, actor: User, challenge: Challenge, text: str) -> Question:
    """A question in the market dialogue; the answer will be public, the asker never shown."""
    _require_stage(challenge, Stage.DIALOGUE, Stage.ANSWERS)
    if not text.strip():
        raise ValidationError({"text": _("Skriv spørsmålet.")})
    with transaction.atomic():
        question = Question.objects.create(
            challenge=challenge,
            text=text.strip(),
            asked_by=actor,
            supplier=supplier_for(user=actor),
        )
        audit_record(actor=actor, subject=question, action=A.SUBMIT, changes={"text": text})
    return question


def question_answer(
    *, actor: User, question: Question, answer: str, now: datetime.datetime | None = None
) -> Question:
    _require_manager(actor, question.challenge)
    if not answer.strip():
        raise ValidationError({"answer": _("Skriv svaret.")})
    with transaction.atomic():
        locked = Question.objects.select_for_update().get(pk=question.pk)
        changes = {"answer": [locked.answer, answer.strip()]}
        locked.answer = answer.strip()
        locked.answered_at = _now(now)
        locked.answered_by = actor
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.PUBLISH, changes=changes)
    return locked


def follow_set(*, actor: User, challenge: Challenge, follow: bool) -> bool:
    with transaction.atomic():
        if follow:
            _follow, changed = Follow.objects.get_or_create(challenge=challenge, user=actor)
        else:
            changed = bool(Follow.objects.filter(challenge=challenge, user=actor).delete()[0])
        if changed:
            audit_record(
                actor=actor,
                subject=challenge,
                action=A.UPDATE,
                changes={"following": [not follow, follow]},
            )
    return changed


def _followers(challenge: Challenge) -> list[User]:
    return [
        user
        for user in User.objects.filter(
            pk__in=challenge.follows.values("user_id"), is_active=True
        ).order_by("pk")
        if user.email
    ]


def _follower_addresses(challenge: Challenge) -> list[str]:
    return sorted({user.email for user in _followers(challenge)})


def _by_language(users: Iterable[User]) -> dict[str, list[str]]:
    """Addresses grouped by the language each person is mailed in (ADR 93)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for user in users:
        groups[mail_language_for(user=user)].add(user.email)
    return {language: sorted(groups[language]) for language in sorted(groups)}


def announcement_send(*, actor: User, challenge: Challenge, title: str, body: str) -> Announcement:
    """Publish an announcement on the page; the mail to every follower (blind copies) is queued
    after the commit and sent by the task worker (`announcement_mail_send`)."""
    _require_manager(actor, challenge)
    if not challenge.is_public:
        raise StageError(_("Kunngjøringer sendes først når utfordringen er publisert."))
    if not title.strip() or not body.strip():
        raise ValidationError(_("Skriv både tittel og melding."))
    from samspill.challenges.tasks import announcement_mail  # the task module imports us

    with transaction.atomic():
        announcement = Announcement.objects.create(
            challenge=challenge,
            title=title,
            body=body,
            created_by=actor,
            recipients=len(_follower_addresses(challenge)),
        )
        audit_record(
            actor=actor,
            subject=challenge,
            action=A.PUBLISH,
            changes={"announcement": title, "recipients": announcement.recipients},
        )
        announcement_id = announcement.pk
        transaction.on_commit(lambda: announcement_mail.enqueue(announcement_id))
    return announcement


def announcement_mail_send(*, announcement_id: int, now: datetime.datetime | None = None) -> bool:
    """Mail one announcement to the challenge's followers (as they are now), once: the row is
    locked and marked mailed in the same transaction; a mail failure rolls back (raised) so a
    later run sends it. False when it was already mailed."""
    with transaction.atomic():
        locked = (
            Announcement.objects.select_for_update()
            .filter(pk=announcement_id, mailed_at__isnull=True)
            .select_related("challenge")
            .first()
        )
        if locked is None:
            return False
        recipients = _follower_addresses(locked.challenge)
        for language, addresses in _by_language(_followers(locked.challenge)).items():
            with translation.override(language):  # the link in the readers' language
                mail_send(
                    message=EmailMessage(
                        subject=f"{locked.challenge.title}: {locked.title}",
                        body=f"{locked.body}\n\n{locked.challenge.title}\n"
                        f"{_absolute(locked.challenge.get_absolute_url())}",
                        bcc=addresses,
                        headers={"Content-Language": language},
                    )
                )
        locked.sent_to = len(recipients)
        locked.mailed_at = _now(now)
        locked.save(update_fields=["sent_to", "mailed_at", "updated_at"])
        audit_record(
            actor=None,
            subject=locked.challenge,
            action=A.SEND,
            changes={"announcement": locked.title, "sent": len(recipients)},
        )
    return True
