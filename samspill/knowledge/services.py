"""Writes for documents, versions, decisions and groups: permissions, visibility rule, audit.

Every write checks who acts (`actor=None` is a system write: the demo and `samspill documents
import` run by an operator), records an audit entry and calls `_indexed` for the search. Uploaded
files are inspected (`uploads.file_inspect`) before anything is written: a refused file leaves no
row, no audit entry and no stored file. A document's visibility is never wider than what each
object it belongs to allows (`links.LINK_TARGETS`), checked here on create and on every change.
"""

import datetime
import hashlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.services import audit_record, model_changes
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.page_cache import bump_data_version
from samspill.knowledge import notify as knowledge_notify
from samspill.knowledge import search as knowledge_search
from samspill.knowledge.links import LINK_TARGETS, link_key, link_target_for
from samspill.knowledge.models import (
    VISIBILITY_RANK,
    Decision,
    Document,
    DocumentGroup,
    DocumentKind,
    DocumentVersion,
    ObjectLink,
    Visibility,
)
from samspill.knowledge.selectors import (
    can_approve,
    can_delete_document,
    can_edit_document,
    can_write_region,
)
from samspill.knowledge.uploads import CheckedFile, Limits, UploadRefusedError, file_inspect
from samspill.notifications.services import forget, notify
from samspill.regions.models import Municipality, Region
from samspill.search.models import Kind
from samspill.search.services import index_remove, index_update

__all__ = ["UploadRefusedError"]


def _indexed(record: Document | Decision) -> None:
    """Keep the search index current, inside the write's transaction (samspill/search, ADR 31)."""
    if isinstance(record, Document):
        index_update(knowledge_search.document_document(record))
    else:
        index_update(knowledge_search.decision_document(record))


def _version_summary(version: DocumentVersion) -> str:
    """What a notification says about a version: its number and the editor's note."""
    return f"v{version.number}: {version.note}" if version.note else f"v{version.number}"


@dataclass(frozen=True)
class Upload:
    """A file as received: its name (as the user had it) and its bytes."""

    name: str
    data: bytes


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.KNOWLEDGE_UPLOAD_MAX_BYTES,
        unzipped_max_bytes=settings.KNOWLEDGE_UNZIPPED_MAX_BYTES,
        zip_max_ratio=settings.KNOWLEDGE_ZIP_MAX_RATIO,
    )


def _require_writer(actor: User | None, region: Region) -> None:
    if actor is not None and not can_write_region(access=access_for(user=actor), region=region):
        raise PermissionDeniedError(
            _(
                "Bare regionens koordinatorer og medlemskommunenes næringsutviklere kan legge inn her."
            )
        )


def _require_editor(actor: User | None, document: Document) -> None:
    if actor is not None and not can_edit_document(user=actor, document=document):
        raise PermissionDeniedError(_("Du kan ikke endre dette dokumentet."))


def _check_visibility(
    *,
    actor: User | None,
    region: Region,
    visibility: str,
    group: DocumentGroup | None,
    links: Sequence[models.Model],
) -> None:
    """Visibility fits the group and is never wider than any linked object allows."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Ukjent synlighet.")})
    if visibility == Visibility.GROUP:
        if group is None:
            raise ValidationError(
                {"group": _("Velg en gruppe når dokumentet deles med en gruppe.")}
            )
        if group.region_id != region.pk:
            raise ValidationError({"group": _("Gruppen hører til en annen region.")})
    access = access_for(user=actor) if actor is not None else None
    for obj in links:
        target = link_target_for(obj)
        if target is None:
            raise ValidationError({"links": _("Dokumenter kan ikke knyttes til «%s».") % obj})
        if region.pk not in target.regions(obj):
            raise ValidationError(
                {"links": _("«%s» hører til en annen region enn dokumentet.") % obj}
            )
        if access is not None and not target.can_view(access, obj):
            raise PermissionDeniedError(_("Du har ikke tilgang til «%s».") % obj)
        if VISIBILITY_RANK[Visibility(visibility)] > VISIBILITY_RANK[target.max_visibility]:
            raise ValidationError(
                {
                    "visibility": _(
                        "Synligheten kan ikke være videre enn det dokumentet hører til: "
                        "«%(object)s» (%(kind)s) tillater høyst «%(max)s»."
                    )
                    % {"object": obj, "kind": target.label, "max": target.max_visibility.label}
                }
            )


def _set_links(owner: Document | Decision, links: Sequence[models.Model]) -> list[str]:
    owner.links.all().delete()
    labels = []
    for obj in links:
        content_type, object_id = link_key(obj)
        if isinstance(owner, Document):
            ObjectLink.objects.create(
                document=owner, content_type=content_type, object_id=object_id
            )
        else:
            ObjectLink.objects.create(
                decision=owner, content_type=content_type, object_id=object_id
            )
        labels.append(f"{content_type.app_label}.{content_type.model}#{object_id}")
    return labels


def _clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = " ".join(str(tag).split())[:60]
        if cleaned and cleaned.casefold() not in seen:
            seen[cleaned.casefold()] = cleaned
    return list(seen.values())


def _store(checked: CheckedFile, upload: Upload) -> tuple[str, str, int]:
    """Save the bytes under a random name; returns (storage name, sha256, size)."""
    extension = checked.file_type.extensions[0]
    name = default_storage.save(
        f"knowledge/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}", ContentFile(upload.data)
    )
    return name, hashlib.sha256(upload.data).hexdigest(), len(upload.data)


def _after_write(record: Document | Decision) -> None:
    _indexed(record)
    if record.visibility == Visibility.PUBLIC:
        bump_data_version()


@contextmanager
def _files_removed_on_error() -> Iterator[list[str]]:
    """Files stored inside the block are deleted again when the block fails (nothing half-saved).

    Use it outside `transaction.atomic`, so a rollback of the rows also removes the files."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def _new_version(
    *,
    actor: User | None,
    document: Document,
    upload: Upload | None,
    body_markdown: str,
    note: str,
    stored: list[str],
) -> DocumentVersion:
    """Inspect (refuse before writing anything), store the file, write the version row."""
    checked = None
    if upload is not None:
        checked = file_inspect(name=upload.name, data=upload.data, limits=upload_limits())
    elif not body_markdown.strip():
        raise ValidationError({"body_markdown": _("Skriv noe i notatet, eller last opp en fil.")})
    number = (document.versions.aggregate(models.Max("number"))["number__max"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        note=note,
        created_by=actor,
        body_markdown="" if upload else body_markdown,
    )
    if checked is not None and upload is not None:
        name, version.sha256, version.size = _store(checked, upload)
        stored.append(name)
        version.file.name = name
        version.file_name = upload.name[:255]
        version.file_type = checked.file_type.code
        version.content_type = checked.file_type.content_type
        version.extracted_text = checked.text
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        subject=document,
        action="version_add",
        changes={"version": number, "file": version.file_name or None, "note": note or None},
    )
    return version


def document_create(
    *,
    actor: User | None,
    region: Region,
    title: str,
    kind: str = DocumentKind.MEMO,
    summary: str = "",
    date: datetime.date | None = None,
    author_name: str = "",
    municipalities: Iterable[Municipality] = (),
    tags: Iterable[str] = (),
    visibility: str = Visibility.REGION,
    group: DocumentGroup | None = None,
    links: Sequence[models.Model] = (),
    is_reusable: bool = False,
    is_example: bool = False,
    upload: Upload | None = None,
    body_markdown: str = "",
    note: str = "",
) -> Document:
    """A new document with its first version: an uploaded file or a Markdown memo."""
    with _files_removed_on_error() as stored, transaction.atomic():
        return _document_create(
            actor=actor,
            region=region,
            fields={
                "title": title,
                "kind": kind,
                "summary": summary,
                "date": date or timezone.localdate(),
                "author_name": author_name or (actor.get_full_name() if actor else ""),
                "tags": _clean_tags(tags),
                "visibility": visibility,
                "group": group if visibility == Visibility.GROUP else None,
                "is_reusable": is_reusable and kind == DocumentKind.TEMPLATE,
                "is_example": is_example,
            },
            municipalities=list(municipalities),
            links=links,
            upload=upload,
            body_markdown=body_markdown,
            note=note,
            stored=stored,
        )


def _document_create(
    *,
    actor: User | None,
    region: Region,
    fields: dict[str, Any],
    municipalities: list[Municipality],
    links: Sequence[models.Model],
    upload: Upload | None,
    body_markdown: str,
    note: str,
    stored: list[str],
) -> Document:
    _require_writer(actor, region)
    visibility = fields["visibility"]
    group = fields["group"]
    _check_visibility(actor=actor, region=region, visibility=visibility, group=group, links=links)
    document = Document(region=region, created_by=actor, **fields)
    document.full_clean()
    document.save()
    document.municipalities.set(municipalities)
    link_labels = _set_links(document, links)
    audit_record(
        actor=actor,
        subject=document,
        action="create",
        changes={
            "title": [None, document.title],
            "kind": [None, document.kind],
            "visibility": [None, visibility],
            "links": link_labels,
        },
    )
    _new_version(
        actor=actor,
        document=document,
        upload=upload,
        body_markdown=body_markdown,
        note=note,
        stored=stored,
    )
    _after_write(document)
    notify(document, knowledge_notify.NEW_DOCUMENT, actor, document.summary, region=region)
    return document


@transaction.atomic
def document_update(
    *,
    actor: User | None,
    document: Document,
    title: str,
    kind: str,
    summary: str,
    date: datetime.date,
    author_name: str,
    municipalities: Iterable[Municipality],
    tags: Iterable[str],
    visibility: str,
    group: DocumentGroup | None,
    links: Sequence[models.Model] | None = None,
    is_reusable: bool = False,
    expected_version: int | None = None,
) -> Document:
    """Change a document's metadata (its content changes only through new versions)."""
    _require_editor(actor, document)
    current_links = links if links is not None else _linked_objects(document)
    _check_visibility(
        actor=actor,
        region=document.region,
        visibility=visibility,
        group=group,
        links=current_links,
    )
    was_public = document.visibility == Visibility.PUBLIC
    changes = model_changes(
        document,
        {
            "title": title,
            "kind": kind,
            "summary": summary,
            "date": date,
            "author_name": author_name,
            "tags": _clean_tags(tags),
            "visibility": visibility,
            "group": group if visibility == Visibility.GROUP else None,
            "is_reusable": is_reusable and kind == DocumentKind.TEMPLATE,
        },
    )
    new_municipalities = sorted(m.pk for m in municipalities)
    old_municipalities = sorted(document.municipalities.values_list("pk", flat=True))
    if new_municipalities != old_municipalities:
        changes["municipalities"] = [old_municipalities, new_municipalities]
    if links is not None:
        old = sorted(f"{link.content_type_id}:{link.object_id}" for link in document.links.all())
        new = sorted(f"{link_key(obj)[0].pk}:{obj.pk}" for obj in links)
        if old != new:
            changes["links"] = _set_links(document, links)
    if not changes:
        return document
    document.full_clean()
    version_claim(document, expected_version=expected_version)
    document.save()
    document.municipalities.set(new_municipalities)
    audit_record(actor=actor, subject=document, action="update", changes=changes)
    _after_write(document)
    if was_public and document.visibility != Visibility.PUBLIC:
        bump_data_version()
    return document


def _linked_objects(document: Document) -> list[models.Model]:

    found: list[models.Model] = []
    for link in document.links.select_related("content_type"):
        target = LINK_TARGETS.get(f"{link.content_type.app_label}.{link.content_type.model}")
        if target is None:
            continue
        obj = (
            target.model._default_manager.select_related(*target.select_related)
            .filter(pk=link.object_id)
            .first()
        )
        if obj is not None:
            found.append(obj)
    return found


def document_version_add(
    *,
    actor: User | None,
    document: Document,
    upload: Upload | None = None,
    body_markdown: str = "",
    note: str = "",
    expected_version: int | None = None,
) -> DocumentVersion:
    """A new version (a new upload or an edited memo); the old versions stay as they were.

    With `expected_version` (the document's version the editor loaded) a version added by someone
    else in the meantime is a conflict, never silently superseded."""
    _require_editor(actor, document)
    with _files_removed_on_error() as stored, transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ConflictError(current_version=locked.version)
        version = _new_version(
            actor=actor,
            document=locked,
            upload=upload,
            body_markdown=body_markdown,
            note=note,
            stored=stored,
        )
        version_claim(locked, expected_version=None)
        document.version = locked.version
        _after_write(locked)
        notify(locked, knowledge_notify.NEW_VERSION, actor, _version_summary(version))
        return version


@transaction.atomic
def version_approve(*, actor: User | None, version: DocumentVersion) -> DocumentVersion:
    """Approve a version: who and when; from then on it is locked (no edit, no delete)."""
    document = version.document
    if actor is not None and not can_approve(user=actor, document=document):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan godkjenne dokumenter."))
    locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
    if locked.approved_at is not None:
        raise ConflictError(_("Denne versjonen er allerede godkjent."))
    locked.approved_at = timezone.now()
    locked.approved_by = actor
    locked.save(update_fields=["approved_at", "approved_by", "updated_at"])
    audit_record(
        actor=actor, subject=document, action="approve", changes={"version": locked.number}
    )
    _after_write(document)
    notify(document, knowledge_notify.APPROVED, actor, _version_summary(locked))
    return locked


@transaction.atomic
def version_delete(*, actor: User | None, version: DocumentVersion) -> None:
    """Remove an unapproved version that is not the only one; approved versions are locked."""
    document = version.document
    _require_editor(actor, document)
    locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
    if locked.approved_at is not None:
        raise ConflictError(_("En godkjent versjon er låst og kan ikke slettes."))
    if document.versions.count() <= 1:
        raise ValidationError(_("Et dokument må ha minst én versjon."))
    stored = locked.file.name
    number = locked.number
    locked.delete()
    if stored:
        transaction.on_commit(lambda: default_storage.delete(stored))
    audit_record(
        actor=actor, subject=document, action="version_delete", changes={"version": number}
    )
    _after_write(document)


@transaction.atomic
def document_link_add(*, actor: User | None, document: Document, obj: models.Model) -> bool:
    """Attach an existing document to one more object (from the object's page).

    Those who may edit the document; the object must be in the document's region, visible to the
    actor, and allow the document's visibility. False when it was already attached."""
    _require_editor(actor, document)
    locked = Document.objects.select_for_update().get(pk=document.pk)
    _check_visibility(
        actor=actor,
        region=locked.region,
        visibility=locked.visibility,
        group=locked.group,
        links=[obj],
    )
    content_type, object_id = link_key(obj)
    if ObjectLink.objects.filter(
        document=locked, content_type=content_type, object_id=object_id
    ).exists():
        return False
    ObjectLink.objects.create(document=locked, content_type=content_type, object_id=object_id)
    audit_record(
        actor=actor,
        subject=locked,
        action="update",
        changes={"links": [None, f"{content_type.app_label}.{content_type.model}#{object_id}"]},
    )
    _after_write(locked)
    return True


@transaction.atomic
def document_delete(*, actor: User | None, document: Document) -> None:
    """Delete a document with all its versions (approved ones too) and their files.

    Site administrators and the person who registered it. The audit entry keeps the title, the
    region and how many versions (and which were approved) went; the files are removed once the
    deletion is committed; the search index, follows and notifications forget it."""
    if actor is not None and not can_delete_document(user=actor, document=document):
        raise PermissionDeniedError(
            _("Bare den som registrerte dokumentet, eller en administrator, kan slette det.")
        )
    locked = Document.all_objects.select_for_update().get(pk=document.pk)
    versions = list(locked.versions.order_by("number"))
    files = [version.file.name for version in versions if version.file]
    audit_record(
        actor=actor,
        subject=locked,
        action="delete",
        changes={
            "title": [locked.title, None],
            "region": locked.region.slug,
            "versions": [version.number for version in versions],
            "approved_versions": [v.number for v in versions if v.approved_at is not None],
        },
    )
    forget(locked)
    index_remove(kind=Kind.DOCUMENT, object_id=locked.pk)
    was_public = locked.visibility == Visibility.PUBLIC
    locked.delete()
    for name in files:
        transaction.on_commit(lambda name=name: default_storage.delete(name))  # type: ignore[misc]
    if was_public:
        bump_data_version()


def trash_days() -> int:
    return int(settings.KNOWLEDGE_TRASH_DAYS)


@transaction.atomic
def document_trash(*, actor: User | None, document: Document) -> None:
    """Move a document to the trash (what "delete" does in the app): it keeps its versions, files
    and links, but disappears from lists, search and links until it is restored or purged after
    KNOWLEDGE_TRASH_DAYS. Its registrant or an administrator; the loser of a race gets a conflict."""
    if actor is not None and not can_delete_document(user=actor, document=document):
        raise PermissionDeniedError(
            _("Bare den som registrerte dokumentet, eller en administrator, kan slette det.")
        )
    now = timezone.now()
    claimed = Document.objects.filter(pk=document.pk).update(
        trashed_at=now, trashed_by=actor, version=models.F("version") + 1
    )
    if not claimed:
        raise ConflictError(_("Dokumentet er allerede lagt i papirkurven eller slettet."))
    locked = Document.all_objects.get(pk=document.pk)
    audit_record(
        actor=actor,
        subject=locked,
        action="transition",
        changes={"trash": [None, now.isoformat()], "title": locked.title},
    )
    index_remove(kind=Kind.DOCUMENT, object_id=locked.pk)
    if locked.visibility == Visibility.PUBLIC:
        bump_data_version()


@transaction.atomic
def document_restore(*, actor: User | None, document: Document) -> Document:
    """Take a document out of the trash, back into lists, search and links."""
    if actor is not None and not can_delete_document(user=actor, document=document):
        raise PermissionDeniedError(
            _("Bare den som registrerte dokumentet, eller en administrator, kan gjenopprette det.")
        )
    claimed = Document.all_objects.filter(pk=document.pk, trashed_at__isnull=False).update(
        trashed_at=None, trashed_by=None, version=models.F("version") + 1
    )
    if not claimed:
        raise ConflictError(_("Dokumentet er allerede gjenopprettet eller slettet for godt."))
    restored = Document.objects.get(pk=document.pk)
    audit_record(
        actor=actor,
        subject=restored,
        action="transition",
        changes={"trash": [document.trashed_at.isoformat() if document.trashed_at else "", None]},
    )
    _after_write(restored)
    return restored


def trash_purge(*, now: datetime.datetime | None = None, dry_run: bool = False) -> list[int]:
    """Delete for good the documents that have been in the trash longer than the setting."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=trash_days())
    expired = list(Document.all_objects.filter(trashed_at__lt=cutoff).values_list("pk", flat=True))
    if dry_run:
        return expired
    purged = []
    for pk in expired:
        document = Document.all_objects.filter(pk=pk, trashed_at__lt=cutoff).first()
        if document is not None:
            document_delete(actor=None, document=document)
            purged.append(pk)
    return purged


@transaction.atomic
def template_use(
    *, actor: User | None, template: Document, region: Region, title: str = ""
) -> Document:
    """A new memo (or file document) in `region`, started from a reusable template."""
    if not template.is_reusable:
        raise ValidationError(_("Dokumentet er ikke en gjenbrukbar mal."))
    latest = template.versions.order_by("-number").first()
    if latest is None:
        raise ValidationError(_("Malen har ingen innhold."))
    upload = None
    if latest.file:
        with latest.file.open("rb") as handle:
            upload = Upload(name=latest.file_name, data=handle.read())
    document = document_create(
        actor=actor,
        region=region,
        title=title or _("Ny: %(title)s") % {"title": template.title},
        kind=DocumentKind.MEMO,
        summary=template.summary,
        tags=template.tags,
        visibility=Visibility.REGION,
        upload=upload,
        body_markdown=latest.body_markdown,
        note=_("Laget fra malen «%(title)s», versjon %(number)s.")
        % {"title": template.title, "number": latest.number},
    )
    audit_record(
        actor=actor, subject=document, action="from_template", changes={"template": template.pk}
    )
    return document


# Decisions -------------------------------------------------------------------------------------


def _check_decision(
    *, actor: User | None, region: Region, visibility: str, documents: Sequence[Document]
) -> None:
    if visibility not in (Visibility.PUBLIC, Visibility.REGION):
        raise ValidationError(
            {"visibility": _("Vedtak er offentlige eller for regionens medlemmer.")}
        )
    for document in documents:
        if document.region_id != region.pk:
            raise ValidationError(
                {"documents": _("«%s» hører til en annen region.") % document.title}
            )


@transaction.atomic
def decision_create(
    *,
    actor: User | None,
    region: Region,
    body: str,
    date: datetime.date,
    title: str,
    text: str,
    case_number: str = "",
    body_name: str = "",
    visibility: str = Visibility.REGION,
    documents: Sequence[Document] = (),
    links: Sequence[models.Model] = (),
    is_example: bool = False,
) -> Decision:
    """Record a decision in the region's decision log (coordinators, developers, administrators)."""
    _require_writer(actor, region)
    _check_decision(actor=actor, region=region, visibility=visibility, documents=documents)
    decision = Decision(
        region=region,
        body=body,
        body_name=body_name,
        date=date,
        case_number=case_number,
        title=title,
        text=text,
        visibility=visibility,
        is_example=is_example,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    decision.documents.set(documents)
    for obj in links:
        _check_link_region(actor, region, obj)
    labels = _set_links(decision, links)
    audit_record(
        actor=actor,
        subject=decision,
        action="create",
        changes={"title": [None, title], "documents": [d.pk for d in documents], "links": labels},
    )
    _after_write(decision)
    return decision


def _check_link_region(actor: User | None, region: Region, obj: models.Model) -> None:
    target = link_target_for(obj)
    if target is None:
        raise ValidationError({"links": _("Vedtak kan ikke knyttes til «%s».") % obj})
    if region.pk not in target.regions(obj):
        raise ValidationError({"links": _("«%s» hører til en annen region.") % obj})
    if actor is not None and not target.can_view(access_for(user=actor), obj):
        raise PermissionDeniedError(_("Du har ikke tilgang til «%s».") % obj)


@transaction.atomic
def decision_update(
    *,
    actor: User | None,
    decision: Decision,
    body: str,
    date: datetime.date,
    title: str,
    text: str,
    case_number: str,
    body_name: str,
    visibility: str,
    documents: Sequence[Document],
    expected_version: int | None = None,
) -> Decision:
    """Change a decision's record (the region's coordinators and administrators)."""
    if actor is not None and not access_for(user=actor).can_edit_region(decision.region_id):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre vedtak."))
    _check_decision(actor=actor, region=decision.region, visibility=visibility, documents=documents)
    changes: dict[str, Any] = model_changes(
        decision,
        {
            "body": body,
            "date": date,
            "title": title,
            "text": text,
            "case_number": case_number,
            "body_name": body_name,
            "visibility": visibility,
        },
    )
    old_docs = sorted(decision.documents.values_list("pk", flat=True))
    new_docs = sorted(d.pk for d in documents)
    if old_docs != new_docs:
        changes["documents"] = [old_docs, new_docs]
    if not changes:
        return decision
    decision.full_clean()
    version_claim(decision, expected_version=expected_version)
    decision.save()
    decision.documents.set(documents)
    audit_record(actor=actor, subject=decision, action="update", changes=changes)
    _after_write(decision)
    bump_data_version()
    return decision


# Groups ----------------------------------------------------------------------------------------


@transaction.atomic
def document_group_create(
    *, actor: User | None, region: Region, name: str, members: Iterable[User] = ()
) -> DocumentGroup:
    """A named group documents can be shared with (the region's coordinators, administrators)."""
    if actor is not None and not access_for(user=actor).can_edit_region(region.pk):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan opprette grupper."))
    group = DocumentGroup(region=region, name=name)
    group.full_clean()
    group.save()
    group.members.set(list(members))
    audit_record(actor=actor, subject=group, action="create", changes={"name": [None, name]})
    return group


@transaction.atomic
def document_group_update(
    *, actor: User | None, group: DocumentGroup, name: str, members: Iterable[User]
) -> DocumentGroup:
    """Rename a group or change its members (the region's coordinators, administrators).

    The members decide who reads the group's documents: the search index is refreshed for them."""
    if actor is not None and not access_for(user=actor).can_edit_region(group.region_id):
        raise PermissionDeniedError(_("Bare regionens koordinatorer kan endre grupper."))
    locked = DocumentGroup.objects.select_for_update().get(pk=group.pk)
    before = sorted(str(user) for user in locked.members.all())
    changes = model_changes(locked, {"name": name})
    if changes:
        locked.full_clean()
        locked.save(update_fields=["name", "updated_at"])
    members = list(members)
    after = sorted(str(user) for user in members)
    if after != before:
        locked.members.set(members)
        changes["members"] = [before, after]
        for document in locked.documents.all():
            _indexed(document)
    if changes:
        audit_record(actor=actor, subject=locked, action="update", changes=changes)
    return locked
