"""Domain errors of the regions app."""

from samspill.regions.importers.errors import ImportFileError

__all__ = ["ImportFileError", "MembershipOverlapError"]


class MembershipOverlapError(ValueError):
    """Two membership periods of the same municipality in the same region overlap."""
