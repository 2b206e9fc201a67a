"""PDFs hyphenate long words in narrow table cells by the document's language (ADR 75)."""

import io
from unittest import mock

import pytest
from django.template import engines
from django.utils import translation
from pypdf import PdfReader

from samspill.core import pdf

NARROW_TABLE = (
    '{% extends "pdf/base.html" %}{% block content %}<table><thead><tr><th>Tiltak</th>'
    "<th>a</th><th>b</th><th>c</th><th>d</th><th>e</th></tr></thead><tbody><tr>"
    '<td style="width: 18mm">Næringsarealene sysselsettingsgraden</td>'
    "<td>1</td><td>2</td><td>3</td><td>4</td>"
    '<td class="num">345000</td></tr></tbody></table>{% endblock %}'
)


def _cell_lines(language: str) -> list[str]:
    template = engines["django"].from_string(NARROW_TABLE)
    with (
        mock.patch.object(pdf, "render_to_string", lambda _name, context: template.render(context)),
        translation.override(language),
    ):
        data = pdf.render_pdf("narrow.html", {"title": "Smal tabell"})
    text = PdfReader(io.BytesIO(data)).pages[1].extract_text()
    return [line.strip() for line in text.splitlines()]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_a_long_compound_in_a_narrow_cell_is_hyphenated_at_a_norwegian_syllable(
    language: str,
) -> None:
    lines = _cell_lines(language)

    # Broken with a hyphen (U+2010 as WeasyPrint writes it) where Norwegian allows it, never cut.
    broken = [line for line in lines if line.endswith(("\u2010", "-"))]
    assert broken, lines
    assert "Nærings\u2010" in broken, lines  # not "Næring-sarealene" (English patterns)
    assert any("345000" in line for line in lines)  # numbers are never hyphenated


def test_english_documents_hyphenate_too() -> None:
    lines = _cell_lines("en")

    assert any(line.endswith(("\u2010", "-")) for line in lines), lines
