"""Domain errors of the regions app."""

from samspill.regions.importers.errors import ImportFileError

__all__ = ["ImportFileError", "MembershipOverlapError", "MembershipRequestConflictError"]


class MembershipOverlapError(ValueError):
    """Two membership periods of the same municipality in the same region overlap."""


class MembershipRequestConflictError(ValueError):
    """The membership request is already waiting for an answer, or has been answered."""
