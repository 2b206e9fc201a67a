"""Collaboration API, meetings and their agenda: edits and deletions."""

import datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.responses import Status

from samspill.collaboration import services
from samspill.collaboration.api._common import WRITE_ERRORS, _actor, _changes, _visible, router
from samspill.collaboration.selectors import agenda_item_get_for, meeting_get_for
from samspill.core.api import IF_MATCH, ConflictOut, expected_version
from samspill.core.concurrency import etag


class CollaborationMeetingOut(Schema):
    id: int
    kind: str
    date: datetime.date
    title: str
    attendees: str
    minutes: str
    version: int


class CollaborationMeetingPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    kind: Literal["status", "project_group", "steering_group", "workshop"] = "status"
    date: datetime.date = datetime.date(2000, 1, 1)
    title: str = Field(default="", min_length=1, max_length=200)
    attendees: str = Field(default="", max_length=10000)
    minutes: str = Field(default="", max_length=100000)


class CollaborationAgendaItemOut(Schema):
    id: int
    number: int
    year: int
    title: str
    decision: str
    version: int


class CollaborationAgendaItemPatchIn(Schema):
    version: int | None = Field(default=None, ge=0, description="The version read (or If-Match).")
    number: int = Field(default=1, ge=1, le=999)
    year: int = Field(default=2000, ge=2000, le=2100)
    title: str = Field(default="", min_length=1, max_length=300)
    decision: str = Field(default="", max_length=100000)


@router.patch(
    "/meetings/{meeting_id}",
    response={200: CollaborationMeetingOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_meeting",
    operation_id="samspill_collaboration_api_meeting_patch",
    openapi_extra=IF_MATCH,
)
def meeting_patch(
    request: HttpRequest,
    meeting_id: int,
    body: CollaborationMeetingPatchIn,
    response: HttpResponse,
) -> CollaborationMeetingOut:
    """Change a meeting (type, date, title, attendees, minutes)."""
    meeting = _visible(meeting_get_for, request, meeting_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.meeting_update(
        actor=_actor(request), meeting=meeting, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationMeetingOut.model_validate(saved)


@router.delete(
    "/meetings/{meeting_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_meeting",
    operation_id="samspill_collaboration_api_meeting_remove",
    openapi_extra=IF_MATCH,
)
def meeting_remove(
    request: HttpRequest, meeting_id: int, version: int | None = None
) -> Status[None]:
    """Delete a meeting and its items (the version read is required)."""
    meeting = _visible(meeting_get_for, request, meeting_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.meeting_delete(actor=_actor(request), meeting=meeting, expected_version=version)
    return Status(204, None)


@router.patch(
    "/agenda-items/{item_id}",
    response={200: CollaborationAgendaItemOut, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agenda_item",
    operation_id="samspill_collaboration_api_agenda_item_patch",
    openapi_extra=IF_MATCH,
)
def agenda_item_patch(
    request: HttpRequest,
    item_id: int,
    body: CollaborationAgendaItemPatchIn,
    response: HttpResponse,
) -> CollaborationAgendaItemOut:
    """Change an agenda item and its decision."""
    item = _visible(agenda_item_get_for, request, item_id, "can_edit_plan")
    version = expected_version(request, body.version, required=True)
    saved = services.agenda_item_update(
        actor=_actor(request), item=item, expected_version=version, **_changes(body)
    )
    response["ETag"] = etag(saved.version)
    return CollaborationAgendaItemOut.model_validate(saved)


@router.delete(
    "/agenda-items/{item_id}",
    response={204: None, 409: ConflictOut, **WRITE_ERRORS},
    url_name="collaboration_agenda_item",
    operation_id="samspill_collaboration_api_agenda_item_remove",
    openapi_extra=IF_MATCH,
)
def agenda_item_remove(
    request: HttpRequest, item_id: int, version: int | None = None
) -> Status[None]:
    """Delete an agenda item (the version read is required)."""
    item = _visible(agenda_item_get_for, request, item_id, "can_edit_plan")
    version = expected_version(request, version, required=True)
    services.agenda_item_delete(actor=_actor(request), item=item, expected_version=version)
    return Status(204, None)
