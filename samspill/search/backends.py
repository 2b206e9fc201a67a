"""The full-text half of the index, per database: PostgreSQL `tsvector` or SQLite FTS5.

Both take the rows a user may see as a queryset (access and filters are applied by the ORM, in the
same query) and return ids in relevance order, so counts never include what the user may not open.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Func, QuerySet, TextField, Value

from samspill.search import text
from samspill.search.models import SearchEntry, SearchTerm

# PostgreSQL refuses a tsvector over 1 MB; the first 400 000 characters of a body are indexed.
MAX_INDEXED_CHARACTERS = 400_000
CONFIG = "norwegian"


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def tags_text(tags: str) -> str:
    return tags.replace("|", " ").strip()


def remember_terms(entries: list[SearchEntry]) -> None:
    """Add the entries' long stems to the compound vocabulary (`SearchTerm`, written backwards)."""
    found: set[str] = set()
    for entry in entries:
        for part in (entry.title, tags_text(entry.tags), entry.body[:MAX_INDEXED_CHARACTERS]):
            found |= text.compound_candidates(text.stems(part).split())
    if found:
        SearchTerm.objects.bulk_create(
            [SearchTerm(reversed=term[::-1]) for term in sorted(found)],
            ignore_conflicts=True,
            batch_size=1000,
        )


def compounds(query: text.Query) -> text.Query:
    """The query with the indexed compounds that end with each of its terms (ADR 77):
    "areal" also finds "næringsareal" and "jordbruksarealet". A prefix lookup on the reversed
    stems (an index range on SQLite's binary order; LIKE 'x%' on PostgreSQL)."""
    found: dict[str, list[str]] = {}
    for term in query.terms:
        if len(term) < text.MIN_SUFFIX:
            continue
        backwards = term[::-1]
        terms = SearchTerm.objects.all()
        if is_postgresql():
            terms = terms.filter(reversed__startswith=backwards)
        else:
            terms = terms.filter(reversed__gte=backwards, reversed__lt=backwards + "\U0010ffff")
        found[term] = [
            reversed_term[::-1]
            for reversed_term in terms.order_by("reversed").values_list("reversed", flat=True)[
                : text.MAX_COMPOUNDS * 2
            ]
            if len(reversed_term) - len(backwards) >= text.MIN_HEAD
        ][: text.MAX_COMPOUNDS]
    return text.with_compounds(query, found)


def write(entry: SearchEntry) -> None:
    """Index one row's title, tags and body (title weighs most, then tags, then body)."""
    body = entry.body[:MAX_INDEXED_CHARACTERS]
    remember_terms([entry])
    if is_postgresql():
        SearchEntry.objects.filter(pk=entry.pk).update(
            search_vector=SearchVector(Value(entry.title), weight="A", config=CONFIG)
            + SearchVector(Value(tags_text(entry.tags)), weight="B", config=CONFIG)
            + SearchVector(Value(body), weight="C", config=CONFIG)
        )
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [entry.pk])
        cursor.execute(
            "INSERT INTO search_fts (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
            [
                entry.pk,
                text.stems(entry.title),
                text.stems(tags_text(entry.tags)),
                text.stems(body),
            ],
        )


def write_many(entries: list[SearchEntry]) -> None:
    """Index many new rows at once (PostgreSQL: one UPDATE; SQLite: one executemany)."""
    if not entries:
        return
    ids = [entry.pk for entry in entries]
    remember_terms(entries)
    if is_postgresql():
        SearchEntry.objects.filter(pk__in=ids).update(
            search_vector=SearchVector("title", weight="A", config=CONFIG)
            + SearchVector(
                Func(
                    F("tags"), Value("|"), Value(" "), function="replace", output_field=TextField()
                ),
                weight="B",
                config=CONFIG,
            )
            + SearchVector(
                Func(
                    F("body"),
                    Value(1),
                    Value(MAX_INDEXED_CHARACTERS),
                    function="substr",
                    output_field=TextField(),
                ),
                weight="C",
                config=CONFIG,
            )
        )
        return
    forget(ids)  # rows a flushed test database (or a crash) may have left behind
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, tags, body) VALUES (%s, %s, %s, %s)",
            [
                [
                    entry.pk,
                    text.stems(entry.title),
                    text.stems(tags_text(entry.tags)),
                    text.stems(entry.body[:MAX_INDEXED_CHARACTERS]),
                ]
                for entry in entries
            ],
        )


def forget(entry_ids: list[int]) -> None:
    """Remove rows' full text (PostgreSQL's goes with the row)."""
    if is_postgresql() or not entry_ids:
        return
    with connection.cursor() as cursor:
        for start in range(0, len(entry_ids), 500):  # SQLite's limit on variables per statement
            chunk = entry_ids[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({placeholders})", chunk)  # noqa: S608 - placeholders only


def clear() -> None:
    SearchTerm.objects.all().delete()
    if not is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")


@dataclass(frozen=True)
class Ranked:
    ids: list[int]
    total: int
    kinds: dict[str, int]


def rank(
    visible: QuerySet[SearchEntry],
    query: text.Query,
    *,
    offset: int,
    limit: int,
    kind_filter: list[str],
) -> Ranked:
    """Ids of the visible rows matching the query, best first; the total and per-kind counts.

    `visible` holds the access rule and every filter except the kind, so the per-kind counts show
    what the other kinds would give.
    """
    if is_postgresql():
        return _rank_postgresql(visible, query, offset=offset, limit=limit, kinds=kind_filter)
    return _rank_sqlite(visible, query, offset=offset, limit=limit, kinds=kind_filter)


def _rank_postgresql(
    visible: QuerySet[SearchEntry], query: text.Query, *, offset: int, limit: int, kinds: list[str]
) -> Ranked:
    search = _search_query(query)
    matching = visible.filter(search_vector=search)
    per_kind = {
        row["kind"]: row["n"] for row in matching.order_by().values("kind").annotate(n=Count("id"))
    }
    if kinds:
        matching = matching.filter(kind__in=kinds)
    total = sum(n for kind, n in per_kind.items() if not kinds or kind in kinds)
    ids = list(
        matching.annotate(score=SearchRank(F("search_vector"), search))
        .order_by("-score", F("date").desc(nulls_last=True), "pk")
        .values_list("pk", flat=True)[offset : offset + limit]
    )
    return Ranked(ids=ids, total=total, kinds=per_kind)


def _search_query(query: text.Query) -> Any:
    """Every term (stemmed by PostgreSQL's norwegian configuration) or one of its compounds
    (already stems: matched as they are, through the 'simple' configuration)."""
    combined: Any = None
    for word, term in zip(query.words, query.terms, strict=True):
        single = text.Query(words=(word,), terms=(term,), prefix=query.prefix & {term})
        part: Any = SearchQuery(text.tsquery(single), config=CONFIG, search_type="raw")
        compounds_of = query.compounds_of(term)
        if compounds_of:
            lexemes = " | ".join(f"'{c}'" for c in compounds_of)  # stems are \w+ only
            part = part | SearchQuery(lexemes, config="simple", search_type="raw")
        combined = part if combined is None else combined & part
    return combined


def _where(visible: QuerySet[SearchEntry]) -> tuple[str, list[Any]]:
    """The queryset's WHERE clause as SQL on the unaliased `search_searchentry` table."""
    query = visible.query
    compiler = query.get_compiler(using=visible.db)
    if not query.where:
        return "1 = 1", []
    sql, params = compiler.compile(query.where)
    return sql, list(params)


def _rank_sqlite(
    visible: QuerySet[SearchEntry], query: text.Query, *, offset: int, limit: int, kinds: list[str]
) -> Ranked:
    # One join driven by the FTS5 match (cheap for rare words), with the access rule and the
    # filters as the ORM wrote them applied to each matching row.
    match = text.fts5_match(query)
    where, where_params = _where(visible)
    joined = (
        " FROM search_fts JOIN search_searchentry"
        " ON search_searchentry.id = search_fts.rowid"
        f" WHERE search_fts MATCH %s AND ({where})"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT search_searchentry.kind, count(*){joined} GROUP BY search_searchentry.kind",
            [match, *where_params],
        )
        per_kind = dict(cursor.fetchall())
        kind_sql, kind_params = "", []
        if kinds:
            kind_sql = f" AND search_searchentry.kind IN ({', '.join(['%s'] * len(kinds))})"
            kind_params = list(kinds)
        cursor.execute(
            f"SELECT search_searchentry.id{joined}{kind_sql}"
            " ORDER BY bm25(search_fts, 10.0, 4.0, 1.0), search_searchentry.date IS NULL,"
            " search_searchentry.date DESC, search_searchentry.id LIMIT %s OFFSET %s",
            [match, *where_params, *kind_params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    total = sum(n for kind, n in per_kind.items() if not kinds or kind in kinds)
    return Ranked(ids=ids, total=total, kinds=per_kind)
