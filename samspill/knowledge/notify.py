"""What knowledge plugs into the notifications app (registered in `KnowledgeConfig.ready()`):
documents can be followed, with the same visibility as the document page; events are worded
here; the start page lists the user's recent documents."""

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samspill.accounts.models import User
from samspill.knowledge.models import Decision, Document
from samspill.knowledge.selectors import (
    decision_readers,
    decision_visibility_q,
    document_readers,
    document_visibility_q,
)
from samspill.notifications.registry import (
    StartItem,
    register_kind,
    register_recent,
    register_verb,
)

NEW_DOCUMENT = "document_new"
NEW_VERSION = "document_version"
APPROVED = "document_approved"
DELETED = "document_deleted"


def visible_documents(user: User) -> QuerySet[Document]:
    return Document.objects.filter(document_visibility_q(user=user))


def visible_decisions(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(decision_visibility_q(user=user))


def document_readers_of(pk: int, users: Sequence[User]) -> set[int]:
    return document_readers(document_id=pk, users=users)


def decision_readers_of(pk: int, users: Sequence[User]) -> set[int]:
    return decision_readers(decision_id=pk, users=users)


def recent_documents(user: User) -> list[StartItem]:
    """Documents the user registered or added a version to, most recently changed first."""
    documents = (
        visible_documents(user)
        .filter(Q(created_by=user) | Q(versions__created_by=user))
        .distinct()
        .order_by("-updated_at", "-pk")[:8]
    )
    return [
        StartItem(
            kind=document.get_kind_display(),
            title=document.title,
            url=document.get_absolute_url(),
            detail=document.region.name,
        )
        for document in documents.select_related("region")
    ]


def register() -> None:
    register_kind(
        Document, visible=visible_documents, readers=document_readers_of, noun=_("dokument")
    )
    register_kind(
        Decision,
        visible=visible_decisions,
        readers=decision_readers_of,
        noun=pgettext_lazy("noun", "vedtak"),
    )
    register_verb(NEW_DOCUMENT, _("la ut et nytt dokument"))
    register_verb(NEW_VERSION, _("la ut en ny versjon av"))
    register_verb(APPROVED, _("godkjente"))
    register_verb(DELETED, _("slettet"))
    register_recent(recent_documents)
