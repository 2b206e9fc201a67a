"""Documents and decisions as the search index sees them, with the same reader rule as
`document_visibility_q` / `decision_visibility_q` (tests/search compares the two for every role)."""

from collections.abc import Iterator

from samspill.knowledge.models import Decision, Document, Visibility
from samspill.knowledge.selectors import decision_searchable, document_searchable
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind

# Public → everyone; the region's members → internal to the region; a named group → its members
# and the document's author as readers (the region's coordinators see restricted rows as well).
AUDIENCE = {
    Visibility.PUBLIC: Audience.PUBLIC,
    Visibility.REGION: Audience.INTERNAL,
    Visibility.GROUP: Audience.READERS,
}


def document_document(document: Document) -> SearchDocument:
    searchable = document_searchable(document=document)
    readers: tuple[int, ...] = ()
    if document.visibility == Visibility.GROUP:
        members = document.group.members.values_list("pk", flat=True) if document.group else []
        readers = tuple({*members, *([document.created_by_id] if document.created_by_id else [])})
    elif document.created_by_id:
        readers = (document.created_by_id,)  # authors always find their own
    return SearchDocument(
        kind=Kind.DOCUMENT,
        object_id=document.pk,
        title=searchable.title,
        body=searchable.body,
        tags=tuple(searchable.tags),
        date=document.date,
        url_name="knowledge:document-detail",
        url_args=(document.pk,),
        audience=AUDIENCE[Visibility(document.visibility)],
        region_id=document.region_id,
        municipality_ids=tuple(document.municipalities.values_list("pk", flat=True)),
        reader_ids=readers,
        is_example=document.is_example,
    )


def decision_document(decision: Decision) -> SearchDocument:
    searchable = decision_searchable(decision=decision)
    return SearchDocument(
        kind=Kind.DECISION,
        object_id=decision.pk,
        title=searchable.title,
        body=searchable.body,
        date=decision.date,
        url_name="knowledge:decision-detail",
        url_args=(decision.pk,),
        audience=AUDIENCE[Visibility(decision.visibility)],
        region_id=decision.region_id,
        is_example=getattr(decision, "is_example", False),
    )


def document_documents() -> Iterator[SearchDocument]:
    for document in Document.objects.select_related("group").iterator(chunk_size=200):
        yield document_document(document)


def decision_documents() -> Iterator[SearchDocument]:
    for decision in Decision.objects.iterator(chunk_size=500):
        yield decision_document(decision)
