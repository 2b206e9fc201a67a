"""Norwegian text for the search index: words, stems and highlighted snippets (no Django).

Both databases use the same stemmer: PostgreSQL's `norwegian` text-search configuration is the
Snowball Norwegian stemmer with Snowball's stop-word list, and the embedded SQLite index is fed the
stems that `snowballstemmer` (the same algorithm) computes here. So "næringsareal",
"næringsarealer" and "næringsarealene" are one word in both, and a snippet highlights what matched.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# Snowball's Norwegian stop words (bokmål and nynorsk), as PostgreSQL ships them (norwegian.stop).
STOP_WORDS = frozenset(
    [
        "og",
        "i",
        "jeg",
        "det",
        "at",
        "en",
        "et",
        "den",
        "til",
        "er",
        "som",
        "på",
        "de",
        "med",
        "han",
        "av",
        "ikke",
        "ikkje",
        "der",
        "så",
        "var",
        "meg",
        "seg",
        "men",
        "ett",
        "har",
        "om",
        "vi",
        "min",
        "mitt",
        "ha",
        "hadde",
        "hun",
        "nå",
        "over",
        "da",
        "ved",
        "fra",
        "du",
        "ut",
        "sin",
        "dem",
        "oss",
        "opp",
        "man",
        "kan",
        "hans",
        "hvor",
        "eller",
        "hva",
        "skal",
        "selv",
        "sjøl",
        "her",
        "alle",
        "vil",
        "bli",
        "ble",
        "blei",
        "blitt",
        "kunne",
        "inn",
        "når",
        "være",
        "kom",
        "noen",
        "noe",
        "ville",
        "dere",
        "deres",
        "kun",
        "ja",
        "etter",
        "ned",
        "skulle",
        "denne",
        "for",
        "deg",
        "si",
        "sine",
        "sitt",
        "mot",
        "å",
        "meget",
        "hvorfor",
        "dette",
        "disse",
        "uten",
        "hvordan",
        "ingen",
        "din",
        "ditt",
        "blir",
        "samme",
        "hvilken",
        "hvilke",
        "sånn",
        "inni",
        "mellom",
        "vår",
        "hver",
        "hvem",
        "vors",
        "hvis",
        "både",
        "bare",
        "enn",
        "fordi",
        "før",
        "mange",
        "også",
        "slik",
        "vært",
        "båe",
        "begge",
        "siden",
        "dykk",
        "dykkar",
        "dei",
        "deira",
        "deires",
        "deim",
        "di",
        "då",
        "eg",
        "ein",
        "eit",
        "eitt",
        "elles",
        "honom",
        "hjå",
        "ho",
        "hoe",
        "henne",
        "hennar",
        "hennes",
        "hoss",
        "hossen",
        "ingi",
        "inkje",
        "korleis",
        "korso",
        "kva",
        "kvar",
        "kvarhelst",
        "kven",
        "kvi",
        "kvifor",
        "me",
        "medan",
        "mi",
        "mine",
        "mykje",
        "no",
        "nokon",
        "noka",
        "nokor",
        "noko",
        "nokre",
        "sia",
        "sidan",
        "so",
        "somt",
        "somme",
        "um",
        "upp",
        "vere",
        "vore",
        "verte",
        "vort",
        "varte",
        "vart",
    ]
)
WORD = re.compile(r"\w+", re.UNICODE)
MIN_PREFIX = 4  # a query word this long also finds longer words it begins (compounds: "nærings")
MAX_QUERY_WORDS = 12


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball stem of one lower-cased word."""
    return str(_stemmer().stemWord(word.lower()))


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, in order (numbers included)."""
    return [match.group(0).lower() for match in WORD.finditer(text)]


def stems(text: str) -> str:
    """The text as the SQLite index stores it: the stems of its words, stop words left out."""
    return " ".join(stem(word) for word in words(text) if word not in STOP_WORDS)


MIN_SUFFIX = 5  # a query word this long also finds compounds that hold it after a head ("areal")
MIN_HEAD = 3  # ... when at least this much comes before it ("nærings|areal", not "a|real")
MIN_TAIL = 3  # a stem's heads are remembered when at least this much follows ("…areal|plan")
MAX_COMPOUNDS = 40  # compound heads one query word expands to, at most
MAX_TERM = 100


def compound_candidates(stems: Iterable[str]) -> set[str]:
    """The stems and stem heads worth remembering for compound search (ADR 77, ADR 100): every
    stem long enough for a head and a query word, and its beginnings of that length or more that
    leave a tail ("næringsarealplan" → "næringsarealplan", "næringsareal", "næringsarealp", …).
    A query word then finds the heads that end with it, each matched as a prefix: the last part
    of a compound ("næringsareal") and a part in the middle ("næringsareal|plan") alike."""
    found: set[str] = set()
    shortest = MIN_SUFFIX + MIN_HEAD
    for s in set(stems):
        if not shortest <= len(s) <= MAX_TERM or s.isdigit():
            continue
        found.add(s)
        for end in range(shortest, len(s) - MIN_TAIL + 1):
            found.add(s[:end])
    return found


@dataclass(frozen=True)
class Query:
    """What a user typed: its words (stop words left out), their stems (`terms`), the stems that
    also match longer words (`prefix`), and the indexed compound heads that end with a term
    (`compounds`: term → heads, filled by `with_compounds`; each matches the words it begins)."""

    words: tuple[str, ...]
    terms: tuple[str, ...]
    prefix: frozenset[str]
    compounds: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def compounds_of(self, term: str) -> tuple[str, ...]:
        return dict(self.compounds).get(term, ())

    @property
    def is_empty(self) -> bool:
        return not self.terms


def parse_query(text: str) -> Query:
    """Every word must match (AND); stop words are ignored; a long word also matches as a prefix."""
    kept: list[str] = []
    terms: list[str] = []
    prefix: set[str] = set()
    for word in words(text):
        term = stem(word)
        if word in STOP_WORDS or term in terms or len(terms) >= MAX_QUERY_WORDS:
            continue
        kept.append(word)
        terms.append(term)
        if len(word) >= MIN_PREFIX:
            prefix.add(term)
    return Query(words=tuple(kept), terms=tuple(terms), prefix=frozenset(prefix))


def with_compounds(query: Query, found: dict[str, list[str]]) -> Query:
    """The query with, per term, the indexed compound heads ending with it (`found`, from the
    index)."""
    return Query(
        words=query.words,
        terms=query.terms,
        prefix=query.prefix,
        compounds=tuple((term, tuple(found[term])) for term in query.terms if found.get(term)),
    )


def fts5_match(query: Query) -> str:
    """An FTS5 MATCH expression: each stem quoted (no operator injection), prefixes starred, and
    each term OR the words that begin with a compound head ending with it."""
    parts = []
    for term in query.terms:
        own = f'"{term}"*' if term in query.prefix else f'"{term}"'
        compounds = query.compounds_of(term)
        parts.append(
            "(" + " OR ".join([own, *(f'"{c}"*' for c in compounds)]) + ")" if compounds else own
        )
    return " AND ".join(parts)


def tsquery(query: Query) -> str:
    """A to_tsquery('norwegian', …) expression: PostgreSQL stems each (quoted) word itself.
    (Compounds are added by the backend as lexemes of the 'simple' configuration.)"""
    parts = []
    for word, term in zip(query.words, query.terms, strict=True):
        quoted = "'" + word.replace("'", "''") + "'"  # words are \w+ only; quoted all the same
        parts.append(f"{quoted}:*" if term in query.prefix else quoted)
    return " & ".join(parts)


def _matches(word: str, query: Query) -> bool:
    word_stem = stem(word)
    return any(
        word_stem == term
        or (term in query.prefix and word_stem.startswith(term))
        or any(word_stem.startswith(head) for head in query.compounds_of(term))
        for term in query.terms
    )


def snippet(texts: Iterable[str], query: Query, *, width: int = 220) -> tuple[str, bool]:
    """An escaped HTML excerpt around the first match, matches in <mark>; and whether it matched.

    Without a match in these texts (the hit was in a field not shown), the opening is returned.
    """
    for text in texts:
        if not text:
            continue
        for match in WORD.finditer(text[:400_000]):
            if _matches(match.group(0), query):
                start = max(0, match.start() - width // 3)
                start = text.rfind(" ", 0, start) + 1 if start else 0
                end = min(len(text), start + width)
                return _highlight(text[start:end], query, start > 0, end < len(text)), True
    opening = next((text for text in texts if text), "")
    return _highlight(opening[:width], query, False, len(opening) > width), False


def _highlight(excerpt: str, query: Query, cut_before: bool, cut_after: bool) -> str:
    out: list[str] = ["… " if cut_before else ""]
    position = 0
    for match in WORD.finditer(excerpt):
        if _matches(match.group(0), query):
            out.append(html.escape(excerpt[position : match.start()]))
            out.append(f"<mark>{html.escape(match.group(0))}</mark>")
            position = match.end()
    out.append(html.escape(excerpt[position:]))
    out.append(" …" if cut_after else "")
    return "".join(out)


def highlight(text: str, query: Query) -> str:
    """The whole (short) text escaped, with the words that match in <mark>."""
    return _highlight(text, query, False, False)
