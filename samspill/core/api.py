"""API pieces every app shares: the error body and its declarations, the 409 answer, the version.

Each endpoint declares the error statuses it can answer (`errors(401, 404)`), so the OpenAPI
description states what the API enforces and schemathesis can hold the API to it.

A write that edits an object takes the version the client read, in the body (`"version": 7`) or
as `If-Match: "7"` (the ETag the API sent). A version that is no longer current answers 409 with
the reason and `current_version`; the client fetches the object again, merges and retries.
`samspill.config.api` turns every `ConflictError` into that 409.
"""

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError

from samspill.core.concurrency import parse_if_match


class ErrorOut(Schema):
    """Why a request was refused; `errors` gives the reasons per field for 422."""

    detail: str
    errors: dict[str, list[str]] | list[dict[str, object]] = {}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for error statuses, to merge into `response={200: ..., **errors(404)}`."""
    return dict.fromkeys(statuses, ErrorOut)


# `openapi_extra=IF_MATCH` on a write documents the header `expected_version` reads.
IF_MATCH = {
    "parameters": [
        {
            "in": "header",
            "name": "If-Match",
            "required": False,
            "schema": {"type": "string", "examples": ['"7"']},
            "description": 'The version read, as its ETag ("7"); instead of the body field version.',
        }
    ]
}


class ConflictOut(Schema):
    """409: someone else changed the object (or it is closed); nothing was written."""

    detail: str
    current_version: int | None = None


def expected_version(
    request: HttpRequest, body_version: int | None, *, required: bool
) -> int | None:
    """The version the client based its write on: the body's, else If-Match's.

    Missing when `required`: 428 (Precondition Required), so no client overwrites blindly.
    """
    header = request.headers.get("If-Match")
    from_header = parse_if_match(header)
    if header and from_header is None:
        raise HttpError(400, 'If-Match må være en versjon, f.eks. "7" / If-Match must be a version')
    if body_version is not None and from_header is not None and body_version != from_header:
        raise HttpError(400, "version og If-Match er ulike / version and If-Match disagree")
    version = body_version if body_version is not None else from_header
    if version is None and required:
        raise HttpError(
            428,
            "Oppgi versjonen du leste, i «version» eller If-Match / send the version you read "
            "(body field version or If-Match header)",
        )
    return version
