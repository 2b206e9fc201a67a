"""Errors shared by every app's services."""


class PermissionDeniedError(Exception):
    """The acting user may not perform this write."""
