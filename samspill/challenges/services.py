"""Writes for innovation challenges: every one checks permission, runs in a transaction and is
audited. Stage changes and anything that depends on the answer deadline lock the challenge row
(`select_for_update`) and decide on the locked state, so two requests cannot both win.

Times: `now` defaults to `timezone.now()`; tests pass a fixed moment (deadlines are stored in UTC
and entered and shown in Europe/Oslo).
"""

import datetime
import functools
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samspill.accounts.models import Organisation, User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record, model_changes
from samspill.challenges import search as challenge_search
from samspill.challenges.models import (
    TRANSITIONS,
    Announcement,
    Answer,
    AnswerAttachment,
    Challenge,
    ChallengeAssessor,
    ChallengeOwner,
    ConflictDeclaration,
    Criterion,
    DialogueMeeting,
    Follow,
    MeetingRegistration,
    Milestone,
    Pilot,
    Question,
    Reminder,
    Score,
    Stage,
    Supplier,
    SupplierReference,
)
from samspill.challenges.selectors import (
    can_assess,
    can_manage,
    conflicted_answer_ids,
    declaration_of,
    mail_language_for,
    panel_candidates,
    supplier_for,
)
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.mail import MailNotSentError, mail_send
from samspill.inquiries.brreg import LookupResult, fetch_company_facts
from samspill.inquiries.orgnr import is_valid_organisation_number, normalise_organisation_number
from samspill.knowledge.uploads import Limits, UploadRefusedError, file_inspect
from samspill.regions.models import Municipality
from samspill.search.models import Kind
from samspill.search.services import index_remove, index_update

A = AuditEntry.Action

CHALLENGE_FIELDS = (
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
# The need statement can be edited until answers open; after that only these may change.
LATE_EDITABLE = ("timeline", "tender_url")


class StageError(ConflictError):
    """The challenge is not in a stage that allows this (409 in the API, a message on the page)."""


class DeadlinePassedError(ConflictError):
    """The answer deadline has passed: nothing can be changed."""

    def __init__(self) -> None:
        super().__init__(_("Svarfristen er ute. Svaret kan ikke lenger endres eller trekkes."))


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _require_manager(actor: User, challenge: Challenge) -> None:
    if not can_manage(access=access_for(user=actor), challenge=challenge):
        raise PermissionDeniedError(_("Bare eierkommunenes folk kan gjøre dette."))


def _locked(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _index(challenge: Challenge) -> None:
    if challenge.is_public:
        index_update(challenge_search.challenge_document(challenge))
    else:
        index_remove(kind=Kind.CHALLENGE, object_id=challenge.pk)


# Challenges ------------------------------------------------------------------------------------


def challenge_create(
    *, actor: User, municipalities: Sequence[Municipality], is_example: bool = False, **fields: Any
) -> Challenge:
    """A new draft owned by `municipalities`; the actor must speak for every one of them."""
    if not municipalities:
        raise ValidationError({"municipalities": _("Velg minst én eierkommune.")})
    access = access_for(user=actor)
    for municipality in municipalities:
        if not access.can_edit_municipality(municipality.pk):
            raise PermissionDeniedError(
                _("Du kan ikke opprette utfordringer for %(name)s.") % {"name": municipality.name}
            )
    data = {key: fields.get(key) for key in CHALLENGE_FIELDS if key in fields}
    with transaction.atomic():
        challenge = Challenge(created_by=actor, is_example=is_example, **data)
        challenge.full_clean()
        challenge.save()
        for municipality in municipalities:
            ChallengeOwner.objects.create(challenge=challenge, municipality=municipality)
        audit_record(
            actor=actor,
            subject=challenge,
            action=A.CREATE,
            changes={
                **{key: [None, value] for key, value in data.items()},
                "municipalities": [None, [m.number for m in municipalities]],
            },
        )
    return challenge


def challenge_update(
    *, actor: User, challenge: Challenge, expected_version: int | None = None, **fields: Any
) -> Challenge:
    """Edit the need statement (all of it until answers open; then only timeline and notice)."""
    _require_manager(actor, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        allowed = (
            CHALLENGE_FIELDS if locked.stage in (Stage.DRAFT, Stage.DIALOGUE) else LATE_EDITABLE
        )
        refused = [
            key
            for key in fields
            if key not in allowed
            and key in CHALLENGE_FIELDS
            and fields[key] != getattr(locked, key)
        ]
        if refused:
            raise StageError(_("Behovsbeskrivelsen er låst etter at utfordringen åpnet for svar."))
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        locked.full_clean()
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
        _index(locked)
    return locked


def challenge_transition(
    *,
    actor: User,
    challenge: Challenge,
    to: str,
    reason: str = "",
    now: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> Challenge:
    """Move the challenge one stage on, checking the stage's conditions on the locked row."""
    _require_manager(actor, challenge)
    moment = _now(now)
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage == to:
            raise StageError(
                _("Utfordringen er allerede i fasen «%(stage)s».")
                % {"stage": locked.get_stage_display()}
            )
        if to not in TRANSITIONS[locked.stage]:
            raise StageError(
                _("Utfordringen kan ikke gå fra «%(from)s» til «%(to)s».")
                % {"from": locked.get_stage_display(), "to": Stage(to).label}
            )
        _check_stage_conditions(locked, to, moment, reason)
        before = locked.stage
        locked.stage = to
        locked.stage_changed_at = moment
        version_claim(locked, expected_version=expected_version)
        locked.save(update_fields=["stage", "stage_changed_at", "version", "updated_at"])
        audit_record(
            actor=actor,
            subject=locked,
            action=A.TRANSITION,
            changes={"stage": [before, to], **({"reason": reason} if reason else {})},
        )
        _index(locked)
    if to == Stage.PILOT:
        outcomes_notify(actor=actor, challenge=locked, now=moment)
    return locked


def _check_stage_conditions(
    challenge: Challenge, to: str, moment: datetime.datetime, reason: str
) -> None:
    if to == Stage.STOPPED and not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor utfordringen stanses.")})
    if to == Stage.ANSWERS:
        total = sum(c.weight for c in challenge.criteria.all())
        if total != 100:
            raise ValidationError(
                _(
                    "Kriteriene må være satt før utfordringen åpner for svar, og vektene må bli "
                    "100 %% til sammen (nå %(total)s %%)."
                )
                % {"total": total}
            )
        if challenge.answer_deadline is None or challenge.answer_deadline <= moment:
            raise ValidationError(
                _("Sett en svarfrist fram i tid før utfordringen åpner for svar.")
            )
    if to == Stage.ASSESSMENT and (
        challenge.answer_deadline is None or moment < challenge.answer_deadline
    ):
        raise ValidationError(_("Vurderingen kan først starte når svarfristen er ute."))
    if to == Stage.PILOT and not challenge.pilots.exists():
        raise ValidationError(_("Velg minst ett svar til pilot først."))
    if to == Stage.SCALE_UP and not challenge.pilots.filter(decision=Pilot.Decision.SCALE_UP):
        raise ValidationError(_("Oppskalering krever en pilot med beslutningen «oppskalere»."))


def challenge_join(
    *, actor: User, challenge: Challenge, municipality: Municipality
) -> ChallengeOwner:
    """Another municipality joins as an owner (its own people decide that)."""
    if not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke melde inn denne kommunen."))
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage in (Stage.SCALE_UP, Stage.STOPPED):
            raise StageError(_("Utfordringen er avsluttet."))
        owner, created = ChallengeOwner.objects.get_or_create(
            challenge=locked, municipality=municipality
        )
        if not created:
            raise ConflictError(_("Kommunen er allerede med."))
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"municipalities": ["+", municipality.number]},
        )
        _index(locked)
    return owner


# The assessor panel (ADR 92) ---------------------------------------------------------------------


def panel_add(*, actor: User, challenge: Challenge, user: User) -> ChallengeAssessor:
    """Put a person with a role in an owning municipality on the challenge's assessor panel.

    The first member narrows the assessors from everyone the owners' roles allow to the panel, so
    it is refused once anyone else has scored (they would lose the answers they scored)."""
    _require_manager(actor, challenge)
    if user.pk not in {candidate.pk for candidate in panel_candidates(challenge=challenge)}:
        raise ValidationError(
            {"user": _("Bare folk med en rolle i en eierkommune kan være vurderere.")}
        )
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.panel.filter(user=user).exists():
            raise ConflictError(_("%(name)s er allerede i panelet.") % {"name": _name(user)})
        if (
            not locked.panel.exists()
            and Score.objects.filter(answer__challenge=locked, assessor__isnull=False)
            .exclude(assessor=user)
            .exists()
        ):
            raise ConflictError(
                _(
                    "Andre vurderere har allerede gitt poeng. Et panel kan ikke settes etter at "
                    "vurderingen har begynt uten dem."
                )
            )
        member = ChallengeAssessor.objects.create(challenge=locked, user=user, added_by=actor)
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"assessors": ["+", user.username]},
        )
    return member


def panel_remove(*, actor: User, challenge: Challenge, user: User) -> str:
    """Take a person off the panel (returns their name); refused once they have scored an answer
    of the challenge (their scores stay part of the record and must stay readable to them)."""
    _require_manager(actor, challenge)
    with transaction.atomic():
        locked = _locked(challenge)
        member = locked.panel.select_for_update().filter(user=user).first()
        if member is None:
            raise ConflictError(_("%(name)s er ikke i panelet.") % {"name": _name(user)})
        if Score.objects.filter(answer__challenge=locked, assessor=user).exists():
            raise ConflictError(
                _("%(name)s har gitt poeng og kan ikke tas ut av panelet.") % {"name": _name(user)}
            )
        member.delete()
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"assessors": ["-", user.username]},
        )
    return _name(user)


def _name(user: User) -> str:
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class CriterionRow:
    name: str
    weight: int
    description: str = ""


def criteria_set(
    *, actor: User, challenge: Challenge, rows: Iterable[CriterionRow]
) -> list[Criterion]:
    """Replace the criteria; only before answers open, and the weights must add up to 100 %."""
    _require_manager(actor, challenge)
    wanted = [row for row in rows if row.name.strip()]
    total = sum(row.weight for row in wanted)
    if total != 100:
        raise ValidationError(
            _("Vektene må bli 100 %% til sammen. Nå blir de %(total)s %%.") % {"total": total}
        )
    if any(row.weight < 1 or row.weight > 100 for row in wanted):
        raise ValidationError(_("Hver vekt må være mellom 1 og 100 %."))
    with transaction.atomic():
        locked = _locked(challenge)
        if locked.stage not in (Stage.DRAFT, Stage.DIALOGUE):
            raise StageError(_("Kriteriene er låst etter at utfordringen åpnet for svar."))
        before = [[c.name, c.weight] for c in locked.criteria.all()]
        locked.criteria.all().delete()
        for row in wanted:
            Criterion.objects.create(
                challenge=locked,
                name=row.name.strip(),
                weight=row.weight,
                description=row.description.strip(),
            )
        audit_record(
            actor=actor,
            subject=locked,
            action=A.UPDATE,
            changes={"criteria": [before, [[r.name, r.weight] for r in wanted]]},
        )
    return list(locked.criteria.all())


# Suppliers -------------------------------------------------------------------------------------


def organisation_number_clean(value: str) -> str:
    """Nine digits with a valid check digit, or a ValidationError that says what is wrong."""
    number = normalise_organisation_number(value)
    if len(number) != 9 or not number.isdigit():
        raise ValidationError(_("Et organisasjonsnummer har ni siffer."))
    if not is_valid_organisation_number(number):
        raise ValidationError(
            _("Kontrollsifferet stemmer ikke. Sjekk at organisasjonsnummeret er skrevet riktig.")
        )
    return number


def supplier_facts_refresh(*, supplier: Supplier, now: datetime.datetime | None = None) -> str:
    """Fetch the facts from Brønnøysund; when the register cannot be reached, keep what we have."""
    lookup = fetch_company_facts(supplier.organisation_number)
    fields: dict[str, Any] = {"facts_checked_at": _now(now)}
    if lookup.result == LookupResult.FOUND and lookup.facts is not None:
        facts = lookup.facts
        fields.update(
            facts_status=Supplier.Facts.FOUND,
            industry_description=facts.industry_description[:300],
            employees=facts.employees,
        )
        if facts.name:
            fields["name"] = facts.name[:200]
        municipality = Municipality.objects.filter(number=facts.municipality_number).first()
        if municipality is not None and supplier.municipality_id is None:
            fields["municipality"] = municipality
    elif lookup.result in (LookupResult.NOT_FOUND, LookupResult.REMOVED, LookupResult.INVALID):
        fields["facts_status"] = Supplier.Facts.NOT_FOUND
    elif supplier.facts_status != Supplier.Facts.FOUND:
        fields["facts_status"] = Supplier.Facts.UNAVAILABLE
    if lookup.result == LookupResult.UNAVAILABLE:
        fields["facts_failures"] = min(supplier.facts_failures + 1, 1000)
    else:
        fields["facts_failures"] = 0
    with transaction.atomic():
        changes = model_changes(supplier, fields)
        supplier.save()
        audit_record(actor=None, subject=supplier, action=A.UPDATE, changes=changes)
    return str(lookup.result)


def _facts_retry_delay(failures: int) -> datetime.timedelta:
    """15 minutes after the first failure, doubling each time, at most a day (as the inquiries
    app waits for companies; its services are not ours to import)."""
    delay: datetime.timedelta = datetime.timedelta(minutes=15) * (
        2 ** min(max(failures - 1, 0), 16)
    )
    return min(delay, datetime.timedelta(hours=24))


def supplier_facts_retry(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """Ask Brønnøysund again for the profiles registered while it did not answer, backing off
    as the inquiries app does (15 minutes after the first failure, doubling, at most a day).
    Returns how many were asked; run hourly by `samspill challenges supplier-facts`."""
    moment = _now(now)
    asked = 0
    waiting = Supplier.objects.filter(facts_status=Supplier.Facts.UNAVAILABLE).order_by(
        "facts_checked_at", "pk"
    )
    for supplier in waiting[:limit]:
        checked = supplier.facts_checked_at
        if checked is not None and moment < checked + _facts_retry_delay(supplier.facts_failures):
            continue
        supplier_facts_refresh(supplier=supplier, now=moment)
        asked += 1
    return asked


def supplier_register(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    organisation_number: str,
    name: str,
    competence: str,
    competence_tags: str = "",
    municipality: Municipality | None = None,
    website: str = "",
    language: str = "nb",
    is_example: bool = False,
    fetch_facts: bool = True,
) -> Supplier:
    """A supplier registers itself: a login, the organisation and its profile, in one go."""
    number = organisation_number_clean(organisation_number)
    if Supplier.objects.filter(organisation_number=number).exists():
        raise ValidationError(
            {"organisation_number": _("Denne leverandøren er allerede registrert.")}
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Brukernavnet er tatt.")})
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(
                name=name,
                kind=Organisation.Kind.SUPPLIER,
                organisation_number=number,
                municipality=municipality,
            )
            user.organisation = organisation
            user.set_password(password)
            user.save()
            supplier = Supplier.objects.create(
                organisation=organisation,
                organisation_number=number,
                name=name,
                municipality=municipality,
                competence=competence,
                competence_tags=competence_tags,
                website=website,
                language=_known_language(language),
                is_example=is_example,
            )
            audit_record(
                actor=user,
                subject=supplier,
                action=A.CREATE,
                changes={
                    "organisation_number": [None, number],
                    "name": [None, name],
                    "competence_tags": [None, competence_tags],
                    "user": [None, username],
                },
            )
    except IntegrityError as error:  # two registrations of the same number at once
        raise ValidationError(
            {"organisation_number": _("Denne leverandøren er allerede registrert.")}
        ) from error
    if fetch_facts:
        supplier_facts_refresh(supplier=supplier)
    return supplier


def _known_language(code: str) -> str:
    """One of the site's languages (the interface language a supplier registered in)."""
    known = {language for language, _label in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def _require_supplier_member(actor: User, supplier: Supplier) -> None:
    own = supplier_for(user=actor)
    if (own is None or own.pk != supplier.pk) and not actor.is_superuser:
        raise PermissionDeniedError(_("Bare leverandørens egne folk kan endre profilen."))


def supplier_update(
    *, actor: User, supplier: Supplier, expected_version: int | None = None, **fields: Any
) -> Supplier:
    _require_supplier_member(actor, supplier)
    allowed = ("competence", "competence_tags", "website", "municipality", "language")
    if "language" in fields and fields["language"] != _known_language(fields["language"]):
        raise ValidationError({"language": _("Ukjent språk.")})
    with transaction.atomic():
        locked = Supplier.objects.select_for_update().get(pk=supplier.pk)
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
    return locked


def reference_add(
    *,
    actor: User | None,
    supplier: Supplier,
    title: str,
    customer: str,
    year: int,
    description: str = "",
    pilot: Pilot | None = None,
) -> SupplierReference:
    if actor is not None and pilot is None:
        _require_supplier_member(actor, supplier)
    with transaction.atomic():
        reference = SupplierReference(
            supplier=supplier,
            title=title,
            customer=customer,
            year=year,
            description=description,
            pilot=pilot,
        )
        reference.full_clean()
        reference.save()
        audit_record(
            actor=actor,
            subject=supplier,
            action=A.CREATE,
            changes={"reference": [None, str(reference)]},
        )
    return reference


# Market dialogue -------------------------------------------------------------------------------


def _require_stage(challenge: Challenge, *stages: str) -> None:
    if challenge.stage not in stages:
        raise StageError(
            _("Dette kan ikke gjøres i fasen «%(stage)s».")
            % {"stage": challenge.get_stage_display()}
        )


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


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


# Answers ---------------------------------------------------------------------------------------


def _answer_window_open(challenge: Challenge, moment: datetime.datetime) -> None:
    if challenge.stage != Stage.ANSWERS:
        if challenge.answer_deadline is not None and moment >= challenge.answer_deadline:
            raise DeadlinePassedError
        raise StageError(_("Utfordringen er ikke åpen for svar."))
    if challenge.answer_deadline is None or moment >= challenge.answer_deadline:
        raise DeadlinePassedError


def answer_submit(
    *,
    actor: User,
    challenge: Challenge,
    solution: str,
    estimated_cost: int | None = None,
    estimated_time: str = "",
    tried_elsewhere: str = "",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
    is_example: bool = False,
) -> Answer:
    """Submit or revise the supplier's answer; refused from the deadline on."""
    supplier = supplier_for(user=actor)
    if supplier is None:
        raise PermissionDeniedError(_("Bare registrerte leverandører kan svare."))
    if not solution.strip():
        raise ValidationError({"solution": _("Beskriv løsningen dere foreslår.")})
    moment = _now(now)
    fields = {
        "solution": solution,
        "estimated_cost": estimated_cost,
        "estimated_time": estimated_time,
        "tried_elsewhere": tried_elsewhere,
        "status": Answer.Status.SUBMITTED,
    }
    with transaction.atomic():
        locked = _locked(challenge)
        _answer_window_open(locked, moment)
        answer = (
            Answer.objects.select_for_update().filter(challenge=locked, supplier=supplier).first()
        )
        if answer is None:
            answer = Answer.objects.create(
                challenge=locked,
                supplier=supplier,
                submitted_by=actor,
                changed_at=moment,
                is_example=is_example,
                **fields,
            )
            audit_record(
                actor=actor,
                subject=answer,
                action=A.SUBMIT,
                changes={k: [None, v] for k, v in fields.items()},
            )
            return answer
        changes = model_changes(answer, fields)
        if not changes:
            return answer
        version_claim(answer, expected_version=expected_version)
        answer.changed_at = moment
        answer.submitted_by = actor
        answer.save()
        audit_record(actor=actor, subject=answer, action=A.SUBMIT, changes=changes)
    return answer


# Attachments on answers --------------------------------------------------------------------------

# What a supplier may attach (by content, knowledge.uploads decides): no presentations.
ATTACHMENT_TYPES = ("pdf", "docx", "xlsx", "odt", "png", "jpeg")


def attachment_limits() -> Limits:
    return Limits(
        max_bytes=settings.CHALLENGES_ATTACHMENT_MAX_BYTES,
        unzipped_max_bytes=settings.KNOWLEDGE_UNZIPPED_MAX_BYTES,
        zip_max_ratio=settings.KNOWLEDGE_ZIP_MAX_RATIO,
    )


def _own_answer_locked(actor: User, answer: Answer, moment: datetime.datetime) -> Answer:
    """The actor's own submitted answer, locked, inside the answer window (else refused)."""
    supplier = supplier_for(user=actor)
    if supplier is None or supplier.pk != answer.supplier_id:
        raise PermissionDeniedError(_("Bare leverandøren som svarte, kan endre vedleggene."))
    _answer_window_open(_locked(answer.challenge), moment)
    locked = Answer.objects.select_for_update().get(pk=answer.pk)
    if locked.status != Answer.Status.SUBMITTED:
        raise StageError(_("Svaret er trukket. Send det inn igjen før du legger ved filer."))
    return locked


def attachment_add(
    *, actor: User, answer: Answer, name: str, data: bytes, now: datetime.datetime | None = None
) -> AnswerAttachment:
    """Attach a file to the supplier's own answer until the deadline; the type is decided by
    the content (knowledge's upload check), a refused file stores nothing."""
    moment = _now(now)
    try:
        checked = file_inspect(name=name, data=data, limits=attachment_limits())
    except UploadRefusedError as error:
        raise ValidationError({"file": error.message}) from error
    if checked.file_type.code not in ATTACHMENT_TYPES:
        raise ValidationError(
            {
                "file": _(
                    "Filtypen kan ikke legges ved et svar. Tillatt: PDF, DOCX, XLSX, ODT, PNG "
                    "og JPEG."
                )
            }
        )
    with transaction.atomic():
        locked = _own_answer_locked(actor, answer, moment)
        stored = default_storage.save(
            f"challenges/answers/{uuid.uuid4().hex}{checked.file_type.extensions[0]}",
            ContentFile(data),
        )
        try:
            attachment = AnswerAttachment.objects.create(
                answer=locked,
                file=stored,
                file_name=name[:255],
                file_type=checked.file_type.code,
                content_type=checked.file_type.content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                uploaded_by=actor,
            )
        except Exception:
            default_storage.delete(stored)
            raise
        locked.changed_at = moment
        locked.save(update_fields=["changed_at", "updated_at"])
        audit_record(
            actor=actor,
            subject=locked,
            action=A.CREATE,
            changes={"attachment": [None, attachment.file_name], "size": len(data)},
        )
    return attachment


def attachment_remove(
    *, actor: User, attachment: AnswerAttachment, now: datetime.datetime | None = None
) -> str:
    """Remove a file from the supplier's own answer until the deadline (file deleted on commit);
    returns the file's name."""
    moment = _now(now)
    with transaction.atomic():
        locked = _own_answer_locked(actor, attachment.answer, moment)
        row = AnswerAttachment.objects.select_for_update().filter(pk=attachment.pk).first()
        if row is None:
            raise ConflictError(_("Vedlegget er allerede fjernet."))
        stored, file_name = row.file.name or "", row.file_name
        row.delete()
        locked.changed_at = moment
        locked.save(update_fields=["changed_at", "updated_at"])
        audit_record(
            actor=actor,
            subject=locked,
            action=A.DELETE,
            changes={"attachment": [file_name, None]},
        )
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))
    return file_name


def answer_withdraw(
    *,
    actor: User,
    answer: Answer,
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Answer:
    supplier = supplier_for(user=actor)
    if supplier is None or supplier.pk != answer.supplier_id:
        raise PermissionDeniedError(_("Bare leverandøren selv kan trekke svaret."))
    moment = _now(now)
    with transaction.atomic():
        _answer_window_open(_locked(answer.challenge), moment)
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        if locked.status == Answer.Status.WITHDRAWN:
            raise ConflictError(_("Svaret er allerede trukket."))
        version_claim(locked, expected_version=expected_version)
        locked.status = Answer.Status.WITHDRAWN
        locked.changed_at = moment
        locked.save()
        audit_record(
            actor=actor,
            subject=locked,
            action=A.WITHDRAW,
            changes={"status": [Answer.Status.SUBMITTED, Answer.Status.WITHDRAWN]},
        )
    return locked


# Assessment ------------------------------------------------------------------------------------


def _require_assessable(actor: User, answer: Answer) -> None:
    _require_manager(actor, answer.challenge)
    if not can_assess(user=actor, challenge=answer.challenge):
        raise PermissionDeniedError(_("Bare vurderingspanelet kan vurdere svarene."))
    if answer.status != Answer.Status.SUBMITTED:
        raise StageError(_("Svaret er trukket."))
    answer.challenge.refresh_from_db(fields=["stage"])  # the stage as saved, not as loaded
    _require_stage(answer.challenge, Stage.ASSESSMENT)


def conflict_declare(
    *, actor: User, answer: Answer, has_conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """Declare (once) whether the assessor has a conflict of interest for this answer."""
    _require_assessable(actor, answer)
    with transaction.atomic():
        declaration, created = ConflictDeclaration.objects.get_or_create(
            answer=answer, assessor=actor, defaults={"has_conflict": has_conflict, "note": note}
        )
        if not created:
            raise ConflictError(_("Du har allerede levert habilitetserklæring for dette svaret."))
        audit_record(
            actor=actor,
            subject=answer,
            action=A.SUBMIT,
            changes={"conflict_of_interest": has_conflict, "note": note},
        )
    return declaration


def score_record(
    *,
    actor: User,
    answer: Answer,
    criterion: Criterion,
    value: int,
    justification: str,
    joint: bool = False,
) -> Score:
    """An assessor's own score (after declaring no conflict), or the joint score (`joint`)."""
    _require_assessable(actor, answer)
    if answer.pk in conflicted_answer_ids(user=actor):
        raise PermissionDeniedError(_("Du har meldt deg inhabil for dette svaret."))
    if not joint:
        declaration = declaration_of(user=actor, answer=answer)
        if declaration is None:
            raise PermissionDeniedError(_("Lever habilitetserklæringen før du vurderer."))
    if criterion.challenge_id != answer.challenge_id:
        raise ValidationError(_("Kriteriet hører til en annen utfordring."))
    if not 0 <= value <= 10:
        raise ValidationError({"value": _("Poeng gis fra 0 til 10.")})
    if not justification.strip():
        raise ValidationError({"justification": _("Begrunn poengene.")})
    with transaction.atomic():
        score = (
            Score.objects.select_for_update()
            .filter(answer=answer, criterion=criterion, assessor=None if joint else actor)
            .first()
        )
        before = [score.value, score.justification] if score else None
        if score is None:
            score = Score(answer=answer, criterion=criterion, assessor=None if joint else actor)
        score.value = value
        score.justification = justification.strip()
        score.recorded_by = actor
        score.save()
        audit_record(
            actor=actor,
            subject=answer,
            action=A.SCORE,
            changes={
                "criterion": criterion.name,
                "joint": joint,
                "score": [before, [value, justification.strip()]],
            },
        )
    return score


def pilot_select(*, actor: User, answer: Answer, reason: str) -> Pilot:
    """Choose an answer for a pilot, with the reason recorded."""
    _require_assessable(actor, answer)
    if answer.pk in conflicted_answer_ids(user=actor):
        raise PermissionDeniedError(_("Du har meldt deg inhabil for dette svaret."))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor dette svaret velges til pilot.")})
    with transaction.atomic():
        locked = Answer.objects.select_for_update().get(pk=answer.pk)
        if locked.outcome == Answer.Outcome.SELECTED:
            raise ConflictError(_("Svaret er allerede valgt til pilot."))
        locked.outcome = Answer.Outcome.SELECTED
        locked.outcome_reason = reason.strip()
        locked.save(update_fields=["outcome", "outcome_reason", "updated_at"])
        pilot = Pilot.objects.create(
            challenge=locked.challenge,
            answer=locked,
            selection_reason=reason.strip(),
            success_measures=locked.challenge.measurement,
            is_example=locked.is_example,
        )
        audit_record(
            actor=actor,
            subject=locked,
            action=A.DECIDE,
            changes={
                "outcome": [Answer.Outcome.PENDING, Answer.Outcome.SELECTED],
                "reason": reason,
            },
        )
    return pilot


def outcomes_notify(
    *, actor: User | None, challenge: Challenge, now: datetime.datetime | None = None
) -> int:
    """Tell every supplier that answered the outcome (on their page at once; by mail through the
    task queue after the commit); answers not chosen become "not selected"."""
    from samspill.challenges.tasks import outcome_mail  # the task module imports us

    moment = _now(now)
    told = 0
    with transaction.atomic():
        answers = list(
            Answer.objects.select_for_update(of=("self",))
            .filter(challenge=challenge, status=Answer.Status.SUBMITTED, outcome_notified_at=None)
            .select_related("submitted_by")
        )
        for answer in answers:
            if answer.outcome == Answer.Outcome.PENDING:
                answer.outcome = Answer.Outcome.NOT_SELECTED
            answer.outcome_notified_at = moment
            answer.save(update_fields=["outcome", "outcome_notified_at", "updated_at"])
            audit_record(
                actor=actor,
                subject=answer,
                action=A.SEND,
                changes={"outcome": answer.outcome, "mail": "queued"},
            )
            transaction.on_commit(functools.partial(outcome_mail.enqueue, answer.pk))
            told += 1
    return told


def outcome_mail_send(*, answer_id: int, now: datetime.datetime | None = None) -> bool:
    """Mail one supplier its outcome, once (locked row, marked in the same transaction; a mail
    failure is raised and rolls back). False when already mailed, not yet told, or no address."""
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update(of=("self",))
            .filter(pk=answer_id, outcome_notified_at__isnull=False, outcome_mailed_at__isnull=True)
            .select_related("submitted_by", "challenge")
            .first()
        )
        if answer is None:
            return False
        person = answer.submitted_by
        email = person.email if person else ""
        if person is not None and email:
            language = mail_language_for(user=person)
            with translation.override(language):
                text = (
                    _("Svaret deres ble valgt til pilot.")
                    if answer.outcome == Answer.Outcome.SELECTED
                    else _("Svaret deres ble ikke valgt til pilot denne gangen. Takk for svaret.")
                )
                mail_send(
                    message=EmailMessage(
                        subject=_("Utfall: %(title)s") % {"title": answer.challenge.title},
                        body=f"{text}\n\n{_absolute(answer.challenge.get_absolute_url())}",
                        to=[email],
                        headers={"Content-Language": language},
                    )
                )
        answer.outcome_mailed_at = _now(now)
        answer.save(update_fields=["outcome_mailed_at", "updated_at"])
        audit_record(
            actor=None, subject=answer, action=A.SEND, changes={"outcome mailed": bool(email)}
        )
    return bool(email)


# Pilots ----------------------------------------------------------------------------------------


def pilot_update(
    *, actor: User, pilot: Pilot, expected_version: int | None = None, **fields: Any
) -> Pilot:
    _require_manager(actor, pilot.challenge)
    allowed = ("plan", "success_measures", "starts_on", "ends_on", "results")
    with transaction.atomic():
        locked = Pilot.objects.select_for_update().get(pk=pilot.pk)
        if locked.decision == Pilot.Decision.STOP or locked.decision == Pilot.Decision.SCALE_UP:
            raise StageError(_("Piloten er avsluttet."))
        changes = model_changes(locked, {k: v for k, v in fields.items() if k in allowed})
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(actor=actor, subject=locked, action=A.UPDATE, changes=changes)
    return locked


def milestone_add(*, actor: User, pilot: Pilot, title: str, due_on: datetime.date) -> Milestone:
    _require_manager(actor, pilot.challenge)
    with transaction.atomic():
        milestone = Milestone.objects.create(pilot=pilot, title=title, due_on=due_on)
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.CREATE,
            changes={"milestone": [None, {"title": title, "due_on": due_on}]},
        )
    return milestone


def milestone_report(*, actor: User, milestone: Milestone, done: bool, result: str) -> Milestone:
    _require_manager(actor, milestone.pilot.challenge)
    with transaction.atomic():
        changes = model_changes(milestone, {"done": done, "result": result})
        version_claim(milestone, expected_version=None)  # an open edit form sees the change
        milestone.save()
        audit_record(
            actor=actor,
            subject=milestone.pilot,
            action=A.UPDATE,
            changes={"milestone": milestone.title, **changes},
        )
    return milestone


def milestone_update(
    *,
    actor: User,
    milestone: Milestone,
    expected_version: int | None,
    title: str,
    due_on: datetime.date,
    done: bool,
    result: str,
) -> Milestone:
    """Change a milestone (conflict-safe: the version the form loaded must still be current)."""
    _require_manager(actor, milestone.pilot.challenge)
    if not title.strip():
        raise ValidationError({"title": _("Skriv hva milepælen er.")})
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().filter(pk=milestone.pk).first()
        if locked is None:
            raise ConflictError(_("Milepælen er slettet av noen andre."))
        changes = model_changes(
            locked, {"title": title, "due_on": due_on, "done": done, "result": result}
        )
        if not changes:
            return locked
        version_claim(locked, expected_version=expected_version)
        locked.save()
        audit_record(
            actor=actor,
            subject=locked.pilot,
            action=A.UPDATE,
            changes={"milestone": locked.title, **changes},
        )
    return locked


def milestone_delete(*, actor: User, milestone: Milestone, expected_version: int | None) -> str:
    """Delete a milestone, unless someone changed it since the page was loaded; returns its title."""
    _require_manager(actor, milestone.pilot.challenge)
    with transaction.atomic():
        locked = Milestone.objects.select_for_update().filter(pk=milestone.pk).first()
        if locked is None:
            raise ConflictError(_("Milepælen er allerede slettet."))
        if expected_version is not None and locked.version != expected_version:
            raise ConflictError(
                _("Milepælen er endret av noen andre siden du åpnet siden. Se over og prøv igjen.")
            )
        title = locked.title
        pilot = locked.pilot
        locked.delete()
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.DELETE,
            changes={"milestone": [{"title": title, "due_on": locked.due_on}, None]},
        )
    return title


def pilot_decide(
    *,
    actor: User,
    pilot: Pilot,
    decision: str,
    reason: str,
    route: str = "",
    expected_version: int | None = None,
    now: datetime.datetime | None = None,
) -> Pilot:
    """The end decision: scale up (with the procurement route), extend, or stop (with reason)."""
    _require_manager(actor, pilot.challenge)
    if decision not in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND, Pilot.Decision.STOP):
        raise ValidationError({"decision": _("Velg en beslutning.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv begrunnelsen for beslutningen.")})
    if decision == Pilot.Decision.SCALE_UP and not route:
        raise ValidationError({"route": _("Oppgi anskaffelsesveien for oppskaleringen.")})
    moment = _now(now)
    with transaction.atomic():
        locked = (
            Pilot.objects.select_for_update(of=("self",))
            .select_related("answer__supplier")
            .get(pk=pilot.pk)
        )
        if locked.decision in (Pilot.Decision.SCALE_UP, Pilot.Decision.STOP):
            raise ConflictError(_("Piloten er allerede avgjort."))
        before = locked.decision
        version_claim(locked, expected_version=expected_version)
        locked.decision = decision
        locked.decision_reason = reason.strip()
        locked.decision_route = route if decision == Pilot.Decision.SCALE_UP else ""
        locked.decided_at = moment
        locked.ended = decision != Pilot.Decision.EXTEND
        locked.save()
        audit_record(
            actor=actor,
            subject=locked,
            action=A.DECIDE,
            changes={"decision": [before, decision], "reason": reason, "route": route},
        )
        if decision in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND):
            owners = ", ".join(m.name for m in locked.challenge.municipalities.all())
            reference_add(
                actor=None,
                supplier=locked.answer.supplier,
                title=_("Pilot: %(title)s") % {"title": locked.challenge.title},
                customer=owners,
                year=timezone.localdate(moment).year,
                description=locked.results,
                pilot=locked,
            )
    if decision == Pilot.Decision.SCALE_UP and locked.challenge.stage == Stage.PILOT:
        challenge_transition(actor=actor, challenge=locked.challenge, to=Stage.SCALE_UP, now=moment)
    return locked


def pilot_join(*, actor: User, pilot: Pilot, municipality: Municipality) -> Pilot:
    """Another municipality joins a successful pilot (decided: scale up or extend)."""
    if not access_for(user=actor).can_edit_municipality(municipality.pk):
        raise PermissionDeniedError(_("Du kan ikke melde inn denne kommunen."))
    if pilot.decision not in (Pilot.Decision.SCALE_UP, Pilot.Decision.EXTEND):
        raise StageError(_("Andre kommuner kan bli med når piloten er vurdert som vellykket."))
    with transaction.atomic():
        if pilot.participants.filter(pk=municipality.pk).exists():
            raise ConflictError(_("Kommunen er allerede med."))
        pilot.participants.add(municipality)
        audit_record(
            actor=actor,
            subject=pilot,
            action=A.UPDATE,
            changes={"participants": ["+", municipality.number]},
        )
    return pilot


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
