"""A pragmatic detector of text in the wrong interface language, for the browser tests.

The interface vocabulary comes from our own catalogues: a word that occurs in bokmål source strings
but in no English translation is "Norwegian interface vocabulary"; one that occurs in bokmål source
strings but in no nynorsk translation is "bokmål-only vocabulary" (ikke, hvor, innbyggere…); one that
occurs in English translations but in no bokmål source string is "English vocabulary". A page in one
language must not contain the other languages' vocabulary.

Content that users write is not translated, so the demo's own texts (strategies, measures, example
inquiries, region descriptions: string literals of the demo modules and demo/*.csv) are removed from
a page's text before it is checked, as are elements marked with another `lang` (the language
buttons). What remains is the interface around the content.
"""

import ast
import csv
import re
from html.parser import HTMLParser

from tests.conftest import REPO_DIR, SHARED_DIR

LOCALE = REPO_DIR / "samspill" / "locale"
DEMO_SOURCES = [
    *sorted((REPO_DIR / "samspill" / "demo").glob("*.py")),
    REPO_DIR / "samspill" / "strategy" / "demo.py",
    REPO_DIR / "samspill" / "inquiries" / "demo.py",
    REPO_DIR / "samspill" / "knowledge" / "demo.py",  # memos in Markdown (markers stripped below)
    REPO_DIR / "samspill" / "collaboration" / "demo.py",  # seed 004's plan, roles and examples
    REPO_DIR / "samspill" / "projects" / "demo.py",
    REPO_DIR / "samspill" / "land" / "demo.py",
    REPO_DIR / "samspill" / "challenges" / "demo.py",
    REPO_DIR / "samspill" / "notifications" / "demo.py",
    REPO_DIR / "samspill" / "stats" / "importers" / "tables.py",  # series titles (SSB's own)
    # What the other browser tests type into the shared demo server is content as well: they may
    # run before the language crawl (the test order is random), and their goals and reports show.
    *sorted((REPO_DIR / "tests" / "functional").glob("test_*.py")),
]
_WORD = re.compile(r"[A-Za-zÆØÅæøå]{3,}")
# Words that are also ordinary English, names (Hol, Nordre Land) or terms used in all three languages.
NOT_EVIDENCE = {
    "tro",  # the case-number prefix of Trondheimsregionen's inquiries (TRO-2026-0003), a code
    "ene",  # the tail of "næringsarealene" in the search help once the demo's "næringsareal" is out
    "marker",
    "par",
    "del",
    "lag",
    "her",
    "fil",
    "inn",
    "alle",
    "dag",
    "samspill",
    "kartverket",
    "statistisk",
    "sentralbyrå",
    "ssb",
    "klass",
    "nlod",
    "brønnøysundregistrene",
    "datatilsynet",
    "innovasjon",
    "norge",
    "nordlys",
    "status",
    "start",
    "sum",
    "plan",
    "region",
    "regional",
    "indeks",
    "areal",
    "data",
    "nettverk",
    "kompetanse",
    "budsjett",
    "prosent",
    "modularitet",
    "trend",
    "type",
    "rolle",
    "kode",
    "serie",
    "net",
    "netto",
    "gini",
    "hoover",
    "krugman",
    "herfindahl",
    "json",
    "csv",
    "excel",
    "pdf",
    "org",
    "demo",
    "demodata",
    "english",
    "nynorsk",
    "bokmål",
    "min",
    "bare",
    "lokale",
    "total",
    "eksempel",
    "kart",
    "land",
    "hol",
}


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


def _catalogue(language: str) -> list[tuple[str, str]]:
    """(bokmål source, translation) pairs of a catalogue, plurals included."""
    pairs: list[tuple[str, str]] = []
    source: list[str] = []
    translation: list[str] = []
    field = ""
    for line in (
        (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8").splitlines()
    ):
        if line.startswith("msgid "):
            if source:
                pairs.append((" ".join(source), " ".join(translation)))
            source, translation, field = [ast.literal_eval(line[6:])], [], "id"
        elif line.startswith("msgid_plural "):
            source.append(ast.literal_eval(line[13:]))
            field = "id"
        elif line.startswith("msgstr"):
            translation.append(ast.literal_eval(line.split(" ", 1)[1]))
            field = "str"
        elif line.startswith('"'):
            (source if field == "id" else translation).append(ast.literal_eval(line))
    if source:
        pairs.append((" ".join(source), " ".join(translation)))
    return [(s, t) for s, t in pairs if s]


def vocabulary() -> dict[str, set[str]]:
    """Words that betray a wrong language, per page language.

    English pages: Norwegian words; nynorsk pages: bokmål-only and English words; bokmål pages:
    English and nynorsk-only words.
    """
    english = _catalogue("en")
    nynorsk = _catalogue("nn")
    bokmal_words = set().union(*(_words(source) for source, _t in english))
    english_words = set().union(*(_words(translation) for _s, translation in english))
    nynorsk_words = set().union(*(_words(translation) for _s, translation in nynorsk))
    django_english = {"select", "option", "this", "field", "required", "please", "enter", "valid"}
    english_only = (english_words | django_english) - bokmal_words - nynorsk_words
    return {
        "en": (bokmal_words | nynorsk_words) - english_words - NOT_EVIDENCE,
        "nn": ((bokmal_words - nynorsk_words) | english_only) - NOT_EVIDENCE,
        "nb": (english_only | (nynorsk_words - bokmal_words)) - NOT_EVIDENCE,
    }


def _markdown_plain(line: str) -> str:
    """A Markdown line as the page shows it: no heading, list or emphasis markers, link text only."""
    line = re.sub(r"^(#+|[-*+]|\d+\.)\s+", "", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    return line.replace("**", "").replace("__", "").strip()


def demo_texts() -> list[str]:
    """Content the demo writes (not translated): longest first, so parts go after wholes."""
    texts: set[str] = set()
    for path in DEMO_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for part in re.split(r"\n|^\d{4}:\d{4}:", node.value):
                    if len(part.strip()) > 3:
                        texts.add(part.strip())
                        # a keyword list ("lekkasjesøk, sensorer, vann og avløp") shows as tags
                        texts.update(k.strip() for k in part.split(", ") if len(k.strip()) > 3)
                        texts.add(_markdown_plain(part.strip()))
                        if part.strip().startswith("|"):  # a Markdown table row: its cells
                            cells = {cell.strip() for cell in part.split("|") if cell.strip()}
                            texts.update(cells)
                            TABLE_CELLS.update(cells)
    # The land register's named places (airports, ports, rail terminals) are names, not interface.
    places = REPO_DIR / "samspill" / "land" / "places.py"
    for node in ast.walk(ast.parse(places.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "NamedPoint":
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                texts.add(name.value)
    # Names from the public registers (municipalities, economic regions) and SSB's own labels
    # (industry groups) are data in Norwegian, not interface: "Sel", "Fet", "Off.adm.".
    data = SHARED_DIR / "data"
    for path in [
        *sorted((data / "kommuner").glob("*.csv")),
        *sorted((data / "regioner").glob("*.csv")),
    ]:
        with path.open(encoding="utf-8-sig") as handle:
            for record in csv.DictReader(handle):
                texts.update(
                    value.strip()
                    for column, value in record.items()
                    if "navn" in column and value and len(value.strip()) > 2
                )
    for path in sorted((data / "sysselsetting").glob("*13470*.csv")):
        with path.open(encoding="utf-8-sig") as handle:
            texts.update(line["næring (SN2007)"].strip() for line in csv.DictReader(handle))
    for path in sorted((REPO_DIR / "demo").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                texts.update(cell.strip() for cell in row if len(cell.strip()) > 3)
    return sorted(texts, key=len, reverse=True)


_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "wbr",
}


class _Text(HTMLParser):
    """Visible text of a page, without scripts, styles, identifiers (`<code>`) and parts marked with
    another language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        lang = attributes.get("lang")
        other = tag != "html" and lang is not None and not lang.startswith(self.language)
        if tag in _VOID:
            return
        if tag in ("script", "style", "template", "code") or other or self._skip:
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)


def page_text_and_links(html: str, language: str) -> tuple[str, list[str]]:
    parser = _Text(language)
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split()), parser.links


def wrong_language_words(
    text: str, *, language: str, words: dict[str, set[str]], content: list[str]
) -> set[str]:
    """Words of the other languages' interface vocabulary left in a page's text.

    A single word ("port", a code in the demo) and a Markdown table cell of the demo memos
    ("Kommune A") are removed as whole words only: removed anywhere, they would turn "Eksporter"
    into "Eks er" and "Kommune Areal" into "real"."""
    text = _without_shortened_content(text, content)
    for item in content:
        if item in TABLE_CELLS or " " not in item:
            text = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", text)
        else:
            text = text.replace(item, " ")
    return {word for word in _words(text) if word in words[language]}


TABLE_CELLS: set[str] = set()  # filled by demo_texts()


def _without_shortened_content(text: str, content: list[str]) -> str:
    """Content shortened with "…" (a timeline's label: "Budsjett med kostnadsfordeling behan…").

    The longest run of whole words before the ellipsis that starts some demo text is content,
    not interface: it is removed, the words before it stay."""

    def shorten(match: re.Match[str]) -> str:
        before = match.group(1)
        starts = [m.start() for m in re.finditer(r"(?<!\w)\w", before)]
        for start in starts:
            part = before[start:]
            if len(part) >= 8 and any(item.startswith(part) for item in content):
                return before[:start] + " "
        return match.group(0)

    return re.sub(r"(.{1,80})…", shorten, text)
