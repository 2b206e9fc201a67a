"""The one way to record an audit entry: every service that writes calls `audit_record`."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry


def audit_record(
    *,
    actor: User | None,
    subject: models.Model,
    action: str,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` to `subject` (changes: field -> [old, new] or free detail)."""
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=(actor.get_username() if actor is not None else "system"),
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_pk=str(subject.pk),
        object_repr=str(subject)[:200],
        changes=_jsonable(changes or {}),
    )


def model_changes(instance: models.Model, fields: dict[str, Any]) -> dict[str, list[Any]]:
    """Apply `fields` to `instance` and return {field: [old, new]} for the values that changed."""
    changed: dict[str, list[Any]] = {}
    for name, new in fields.items():
        old = getattr(instance, name)
        if old != new:
            changed[name] = [old, new]
            setattr(instance, name, new)
    return changed


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)
