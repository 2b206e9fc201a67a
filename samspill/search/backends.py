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
    """The query with the indexed compound heads that end with each of its terms (ADR 77, ADR 100):
    "areal" also finds "næringsareal", "jordbruksarealet" and "næringsarealplan". A prefix lookup
    on the reversed stems and heads (an index range on SQLite's binary order; LIKE 'x%' on
    PostgreSQL)."""
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


# Hits counted and ranked at most (ADR 101): the first 50 pages of 20. A query with more visible
# matches is answered from the most recently indexed matches, found in index order and cut off by
# LIMIT, so its cost does not grow with the number of matching documents.
SAMPLE = 1000


@dataclass(frozen=True)
class Ranked:
    ids: list[int]
    total: int  # at most SAMPLE
    kinds: dict[str, int]  # per kind, among the newest SAMPLE + 1 matches of any kind
    capped: bool  # there are more than SAMPLE hits: `total` is a lower bound
    kinds_capped: bool  # there are more than SAMPLE matches of any kind: `kinds` are lower bounds


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
    what the other kinds would give. Every step runs in the database with a LIMIT (ADR 101): the
    matches are taken newest first (index order) up to SAMPLE + 1, counted, and only those ranked
    (`bm25` / `ts_rank`), so a word found in nearly every document costs what 1 001 hits cost.
    """
    if is_postgresql():
        return _rank_postgresql(visible, query, offset=offset, limit=limit, kinds=kind_filter)
    return _rank_sqlite(visible, query, offset=offset, limit=limit, kinds=kind_filter)


def _ranked(per_kind: dict[str, int], total: int | None, ids: list[int]) -> Ranked:
    sampled = sum(per_kind.values())
    if total is None:  # no kind filter: the per-kind sample is the sample
        total = sampled
    return Ranked(
        ids=ids,
        total=min(total, SAMPLE),
        kinds=per_kind,
        capped=total > SAMPLE,
        kinds_capped=sampled > SAMPLE,
    )


def _rank_postgresql(
    visible: QuerySet[SearchEntry], query: text.Query, *, offset: int, limit: int, kinds: list[str]
) -> Ranked:
    search = _search_query(query)
    matching = visible.filter(search_vector=search)
    # Newest first by primary key: on a common word the planner walks the key backwards and stops
    # after SAMPLE + 1 visible matches; on a rare one it takes the GIN index and sorts the few.
    sample = matching.order_by("-pk").values("pk")[: SAMPLE + 1]
    per_kind = {
        row["kind"]: row["n"]
        for row in SearchEntry.objects.filter(pk__in=sample)
        .order_by()
        .values("kind")
        .annotate(n=Count("id"))
    }
    total = None
    if kinds:
        sample = matching.filter(kind__in=kinds).order_by("-pk").values("pk")[: SAMPLE + 1]
        total = SearchEntry.objects.filter(pk__in=sample).count()
    ids = list(
        SearchEntry.objects.filter(pk__in=sample)
        .annotate(score=SearchRank(F("search_vector"), search))
        .order_by("-score", F("date").desc(nulls_last=True), "pk")
        .values_list("pk", flat=True)[offset : offset + limit]
    )
    return _ranked(per_kind, total, ids)


def _search_query(query: text.Query) -> Any:
    """Every term (stemmed by PostgreSQL's norwegian configuration) or a word beginning with one
    of its compound heads (already stems: prefixes through the 'simple' configuration)."""
    combined: Any = None
    for word, term in zip(query.words, query.terms, strict=True):
        single = text.Query(words=(word,), terms=(term,), prefix=query.prefix & {term})
        part: Any = SearchQuery(text.tsquery(single), config=CONFIG, search_type="raw")
        compounds_of = query.compounds_of(term)
        if compounds_of:
            lexemes = " | ".join(f"'{c}':*" for c in compounds_of)  # heads are \w+ only
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


def _sqlite_sample(
    visible: QuerySet[SearchEntry], match: str, kinds: list[str], *, score: bool
) -> tuple[str, list[Any]]:
    """The newest SAMPLE + 1 visible matches: FTS5 walks its match backwards by rowid (CROSS JOIN
    keeps it the outer loop) and each row meets the access rule and the filters as the ORM wrote
    them; the LIMIT stops the walk."""
    where, where_params = _where(visible)
    kind_sql = ""
    if kinds:
        kind_sql = f" AND search_searchentry.kind IN ({', '.join(['%s'] * len(kinds))})"
    columns = "search_searchentry.id, search_searchentry.kind, search_searchentry.date"
    if score:
        columns += ", bm25(search_fts, 10.0, 4.0, 1.0) AS score"
    sql = (
        f"SELECT {columns} FROM search_fts CROSS JOIN search_searchentry"  # noqa: S608 - ORM SQL and placeholders only
        " ON search_searchentry.id = search_fts.rowid"
        f" WHERE search_fts MATCH %s AND ({where}){kind_sql}"
        " ORDER BY search_fts.rowid DESC LIMIT %s"
    )
    return sql, [match, *where_params, *kinds, SAMPLE + 1]


def _rank_sqlite(
    visible: QuerySet[SearchEntry], query: text.Query, *, offset: int, limit: int, kinds: list[str]
) -> Ranked:
    match = text.fts5_match(query)
    with connection.cursor() as cursor:
        sample, params = _sqlite_sample(visible, match, [], score=False)
        cursor.execute(
            f"SELECT kind, count(*) FROM ({sample}) GROUP BY kind",  # noqa: S608 - see above
            params,
        )
        per_kind = dict(cursor.fetchall())
        total = None
        if kinds:
            sample, params = _sqlite_sample(visible, match, kinds, score=False)
            cursor.execute(f"SELECT count(*) FROM ({sample})", params)  # noqa: S608 - see above
            total = cursor.fetchone()[0]
        sample, params = _sqlite_sample(visible, match, kinds, score=True)
        cursor.execute(
            f"SELECT id FROM ({sample})"  # noqa: S608 - see above
            " ORDER BY score, date IS NULL, date DESC, id LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return _ranked(per_kind, total, ids)
