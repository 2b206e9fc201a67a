"""Helpers shared by the view families."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.knowledge import services
from samspill.knowledge.forms import (
    errors_to_form,
)
from samspill.knowledge.selectors import (
    can_write_region,
)
from samspill.knowledge.uploads import UploadRefusedError, oversize_error
from samspill.regions.models import Region
from samspill.regions.selectors import region_get


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _run(form: Any, action: Any, *, reload: Any = None, initial_of: Any = None) -> Any:
    """Call a service; validation errors and refused files land on the form, refusals are 403."""
    try:
        return action()
    except UploadRefusedError as error:
        form.add_error("file" if "file" in form.fields else None, error.message)
    except ValidationError as error:
        errors_to_form(form, error)
    except PermissionDeniedError as error:
        raise PermissionDenied(str(error)) from error
    except ConflictError as error:
        if reload is None:
            form.add_error(None, str(error))
        else:
            saved = reload()
            conflict_show(
                form,
                error,
                saved=initial_of(saved),
                version=saved.version,
                history=audit_entries_for(subject=saved),
            )
    return None


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    return render(request, "knowledge/form_page.html", context, status=status)


def _upload(form: Any) -> services.Upload | None:
    uploaded = form.cleaned_data.get("file")
    if not uploaded:
        return None
    if uploaded.size > settings.KNOWLEDGE_UPLOAD_MAX_BYTES:  # refused without reading it
        raise oversize_error(uploaded.size, settings.KNOWLEDGE_UPLOAD_MAX_BYTES)
    return services.Upload(name=uploaded.name, data=uploaded.read())


def _writable_region(request: HtmxHttpRequest, slug: str) -> Region:
    region = region_get(slug=slug)
    if not can_write_region(access=access_for(user=request.user), region=region):
        raise PermissionDenied
    return region
