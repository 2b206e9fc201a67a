"""The trash: a deleted document keeps its versions, files and links, is hidden from lists, search
and links, can be restored by its registrant or an administrator, and is purged after the period."""

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.knowledge import selectors, services
from samspill.knowledge.models import Document, DocumentVersion, ObjectLink, Visibility
from samspill.regions.models import Region
from samspill.search.models import SearchEntry
from tests.knowledge import files
from tests.knowledge.conftest import stored_files, user_with

pytestmark = pytest.mark.django_db


def _document(actor: User) -> Document:
    region = Region.objects.get(slug="sor-troms")
    return services.document_create(
        actor=actor,
        region=region,
        title="Referat fra verkstedet",
        visibility=Visibility.PUBLIC,
        links=[region],
        upload=services.Upload(name="referat.pdf", data=files.pdf_bytes("Næringsarealer")),
    )


def test_trash_keeps_everything_and_hides_it(
    developer: User, viewer: User, media_root: Path
) -> None:
    document = _document(developer)
    region = Region.objects.get(slug="sor-troms")
    assert SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()

    services.document_trash(actor=developer, document=document)

    assert DocumentVersion.objects.filter(document_id=document.pk).count() == 1
    assert ObjectLink.objects.filter(document_id=document.pk).count() == 1
    assert len(stored_files(media_root)) == 1
    assert not SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    assert not selectors.document_list_for(user=viewer).filter(pk=document.pk).exists()
    assert not selectors.documents_for_object(user=viewer, obj=region).exists()
    client = Client()
    client.force_login(viewer)
    assert client.get(document.get_absolute_url()).status_code == 404
    version = DocumentVersion.objects.get(document_id=document.pk)
    assert client.get(reverse("knowledge:version-file", args=[version.pk])).status_code == 404
    assert (
        "Referat fra verkstedet"
        not in client.get(reverse("knowledge:document-list")).content.decode()
    )
    entry = AuditEntry.objects.get(
        action="transition", object_pk=str(document.pk), content_type__model="document"
    )
    assert entry.actor == developer
    assert "trash" in entry.changes


def test_restore_brings_it_back_into_search_and_links(developer: User, viewer: User) -> None:
    document = _document(developer)
    region = Region.objects.get(slug="sor-troms")
    services.document_trash(actor=developer, document=document)
    trashed = Document.all_objects.get(pk=document.pk)

    services.document_restore(actor=developer, document=trashed)

    assert SearchEntry.objects.filter(kind="document", object_id=document.pk).exists()
    assert selectors.documents_for_object(user=viewer, obj=region).filter(pk=document.pk).exists()
    assert AuditEntry.objects.filter(action="transition", object_pk=str(document.pk)).count() == 2
    with pytest.raises(ConflictError):  # the second of two restores loses, with a reason
        services.document_restore(actor=developer, document=trashed)
    services.document_trash(actor=developer, document=trashed)
    with pytest.raises(ConflictError):  # already in the trash
        services.document_trash(actor=developer, document=trashed)


def test_only_the_registrant_or_an_administrator_sees_and_restores(
    developer: User, coordinator: User
) -> None:
    document = _document(developer)
    services.document_trash(actor=developer, document=document)
    trashed = Document.all_objects.get(pk=document.pk)
    assert list(selectors.trash_list_for(user=developer)) == [trashed]
    assert list(selectors.trash_list_for(user=coordinator)) == []
    assert list(selectors.trash_list_for(user=user_with("admin"))) == [trashed]
    with pytest.raises(PermissionDeniedError):
        services.document_restore(actor=coordinator, document=trashed)

    url = reverse("knowledge:trash-restore", args=[document.pk])
    client = Client()
    client.force_login(coordinator)
    assert (
        "Referat fra verkstedet" not in client.get(reverse("knowledge:trash-list")).content.decode()
    )
    assert client.post(url).status_code == 404
    client.force_login(developer)
    page = client.get(reverse("knowledge:trash-list")).content.decode()
    assert "Referat fra verkstedet" in page
    response = client.post(url)
    assert response["Location"] == document.get_absolute_url()
    assert Document.objects.filter(pk=document.pk).exists()
    assert client.post(url).status_code == 404  # no longer in the trash


def test_purge_deletes_only_expired_trash(
    developer: User, settings: Any, media_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.KNOWLEDGE_TRASH_DAYS = 30
    old = _document(developer)
    recent = _document(developer)
    kept = _document(developer)
    services.document_trash(actor=developer, document=old)
    services.document_trash(actor=developer, document=recent)
    Document.all_objects.filter(pk=old.pk).update(
        trashed_at=timezone.now() - datetime.timedelta(days=31)
    )
    Document.all_objects.filter(pk=recent.pk).update(
        trashed_at=timezone.now() - datetime.timedelta(days=29)
    )
    call_command("purge_knowledge_trash", "--dry-run")
    assert Document.all_objects.filter(pk=old.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_knowledge_trash")

    assert not Document.all_objects.filter(pk=old.pk).exists()
    assert Document.all_objects.filter(pk=recent.pk).exists()
    assert Document.objects.filter(pk=kept.pk).exists()
    assert len(stored_files(media_root)) == 2
    assert AuditEntry.objects.filter(action="delete", object_pk=str(old.pk)).exists()
