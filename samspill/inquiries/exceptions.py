"""Errors the inquiry services raise (the view or API turns them into messages or 4xx)."""

from django.core.exceptions import ValidationError


class InquiryClosedError(ValidationError):
    """The inquiry has an outcome already; it cannot change status again."""
