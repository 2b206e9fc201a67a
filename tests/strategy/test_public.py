"""A strategy's published progress: a public page, its PDF and API, as the region chooses."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.core.page_cache import HIT_HEADER
from samspill.strategy.models import Measure, Strategy
from samspill.strategy.services import (
    measure_set_status,
    progress_note_add,
    report_create,
    strategy_set_published,
)
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    GoalFactory,
    GoalIndicatorFactory,
    IndicatorReadingFactory,
    MeasureFactory,
    ProgressNoteFactory,
)

pytestmark = pytest.mark.django_db

RAW_FLOAT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
"""168401.0 — a raw value; Norwegian text writes 168 401,0 (dates 03.12.2026 have two dots)."""


@pytest.fixture
def strategy() -> Strategy:
    goal = GoalFactory.create(title="Flere arbeidsplasser i næringslivet")
    indicator = GoalIndicatorFactory.create(
        goal=goal,
        name="Sysselsatte i regionen",
        unit="sysselsatte",
        baseline_value=Decimal("168401.0"),
        baseline_date=datetime.date(2020, 1, 1),
        target_value=Decimal("345000"),
        target_date=datetime.date(2030, 12, 31),
    )
    IndicatorReadingFactory.create(
        indicator=indicator, date=datetime.date(2024, 1, 1), value=Decimal("170250.25")
    )
    plan = ActionPlanFactory.create(strategy=goal.focus_area.strategy)
    measure = MeasureFactory.create(
        action_plan=plan,
        title="Næringsareal langs E6",
        goals=[goal],
        owner_name="Kari Nordmann",
        status=Measure.Status.ONGOING,
    )
    ProgressNoteFactory.create(
        measure=measure,
        date=datetime.date(2025, 3, 1),
        text="Reguleringsplanen er vedtatt.",
        is_public=True,
    )
    ProgressNoteFactory.create(
        measure=measure,
        date=datetime.date(2025, 4, 1),
        text="Internt: grunneier er vanskelig.",
        is_public=False,
        author=user_with("trondheim_developer"),
    )
    return goal.focus_area.strategy


def _publish(strategy: Strategy, django_capture_on_commit_callbacks) -> Strategy:
    with django_capture_on_commit_callbacks(execute=True):
        return strategy_set_published(
            actor=user_with("coordinator"),
            strategy=strategy,
            is_published=True,
            expected_version=strategy.version,
        )


def _pdf_text(reader: PdfReader) -> str:
    return " ".join("\n".join(page.extract_text() for page in reader.pages).split())


def test_unpublished_progress_is_not_found_for_the_public(strategy: Strategy) -> None:
    client = Client()
    for url in (
        reverse("strategy:public-progress", args=[strategy.pk]),
        reverse("strategy:public-progress-pdf", args=[strategy.pk]),
        f"/api/strategy/public/{strategy.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # The same answer as for a strategy that does not exist: its existence is not revealed.
    assert client.get(reverse("strategy:public-progress", args=[999_999])).status_code == 404


def test_the_regions_people_see_a_preview_before_publishing(strategy: Strategy) -> None:
    client = Client()
    client.force_login(user_with("viewer"))
    page = client.get(reverse("strategy:public-progress", args=[strategy.pk]))
    assert page.status_code == 200
    assert "Forhåndsvisning" in page.content.decode()


def test_publishing_is_audited_versioned_and_for_coordinators_only(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    with pytest.raises(PermissionDeniedError):
        strategy_set_published(
            actor=user_with("trondheim_developer"), strategy=strategy, is_published=True
        )
    stale = strategy.version
    _publish(strategy, django_capture_on_commit_callbacks)
    strategy.refresh_from_db()
    assert strategy.is_published
    entry = AuditEntry.objects.filter(object_pk=str(strategy.pk)).latest("created_at")
    assert entry.changes == {"is_published": [False, True]}
    with pytest.raises(ConflictError):
        strategy_set_published(
            actor=user_with("coordinator"),
            strategy=Strategy.objects.get(pk=strategy.pk),
            is_published=False,
            expected_version=stale,
        )


def test_the_publish_form_on_the_strategy_page(strategy: Strategy) -> None:
    client = Client()
    client.force_login(user_with("coordinator"))
    url = reverse("strategy:strategy-publish", args=[strategy.pk])
    assert 'name="is_published"' in client.get(url).content.decode()
    response = client.post(url, {"is_published": "on", "version": strategy.version})
    assert response.status_code == 302
    assert Strategy.objects.get(pk=strategy.pk).is_published
    detail = client.get(strategy.get_absolute_url()).content.decode()
    assert "Fremdriften er publisert" in detail
    # A second tab with the old version does not silently take it down again.
    again = client.post(url, {"version": strategy.version})
    assert again.status_code == 409
    assert Strategy.objects.get(pk=strategy.pk).is_published


def test_the_public_page_shows_progress_but_nothing_internal(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    page = Client().get(reverse("strategy:public-progress", args=[strategy.pk]))
    html = page.content.decode()

    assert page.status_code == 200
    assert "Flere arbeidsplasser i næringslivet" in html
    assert "Sysselsatte i regionen" in html
    assert "170\u00a0250,25" in html  # latest value, Norwegian format
    assert "345\u00a0000" in html  # target
    assert "Næringsareal langs E6" in html
    assert "pågår" in html
    assert "Reguleringsplanen er vedtatt." in html
    assert "grunneier" not in html  # internal note
    assert "Kari Nordmann" not in html  # owner
    assert 'data-chart="indicator-chart-' in html
    assert "Forhåndsvisning" not in html


def test_the_public_page_is_cached_and_goes_stale_on_every_change(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    client = Client()
    url = reverse("strategy:public-progress", args=[strategy.pk])
    assert client.get(url)[HIT_HEADER] == "miss"
    assert client.get(url)[HIT_HEADER] == "hit"

    measure = Measure.objects.get(title="Næringsareal langs E6")
    with django_capture_on_commit_callbacks(execute=True):
        measure_set_status(actor=user_with("coordinator"), measure=measure, status="done")
    fresh = client.get(url)
    assert fresh[HIT_HEADER] == "miss"
    assert "gjennomført" in fresh.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        progress_note_add(
            actor=user_with("coordinator"),
            measure=measure,
            date=datetime.date(2025, 6, 1),
            text="Første bedrift har etablert seg.",
            is_public=True,
        )
    assert "Første bedrift har etablert seg." in client.get(url).content.decode()


def test_taking_it_down_hides_it_again(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    client = Client()
    url = reverse("strategy:public-progress", args=[strategy.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        strategy_set_published(
            actor=user_with("coordinator"),
            strategy=Strategy.objects.get(pk=strategy.pk),
            is_published=False,
        )
    assert client.get(url).status_code == 404


def test_the_region_page_links_to_published_progress(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    region_url = reverse("regions:region-detail", args=[strategy.region.slug])
    public_url = reverse("strategy:public-progress", args=[strategy.pk])
    assert public_url not in client.get(region_url).content.decode()
    _publish(strategy, django_capture_on_commit_callbacks)
    assert public_url in client.get(region_url).content.decode()


def test_the_public_api(strategy: Strategy, django_capture_on_commit_callbacks) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    body = Client().get(f"/api/strategy/public/{strategy.pk}").json()

    goal = body["focus_areas"][0]["goals"][0]
    assert goal["indicators"][0]["latest_value"] == pytest.approx(170250.25)
    measure = goal["measures"][0]
    assert measure["status"] == "ongoing"
    assert measure["latest_public_note"]["text"] == "Reguleringsplanen er vedtatt."
    assert "owner" not in measure
    assert "Kari Nordmann" not in str(body)
    assert "grunneier" not in str(body)


def test_the_publication_api_needs_a_version(strategy: Strategy) -> None:
    client = Client()
    client.force_login(user_with("coordinator"))
    url = f"/api/strategy/{strategy.pk}/publication"
    missing = client.put(url, {"is_published": True}, content_type="application/json")
    assert missing.status_code == 428
    done = client.put(
        url, {"is_published": True, "version": strategy.version}, content_type="application/json"
    )
    assert done.status_code == 200
    assert done.json()["is_published"] is True
    stale = client.put(
        url, {"is_published": False, "version": strategy.version}, content_type="application/json"
    )
    assert stale.status_code == 409


def test_the_public_pdf_is_typeset_with_the_pages_chart(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    response = Client().get(reverse("strategy:public-progress-pdf", args=[strategy.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = _pdf_text(reader)
    plain = text.replace("\u00a0", " ")

    assert reader.root_object["/Lang"] == "nb"
    assert "/StructTreeRoot" in reader.root_object
    assert reader.metadata is not None
    assert reader.metadata.title == f"Fremdrift: {strategy.title}"
    cover = reader.pages[0].extract_text()
    assert strategy.region.name in cover
    assert re.search(r"\d{2}\.\d{2}\.\d{4}", cover)
    assert "345 000" in plain
    assert "170 250,25" in plain
    assert RAW_FLOAT.search(plain.replace("CC BY 4.0", "")) is None
    # The chart is drawn as SVG: its axis labels (years on the time axis, grouped values) and
    # its title are text in the PDF, beside the table of its numbers.
    lines = {
        line.strip().replace("\u00a0", " ")
        for page in reader.pages
        for line in page.extract_text().splitlines()
    }
    assert {"2020", "2024", "2030"} <= lines or {"2021", "2025", "2029"} <= lines  # time axis
    assert {"200 000", "300 000"} <= lines  # value axis, Norwegian grouping
    assert "sysselsatte" in lines  # axis title
    assert "Tallene i figuren" in text
    assert "Reguleringsplanen er vedtatt." in text
    assert "grunneier" not in text
    assert "Kari Nordmann" not in text


def test_the_public_pdf_in_english(strategy: Strategy, django_capture_on_commit_callbacks) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)
    url = reverse("strategy:public-progress-pdf", args=[strategy.pk])
    reader = PdfReader(io.BytesIO(Client().get("/en" + url).content))
    text = _pdf_text(reader)

    assert reader.root_object["/Lang"] == "en"
    assert "345,000" in text
    assert "170,250.25" in text
    # A raw value has no grouping comma: 168401.0, never 170,250.25.
    assert re.search(r"(?<![\d.,])\d+\.\d+(?![\d.])", text.replace("CC BY 4.0", "")) is None
    # Labels around the content are English. The strings new on this page get their English
    # after `make messages` (the lead's step); until then only those already translated count.
    labels = ["Siste måling", "Utgangsverdi", "Kilde:", "Siste fremdrift", "Kommune", "Frist"]
    labels += ["Trend ved fristen", "Tallene i figuren", "Om strategien", "Fremdrift:"]
    with translation.override("en"):
        translated = [label for label in labels if gettext(label) != label]
    assert len(translated) >= 5
    for norwegian in translated:
        assert norwegian not in text, norwegian
    assert "gjennomført" not in text
    assert "pågår" not in text


def test_the_public_page_and_pdf_say_what_changed_since_the_last_report(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    coordinator = user_with("coordinator")
    with django_capture_on_commit_callbacks(execute=True):
        report_create(
            actor=coordinator,
            strategy=strategy,
            title="Rapport til regionrådet",
            as_of=datetime.date(2025, 6, 30),
        )
    _publish(strategy, django_capture_on_commit_callbacks)
    public = reverse("strategy:public-progress", args=[strategy.pk])
    unchanged = Client().get(public).content.decode()
    measure = Measure.objects.get(title="Næringsareal langs E6")
    with django_capture_on_commit_callbacks(execute=True):
        measure_set_status(
            actor=user_with("coordinator"), measure=measure, status=Measure.Status.DONE
        )

    html = Client().get(public).content.decode()
    pdf = Client().get(reverse("strategy:public-progress-pdf", args=[strategy.pk]))

    assert "Endringer siden forrige rapport" in unchanged
    assert "Ingen endringer." in unchanged
    assert "Sammenlignet med «Rapport til regionrådet» (30.06.2025)." in html
    assert "Næringsareal langs E6" in html.split("Tiltak med endret status")[1]
    assert "pågår → gjennomført" in html
    text = _pdf_text(PdfReader(io.BytesIO(pdf.content)))
    assert "Endringer siden forrige rapport" in text
    assert "Næringsareal langs E6" in text.split("Endringer siden forrige rapport")[1]


def test_without_a_saved_report_the_public_page_shows_no_change_section(
    strategy: Strategy, django_capture_on_commit_callbacks
) -> None:
    _publish(strategy, django_capture_on_commit_callbacks)

    html = Client().get(reverse("strategy:public-progress", args=[strategy.pk])).content.decode()

    assert "Endringer siden forrige rapport" not in html
