"""API: documents (list, detail, write a memo) and the decision log (list, detail, record).

Session authentication (the same login as the pages): 401 without login; 404 for what does not
exist or the user may not read; 403 when the user may read but not write; 422 with a reason for
bad input (including a visibility wider than the linked objects allow).
"""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import field_validator

from samspill.accounts.models import User
from samspill.core.api import errors
from samspill.core.exceptions import PermissionDeniedError
from samspill.knowledge.models import Decision, Document, DocumentGroup
from samspill.knowledge.selectors import (
    DecisionFilters,
    DocumentFilters,
    decision_documents_for,
    decision_get_for,
    decision_list_for,
    document_get_for,
    document_list_for,
    version_list,
)
from samspill.knowledge.services import decision_create, document_create
from samspill.regions.models import Region
from samspill.regions.selectors import region_get

router = Router(tags=["knowledge"], auth=django_auth)

Kind = Literal["memo", "minutes", "decision", "plan", "report", "presentation", "template", "other"]
Body = Literal["steering_group", "regional_council", "municipal_council", "other"]


def _no_nul(value: Any) -> Any:
    texts = value if isinstance(value, list) else [value]
    if any(isinstance(text, str) and "\x00" in text for text in texts):
        raise ValueError("NUL er ikke tillatt / NUL characters are not allowed")
    return value


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    summary: str
    date: datetime.date
    author_name: str
    region: str
    municipalities: list[str]
    tags: list[str]
    visibility: str
    is_reusable: bool
    is_example: bool
    version: int


class VersionOut(Schema):
    number: int
    created_at: datetime.datetime
    created_by: str
    file_name: str
    file_type: str
    size: int
    is_memo: bool
    approved_at: datetime.datetime | None
    approved_by: str


class DocumentDetailOut(DocumentOut):
    versions: list[VersionOut]
    body_markdown: str


class DocumentListQuery(Schema):
    region: str = Field("", max_length=100)
    kind: str = Field("", max_length=20)
    tag: str = Field("", max_length=60)
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=100_000)


class MemoIn(Schema):
    title: str = Field(min_length=1, max_length=300)
    kind: Kind = "memo"
    summary: str = Field("", max_length=10_000)
    date: datetime.date | None = None
    author_name: str = Field("", max_length=200)
    tags: list[str] = Field([], max_length=20)
    visibility: Literal["public", "region", "group"] = "region"
    group_id: int | None = Field(None, ge=1, le=2**31 - 1)
    body_markdown: str = Field(min_length=1, max_length=200_000)

    _check = field_validator("title", "summary", "author_name", "tags", "body_markdown")(_no_nul)


class DecisionOut(Schema):
    id: int
    region: str
    body: str
    body_name: str
    date: datetime.date
    case_number: str
    title: str
    text: str
    visibility: str
    document_ids: list[int]
    is_example: bool
    version: int


class DecisionListQuery(Schema):
    body: str = Field("", max_length=30)
    year: int | None = Field(None, ge=1900, le=2200)
    text: str = Field("", max_length=100)


class DecisionIn(Schema):
    body: Body
    body_name: str = Field("", max_length=200)
    date: datetime.date
    case_number: str = Field("", max_length=60)
    title: str = Field(min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=50_000)
    visibility: Literal["public", "region"] = "region"
    document_ids: list[int] = Field([], max_length=50)

    _check = field_validator("body_name", "case_number", "title", "text")(_no_nul)


def _document_out(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "title": document.title,
        "kind": document.kind,
        "summary": document.summary,
        "date": document.date,
        "author_name": document.author_name,
        "region": document.region.slug,
        "municipalities": [m.number for m in document.municipalities.all()],
        "tags": [str(tag) for tag in document.tags or []],
        "visibility": document.visibility,
        "is_reusable": document.is_reusable,
        "is_example": document.is_example,
        "version": document.version,
    }


def _document_detail(document: Document) -> dict[str, Any]:
    versions = version_list(document=document)
    return {
        **_document_out(document),
        "versions": [
            {
                "number": v.number,
                "created_at": v.created_at,
                "created_by": v.created_by.get_username() if v.created_by else "",
                "file_name": v.file_name,
                "file_type": v.file_type,
                "size": v.size,
                "is_memo": v.is_memo,
                "approved_at": v.approved_at,
                "approved_by": v.approved_by.get_username() if v.approved_by else "",
            }
            for v in versions
        ],
        "body_markdown": versions[0].body_markdown if versions else "",
    }


def _decision_out(decision: Decision, document_ids: list[int]) -> dict[str, Any]:
    return {
        "id": decision.pk,
        "region": decision.region.slug,
        "body": decision.body,
        "body_name": decision.body_name,
        "date": decision.date,
        "case_number": decision.case_number,
        "title": decision.title,
        "text": decision.text,
        "visibility": decision.visibility,
        "document_ids": document_ids,
        "is_example": decision.is_example,
        "version": decision.version,
    }


def _invalid(error: ValidationError) -> Status[dict[str, object]]:
    detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return Status(422, {"detail": "Ugyldig forespørsel / invalid request", "errors": detail})


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    return request.user


@router.get(
    "/documents",
    response={200: list[DocumentOut], **errors(401, 422)},
    summary="Documents the user may read",
    url_name="knowledge_documents",
)
def documents(request: HttpRequest, query: Query[DocumentListQuery]) -> list[dict[str, Any]]:
    region = Region.objects.filter(slug=query.region).first() if query.region else None
    if query.region and region is None:
        return []
    found = document_list_for(
        user=request.user,
        filters=DocumentFilters(region=region, kind=query.kind, tag=query.tag),
    ).prefetch_related("municipalities")
    return [_document_out(d) for d in found[query.offset : query.offset + query.limit]]


@router.get(
    "/documents/{document_id}",
    response={200: DocumentDetailOut, **errors(401, 404, 422)},
    summary="A document with its versions",
    url_name="knowledge_document",
)
def document(request: HttpRequest, document_id: int) -> dict[str, Any]:
    return _document_detail(document_get_for(user=request.user, pk=document_id))


@router.post(
    "/regions/{slug}/documents",
    response={201: DocumentDetailOut, **errors(400, 401, 403, 404, 415, 422)},
    summary="Write a memo (Markdown) as a new document in the region",
    url_name="knowledge_memo_create",
)
def memo_create(request: HttpRequest, slug: str, payload: MemoIn) -> Status[dict[str, Any]]:
    region = region_get(slug=slug)
    group = None
    if payload.group_id is not None:
        group = DocumentGroup.objects.filter(pk=payload.group_id, region=region).first()
        if group is None:
            return Status(
                422,
                {"detail": "Ukjent gruppe / unknown group", "errors": {"group_id": ["unknown"]}},
            )
    try:
        created = document_create(
            actor=_user(request),
            region=region,
            title=payload.title,
            kind=payload.kind,
            summary=payload.summary,
            date=payload.date,
            author_name=payload.author_name,
            tags=payload.tags,
            visibility=payload.visibility,
            group=group,
            body_markdown=payload.body_markdown,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _document_detail(created))


@router.get(
    "/regions/{slug}/decisions",
    response={200: list[DecisionOut], **errors(401, 404, 422)},
    summary="The region's decision log (as far as the user may read it)",
    url_name="knowledge_decisions",
)
def decisions(
    request: HttpRequest, slug: str, query: Query[DecisionListQuery]
) -> list[dict[str, Any]]:
    region = region_get(slug=slug)
    found = decision_list_for(
        user=request.user,
        region=region,
        filters=DecisionFilters(body=query.body, year=query.year, text=query.text),
    )
    return [
        _decision_out(d, [doc.pk for doc in decision_documents_for(user=request.user, decision=d)])
        for d in found
    ]


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **errors(401, 404, 422)},
    summary="One decision",
    url_name="knowledge_decision",
)
def decision(request: HttpRequest, decision_id: int) -> dict[str, Any]:
    found = decision_get_for(user=request.user, pk=decision_id)
    ids = [doc.pk for doc in decision_documents_for(user=request.user, decision=found)]
    return _decision_out(found, ids)


@router.post(
    "/regions/{slug}/decisions",
    response={201: DecisionOut, **errors(400, 401, 403, 404, 415, 422)},
    summary="Record a decision in the region's decision log",
    url_name="knowledge_decision_record",
)
def decision_record(request: HttpRequest, slug: str, payload: DecisionIn) -> Status[dict[str, Any]]:
    region = region_get(slug=slug)
    readable = document_list_for(user=request.user, filters=DocumentFilters(region=region))
    found = list(readable.filter(pk__in=payload.document_ids))
    if len(found) != len(set(payload.document_ids)):
        return Status(
            422,
            {
                "detail": "Ukjent dokument / unknown document",
                "errors": {"document_ids": ["unknown or not readable"]},
            },
        )
    try:
        created = decision_create(
            actor=_user(request),
            region=region,
            body=payload.body,
            body_name=payload.body_name,
            date=payload.date,
            case_number=payload.case_number,
            title=payload.title,
            text=payload.text,
            visibility=payload.visibility,
            documents=found,
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _decision_out(created, [d.pk for d in found]))
