"""Answer attachments through the API: upload (multipart), list, download and delete with the
same rules as the pages, and a reason for every refusal (413, 415, 409 after the deadline)."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.audit.models import AuditEntry
from samspill.challenges import services
from samspill.challenges.models import AnswerAttachment, Challenge, Stage
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


def _upload(client: Client, answer_id: int, name: str, data: bytes) -> Any:
    return client.post(
        reverse("api:challenge_answer_attachment_add", args=[answer_id]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_the_supplier_uploads_lists_downloads_and_deletes(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    answer = AnswerFactory.create(challenge__owners=[NOTODDEN])
    client.force_login(supplier_user(answer.supplier))
    created = _upload(client, answer.pk, "losning.pdf", pdf_bytes("Sensorer"))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["file_name"], body["file_type"]) == ("losning.pdf", "pdf")
    listed = client.get(reverse("api:challenge_answer_attachments", args=[answer.pk]))
    assert [a["id"] for a in listed.json()] == [body["id"]]
    file_url = reverse("api:challenge_attachment_file", args=[body["id"]])
    download = client.get(file_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(file_url).status_code == 204
    assert not AnswerAttachment.objects.exists()
    assert client.delete(file_url).status_code == 404


def test_others_never_see_and_assessors_only_without_conflict(client: Client) -> None:
    answer = AnswerFactory.create(challenge__owners=[NOTODDEN])
    attachment = services.attachment_add(
        actor=supplier_user(answer.supplier), answer=answer, name="a.pdf", data=pdf_bytes()
    )
    list_url = reverse("api:challenge_answer_attachments", args=[answer.pk])
    file_url = reverse("api:challenge_attachment_file", args=[attachment.pk])
    assert Client().get(file_url).status_code == 401
    for user in (supplier_user(SupplierFactory.create()), developer(TINN)):
        client.force_login(user)
        assert client.get(list_url).status_code == 404
        assert client.get(file_url).status_code == 404
        assert client.delete(file_url).status_code == 404
        assert _upload(client, answer.pk, "x.pdf", pdf_bytes()).status_code == 404

    Challenge.objects.filter(pk=answer.challenge_id).update(stage=Stage.ASSESSMENT)
    assessor, conflicted = developer(NOTODDEN), developer(NOTODDEN)
    services.conflict_declare(actor=assessor, answer=answer, has_conflict=False)
    services.conflict_declare(actor=conflicted, answer=answer, has_conflict=True)
    client.force_login(conflicted)
    assert client.get(file_url).status_code == 404
    client.force_login(assessor)
    assert client.get(list_url).status_code == 200
    assert client.get(file_url).status_code == 200
    assert AuditEntry.objects.filter(
        actor=assessor, action=AuditEntry.Action.VIEW_PERSONAL_DATA
    ).exists()
    assert client.delete(file_url).status_code == 403  # may read, may not change
    assert _upload(client, answer.pk, "x.pdf", pdf_bytes()).status_code == 403


def test_refusals_have_a_status_and_a_reason(
    client: Client, settings: Any, media_root: Path
) -> None:
    answer = AnswerFactory.create()
    client.force_login(supplier_user(answer.supplier))
    disguised = _upload(client, answer.pk, "tilbud.pdf", xlsx_bytes())
    assert disguised.status_code == 415
    assert "Innholdet stemmer ikke med filnavnet" in disguised.json()["detail"]
    assert _upload(client, answer.pk, "lysark.pptx", pptx_bytes()).status_code == 415
    settings.CHALLENGES_ATTACHMENT_MAX_BYTES = 1000
    large = _upload(client, answer.pk, "stor.pdf", pdf_bytes("x" * 2000) + b" " * 2000)
    assert large.status_code == 413
    assert "for stor" in large.json()["detail"]
    assert not AnswerAttachment.objects.exists()
    assert [p for p in media_root.rglob("*") if p.is_file()] == []

    settings.CHALLENGES_ATTACHMENT_MAX_BYTES = 10_000_000
    attachment = services.attachment_add(
        actor=supplier_user(answer.supplier), answer=answer, name="a.pdf", data=pdf_bytes()
    )
    Challenge.objects.filter(pk=answer.challenge_id).update(
        answer_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    late = _upload(client, answer.pk, "sen.pdf", pdf_bytes())
    assert late.status_code == 409
    assert late.json()["detail"]
    file_url = reverse("api:challenge_attachment_file", args=[attachment.pk])
    assert client.delete(file_url).status_code == 409
    assert AnswerAttachment.objects.count() == 1
