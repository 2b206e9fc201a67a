"""Errors shared by every app's services."""

from django.utils.translation import gettext as _


class PermissionDeniedError(Exception):
    """The acting user may not perform this write."""


class ConflictError(Exception):
    """Someone else changed the object first: the write would overwrite their change (HTTP 409).

    `current_version` is the version now saved (None when the row is gone), so a form can show
    both versions and an API client can fetch the object again and retry.
    """

    def __init__(self, message: str = "", *, current_version: int | None = None) -> None:
        self.message = message or _(
            "Noen andre har endret dette mens du arbeidet med det. Se over endringene og lagre på nytt."
        )
        self.current_version = current_version
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message
