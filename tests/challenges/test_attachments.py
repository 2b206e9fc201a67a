"""Files on answers: checked by content, as confidential as the answer, served through a
permission check (never a media URL), locked from the deadline on, audited."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samspill.audit.models import AuditEntry
from samspill.challenges import services
from samspill.challenges.models import AnswerAttachment, Challenge, Stage
from samspill.challenges.services import DeadlinePassedError
from samspill.core.exceptions import PermissionDeniedError
from tests.accounts.factories import UserFactory
from tests.challenges.factories import (
    NOTODDEN,
    TINN,
    AnswerFactory,
    SupplierFactory,
    developer,
    supplier_user,
)
from tests.knowledge.files import pdf_bytes, pptx_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def _stored(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_supplier_attaches_a_pdf_that_only_it_and_assessors_without_conflict_download(
    client: Client, media_root: Path
) -> None:
    answer = AnswerFactory.create(challenge__owners=[NOTODDEN])
    own = supplier_user(answer.supplier)
    client.force_login(own)
    page = client.post(
        reverse("challenges:attachment-add", args=[answer.pk]),
        {"file": SimpleUploadedFile("losning.pdf", pdf_bytes("Akustiske sensorer"))},
    )
    assert page.status_code == 302
    attachment = AnswerAttachment.objects.get(answer=answer)
    assert (attachment.file_type, attachment.file_name) == ("pdf", "losning.pdf")
    assert attachment.file.name.startswith("challenges/answers/")
    url = reverse("challenges:attachment-file", args=[attachment.pk])
    assert (
        "losning.pdf"
        in client.get(reverse("challenges:answer-detail", args=[answer.pk])).content.decode()
    )
    own_download = client.get(url)
    assert own_download.status_code == 200
    assert own_download["Content-Type"] == "application/pdf"
    assert own_download["X-Content-Type-Options"] == "nosniff"

    other_supplier = supplier_user(SupplierFactory.create())
    outsider = developer(TINN)
    anonymous = Client()
    for user in (other_supplier, outsider, UserFactory.create()):
        client.force_login(user)
        assert client.get(url).status_code == 404
    assert anonymous.get(url).status_code == 302  # to the login page

    Challenge.objects.filter(pk=answer.challenge_id).update(stage=Stage.ASSESSMENT)
    assessor, conflicted = developer(NOTODDEN), developer(NOTODDEN)
    client.force_login(assessor)
    assert client.get(url).status_code == 404  # the declaration comes first
    services.conflict_declare(actor=assessor, answer=answer, has_conflict=False)
    services.conflict_declare(actor=conflicted, answer=answer, has_conflict=True)
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(
        actor=assessor,
        action=AuditEntry.Action.VIEW_PERSONAL_DATA,
        changes__attachment="losning.pdf",
    ).exists()
    client.force_login(conflicted)
    assert client.get(url).status_code == 404


def test_a_file_is_judged_by_its_content_and_a_refused_file_stores_nothing(
    client: Client, media_root: Path
) -> None:
    answer = AnswerFactory.create()
    client.force_login(supplier_user(answer.supplier))
    url = reverse("challenges:attachment-add", args=[answer.pk])
    disguised = client.post(url, {"file": SimpleUploadedFile("tilbud.pdf", xlsx_bytes())})
    assert disguised.status_code == 200
    assert "Innholdet stemmer ikke med filnavnet" in disguised.content.decode()
    slides = client.post(url, {"file": SimpleUploadedFile("lysark.pptx", pptx_bytes())})
    assert "kan ikke legges ved et svar" in slides.content.decode()
    assert not AnswerAttachment.objects.exists()
    assert _stored(media_root) == []


def test_the_size_limit_comes_from_the_settings(client: Client, settings: Any) -> None:
    settings.CHALLENGES_ATTACHMENT_MAX_BYTES = 1000
    answer = AnswerFactory.create()
    client.force_login(supplier_user(answer.supplier))
    page = client.post(
        reverse("challenges:attachment-add", args=[answer.pk]),
        {"file": SimpleUploadedFile("stor.pdf", pdf_bytes("x" * 2000) + b" " * 2000)},
    )
    assert "Filen er for stor" in page.content.decode()
    assert not AnswerAttachment.objects.exists()


def test_attachments_are_locked_from_the_deadline_on_and_changes_are_audited(
    media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    answer = AnswerFactory.create()
    actor = supplier_user(answer.supplier)
    deadline = answer.challenge.answer_deadline
    assert deadline is not None
    before = deadline - datetime.timedelta(minutes=1)
    attachment = services.attachment_add(
        actor=actor, answer=answer, name="plan.pdf", data=pdf_bytes(), now=before
    )
    answer.refresh_from_db()
    assert answer.changed_at == before  # "last changed" covers the files
    with pytest.raises(DeadlinePassedError):
        services.attachment_add(
            actor=actor, answer=answer, name="sen.pdf", data=pdf_bytes(), now=deadline
        )
    with pytest.raises(DeadlinePassedError):
        services.attachment_remove(actor=actor, attachment=attachment, now=deadline)
    with pytest.raises(PermissionDeniedError):
        services.attachment_remove(
            actor=supplier_user(SupplierFactory.create()), attachment=attachment, now=before
        )
    with django_capture_on_commit_callbacks(execute=True):
        removed = services.attachment_remove(actor=actor, attachment=attachment, now=before)
    assert removed == "plan.pdf"
    assert not AnswerAttachment.objects.exists()
    assert _stored(media_root) == []
    changes = list(
        AuditEntry.objects.filter(object_pk=str(answer.pk)).values_list("action", flat=True)
    )
    assert AuditEntry.Action.CREATE in changes
    assert AuditEntry.Action.DELETE in changes
