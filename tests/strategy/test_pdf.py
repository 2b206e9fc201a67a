"""The strategy PDFs are typeset, tagged documents (PDF/UA) in the page's language."""

import datetime
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from samspill.core.pdf import ExternalResourceError, check_local
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db

RAW_NUMBER = re.compile(
    r"(?<![\d.])(?!(?:19|20)\d\d(?![\d.]))\d{4,}(?:\.\d+)?(?![\d.])|(?<![\d.])\d+\.\d+(?![\d.])"
)
"""168401.0 or 168401 (a number without its Norwegian grouping); dates 03.12.2026 and years
(1900-2099, as on a chart's time axis) don't match."""


@pytest.fixture
def strategy():
    goal = GoalFactory.create(title="Flere arbeidsplasser i næringslivet")
    indicator = GoalIndicatorFactory.create(
        goal=goal,
        name="Sysselsatte i regionen",
        baseline_value=Decimal("168401.0"),
        target_value=Decimal("175000.5"),
    )
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2024, 1, 1), value=Decimal("170250.25")
    )
    plan = ActionPlanFactory.create(strategy=goal.focus_area.strategy)
    MeasureFactory.create(action_plan=plan, title="Næringsareal langs E6", goals=[goal])
    return goal.focus_area.strategy


def _client() -> Client:
    client = Client()
    client.force_login(user_with("viewer"))
    return client


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_report_is_a_tagged_pdf_with_language_title_and_cover(strategy) -> None:
    reader = _pdf(_client().get(reverse("strategy:report-current-pdf", args=[strategy.pk])))
    root = reader.root_object

    assert root["/Lang"] == "nb"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata is not None
    assert reader.metadata.title
    text = " ".join(_text(reader).split())
    assert "siste måling 170\u00a0250,3" in text or "siste måling 170 250,3" in text
    assert "175 000,5" in text.replace("\u00a0", " ")
    assert RAW_NUMBER.search(text.replace("CC BY 4.0", "")) is None
    cover = reader.pages[0].extract_text()
    assert strategy.region.name in cover
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", cover)  # the date, Norwegian style
    # The indicator's chart, drawn as SVG: its title, value axis (Norwegian grouping) and its
    # numbers as a table.
    lines = {line.strip().replace("\u00a0", " ") for line in _text(reader).splitlines()}
    assert "Sysselsatte i regionen (selskap)" in lines
    assert {"168 000", "170 000"} & lines
    assert "Tallene i figuren «Sysselsatte i regionen (selskap)»" in text


def test_no_raw_values_in_the_measures_pdf(strategy) -> None:
    plan = strategy.action_plans.first()
    reader = _pdf(_client().get(reverse("strategy:plan-export", args=[plan.pk, "pdf"])))
    text = " ".join(_text(reader).split())

    assert "Næringsareal langs E6" in text
    assert RAW_NUMBER.search(text.replace("CC BY 4.0", "")) is None
    assert "None" not in text


def test_the_report_in_english_is_tagged_english(strategy) -> None:
    url = reverse("strategy:report-current-pdf", args=[strategy.pk])
    reader = _pdf(_client().get("/en" + url))

    assert reader.root_object["/Lang"] == "en"


def test_pdfs_never_fetch_outside_resources() -> None:
    with pytest.raises(ExternalResourceError):
        check_local("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ExternalResourceError):
        check_local("file:///etc/passwd")


def _meta(reader: PdfReader) -> tuple[str, str]:
    assert "/StructTreeRoot" in reader.root_object  # tagged (PDF/UA)
    mark_info: Any = reader.root_object["/MarkInfo"]
    assert bool(mark_info["/Marked"])
    assert reader.metadata is not None
    return str(reader.root_object["/Lang"]), str(reader.metadata.title)


@pytest.mark.parametrize("which", ["plan", "strategy"])
def test_every_measures_pdf_has_a_cover_language_and_title(strategy, which: str) -> None:
    plan = strategy.action_plans.first()
    url = (
        reverse("strategy:plan-export", args=[plan.pk, "pdf"])
        if which == "plan"
        else reverse("strategy:strategy-measures-export", args=[strategy.pk, "pdf"])
    )
    reader = _pdf(_client().get(url))
    language, title = _meta(reader)
    cover = reader.pages[0].extract_text()

    assert language == "nb"
    assert title
    assert title in " ".join(cover.split())
    assert strategy.region.name in cover
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", cover)
    text = " ".join(_text(reader).split())
    assert RAW_NUMBER.search(text.replace("CC BY 4.0", "")) is None


ENGLISH_RAW = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])")
"""A raw value in English text: 168401.0 (grouped 170,250.3 is fine)."""


def _english_labels(labels: list[str]) -> list[str]:
    """The Norwegian labels the English catalogue translates (new ones wait for `make messages`)."""
    with translation.override("en"):
        return [label for label in labels if gettext(label) != label]


@pytest.mark.parametrize("which", ["report", "plan"])
def test_english_pdfs_have_english_words_around_the_content(strategy, which: str) -> None:
    plan = strategy.action_plans.first()
    url = (
        reverse("strategy:report-current-pdf", args=[strategy.pk])
        if which == "report"
        else reverse("strategy:plan-export", args=[plan.pk, "pdf"])
    )
    reader = _pdf(_client().get("/en" + url))
    language, _title = _meta(reader)
    text = " ".join(_text(reader).split())
    cover = reader.pages[0].extract_text()

    assert language == "en"
    assert re.search(
        r"\d{1,2} (January|February|March|April|May|June|July|August|September|"
        r"October|November|December) \d{4}",
        cover,
    )
    assert not re.search(r"\d{2}/\d{2}/\d{4}", text)  # never month first
    assert ENGLISH_RAW.search(text.replace("CC BY 4.0", "")) is None
    labels = [
        "Sammendrag",
        "Endringer siden forrige rapport",
        "Indikator",
        "Vurdering",
        "Antall",
        "Kommune",
        "Beskrivelse",
        "Ansvarlig",
        "Frist",
        "Laget med Samspill.",
        "planlagt",
        "pågår",
        "mangler data",
        "ikke i rute",
        "i rute",
    ]
    translated = _english_labels(labels)
    assert len(translated) >= 8
    present = [
        label for label in translated if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
    ]
    assert present == []


def test_a_saved_reports_pdf_draws_its_charts_from_the_snapshot(strategy) -> None:
    from samspill.strategy import services

    coordinator = user_with("coordinator")
    report = services.report_create(
        actor=coordinator,
        strategy=strategy,
        title="Status våren 2024",
        as_of=datetime.date(2024, 6, 1),
    )
    indicator = strategy.focus_areas.first().goals.first().indicators.first()
    # Measured after the report was saved: the saved report's chart must not show it.
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2025, 1, 1), value=Decimal("199999")
    )
    client = Client()
    client.force_login(coordinator)

    reader = _pdf(client.get(reverse("strategy:report-pdf", args=[report.pk])))

    text = " ".join(_text(reader).split()).replace("\u00a0", " ")
    assert "Tallene i figuren «Sysselsatte i regionen (selskap)»" in text
    assert "170 250,3" in text  # the reading the snapshot holds, in the chart's table
    assert "199 999" not in text
    assert RAW_NUMBER.search(text.replace("CC BY 4.0", "")) is None


def test_a_snapshot_saved_before_readings_were_kept_still_gets_a_chart() -> None:
    from samspill.strategy.presenters import snapshot_figures

    snapshot = {
        "indicators": {
            "7": {
                "name": "Bedrifter",
                "unit": "selskap",
                "baseline": 100.0,
                "baseline_date": "2020-01-01",
                "target": 150.0,
                "target_date": "2030-01-01",
                "value": 120.0,
                "date": "2024-01-01",
            },
            "8": {"name": "Uten datoer"},
        }
    }

    figures = snapshot_figures(snapshot)

    assert list(figures) == ["7"]
    assert figures["7"].title == "Bedrifter (selskap)"
    assert any("120" in " ".join(map(str, row)) for row in figures["7"].rows)
