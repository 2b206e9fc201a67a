"""Search results as the page and the API show them: labels, links in the reader's language."""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from samspill.search import text
from samspill.search.models import Kind
from samspill.search.selectors import Results

KIND_LABELS = dict(Kind.choices)


@dataclass(frozen=True)
class HitRow:
    kind: str
    kind_label: str
    title_html: SafeString
    title: str
    url: str
    snippet_html: SafeString
    date: datetime.date | None
    region: str
    is_example: bool


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int
    at_least: bool  # counting stopped (ADR 101): there may be more


def _url(name: str, args: list[object]) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def hit_rows(results: Results) -> list[HitRow]:
    rows = []
    for hit in results.hits:
        entry = hit.entry
        rows.append(
            HitRow(
                kind=entry.kind,
                kind_label=str(KIND_LABELS.get(entry.kind, entry.kind)),
                # Escaped by text.highlight; only <mark> is added.
                title_html=mark_safe(text.highlight(entry.title, results.query)),  # noqa: S308
                title=entry.title,
                url=_url(entry.url_name, list(entry.url_args)),
                snippet_html=mark_safe(hit.snippet),  # noqa: S308 - escaped in text.snippet
                date=entry.date,
                region=entry.region.name if entry.region else "",
                is_example=entry.is_example,
            )
        )
    return rows


def kind_counts(results: Results) -> list[KindCount]:
    return [
        KindCount(
            kind=kind, label=str(label), count=results.kinds[kind], at_least=results.kinds_capped
        )
        for kind, label in Kind.choices
        if results.kinds.get(kind)
    ]
