"""Helpers shared by the collaboration write families: rights, audit, search refresh and the
versioned edit/deletion every edit and deletion of a row goes through."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record, model_changes
from samspill.collaboration.models import Project
from samspill.collaboration.search import material_documents_for, project_document_for
from samspill.collaboration.selectors import ProjectRights, rights_for
from samspill.core.concurrency import version_claim
from samspill.core.exceptions import PermissionDeniedError
from samspill.search.documents import SearchDocument
from samspill.search.models import Kind
from samspill.search.services import index_remove, index_update

Action = AuditEntry.Action


def _rights(actor: User | None, project: Project) -> ProjectRights | None:
    """None for a system write (demo, imports): allowed."""
    return None if actor is None else rights_for(user=actor, project=project)


def _require(actor: User | None, project: Project, right: str) -> None:
    rights = _rights(actor, project)
    if rights is not None and not getattr(rights, right):
        raise PermissionDeniedError(_("Du har ikke rettighet til dette i prosjektet."))


def _audit(actor: User | None, subject: Any, action: str, changes: dict[str, Any]) -> None:
    audit_record(actor=actor, subject=subject, action=action, changes=changes)


def _indexed(project: Project) -> None:
    """Keep the site search current once the write is committed (collaboration/search.py): the
    project and its internal material, whose readers and region follow the project's (ADR 89)."""
    project_id = project.pk

    def write() -> None:
        index_update(project_document_for(project_id))
        for document in material_documents_for(project_id):
            index_update(document)

    transaction.on_commit(write)


def _material_indexed(document_for: Callable[[int], SearchDocument | None], pk: int) -> None:
    """Refresh one agreement's, meeting's or report's search row after the commit."""

    def write() -> None:
        document = document_for(pk)
        if document is not None:
            index_update(document)

    transaction.on_commit(write)


def _unindexed(kind: Kind, pk: int) -> None:
    transaction.on_commit(lambda: index_remove(kind=kind, object_id=pk))


def _created(instance: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return {key: [None, value] for key, value in fields.items()}


# Edits and deletions of versioned rows (roles, budget lines, meetings, plan, agreements, reports).
#
# Every edit claims the row's next version (a stale `expected_version` is a ConflictError: the form
# shows both versions, the API answers 409); a deletion claims it too, so nobody deletes what
# someone else has just changed. Each is audited on the object (its history) and on the project.


def _versioned_update(
    *,
    actor: User | None,
    instance: Any,
    project: Project,
    right: str,
    expected_version: int | None,
    fields: dict[str, Any],
) -> Any:
    _require(actor, project, right)
    changes = model_changes(instance, fields)
    if changes:
        version_claim(instance, expected_version=expected_version)
        instance.full_clean(exclude=["project", "meeting", "user"])
        instance.save(update_fields=[*changes, "version", "updated_at"])
        _audit(actor, instance, Action.UPDATE, changes)
    return instance


def _versioned_delete(
    *,
    actor: User | None,
    instance: Any,
    project: Project,
    right: str,
    expected_version: int | None,
) -> None:
    _require(actor, project, right)
    version_claim(instance, expected_version=expected_version)
    label = str(instance)
    _audit(actor, instance, Action.DELETE, {"deleted": [label, None]})
    _audit(
        actor,
        project,
        Action.UPDATE,
        {f"{instance._meta.model_name}_deleted": [label, None]},
    )
    instance.delete()
