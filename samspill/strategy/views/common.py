"""Helpers shared by the view families."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.selectors import audit_entries_for
from samspill.core.conflicts import conflict_show
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.htmx import HtmxHttpRequest
from samspill.strategy.forms import (
    errors_to_form,
)
from samspill.strategy.models import (
    Strategy,
)
from samspill.strategy.presenters import (
    ReportView,
    report_view,
)
from samspill.strategy.selectors import (
    report_previous,
    strategy_snapshot,
)


def _actor(request: HtmxHttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _today() -> datetime.date:
    return timezone.localdate()


def _form_page(
    request: HtmxHttpRequest, form: Any, *, title: str, back: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "page_title": title, "back_url": back, **extra}
    status = 409 if getattr(form, "conflict", None) else 200
    return render(request, "strategy/form_page.html", context, status=status)


def _require_strategy_editor(request: HtmxHttpRequest, strategy: Strategy) -> None:
    if not access_for(user=request.user).can_edit_region(strategy.region_id):
        raise PermissionDenied


def _run(form: Any, action: Any, *, reload: Any = None, initial_of: Any = None) -> Any:
    """Call a service; its validation errors land next to the form's fields, refusals become 403.

    A lost-update conflict re-shows the form with both versions: `reload()` fetches the object
    as saved now and `initial_of(obj)` gives its values in the form's terms.
    """
    try:
        return action()
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


def _version(form: Any) -> int:
    return int(form.cleaned_data["version"])


def _without_version(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _current_report(strategy: Strategy) -> ReportView:
    previous = report_previous(strategy=strategy)
    return report_view(
        title=_("Status for {strategy}").format(strategy=strategy),
        snapshot=strategy_snapshot(strategy=strategy, today=_today()),
        previous=previous.snapshot if previous else None,
        previous_title=previous.title if previous else None,
    )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name) or "rapport"}.pdf"'
    return response
