"""Collaboration API, the budget: a key's municipal shares, edits and deletions of cost lines and
financing, editing a cost-allocation key."""

import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from samspill.collaboration import presenters, services
from samspill.collaboration.api._common import WRITE_ERRORS, _actor, _changes, _visible, router
from samspill.collaboration.selectors import (
    budget_totals,
    cost_key_get,
    cost_key_get_for,
    cost_line_get_for,
    financing_get_for,
    key_allocate,
    municipalities_of,
    project_get_for,
)
from samspill.core.api import IF_MATCH, ConflictOut, errors, expected_version
from samspill.core.concurrency import etag


class ShareOut(Schema):
    municipality_number: str
    municipality: str
    population: float | None
    share: int


class CollaborationAllocationOut(Schema):
    key: str
    total: int
    shares: list[ShareOut]


@router.get(
    "/cost-keys/{key_id}/shares",
    response={200: CollaborationAllocationOut, **errors(401, 404, 422)},
    url_name="collaboration_key_shares",
    operation_id="samspill_collaboration_api_key_shares",
)
def key_shares(request: HttpRequest, key_id: int) -> CollaborationAllocationOut:
    """Each municipality's share (whole kroner) of the municipalities' own share, by one key."""
    from samspill.collaboration.models import CostKey

    key = CostKey.objects.filter(pk=key_id).first()
    if key is None:
        raise HttpError(404, "Finnes ikke / not found")
    found, rights = project_get_for(user=request.user, pk=key.project_id)
    if not rights.can_view_internal:
        raise HttpError(404, "Finnes ikke / not found")
    total = budget_totals(found).municipal_share
    result = key_allocate(
        cost_key_get(project=found, pk=key_id), total=total, municipalities=municipalities_of(found)
    )
    if result.error:
        raise HttpError(422, presenters.key_error_text(result.error))
    return CollaborationAllocationOut(
        key=key.name,
        total=total,
        shares=[
            ShareOut(
                municipality_number=m.number,
                municipality=m.name,
                population=result.population[m.pk][1] if m.pk in result.population else None,
                share=result.shares[m.pk],
            )
            for m in municipalities_of(found)
        ],
    )


class CollaborationCostLineOut(Schema):
    id: int
    category: str
    description: str
    year: int
    planned: int
    spent: int
    version: int


class CollaborationCostLinePatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    category: Literal["own_hours", "services", "travel", "workshops", "other"] = "other"
    description: str = Field(default="", max_length=300)
    year: int = Field(default=2000, ge=2000, le=2100)
    planned: int = Field(default=0, ge=0, le=10**12)
    spent: int = Field(default=0, ge=0, le=10**12)


class CollaborationFinancingOut(Schema):
    id: int
    kind: str
    name: str
    amount: int
    version: int


class CollaborationFinancingPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    kind: Literal["county", "innovation_norway", "municipalities", "other"] = "other"
    name: str = Field(default="", max_length=200)
    amount: int = Field(default=0, ge=0, le=10**12)


@router.patch(
    "/cost-lines/{line_id}",
    response={200: CollaborationCostLineOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_line",
    operation_id="samspill_collaboration_api_cost_line_patch",
    openapi_extra=IF_MATCH,
)
def cost_line_patch(
    request: HttpRequest,
    line_id: int,
    body: CollaborationCostLinePatchIn,
    response: HttpResponse,
) -> CollaborationCostLineOut:
    """Change a cost line (planned and spent, whole kroner)."""
    line = _visible(cost_line_get_for, request, line_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.cost_line_update(
        actor=_actor(request), line=line, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationCostLineOut.model_validate(saved)


@router.delete(
    "/cost-lines/{line_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_line",
    operation_id="samspill_collaboration_api_cost_line_remove",
    openapi_extra=IF_MATCH,
)
def cost_line_remove(
    request: HttpRequest, line_id: int, version: int | None = None
) -> Status[None]:
    """Delete a cost line (the version read is required)."""
    line = _visible(cost_line_get_for, request, line_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.cost_line_delete(actor=_actor(request), line=line, expected_version=version)
    return Status(204, None)


@router.patch(
    "/financing/{source_id}",
    response={200: CollaborationFinancingOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_financing",
    operation_id="samspill_collaboration_api_financing_patch",
    openapi_extra=IF_MATCH,
)
def financing_patch(
    request: HttpRequest,
    source_id: int,
    body: CollaborationFinancingPatchIn,
    response: HttpResponse,
) -> CollaborationFinancingOut:
    """Change a financing line."""
    source = _visible(financing_get_for, request, source_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.financing_update(
        actor=_actor(request), source=source, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationFinancingOut.model_validate(saved)


@router.delete(
    "/financing/{source_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_financing",
    operation_id="samspill_collaboration_api_financing_remove",
    openapi_extra=IF_MATCH,
)
def financing_remove(
    request: HttpRequest, source_id: int, version: int | None = None
) -> Status[None]:
    """Delete a financing line (the version read is required)."""
    source = _visible(financing_get_for, request, source_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.financing_delete(actor=_actor(request), source=source, expected_version=version)
    return Status(204, None)


class CollaborationCostKeyOut(Schema):
    id: int
    name: str
    equal_percent: int
    population_percent: int
    population_date: datetime.date | None
    other_percent: int
    other_label: str
    other_figures: dict[str, float]
    is_chosen: bool
    version: int


class CollaborationCostKeyPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    name: str = Field(default="", min_length=1, max_length=200)
    equal_percent: int = Field(default=0, ge=0, le=100)
    population_percent: int = Field(default=0, ge=0, le=100)
    population_date: datetime.date | None = None
    other_percent: int = Field(default=0, ge=0, le=100)
    other_label: str = Field(default="", max_length=200)
    other_figures: dict[str, float] = Field(
        default_factory=dict, description='A figure per municipality number ("5520": 1200).'
    )


@router.patch(
    "/cost-keys/{key_id}",
    response={200: CollaborationCostKeyOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_cost_key",
    operation_id="samspill_collaboration_api_cost_key_patch",
    openapi_extra=IF_MATCH,
)
def cost_key_patch(
    request: HttpRequest,
    key_id: int,
    body: CollaborationCostKeyPatchIn,
    response: HttpResponse,
) -> CollaborationCostKeyOut:
    """Change a cost-allocation key; the weights must still add up to 100 (422 otherwise)."""
    key = _visible(cost_key_get_for, request, key_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.cost_key_update(
        actor=_actor(request), key=key, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationCostKeyOut.model_validate(saved)
