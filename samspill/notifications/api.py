"""API: my notifications (list, unread count, mark read), my choices, follow and unfollow.

Session authentication: 401 without login. Objects are named by kind ("knowledge.document",
"regions.region", "strategy.measure", "inquiries.inquiry") and id; one the user may not open
answers 404, the same as the page. A notification whose object became hidden is left out.
"""

import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from samspill.accounts.models import User
from samspill.core.api import errors
from samspill.notifications import registry, services
from samspill.notifications.selectors import (
    NotificationRow,
    is_following,
    notification_list_for,
    preference_for,
    unread_count,
    visible_objects,
)

router = Router(tags=["notifications"], auth=django_auth)

Delivery = Literal["immediate", "daily", "weekly", "none"]
Language = Literal["nb", "nn", "en"]


class NotificationOut(Schema):
    id: int
    kind: str
    object_id: int
    title: str
    url: str
    verb: str
    verb_text: str
    summary: str
    actor: str
    created_at: datetime.datetime
    read: bool


class NotificationListQuery(Schema):
    unread: bool = False


class UnreadCountOut(Schema):
    unread: int


Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
KindPath = Annotated[str, Path(min_length=3, max_length=100, pattern=r"^[a-z_]+\.[a-z_]+$")]
ObjectIdPath = Annotated[int, Path(ge=1, le=2**31 - 1)]


class ReadIn(Schema):
    ids: list[Id] | None = Field(None, max_length=500)


class ReadOut(Schema):
    marked: int


class PreferenceIo(Schema):
    delivery: Delivery
    language: Language


class FollowOut(Schema):
    kind: str
    object_id: int
    following: bool


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101 - django_auth guarantees a logged-in User
    return request.user


def _out(row: NotificationRow) -> dict[str, Any]:
    event = row.notification.event
    return {
        "id": row.notification.pk,
        "kind": f"{event.content_type.app_label}.{event.content_type.model}",
        "object_id": event.object_id,
        "title": row.title,
        "url": row.url,
        "verb": event.verb,
        "verb_text": str(row.verb),
        "summary": event.summary,
        "actor": event.actor.get_username() if event.actor else "",
        "created_at": row.notification.created_at,
        "read": row.notification.read_at is not None,
    }


@router.get(
    "/",
    response={200: list[NotificationOut], **errors(401, 422)},
    summary="My notifications, newest first (only objects I may open)",
    url_name="notifications_list",
)
def notifications(
    request: HttpRequest, query: Query[NotificationListQuery]
) -> list[dict[str, Any]]:
    return [
        _out(row) for row in notification_list_for(user=_user(request), unread_only=query.unread)
    ]


@router.get(
    "/unread-count",
    response={200: UnreadCountOut, **errors(401)},
    summary="How many unread notifications I have",
    url_name="notifications_unread_count",
)
def count(request: HttpRequest) -> dict[str, int]:
    return {"unread": unread_count(user=_user(request))}


@router.post(
    "/read",
    response={200: ReadOut, **errors(400, 401, 403, 422)},
    summary="Mark notifications read (all unread ones when ids is null)",
    url_name="notifications_mark_read",
)
def read(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": services.notifications_mark_read(user=_user(request), ids=payload.ids)}


@router.get(
    "/preferences",
    response={200: PreferenceIo, **errors(401)},
    summary="How I want notifications mailed",
    url_name="notifications_preferences",
)
def preferences(request: HttpRequest) -> dict[str, str]:
    found = preference_for(user=_user(request))
    return {"delivery": found.delivery, "language": found.language}


@router.put(
    "/preferences",
    response={200: PreferenceIo, **errors(400, 401, 403, 422)},
    summary="Choose: e-mail at once, daily or weekly digest, or none; and the mail's language",
    url_name="notifications_preferences_set",
)
def preferences_set(request: HttpRequest, payload: PreferenceIo) -> dict[str, str]:
    try:
        saved = services.preference_set(
            user=_user(request), delivery=payload.delivery, language=payload.language
        )
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    return {"delivery": saved.delivery, "language": saved.language}


def _object(request: HttpRequest, kind: str, object_id: int) -> Any:
    if registry.kind_for(kind) is None:
        raise HttpError(404, "Ukjent type / unknown kind")
    obj = visible_objects(user=_user(request), label=kind, ids=[object_id]).get(object_id)
    if obj is None:
        raise HttpError(404, "Ikke funnet / not found")
    return obj


@router.get(
    "/follows/{kind}/{object_id}",
    response={200: FollowOut, **errors(401, 404, 422)},
    summary="Whether I follow an object",
    url_name="notifications_follow_get",
)
def follow_get(request: HttpRequest, kind: KindPath, object_id: ObjectIdPath) -> dict[str, Any]:
    obj = _object(request, kind, object_id)
    following = is_following(user=_user(request), obj=obj)
    return {"kind": kind, "object_id": object_id, "following": following}


@router.put(
    "/follows/{kind}/{object_id}",
    response={200: FollowOut, **errors(401, 403, 404, 422)},
    summary="Follow an object I may open (idempotent)",
    url_name="notifications_follow",
)
def follow(request: HttpRequest, kind: KindPath, object_id: ObjectIdPath) -> dict[str, Any]:
    obj = _object(request, kind, object_id)
    services.follow(user=_user(request), obj=obj)
    return {"kind": kind, "object_id": object_id, "following": True}


@router.delete(
    "/follows/{kind}/{object_id}",
    response={200: FollowOut, **errors(401, 403, 404, 422)},
    summary="Stop following an object (idempotent)",
    url_name="notifications_unfollow",
)
def unfollow(request: HttpRequest, kind: KindPath, object_id: ObjectIdPath) -> dict[str, Any]:
    obj = _object(request, kind, object_id)
    services.unfollow(user=_user(request), obj=obj)
    return {"kind": kind, "object_id": object_id, "following": False}
