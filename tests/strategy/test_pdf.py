"""The strategy PDFs are typeset, tagged documents (PDF/UA) in the page's language."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
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

RAW_NUMBER = re.compile(r"(?<![\d.])\d{4,}(?:\.\d+)?(?![\d.])|(?<![\d.])\d+\.\d+(?![\d.])")
"""168401.0 or 168401 (a number without its Norwegian grouping); dates 03.12.2026 don't match."""


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
