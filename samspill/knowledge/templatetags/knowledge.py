"""`{% documents_panel obj %}`: the documents attached to a strategy, goal, measure … that the
signed-in user may read. Other apps' templates name the tag; they never import this app."""

from typing import Any

from django import template
from django.db import models

from samspill.knowledge.selectors import attachable_documents, documents_for_object

register = template.Library()


@register.inclusion_tag("knowledge/_documents_panel.html", takes_context=True)
def documents_panel(context: dict[str, Any], obj: models.Model) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"documents": []}
    return {
        "documents": list(documents_for_object(user=user, obj=obj)[:20]),
        # "Attach an existing document": those the user may attach here (none: no form).
        "attachable": list(attachable_documents(user=user, obj=obj)),
        "key": obj._meta.label_lower,
        "obj": obj,
        "csrf_token": context.get("csrf_token"),
    }
