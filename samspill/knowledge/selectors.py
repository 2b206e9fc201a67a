"""Reads of documents, versions and decisions, always scoped to the acting user.

Who reads a document: PUBLIC — everyone, also without logging in; REGION — anyone with a role in
or under the document's region (`Access.can_view_region`); GROUP — the group's members, the
region's coordinators and site administrators. The person who registered a document always sees it.
The visibility filter is one `Q` (`document_visibility_q`), so lists, counts and the lead's search
index apply the same rule in the query itself.

Who writes: the region's coordinators, the business developers of its member municipalities and
site administrators (`can_write_region`); a document is changed by its registrant or those who may
edit the region; versions are approved by those who may edit the region.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404

from samspill.accounts.models import RoleAssignment, User
from samspill.accounts.selectors import Access, access_for, accesses_for
from samspill.knowledge.links import LINK_TARGETS, link_target_for
from samspill.knowledge.markdown import markdown_plain
from samspill.knowledge.models import (
    VISIBILITY_RANK,
    Decision,
    DecisionBody,
    Document,
    DocumentGroup,
    DocumentKind,
    DocumentVersion,
    ObjectLink,
    Visibility,
)
from samspill.regions.models import Region
from samspill.regions.selectors import region_members

AnyUser = User | AnonymousUser


def _region_ids_visible(access: Access) -> set[int]:
    return set(access.coordinated_region_ids | access.viewer_region_ids | access.member_region_ids)


def document_visibility_q(*, user: AnyUser, access: Access | None = None) -> Q:
    """The documents `user` may read, as a filter on Document (also for the search index)."""
    access = access or access_for(user=user)
    if access.is_site_admin:
        return Q()
    visible = Q(visibility=Visibility.PUBLIC)
    if not isinstance(user, User):
        return visible
    return (
        visible
        | Q(visibility=Visibility.REGION, region_id__in=_region_ids_visible(access))
        | Q(
            visibility=Visibility.GROUP,
            group_id__in=DocumentGroup.objects.filter(members=user).values("pk"),
        )
        | Q(visibility=Visibility.GROUP, region_id__in=access.coordinated_region_ids)
        | Q(created_by=user)
    )


def decision_visibility_q(*, user: AnyUser, access: Access | None = None) -> Q:
    """The decisions `user` may read: public ones, and the region's for its people."""
    access = access or access_for(user=user)
    if access.is_site_admin:
        return Q()
    return Q(visibility=Visibility.PUBLIC) | Q(
        visibility=Visibility.REGION, region_id__in=_region_ids_visible(access)
    )


def document_readers(*, document_id: int, users: Sequence[User]) -> set[int]:
    """The ids of those among `users` who may read the document: `document_visibility_q` the other
    way round, for a notification's fan-out (three queries however many users)."""
    document = (
        Document.objects.filter(pk=document_id)
        .values("visibility", "region_id", "group_id", "created_by_id")
        .first()
    )
    if document is None or not users:
        return set()
    accesses = accesses_for(users=users)
    members: set[int] = set()
    if document["visibility"] == Visibility.GROUP and document["group_id"] is not None:
        members = set(
            DocumentGroup.members.through.objects.filter(
                documentgroup_id=document["group_id"], user_id__in=[user.pk for user in users]
            ).values_list("user_id", flat=True)
        )
    region_id = document["region_id"]
    readers = set()
    for user in users:
        access = accesses[user.pk]
        if (
            access.is_site_admin
            or document["visibility"] == Visibility.PUBLIC
            or (
                document["visibility"] == Visibility.REGION
                and region_id in _region_ids_visible(access)
            )
            or (
                document["visibility"] == Visibility.GROUP
                and (user.pk in members or region_id in access.coordinated_region_ids)
            )
            or document["created_by_id"] == user.pk
        ):
            readers.add(user.pk)
    return readers


def decision_readers(*, decision_id: int, users: Sequence[User]) -> set[int]:
    """The ids of those among `users` who may read the decision (`decision_visibility_q`)."""
    decision = Decision.objects.filter(pk=decision_id).values("visibility", "region_id").first()
    if decision is None or not users:
        return set()
    accesses = accesses_for(users=users)
    return {
        user.pk
        for user in users
        if accesses[user.pk].is_site_admin
        or decision["visibility"] == Visibility.PUBLIC
        or (
            decision["visibility"] == Visibility.REGION
            and decision["region_id"] in _region_ids_visible(accesses[user.pk])
        )
    }


def can_write_region(*, access: Access, region: Region) -> bool:
    """Coordinators, business developers of today's member municipalities, administrators."""
    if access.is_site_admin or region.pk in access.coordinated_region_ids:
        return True
    if not access.developed_municipality_ids or region.pk not in access.member_region_ids:
        return False
    today = datetime.date.today()  # noqa: DTZ011 - membership dates are calendar dates
    members = {m.municipality.pk for m in region_members(region=region, on=today)}
    return bool(members & access.developed_municipality_ids)


def can_edit_document(*, user: AnyUser, document: Document) -> bool:
    access = access_for(user=user)
    if not isinstance(user, User):
        return False
    return access.can_edit_region(document.region_id) or (
        document.created_by_id == user.pk
        and can_write_region(access=access, region=document.region)
    )


def can_delete_document(*, user: AnyUser, document: Document) -> bool:
    """Site administrators, and the person who registered the document."""
    if not isinstance(user, User):
        return False
    return access_for(user=user).is_site_admin or document.created_by_id == user.pk


def can_approve(*, user: AnyUser, document: Document) -> bool:
    return access_for(user=user).can_edit_region(document.region_id)


def trash_list_for(*, user: AnyUser) -> QuerySet[Document]:
    """Documents in the trash that `user` may restore: their own, or all for administrators."""
    if not isinstance(user, User):
        return Document.all_objects.none()
    trashed = Document.all_objects.filter(trashed_at__isnull=False).select_related(
        "region", "trashed_by"
    )
    if not access_for(user=user).is_site_admin:
        trashed = trashed.filter(created_by=user)
    return trashed.order_by("-trashed_at", "-pk")


def trash_get_for(*, user: AnyUser, pk: int) -> Document:
    """One trashed document `user` may restore, or 404."""
    document = trash_list_for(user=user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


@dataclass(frozen=True)
class DocumentFilters:
    region: Region | None = None
    kind: str = ""
    tag: str = ""
    reusable_only: bool = False


def document_list_for(
    *, user: AnyUser, filters: DocumentFilters | None = None
) -> QuerySet[Document]:
    """Documents the user may read, newest first, filtered."""
    filters = filters or DocumentFilters()
    documents = Document.objects.filter(document_visibility_q(user=user)).select_related(
        "region", "group"
    )
    if filters.region is not None:
        documents = documents.filter(region=filters.region)
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if filters.reusable_only:
        documents = documents.filter(kind=DocumentKind.TEMPLATE, is_reusable=True)
    if filters.tag:
        # Tags are a short JSON list; the filter is applied in Python-friendly form on both
        # databases (SQLite's JSON has no `contains`), so match the ids first.
        ids = [
            pk
            for pk, tags in documents.values_list("pk", "tags")
            if filters.tag.casefold() in {str(tag).casefold() for tag in tags or []}
        ]
        documents = documents.filter(pk__in=ids)
    return documents


def document_get_for(*, user: AnyUser, pk: int) -> Document:
    """One document the user may read, or 404 (also for what exists but is hidden)."""
    document = (
        Document.objects.filter(document_visibility_q(user=user), pk=pk)
        .select_related("region", "group", "created_by")
        .first()
    )
    if document is None:
        raise Http404
    return document


def version_list(*, document: Document) -> list[DocumentVersion]:
    return list(document.versions.select_related("created_by", "approved_by").order_by("-number"))


def version_latest(*, document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def version_get_for(*, user: AnyUser, pk: int) -> DocumentVersion:
    """A version of a document the user may read, or 404."""
    version = DocumentVersion.objects.select_related("document").filter(pk=pk).first()
    if version is None:
        raise Http404
    document_get_for(user=user, pk=version.document_id)
    return version


@dataclass(frozen=True)
class LinkedObject:
    key: str
    label: str
    object_id: int
    title: str
    url: str


def _links(links: QuerySet[ObjectLink], access: Access) -> list[LinkedObject]:
    found: list[LinkedObject] = []
    for link in links.select_related("content_type"):
        key = f"{link.content_type.app_label}.{link.content_type.model}"
        target = LINK_TARGETS.get(key)
        if target is None:
            continue
        found_objects = target.model._default_manager.filter(pk=link.object_id)
        if target.select_related:  # select_related() without names is deprecated (Django 6)
            found_objects = found_objects.select_related(*target.select_related)
        obj = found_objects.first()
        if obj is None or not target.can_view(access, obj):
            continue
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
        found.append(LinkedObject(key, str(target.label), link.object_id, str(obj), url))
    return found


def document_links(*, user: AnyUser, document: Document) -> list[LinkedObject]:
    """What the document belongs to, as far as the user may see it."""
    return _links(document.links.all(), access_for(user=user))


def decision_links(*, user: AnyUser, decision: Decision) -> list[LinkedObject]:
    return _links(decision.links.all(), access_for(user=user))


def documents_for_object(*, user: AnyUser, obj: models.Model) -> QuerySet[Document]:
    """The documents attached to `obj` (a strategy, goal, measure …) that the user may read."""
    if link_target_for(obj) is None:
        return Document.objects.none()
    content_type = ContentType.objects.get_for_model(obj)
    return Document.objects.filter(
        document_visibility_q(user=user),
        links__content_type=content_type,
        links__object_id=obj.pk,
    ).distinct()


def attachable_documents(*, user: AnyUser, obj: models.Model) -> QuerySet[Document]:
    """Documents the user may attach to `obj`: in its region, editable by the user, not attached
    yet, and not shared wider than `obj` allows (the service checks the same again)."""
    target = link_target_for(obj)
    if target is None or not isinstance(user, User):
        return Document.objects.none()
    access = access_for(user=user)
    if not target.can_view(access, obj):
        return Document.objects.none()
    allowed = [
        v for v in Visibility if VISIBILITY_RANK[v] <= VISIBILITY_RANK[target.max_visibility]
    ]
    regions = list(Region.objects.filter(pk__in=target.regions(obj)))
    editable = [r.pk for r in regions if access.can_edit_region(r.pk)]
    writable = [r.pk for r in regions if can_write_region(access=access, region=r)]
    documents = Document.objects.filter(
        Q(region_id__in=editable) | Q(region_id__in=writable, created_by=user),
        visibility__in=allowed,
    )
    content_type = ContentType.objects.get_for_model(obj)
    linked = ObjectLink.objects.filter(
        content_type=content_type, object_id=obj.pk, document__isnull=False
    ).values("document_id")
    return documents.exclude(pk__in=linked).order_by("-date", "title")[:200]


def group_people(*, region: Region) -> QuerySet[User]:
    """Who can be put in a region's group: anyone with a role in or under the region today."""
    member_ids = [m.municipality.pk for m in region_members(region=region)]
    roles = RoleAssignment.objects.filter(
        Q(region=region) | Q(municipality_id__in=member_ids)
    ).values("user_id")
    return User.objects.filter(pk__in=roles, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def group_choices(*, region: Region) -> QuerySet[DocumentGroup]:
    return DocumentGroup.objects.filter(region=region)


def writable_regions(*, user: AnyUser) -> list[Region]:
    """Regions the user may add documents and decisions to."""
    access = access_for(user=user)
    if not access.is_authenticated:
        return []
    regions = Region.objects.all()
    if not access.is_site_admin:
        regions = regions.filter(pk__in=access.coordinated_region_ids | access.member_region_ids)
    return [region for region in regions if can_write_region(access=access, region=region)]


# Decisions -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionFilters:
    body: str = ""
    year: int | None = None
    text: str = ""


def decision_list_for(
    *, user: AnyUser, region: Region, filters: DecisionFilters | None = None
) -> QuerySet[Decision]:
    """The region's decision log as far as the user may read it, newest first."""
    return _decisions_filtered(
        Decision.objects.filter(decision_visibility_q(user=user), region=region), filters
    )


def decision_list_system(
    *, region: Region, filters: DecisionFilters | None = None
) -> QuerySet[Decision]:
    """Every decision of the region (for commands run by an operator, not for users)."""
    return _decisions_filtered(Decision.objects.filter(region=region), filters)


def _decisions_filtered(
    decisions: QuerySet[Decision], filters: DecisionFilters | None
) -> QuerySet[Decision]:
    filters = filters or DecisionFilters()
    if filters.body in DecisionBody.values:
        decisions = decisions.filter(body=filters.body)
    if filters.year is not None:
        decisions = decisions.filter(date__year=filters.year)
    if filters.text:
        decisions = decisions.filter(
            Q(title__icontains=filters.text)
            | Q(text__icontains=filters.text)
            | Q(case_number__icontains=filters.text)
        )
    return decisions.select_related("region").prefetch_related("documents")


def decision_years(*, user: AnyUser, region: Region) -> list[int]:
    dates = Decision.objects.filter(decision_visibility_q(user=user), region=region).dates(
        "date", "year", order="DESC"
    )
    return [d.year for d in dates]


def decision_get_for(*, user: AnyUser, pk: int) -> Decision:
    decision = (
        Decision.objects.filter(decision_visibility_q(user=user), pk=pk)
        .select_related("region")
        .first()
    )
    if decision is None:
        raise Http404
    return decision


def decision_documents_for(*, user: AnyUser, decision: Decision) -> QuerySet[Document]:
    """The documents the decision rests on that the user may read."""
    return decision.documents.filter(document_visibility_q(user=user))


# For the search (the lead's `search` app) ------------------------------------------------------


@dataclass(frozen=True)
class SearchScope:
    """Who may see an indexed record: the same rule as `document_visibility_q`, as data."""

    visibility: str
    region_id: int
    group_id: int | None
    created_by_id: int | None


@dataclass(frozen=True)
class SearchableText:
    title: str
    body: str
    tags: list[str]
    scope: SearchScope


def document_searchable(*, document: Document) -> SearchableText:
    """Title, summary, tags, the latest version's Markdown (as text) or extracted file text."""
    latest = version_latest(document=document)
    parts = [document.summary, document.author_name]
    if latest is not None:
        parts.append(markdown_plain(latest.body_markdown) if latest.is_memo else "")
        parts.append(latest.extracted_text)
    return SearchableText(
        title=document.title,
        body="\n".join(part for part in parts if part),
        tags=[str(tag) for tag in document.tags or []],
        scope=SearchScope(
            document.visibility, document.region_id, document.group_id, document.created_by_id
        ),
    )


def decision_searchable(*, decision: Decision) -> SearchableText:
    return SearchableText(
        title=decision.title,
        body="\n".join(
            part for part in (decision.case_number, decision.body_name, decision.text) if part
        ),
        tags=[],
        scope=SearchScope(decision.visibility, decision.region_id, None, None),
    )
