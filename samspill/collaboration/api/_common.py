"""The collaboration API's router and the helpers its families share: the actor, 422 for a
model's validation error, and the versioned edit's changes and visibility check."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import errors

router = Router(tags=["collaboration"], auth=django_auth)


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth ensures a user
    return request.user


def _unprocessable(error: ValidationError) -> HttpError:
    detail = (
        "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        if hasattr(error, "error_dict")
        else " ".join(error.messages)
    )
    return HttpError(422, detail)


# Edits and deletions: the version read (body `version` or If-Match) is required (428 without);
# 409 with `current_version` when someone saved since; 204 after a deletion (which takes the
# version as the query parameter `version` or If-Match).

WRITE_ERRORS = errors(400, 401, 403, 404, 422, 428)


def _changes(body: Schema) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True, exclude={"version"})


def _visible(getter: Any, request: HttpRequest, pk: int, right: str) -> Any:
    """The object (404 when the user may not see the project's internal parts), 403 without right."""
    try:
        found, rights = getter(user=request.user, pk=pk)
    except Http404 as error:
        raise HttpError(404, "Finnes ikke / not found") from error
    if not getattr(rights, right):
        raise HttpError(403, "Du har ikke rettighet til dette i prosjektet / not allowed")
    return found
