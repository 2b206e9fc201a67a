"""API for innovation challenges: public reads (no login), and the owners' and suppliers' writes.

Session authentication for writes (the same login as the pages): 401 without login; 404 for what
does not exist or the user may not read (drafts, other suppliers' answers, answers the assessor
declared a conflict for); 403 when the user may read but not write; 409 for a stage or deadline
that forbids the write ("already …", "the deadline has passed"); 422 with a reason for bad input
(weights that do not add up to 100 %, a wrong check digit).
"""

import datetime
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.accounts.selectors import access_for
from samspill.audit.models import AuditEntry
from samspill.audit.services import audit_record
from samspill.challenges import services
from samspill.challenges.models import Answer, AnswerAttachment, Area, Challenge, Stage, Supplier
from samspill.challenges.selectors import (
    ChallengeFilters,
    answer_get_for,
    answers_for_assessor,
    attachment_get_for,
    can_assess,
    can_manage,
    challenge_get_for,
    challenge_list_for,
    criteria_of,
    panel_candidates,
    panel_of,
    public_questions,
    supplier_directory,
    supplier_for,
)
from samspill.core.api import ConflictOut, errors, expected_version
from samspill.core.exceptions import PermissionDeniedError
from samspill.regions.models import Municipality

router = Router(tags=["challenges"])

AreaIn = Literal["water", "environment", "health", "buildings", "transport", "other"]
RouteIn = Literal[
    "dialogue_competition",
    "innovation_partnership",
    "competitive_dialogue",
    "pre_commercial",
    "direct_purchase",
]
StageIn = Literal["dialogue", "answers", "assessment", "pilot", "scale_up", "stopped"]


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise HttpError(422, "NUL er ikke tillatt / NUL characters are not allowed")
    return text


class CriterionOut(Schema):
    name: str
    weight: int


class QuestionOut(Schema):
    question: str
    answer: str
    answered_at: datetime.datetime | None


class ChallengeOut(Schema):
    id: int
    title: str
    area: str
    stage: str
    municipalities: list[str]
    problem: str
    affected: str
    cost_today: str
    good_result: str
    measurement: str
    budget_estimate: int | None
    timeline: str
    procurement_route: str
    tender_url: str
    answer_deadline: datetime.datetime | None
    is_example: bool
    version: int


class ChallengeDetailOut(ChallengeOut):
    criteria: list[CriterionOut]
    questions: list[QuestionOut]


class ChallengeQuery(Schema):
    area: str = Field("", max_length=20)
    municipality: str = Field("", max_length=4)
    stage: str = Field("", max_length=20)
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=100_000)


class ChallengeIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    municipalities: list[str] = Field(min_length=1, max_length=50)
    problem: str = Field(min_length=1, max_length=20_000)
    affected: str = Field(min_length=1, max_length=20_000)
    cost_today: str = Field(min_length=1, max_length=20_000)
    good_result: str = Field(min_length=1, max_length=20_000)
    measurement: str = Field(min_length=1, max_length=20_000)
    area: AreaIn
    budget_estimate: int | None = Field(None, ge=0, le=10**12)
    timeline: str = Field("", max_length=300)
    procurement_route: RouteIn
    tender_url: str = Field("", max_length=500)
    answer_deadline: datetime.datetime | None = None


class TransitionIn(Schema):
    to: StageIn
    reason: str = Field("", max_length=5000)
    version: int | None = Field(None, ge=0, le=2**31 - 1)


class CriteriaIn(Schema):
    criteria: list[CriterionOut] = Field(max_length=20)


class SupplierOut(Schema):
    id: int
    name: str
    organisation_number: str
    municipality: str
    competence: str
    competence_tags: list[str]
    industry: str
    is_example: bool


class SupplierQuery(Schema):
    competence: str = Field("", max_length=100)
    municipality: str = Field("", max_length=4)


class AnswerIn(Schema):
    solution: str = Field(min_length=1, max_length=50_000)
    estimated_cost: int | None = Field(None, ge=0, le=10**12)
    estimated_time: str = Field("", max_length=200)
    tried_elsewhere: str = Field("", max_length=20_000)
    version: int | None = Field(None, ge=0, le=2**31 - 1)


class AnswerOut(Schema):
    id: int
    challenge_id: int
    supplier: str
    solution: str
    estimated_cost: int | None
    estimated_time: str
    tried_elsewhere: str
    status: str
    outcome: str
    changed_at: datetime.datetime
    version: int


def _challenge_out(challenge: Challenge) -> dict[str, object]:
    return {
        "id": challenge.pk,
        "title": challenge.title,
        "area": challenge.area,
        "stage": challenge.stage,
        "municipalities": [m.number for m in challenge.municipalities.all()],
        "problem": challenge.problem,
        "affected": challenge.affected,
        "cost_today": challenge.cost_today,
        "good_result": challenge.good_result,
        "measurement": challenge.measurement,
        "budget_estimate": challenge.budget_estimate,
        "timeline": challenge.timeline,
        "procurement_route": challenge.procurement_route,
        "tender_url": challenge.tender_url,
        "answer_deadline": challenge.answer_deadline,
        "is_example": challenge.is_example,
        "version": challenge.version,
    }


def _answer_out(answer: Answer) -> dict[str, object]:
    return {
        "id": answer.pk,
        "challenge_id": answer.challenge_id,
        "supplier": answer.supplier.name,
        "solution": answer.solution,
        "estimated_cost": answer.estimated_cost,
        "estimated_time": answer.estimated_time,
        "tried_elsewhere": answer.tried_elsewhere,
        "status": answer.status,
        "outcome": answer.outcome,
        "changed_at": answer.changed_at,
        "version": answer.version,
    }


def _user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise HttpError(401, "Logg inn / log in")
    return request.user


def _reason(error: ValidationError) -> HttpError:
    return HttpError(422, "; ".join(error.messages))


@router.get(
    "/",
    response={200: list[ChallengeOut], **errors(422)},
    url_name="challenges",
    auth=None,
    summary="Public challenges (and the user's own drafts), filtered by area, municipality, stage",
)
def challenges(request: HttpRequest, query: Query[ChallengeQuery]) -> list[dict[str, object]]:
    filters = ChallengeFilters(
        area=query.area if query.area in Area.values else "",
        municipality=query.municipality,
        stage=query.stage if query.stage in Stage.values else "",
    )
    rows = challenge_list_for(user=request.user, filters=filters)
    return [_challenge_out(c) for c in rows[query.offset : query.offset + query.limit]]


@router.get(
    "/suppliers",
    response={200: list[SupplierOut], **errors(422)},
    url_name="challenge_suppliers",
    auth=None,
    summary="The public supplier directory, by competence and municipality number",
)
def suppliers(request: HttpRequest, query: Query[SupplierQuery]) -> list[dict[str, object]]:
    rows: list[Supplier] = list(
        supplier_directory(competence=query.competence, municipality=query.municipality)[:500]
    )
    return [
        {
            "id": s.pk,
            "name": s.name,
            "organisation_number": s.organisation_number,
            "municipality": s.municipality.name if s.municipality else "",
            "competence": s.competence,
            "competence_tags": s.tags,
            "industry": s.industry_description,
            "is_example": s.is_example,
        }
        for s in rows
    ]


@router.get(
    "/{challenge_id}",
    response={200: ChallengeDetailOut, **errors(404, 422)},
    url_name="challenge",
    auth=None,
)
def challenge(request: HttpRequest, challenge_id: int) -> dict[str, object]:
    found = challenge_get_for(user=request.user, pk=challenge_id)
    if found is None:
        raise HttpError(404, "Fant ikke utfordringen / challenge not found")
    return {
        **_challenge_out(found),
        "criteria": [{"name": c.name, "weight": c.weight} for c in criteria_of(challenge=found)],
        "questions": [
            {"question": q.text, "answer": q.answer, "answered_at": q.answered_at}
            for q in public_questions(challenge=found)
        ],
    }


@router.post(
    "/",
    response={201: ChallengeOut, **errors(401, 403, 422)},
    url_name="challenge_create",
    auth=django_auth,
)
def challenge_create(request: HttpRequest, payload: ChallengeIn) -> Status[dict[str, object]]:
    municipalities = list(Municipality.objects.filter(number__in=payload.municipalities))
    if len(municipalities) != len(set(payload.municipalities)):
        raise HttpError(422, "Ukjent kommunenummer / unknown municipality number")
    data = payload.dict()
    data.pop("municipalities")
    for key in ("title", "problem", "affected", "cost_today", "good_result", "measurement"):
        _no_nul(data[key])
    try:
        created = services.challenge_create(
            actor=_user(request), municipalities=municipalities, **data
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _reason(error) from error
    return Status(201, _challenge_out(created))


def _managed(request: HttpRequest, challenge_id: int) -> Challenge:
    found = challenge_get_for(user=request.user, pk=challenge_id)
    if found is None:
        raise HttpError(404, "Fant ikke utfordringen / challenge not found")
    if not can_manage(access=access_for(user=request.user), challenge=found):
        raise HttpError(403, "Bare eierkommunene / owners only")
    return found


@router.post(
    "/{challenge_id}/transition",
    response={200: ChallengeOut, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_transition",
    auth=django_auth,
    summary="Move the challenge to its next stage (409 when already there or not allowed)",
)
def challenge_transition(
    request: HttpRequest, challenge_id: int, payload: TransitionIn
) -> dict[str, object]:
    found = _managed(request, challenge_id)
    try:
        moved = services.challenge_transition(
            actor=_user(request),
            challenge=found,
            to=payload.to,
            reason=payload.reason,
            expected_version=expected_version(request, payload.version, required=False),
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _reason(error) from error
    return _challenge_out(moved)


@router.put(
    "/{challenge_id}/criteria",
    response={200: list[CriterionOut], 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_criteria",
    auth=django_auth,
    summary="Replace the criteria; the weights must add up to 100 (422 otherwise)",
)
def challenge_criteria(
    request: HttpRequest, challenge_id: int, payload: CriteriaIn
) -> list[dict[str, object]]:
    found = _managed(request, challenge_id)
    rows = [services.CriterionRow(name=_no_nul(c.name), weight=c.weight) for c in payload.criteria]
    try:
        services.criteria_set(actor=_user(request), challenge=found, rows=rows)
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _reason(error) from error
    return [{"name": c.name, "weight": c.weight} for c in criteria_of(challenge=found)]


@router.get(
    "/{challenge_id}/answers",
    response={200: list[AnswerOut], **errors(401, 403, 404, 422)},
    url_name="challenge_answers",
    auth=django_auth,
    summary="Answers for the owners' assessors (without those they declared a conflict for)",
)
def answers(request: HttpRequest, challenge_id: int) -> list[dict[str, object]]:
    found = _managed(request, challenge_id)
    if not can_assess(user=request.user, challenge=found):
        raise HttpError(403, "Bare vurderingspanelet / assessor panel only")
    declared = [
        a
        for a in answers_for_assessor(user=request.user, challenge=found)
        if answer_get_for(user=request.user, pk=a.pk) is not None
    ]
    return [_answer_out(a) for a in declared]


# The assessor panel (ADR 92) ---------------------------------------------------------------------


class ChallengePanelPersonOut(Schema):
    user_id: int
    name: str


class ChallengePanelOut(Schema):
    panel: list[ChallengePanelPersonOut]
    candidates: list[ChallengePanelPersonOut]


class ChallengePanelIn(Schema):
    user_id: int = Field(ge=1)


def _person(user: User) -> dict[str, object]:
    return {"user_id": user.pk, "name": user.get_full_name() or user.username}


def _panel_out(challenge: Challenge) -> dict[str, object]:
    return {
        "panel": [_person(member.user) for member in panel_of(challenge=challenge)],
        "candidates": [_person(user) for user in panel_candidates(challenge=challenge)],
    }


@router.get(
    "/{challenge_id}/assessors",
    response={200: ChallengePanelOut, **errors(401, 403, 404, 422)},
    url_name="challenge_panel",
    auth=django_auth,
    summary="The assessor panel (empty: every owner's person assesses) and who may be put on it",
)
def panel(request: HttpRequest, challenge_id: int) -> dict[str, object]:
    return _panel_out(_managed(request, challenge_id))


@router.post(
    "/{challenge_id}/assessors",
    response={201: ChallengePanelOut, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_panel_add",
    auth=django_auth,
    summary="Put a person with a role in an owning municipality on the assessor panel",
    description=(
        "422 for someone without such a role; 409 when already on the panel, or when the first "
        "member would leave out assessors who have already scored."
    ),
)
def panel_add(
    request: HttpRequest, challenge_id: int, payload: ChallengePanelIn
) -> Status[dict[str, object]]:
    found = _managed(request, challenge_id)
    person = User.objects.filter(pk=payload.user_id).first()
    if person is None:
        raise HttpError(422, "Ukjent bruker / unknown user")
    try:
        services.panel_add(actor=_user(request), challenge=found, user=person)
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _reason(error) from error
    return Status(201, _panel_out(found))


@router.delete(
    "/{challenge_id}/assessors/{user_id}",
    response={204: None, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_panel_remove",
    auth=django_auth,
    summary="Take a person off the assessor panel (409 once they have scored, or not on it)",
)
def panel_remove(request: HttpRequest, challenge_id: int, user_id: int) -> Status[None]:
    found = _managed(request, challenge_id)
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise HttpError(404, "Ukjent bruker / unknown user")
    try:
        services.panel_remove(actor=_user(request), challenge=found, user=person)
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    return Status(204, None)


@router.put(
    "/{challenge_id}/answer",
    response={200: AnswerOut, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_answer_submit",
    auth=django_auth,
    summary="Submit or revise the supplier's own answer (409 after the deadline)",
)
def answer_submit(request: HttpRequest, challenge_id: int, payload: AnswerIn) -> dict[str, object]:
    found = challenge_get_for(user=request.user, pk=challenge_id)
    if found is None:
        raise HttpError(404, "Fant ikke utfordringen / challenge not found")
    try:
        saved = services.answer_submit(
            actor=_user(request),
            challenge=found,
            solution=_no_nul(payload.solution),
            estimated_cost=payload.estimated_cost,
            estimated_time=_no_nul(payload.estimated_time),
            tried_elsewhere=_no_nul(payload.tried_elsewhere),
            expected_version=expected_version(request, payload.version, required=False),
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise _reason(error) from error
    return _answer_out(saved)


@router.get(
    "/answers/{answer_id}",
    response={200: AnswerOut, **errors(401, 404, 422)},
    url_name="challenge_answer",
    auth=django_auth,
    summary="One answer: its supplier's, or for an assessor without a declared conflict",
)
def answer(request: HttpRequest, answer_id: int) -> dict[str, object]:
    found = answer_get_for(user=request.user, pk=answer_id)
    if found is None:
        raise HttpError(404, "Fant ikke svaret / answer not found")
    return _answer_out(found)


# Attachments on answers (ADR 86) -----------------------------------------------------------------


class ChallengeAttachmentOut(Schema):
    id: int
    answer_id: int
    file_name: str
    file_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime


def _attachment_out(attachment: AnswerAttachment) -> dict[str, object]:
    return {
        "id": attachment.pk,
        "answer_id": attachment.answer_id,
        "file_name": attachment.file_name,
        "file_type": attachment.file_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "uploaded_at": attachment.created_at,
    }


def _readable_answer(request: HttpRequest, answer_id: int) -> Answer:
    _user(request)
    found = answer_get_for(user=request.user, pk=answer_id)
    if found is None:
        raise HttpError(404, "Fant ikke svaret / answer not found")
    return found


@router.get(
    "/answers/{answer_id}/attachments",
    response={200: list[ChallengeAttachmentOut], **errors(401, 404, 422)},
    url_name="challenge_answer_attachments",
    auth=django_auth,
    summary="An answer's attachments: for its supplier, or an assessor without a declared conflict",
)
def answer_attachments(request: HttpRequest, answer_id: int) -> list[dict[str, object]]:
    found = _readable_answer(request, answer_id)
    return [_attachment_out(a) for a in found.attachments.order_by("pk")]


@router.post(
    "/answers/{answer_id}/attachments",
    response={
        201: ChallengeAttachmentOut,
        409: ConflictOut,
        **errors(401, 403, 404, 413, 415, 422),
    },
    url_name="challenge_answer_attachment_add",
    auth=django_auth,
    summary="Attach a file to the supplier's own answer (multipart `file`; 409 after the deadline)",
    description=(
        "413 when the file is larger than CHALLENGES_ATTACHMENT_MAX_BYTES; 415 when its content "
        "is not PDF, DOCX, XLSX, ODT, PNG or JPEG (or does not match its name, or is corrupt); "
        "409 after the answer deadline or for a withdrawn answer; 403 for anyone but the supplier."
    ),
)
def answer_attachment_add(
    request: HttpRequest, answer_id: int, file: File[UploadedFile]
) -> Status[dict[str, object]]:
    actor = _user(request)
    found = _readable_answer(request, answer_id)
    limit = int(settings.CHALLENGES_ATTACHMENT_MAX_BYTES)
    if (file.size or 0) > limit:
        raise HttpError(413, f"Filen er for stor / file too large (max {limit} bytes)")
    data = file.read(limit + 1)
    if len(data) > limit:
        raise HttpError(413, f"Filen er for stor / file too large (max {limit} bytes)")
    try:
        saved = services.attachment_add(
            actor=actor, answer=found, name=_no_nul(file.name or "vedlegg"), data=data
        )
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    except ValidationError as error:
        raise HttpError(415, "; ".join(error.messages)) from error
    return Status(201, _attachment_out(saved))


def _readable_attachment(request: HttpRequest, attachment_id: int) -> AnswerAttachment:
    _user(request)
    found = attachment_get_for(user=request.user, pk=attachment_id)
    if found is None:
        raise HttpError(404, "Fant ikke vedlegget / attachment not found")
    return found


@router.get(
    "/attachments/{attachment_id}",
    response={200: None, **errors(401, 404, 422)},
    url_name="challenge_attachment_file",
    auth=django_auth,
    summary="Download an attachment (the supplier, or an assessor without a declared conflict)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, with its checked media type",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def attachment_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    found = _readable_attachment(request, attachment_id)
    try:
        with found.file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise HttpError(404, "Filen mangler / file missing") from error
    supplier = supplier_for(user=request.user)
    if supplier is None or supplier.pk != found.answer.supplier_id:
        audit_record(
            actor=_user(request),
            subject=found.answer,
            action=AuditEntry.Action.VIEW_PERSONAL_DATA,
            changes={"read": "confidential attachment (API)", "attachment": found.file_name},
        )
    response = HttpResponse(content, content_type=found.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=found.file_name) or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.delete(
    "/attachments/{attachment_id}",
    response={204: None, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="challenge_attachment_delete",
    auth=django_auth,
    summary="Remove an attachment from the supplier's own answer (409 after the deadline)",
)
def attachment_delete(request: HttpRequest, attachment_id: int) -> Status[None]:
    found = _readable_attachment(request, attachment_id)
    try:
        services.attachment_remove(actor=_user(request), attachment=found)
    except PermissionDeniedError as error:
        raise HttpError(403, str(error)) from error
    return Status(204, None)
