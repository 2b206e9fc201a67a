"""Errors the inquiry services raise (the view or API turns them into messages or 4xx)."""

from samspill.core.exceptions import ConflictError


class InquiryClosedError(ConflictError):
    """The inquiry has an outcome already; it cannot change status or advisers again (HTTP 409)."""
