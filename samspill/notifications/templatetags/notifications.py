"""`{% follow_button obj %}` (follow/unfollow on an object's page) and `{% unread_count %}` (header).

Other apps' templates name these tags; they never import this app's Python."""

from typing import Any

from django import template
from django.db import models

from samspill.notifications.selectors import is_followable, is_following, unread_count

register = template.Library()


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context: dict[str, Any], obj: models.Model) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_followable(obj):
        return {"show": False}
    return {
        "show": True,
        "obj": obj,
        "app": obj._meta.app_label,
        "model": obj._meta.model_name,
        "following": is_following(user=user, obj=obj),
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def notification_count(context: dict[str, Any]) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread_count(user=user)
