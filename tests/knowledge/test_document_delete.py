"""Deleting a document: its registrant or an administrator; every version and file goes, the audit
entry stays, the search index, follows and notifications forget it."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge import services
from samspill.knowledge.models import Document, DocumentVersion
from samspill.notifications import services as notifications
from samspill.notifications.models import Event, Follow
from samspill.regions.models import Region
from samspill.search.models import SearchEntry
from tests.knowledge import files
from tests.knowledge.conftest import stored_files, user_with

pytestmark = pytest.mark.django_db


def _document(actor: User) -> Document:
    document = services.document_create(
        actor=actor,
        region=Region.objects.get(slug="sor-troms"),
        title="Referat som skal slettes",
        upload=services.Upload(name="referat.pdf", data=files.pdf_bytes("Første")),
    )
    services.document_version_add(
        actor=actor,
        document=document,
        upload=services.Upload(name="referat.pdf", data=files.pdf_bytes("Andre")),
    )
    return document


def test_the_registrant_deletes_with_every_version_and_file(
    developer: User,
    coordinator: User,
    viewer: User,
    media_root: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    document = _document(developer)
    services.version_approve(actor=coordinator, version=document.versions.get(number=1))
    notifications.follow(user=viewer, obj=document)
    services.document_version_add(actor=developer, document=document, body_markdown="Tredje")
    assert len(stored_files(media_root)) == 2
    assert Event.objects.filter(object_id=document.pk).exists()
    pk = document.pk

    with django_capture_on_commit_callbacks(execute=True):  # the files go once it is committed
        services.document_delete(actor=developer, document=document)

    assert not Document.objects.filter(pk=pk).exists()
    assert not DocumentVersion.objects.filter(document_id=pk).exists()
    assert stored_files(media_root) == []
    assert not SearchEntry.objects.filter(kind="document", object_id=pk).exists()
    assert not Follow.objects.filter(object_id=pk, content_type__model="document").exists()
    assert not Event.objects.filter(object_id=pk, content_type__model="document").exists()
    entry = AuditEntry.objects.get(
        action="delete", object_pk=str(pk), content_type__model="document"
    )
    assert entry.actor == developer
    assert entry.changes["title"] == ["Referat som skal slettes", None]
    assert entry.changes["versions"] == [1, 2, 3]
    assert entry.changes["approved_versions"] == [1]


def test_only_the_registrant_or_an_administrator_may_delete(
    developer: User, coordinator: User
) -> None:
    document = _document(developer)
    admin = user_with("admin")
    with pytest.raises(PermissionDeniedError):
        services.document_delete(actor=coordinator, document=document)
    assert Document.objects.filter(pk=document.pk).exists()
    services.document_delete(actor=admin, document=document)
    assert not Document.objects.filter(pk=document.pk).exists()


def test_the_page_asks_first_and_then_moves_to_the_trash(
    developer: User, coordinator: User
) -> None:
    document = _document(developer)
    url = reverse("knowledge:document-delete", args=[document.pk])
    client = Client()
    client.force_login(coordinator)
    assert "Slett dokumentet" not in client.get(document.get_absolute_url()).content.decode()
    assert client.post(url).status_code == 403
    client.force_login(developer)
    assert "Slett dokumentet" in client.get(document.get_absolute_url()).content.decode()
    assert "legges i papirkurven" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("knowledge:trash-list")
    assert not Document.objects.filter(pk=document.pk).exists()
    assert Document.all_objects.get(pk=document.pk).trashed_by == developer
