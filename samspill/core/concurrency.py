"""Optimistic concurrency: every edit claims the next version of the row with a conditional UPDATE.

Services call `version_claim` inside `transaction.atomic`, before they save:

    version_claim(measure, expected_version=expected_version)   # raises ConflictError
    measure.save()

`UPDATE … SET version = version + 1 WHERE id = … AND version = <expected>` either changes one row
(the writer holds the row until commit; a second writer with the same expected version waits and
then changes no row) or none (someone saved first): the loser gets `ConflictError`, never a silent
overwrite. `expected_version=None` is for system writes (imports, the demo, commands) that must not
be refused; they still bump the version so open forms notice them.
"""

from django.db import transaction
from django.db.models import F

from samspill.core.exceptions import ConflictError
from samspill.core.models import VersionedModel


def version_claim(instance: VersionedModel, *, expected_version: int | None) -> None:
    """Bump the row's version if it is still `expected_version`; else raise ConflictError."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("version_claim must run inside transaction.atomic")  # a coding error
    manager = type(instance)._default_manager
    rows = manager.filter(pk=instance.pk)
    if expected_version is not None:
        if instance.version != expected_version:  # stale before we even try: no write needed
            raise ConflictError(current_version=instance.version)
        rows = rows.filter(version=expected_version)
    if rows.update(version=F("version") + 1) == 0:
        raise ConflictError(
            current_version=manager.filter(pk=instance.pk).values_list("version", flat=True).first()
        )
    instance.version = manager.filter(pk=instance.pk).values_list("version", flat=True).get()


def parse_if_match(header: str | None) -> int | None:
    """The version in an `If-Match: "7"` (or `W/"7"`, or `7`) header; None when absent or unreadable."""
    if not header:
        return None
    text = header.strip().removeprefix("W/").strip('"')
    return int(text) if text.isdecimal() and len(text) < 10 else None


def etag(version: int) -> str:
    """The ETag for a version: the API sends it, clients send it back in If-Match."""
    return f'"{version}"'
