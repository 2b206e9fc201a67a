"""Answers and attachments: submitting, withdrawing and attaching files to a supplier's answer
while the answer window is open."""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.services import audit_record, model_changes
from samspill.challenges.models import Answer, AnswerAttachment, Challenge, Stage
from samspill.challenges.selectors import supplier_for
from samspill.challenges.services._common import A, DeadlinePassedError, StageError, _locked, _now
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.knowledge.uploads import Limits, UploadRefusedError, file_inspect

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
