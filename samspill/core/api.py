"""Shared API pieces: the error body every endpoint answers 4xx with, and its declarations.

Each endpoint declares the error statuses it can answer (`errors(401, 404)`), so the OpenAPI
description states what the API enforces and schemathesis can hold the API to it.
"""

from ninja import Schema


class ErrorOut(Schema):
    """Why a request was refused; `errors` gives the reasons per field for 422."""

    detail: str
    errors: dict[str, list[str]] | list[dict[str, object]] = {}


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for error statuses, to merge into `response={200: ..., **errors(404)}`."""
    return dict.fromkeys(statuses, ErrorOut)
