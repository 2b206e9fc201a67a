"""Helpers shared by several service families: one-per-parent rows and their versions."""

from django.db import IntegrityError, transaction

from samspill.core.exceptions import ConflictError
from samspill.inquiries.models import AdviserProfile, InquiryContact, MunicipalityService

# `expected_version=NOT_CREATED`: the editor saw no row yet (versions start at 1).
NOT_CREATED = 0


def _versioned_row(
    row: InquiryContact | MunicipalityService | AdviserProfile | None,
    *,
    expected_version: int | None,
) -> None:
    """Check a one-per-parent row against the version the editor saw (NOT_CREATED: none yet)."""
    if expected_version is None:
        return
    if row is None and expected_version != NOT_CREATED:
        raise ConflictError(current_version=None)
    if row is not None and expected_version == NOT_CREATED:
        raise ConflictError(current_version=row.version)


def _create_once(row: InquiryContact | MunicipalityService | AdviserProfile) -> None:
    """Insert a one-per-parent row; if another editor inserted it first, that is a conflict."""
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError as error:
        raise ConflictError(current_version=1) from error
