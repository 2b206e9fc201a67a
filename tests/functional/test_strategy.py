"""A coordinator adds a goal with an indicator; a business developer adds a measure and reports."""

import uuid

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional

STRATEGY = "Verdiskapingsstrategi for Trondheimsregionen"


def test_coordinator_creates_a_goal_with_an_indicator(page) -> None:
    goal = f"Flere teknologibedrifter i Malvik {uuid.uuid4().hex[:6]}"
    login_as(page, "koordinator")

    page.goto("/strategi/")
    page.get_by_role("link", name=STRATEGY).click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nytt mål").click()
    page.get_by_label("Innsatsområde").select_option(label="2. Teknologi")
    page.locator("#id_title").fill(goal)
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("heading", level=1).inner_text() == goal

    page.get_by_role("link", name="Ny indikator").click()
    page.locator("#id_name").fill("Teknologibedrifter i Malvik")
    page.get_by_label("Enhet").fill("selskap")
    page.locator("#id_baseline").fill("12 selskap")
    page.get_by_label("Utgangsverdi per dato").fill("2024-01-01")
    page.get_by_label("Målverdi").fill("20 %")  # wrong unit: explained next to the field
    page.get_by_label("Frist for målet").fill("2028-12-31")
    page.get_by_role("button", name="Lagre").click()
    assert "måles i «selskap»" in page.locator("#id_target_error").inner_text()
    assert page.locator("#id_baseline").input_value() == "12 selskap"
    page.get_by_label("Målverdi").fill("20")
    page.get_by_role("button", name="Lagre").click()

    assert page.get_by_role("heading", level=1).inner_text() == goal
    indicators = page.get_by_role("table").first
    assert "Teknologibedrifter i Malvik" in indicators.inner_text()
    assert "mangler data" in indicators.inner_text()
    assert axe_violations(page) == []


def test_business_developer_adds_a_measure_and_reports_progress(page) -> None:
    title = f"Næringsfrokost for teknologibedrifter {uuid.uuid4().hex[:6]}"
    login_as(page, "trondheim")

    page.goto("/strategi/")
    page.get_by_role("link", name=STRATEGY).click()
    page.get_by_role("link", name="Handlingsplan for næringsutvikling i Trondheim").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nytt tiltak").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_start_date").fill("2026-01-15")
    page.locator("#id_deadline").fill("2025-12-31")  # before the start, and no goal chosen yet
    page.get_by_role("button", name="Lagre").click()
    assert "Fristen kan ikke være før start." in page.locator("#id_deadline_error").inner_text()
    page.locator("#id_deadline").fill("2026-12-31")
    page.get_by_role("button", name="Lagre").click()
    assert "minst ett mål" in page.locator("#id_goals_error").inner_text()
    # The goals are grouped by focus area: a fieldset (role group) per area.
    page.get_by_role("group", name="Teknologi", exact=True).get_by_label(
        "1000 tekno-selskap (800 i dag) med 20 000 ansatte i 2025"
    ).check()
    page.get_by_label("Andre partnere").fill("Næringsforeningen i Trondheimsregionen")
    page.get_by_role("button", name="Lagre").click()
    assert page.get_by_role("heading", level=1).inner_text() == title

    # Progress is reported in place (htmx): the notes section is swapped, the page stays.
    page.get_by_label("Hva har skjedd?").fill("Første frokost holdt med 25 bedrifter.")
    page.get_by_label("Ny status (valgfritt)").select_option(label="pågår")
    page.get_by_role("button", name="Lagre fremdrift").click()
    progress = page.locator("#progress")
    progress.get_by_text("Første frokost holdt med 25 bedrifter.").wait_for()
    assert "pågår" in progress.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert axe_violations(page) == []

    # The measure shows up in the plan, where its status can be changed inline.
    page.get_by_role("link", name="Handlingsplan for næringsutvikling i Trondheim").first.click()
    row = page.get_by_role("row").filter(has_text=title)
    row.get_by_role("combobox").select_option(label="gjennomført")
    row.get_by_role("button", name="Lagre").click()  # saved only on request (WCAG 3.2.2)
    row.get_by_text("Lagret").wait_for()


def test_politician_reads_the_report_and_downloads_the_pdf(page) -> None:
    login_as(page, "politiker")

    page.goto("/strategi/")
    page.get_by_role("link", name=STRATEGY).click()
    assert page.get_by_role("link", name="Nytt mål").count() == 0  # viewers read only
    page.get_by_role("link", name="Statusrapport for politikere").click()

    assert page.get_by_role("heading", name="Endringer siden forrige rapport").is_visible()
    assert (
        "Digital næringsportal for hele regionen"
        in page.locator("#changes-heading + *").locator("..").inner_text()
    )
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned som PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_coordinator_sees_what_is_due_and_overdue(page) -> None:
    login_as(page, "koordinator")

    page.goto("/strategi/")
    page.get_by_role("link", name=STRATEGY).click()
    page.get_by_role("link", name="Rapportering (hva er på tide og forfalt)").click()

    assert page.get_by_role("heading", name="Per ansvarlig").is_visible()
    assert page.get_by_role("heading", name="Per kommune").is_visible()
    assert axe_violations(page) == []
    page.goto(page.url.replace("rapportering/", "synergier/"))
    assert "Jobbmesse for elever i Stjørdal" in page.get_by_role("table").inner_text()
    assert axe_violations(page) == []
