"""Collaboration API, agreements: reading, editing, deleting and signing."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from samspill.collaboration import services
from samspill.collaboration.api._common import WRITE_ERRORS, _actor, _changes, _visible, router
from samspill.collaboration.models import Agreement, DecisionPoint
from samspill.collaboration.selectors import (
    agreement_get_for,
    agreement_rows,
    agreement_version_get_for,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag
from samspill.regions.models import Municipality


class CollaborationSignatureOut(Schema):
    municipality_number: str
    municipality: str
    signed_on: datetime.date
    signed_by: str


class CollaborationAgreementVersionOut(Schema):
    id: int
    number: int
    date: datetime.date
    changes: str
    signatures: list[CollaborationSignatureOut]
    unsigned: list[str]


class CollaborationAgreementOut(Schema):
    id: int
    title: str
    decision_point: int | None
    versions: list[CollaborationAgreementVersionOut]
    version: int


class CollaborationSignatureIn(Schema):
    municipality_number: str = Field(pattern=r"^\d{4}$")
    signed_on: datetime.date
    signed_by: str = Field(min_length=1, max_length=200)


def _agreement_out(agreement: Any) -> CollaborationAgreementOut:
    row = agreement_rows(agreement.project, [agreement])[0]
    return CollaborationAgreementOut(
        id=agreement.pk,
        title=agreement.title,
        decision_point=agreement.decision_point.number if agreement.decision_point else None,
        versions=[
            CollaborationAgreementVersionOut(
                id=version_row.version.pk,
                number=version_row.version.number,
                date=version_row.version.date,
                changes=version_row.version.changes,
                signatures=[
                    CollaborationSignatureOut(
                        municipality_number=s.municipality.number,
                        municipality=s.municipality.name,
                        signed_on=s.signed_on,
                        signed_by=s.signed_by,
                    )
                    for s in version_row.signed
                ],
                unsigned=[m.name for m in version_row.missing],
            )
            for version_row in row.versions
        ],
        version=agreement.version,
    )


@router.get(
    "/agreements/{agreement_id}",
    response={200: CollaborationAgreementOut, **errors(401, 404, 422)},
    url_name="collaboration_agreement",
    operation_id="samspill_collaboration_api_agreement",
)
def agreement(request: HttpRequest, agreement_id: int) -> CollaborationAgreementOut:
    """An agreement's versions and which municipalities signed each (when, by whom)."""
    found = _visible(agreement_get_for, request, agreement_id, "can_view_internal")
    return _agreement_out(found)


class CollaborationAgreementPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    title: str = Field(default="", min_length=1, max_length=200)
    decision_point: int | None = Field(
        default=None, ge=1, description="The number of the project's decision point, or null."
    )


@router.patch(
    "/agreements/{agreement_id}",
    response={200: CollaborationAgreementOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agreement",
    operation_id="samspill_collaboration_api_agreement_patch",
    openapi_extra=IF_MATCH,
)
def agreement_patch(
    request: HttpRequest,
    agreement_id: int,
    body: CollaborationAgreementPatchIn,
    response: HttpResponse,
) -> CollaborationAgreementOut:
    """Change an agreement's title or adopting decision point; its versions stay as signed."""
    found = _visible(agreement_get_for, request, agreement_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    changes = _changes(body)
    if "decision_point" in changes and changes["decision_point"] is not None:
        point = DecisionPoint.objects.filter(
            project_id=found.project_id, number=changes["decision_point"]
        ).first()
        if point is None:
            raise ValidationError(
                {"decision_point": "Prosjektet har ikke dette beslutningspunktet / no such point"}
            )
        changes["decision_point"] = point
    saved = services.agreement_update(
        actor=_actor(request), agreement=found, expected_version=version, **changes
    )
    response["ETag"] = etag(saved.version)
    return _agreement_out(saved)


@router.delete(
    "/agreements/{agreement_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agreement",
    operation_id="samspill_collaboration_api_agreement_remove",
    openapi_extra=IF_MATCH,
)
def agreement_remove(
    request: HttpRequest, agreement_id: int, version: int | None = None
) -> Status[None]:
    """Delete an agreement and its versions; 422 when any version is signed (the version read is
    required)."""
    found = _visible(agreement_get_for, request, agreement_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.agreement_delete(actor=_actor(request), agreement=found, expected_version=version)
    return Status(204, None)


@router.post(
    "/agreement-versions/{version_id}/signatures",
    response={201: CollaborationAgreementOut, 409: ConflictOut, **errors(401, 403, 404, 422)},
    url_name="collaboration_agreement_sign",
    operation_id="samspill_collaboration_api_agreement_sign",
)
def agreement_sign(
    request: HttpRequest, version_id: int, body: CollaborationSignatureIn
) -> Status[CollaborationAgreementOut]:
    """Record a municipality's signature on a version; 409 when it has already signed it."""
    version = _visible(agreement_version_get_for, request, version_id, "can_edit_plan")
    municipality = Municipality.objects.filter(number=body.municipality_number).first()
    if municipality is None:
        raise HttpError(422, "Ukjent kommunenummer / unknown municipality number")
    services.agreement_sign(
        actor=_actor(request),
        version=version,
        municipality=municipality,
        signed_on=body.signed_on,
        signed_by=body.signed_by,
    )
    return Status(201, _agreement_out(Agreement.objects.get(pk=version.agreement_id)))
