"""Helpers shared by the view families."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from samspill.accounts.models import User
from samspill.inquiries import presenters
from samspill.inquiries.selectors import (
    active_regions_for,
    can_view_region_inquiries,
)
from samspill.regions.models import Region
from samspill.regions.selectors import region_get


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _safe_next(request: HttpRequest, target: str | None, fallback: str) -> str:
    """Only redirect back to our own site (no open redirects)."""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _region_for_staff(request: HttpRequest, slug: str) -> Region:
    region = region_get(slug=slug)
    if not can_view_region_inquiries(user=request.user, region=region):
        raise PermissionDenied
    return region


def _apply_errors(form: Form, error: ValidationError) -> None:
    """Put a service's validation errors next to the matching fields (else above the form)."""
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def _form_context(region: Region, form: Form, *, public: bool) -> dict[str, Any]:
    return {
        "region": region,
        "form": form,
        "public": public,
        "retention_days": presenters.retention_days(),
    }


def _no_front_door(request: HttpRequest, region: Region) -> HttpResponse:
    """A historical region has no inbox: say so, and where its businesses go today (410 Gone)."""
    return render(
        request,
        "inquiries/region_closed.html",
        {"region": region, "alternatives": active_regions_for(region=region)},
        status=410,
    )
