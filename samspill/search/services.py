"""Writes to the search index. Every app's services call these inside their own transaction, so the
index changes exactly when the object does (and rolls back with it)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from samspill.search import backends
from samspill.search.documents import SearchDocument, providers
from samspill.search.models import Kind, SearchEntry


def _tags(tags: Iterable[str]) -> str:
    cleaned = [tag.strip().replace("|", " ") for tag in tags if tag.strip()]
    return "|" + "|".join(cleaned) + "|" if cleaned else ""


def index_update(document: SearchDocument) -> SearchEntry:
    """Create or refresh the index row of one object (its text, scope and readers)."""
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=document.kind,
            object_id=document.object_id,
            defaults={
                "title": document.title[:500],
                "body": document.body,
                "tags": _tags(document.tags)[:500],
                "date": document.date,
                "url_name": document.url_name,
                "url_args": list(document.url_args),
                "audience": document.audience,
                "region_id": document.region_id,
                "municipality_id": document.municipality_id,
                "is_example": document.is_example,
            },
        )
        entry.municipalities.set(document.municipality_ids)
        entry.readers.set(document.reader_ids)
        backends.write(entry)
    return entry


def index_remove(*, kind: Kind, object_id: int) -> None:
    """Forget one object (it was deleted)."""
    with transaction.atomic():
        ids = list(
            SearchEntry.objects.filter(kind=kind, object_id=object_id).values_list("pk", flat=True)
        )
        backends.forget(ids)
        SearchEntry.objects.filter(pk__in=ids).delete()


@dataclass(frozen=True)
class RebuildSummary:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def index_replace(*, kind: Kind, documents: Iterable[SearchDocument]) -> int:
    """Replace every row of one kind at once (bulk: used by imports and the rebuild)."""
    with transaction.atomic():
        stale = list(SearchEntry.objects.filter(kind=kind).values_list("pk", flat=True))
        backends.forget(stale)
        SearchEntry.objects.filter(pk__in=stale).delete()
        documents = list(documents)
        entries = SearchEntry.objects.bulk_create(
            [
                SearchEntry(
                    kind=document.kind,
                    object_id=document.object_id,
                    title=document.title[:500],
                    body=document.body,
                    tags=_tags(document.tags)[:500],
                    date=document.date,
                    url_name=document.url_name,
                    url_args=list(document.url_args),
                    audience=document.audience,
                    region_id=document.region_id,
                    municipality_id=document.municipality_id,
                    is_example=document.is_example,
                )
                for document in documents
            ],
            batch_size=500,
        )
        if any(
            entry.pk is None for entry in entries
        ):  # pragma: no cover - both databases return ids
            entries = list(SearchEntry.objects.filter(kind=kind).order_by("pk"))
        places = SearchEntry.municipalities.through
        readers = SearchEntry.readers.through
        places.objects.bulk_create(
            [
                places(searchentry_id=entry.pk, municipality_id=municipality_id)
                for entry, document in zip(entries, documents, strict=True)
                for municipality_id in set(document.municipality_ids)
            ],
            batch_size=1000,
        )
        readers.objects.bulk_create(
            [
                readers(searchentry_id=entry.pk, user_id=user_id)
                for entry, document in zip(entries, documents, strict=True)
                for user_id in set(document.reader_ids)
            ],
            batch_size=1000,
        )
        backends.write_many(entries)
    return len(entries)


def index_rebuild(*, kinds: Iterable[Kind] | None = None) -> RebuildSummary:
    """Throw away and rebuild the index (of some kinds) from the registered providers."""
    wanted = set(kinds) if kinds is not None else None
    counts: dict[str, int] = {}
    with transaction.atomic():
        if wanted is None:
            backends.clear()  # also whatever a crash left behind
        for kind, provider in sorted(providers().items()):
            if wanted is None or kind in wanted:
                counts[kind] = index_replace(kind=kind, documents=provider())
    return RebuildSummary(counts=counts)
