"""Writes: refused uploads store nothing; versions keep history; approval locks; templates."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.knowledge import services
from samspill.knowledge.models import Document, DocumentKind, DocumentVersion, Visibility
from samspill.knowledge.selectors import document_searchable
from samspill.knowledge.uploads import UploadRefusedError
from samspill.regions.models import Region
from tests.knowledge import files
from tests.knowledge.conftest import stored_files

pytestmark = pytest.mark.django_db


def _upload(actor: User, name: str, data: bytes) -> Document:
    return services.document_create(
        actor=actor,
        region=Region.objects.get(slug="sor-troms"),
        title="Verkstedsnotat",
        kind=DocumentKind.MINUTES,
        upload=services.Upload(name=name, data=data),
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notat.pdf", files.docx_bytes()),  # content does not match the type
        ("notat.pdf", files.corrupt_pdf_bytes()),
        ("notat.docx", files.zip_bomb_bytes()),
        ("notat.pdf", files.pdf_bytes() + b" " * 4096),  # over the limit set below
    ],
)
def test_a_refused_upload_stores_nothing(
    name: str, data: bytes, coordinator: User, media_root: Path, settings: object
) -> None:
    settings.KNOWLEDGE_UPLOAD_MAX_BYTES = 4096  # type: ignore[attr-defined]
    audit_before = AuditEntry.objects.count()

    with pytest.raises(UploadRefusedError):
        _upload(coordinator, name, data)

    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert AuditEntry.objects.count() == audit_before
    assert stored_files(media_root) == []


def test_an_accepted_upload_is_stored_under_a_random_name_with_its_text(
    coordinator: User, media_root: Path
) -> None:
    document = _upload(coordinator, "Verksted Bardu.docx", files.docx_bytes("Næringsarealer"))

    version = document.versions.get()
    assert version.file_name == "Verksted Bardu.docx"
    assert version.file_type == "docx"
    assert "Bardu" not in str(version.file.name)
    assert len(stored_files(media_root)) == 1
    assert "Næringsarealer" in document_searchable(document=document).body
    assert AuditEntry.objects.filter(object_pk=str(document.pk), action="version_add").exists()


def test_a_new_version_keeps_the_old_one_with_who_and_when(
    coordinator: User, developer: User
) -> None:
    document = _upload(coordinator, "plan.pdf", files.pdf_bytes("Versjon en"))

    services.document_version_add(
        actor=coordinator,
        document=document,
        upload=services.Upload("plan.pdf", files.pdf_bytes("Versjon to")),
        note="Rettet tall",
        expected_version=document.version,
    )

    versions = list(document.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert "Versjon en" in versions[0].extracted_text
    assert "Versjon to" in versions[1].extracted_text
    assert versions[1].created_by == coordinator
    assert versions[1].note == "Rettet tall"
    assert "Versjon to" in document_searchable(document=document).body
    with pytest.raises(PermissionDeniedError):  # the developer did not register it
        services.document_version_add(actor=developer, document=document, body_markdown="x")


def test_a_version_added_meanwhile_is_a_conflict(coordinator: User) -> None:
    document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Notat",
        body_markdown="En",
    )
    seen = document.version
    services.document_version_add(
        actor=coordinator, document=document, body_markdown="To", expected_version=seen
    )

    stale = Document.objects.get(pk=document.pk)
    stale.version = seen
    with pytest.raises(ConflictError):
        services.document_version_add(
            actor=coordinator, document=stale, body_markdown="Tre", expected_version=seen
        )
    assert document.versions.count() == 2


def test_an_approved_version_is_locked(coordinator: User, developer: User) -> None:
    document = services.document_create(
        actor=developer,
        region=Region.objects.get(slug="sor-troms"),
        title="Plan",
        body_markdown="Utkast",
    )
    services.document_version_add(actor=developer, document=document, body_markdown="Endelig")
    first, second = document.versions.order_by("number")

    with pytest.raises(PermissionDeniedError):  # developers do not approve
        services.version_approve(actor=developer, version=second)
    approved = services.version_approve(actor=coordinator, version=second)

    assert approved.approved_by == coordinator
    assert approved.approved_at is not None
    with pytest.raises(ConflictError):
        services.version_delete(actor=coordinator, version=second)
    with pytest.raises(ConflictError):
        services.version_approve(actor=coordinator, version=second)
    services.version_delete(actor=coordinator, version=first)  # not approved: may go
    assert list(document.versions.values_list("number", flat=True)) == [2]


def test_the_only_version_of_a_document_cannot_be_deleted(coordinator: User) -> None:
    document = services.document_create(
        actor=coordinator, region=Region.objects.get(slug="sor-troms"), title="A", body_markdown="x"
    )

    with pytest.raises(ValidationError):
        services.version_delete(actor=coordinator, version=document.versions.get())
    assert document.versions.count() == 1


def test_metadata_edits_use_the_version_check(coordinator: User) -> None:
    document = services.document_create(
        actor=coordinator, region=Region.objects.get(slug="sor-troms"), title="A", body_markdown="x"
    )
    fields = {
        "kind": document.kind,
        "summary": "",
        "date": document.date,
        "author_name": "",
        "municipalities": [],
        "tags": ["næringsareal"],
        "visibility": Visibility.REGION,
        "group": None,
    }
    seen = document.version
    services.document_update(
        actor=coordinator, document=document, title="B", expected_version=seen, **fields
    )

    stale = Document.objects.get(pk=document.pk)
    stale.version = seen
    with pytest.raises(ConflictError):
        services.document_update(
            actor=coordinator, document=stale, title="C", expected_version=seen, **fields
        )
    assert Document.objects.get(pk=document.pk).title == "B"


def test_use_this_template_creates_a_new_memo_from_it(coordinator: User, developer: User) -> None:
    template = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Mal for verkstedsnotat",
        kind=DocumentKind.TEMPLATE,
        is_reusable=True,
        visibility=Visibility.PUBLIC,
        body_markdown="# Tjenester\n\n# Kompetansebehov",
    )

    memo = services.template_use(
        actor=developer, template=template, region=Region.objects.get(slug="sor-troms")
    )

    assert memo.kind == DocumentKind.MEMO
    assert memo.pk != template.pk
    assert memo.created_by == developer
    assert memo.versions.get().body_markdown == "# Tjenester\n\n# Kompetansebehov"
    assert template.versions.count() == 1


def test_a_document_that_is_not_a_reusable_template_cannot_be_used_as_one(
    coordinator: User,
) -> None:
    memo = services.document_create(
        actor=coordinator, region=Region.objects.get(slug="sor-troms"), title="A", body_markdown="x"
    )

    with pytest.raises(ValidationError):
        services.template_use(actor=coordinator, template=memo, region=memo.region)
