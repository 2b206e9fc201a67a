"""Forms as keyboard and screen reader users meet them: nothing saves while choosing, and a failed
submit puts focus on an error summary whose links lead to the fields."""

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional

STRATEGY = "Verdiskapingsstrategi for Trondheimsregionen"
PLAN = "Handlingsplan for næringsutvikling i Trondheim"
MEASURE = "Studentene blir: sommerjobber og praksisplasser i lokale bedrifter"


def _open_plan(page) -> None:
    page.goto("/strategi/")
    page.get_by_role("link", name=STRATEGY).click()
    page.get_by_role("link", name=PLAN).first.click()


def _focused(page, attribute: str = "id") -> str:
    return str(page.evaluate(f"document.activeElement.getAttribute('{attribute}') ?? ''"))


def test_arrow_keys_in_a_status_select_change_nothing_until_saved(page) -> None:
    login_as(page, "trondheim")
    _open_plan(page)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    select = page.get_by_role("row").filter(has_text=MEASURE).get_by_role("combobox")
    saved = select.input_value()

    select.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    chosen = select.input_value()

    assert chosen != saved  # the keys did move the selection ...
    page.reload()
    assert posts == []  # ... but nothing was sent,
    select = page.get_by_role("row").filter(has_text=MEASURE).get_by_role("combobox")
    assert select.input_value() == saved  # and the saved status is unchanged.

    # Saving is a deliberate act: the row's button (keyboard: Tab, Enter), updated in place.
    select.select_option(chosen)
    select.focus()
    page.keyboard.press("Tab")
    assert "Lagre" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    row = page.get_by_role("row").filter(has_text=MEASURE)
    row.get_by_text("Lagret").wait_for()
    assert len(posts) == 1
    page.reload()
    assert (
        page.get_by_role("row").filter(has_text=MEASURE).get_by_role("combobox").input_value()
        == chosen
    )
    assert axe_violations(page) == []


def test_an_invalid_measure_form_focuses_the_error_summary(page) -> None:
    login_as(page, "trondheim")
    _open_plan(page)
    page.get_by_role("link", name="Nytt tiltak").click()
    page.locator("#id_start_date").fill("2026-02-01")
    page.locator("#id_deadline").fill("2026-01-01")

    page.get_by_role("button", name="Lagre").click()

    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    assert "Tiltak" in summary.inner_text()
    summary.get_by_role("link", name="Frist").click()
    assert _focused(page) == "id_deadline"
    summary.get_by_role("link", name="Tiltak").first.click()
    assert _focused(page) == "id_title"
    assert axe_violations(page) == []


def test_an_invalid_inquiry_form_focuses_the_error_summary(page) -> None:
    page.goto("/bedrift/sor-troms/henvendelse/")
    page.get_by_label("Bedriftens navn").fill("Testbedrift AS")

    page.get_by_role("button", name="Send henvendelsen").click()

    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary = page.locator("[data-error-summary]")
    summary.get_by_role("link", name="Hva trenger dere?").click()
    assert _focused(page) == "id_needs_0"  # the first box of the list
    summary.get_by_role("link", name="Kontaktperson").click()
    assert _focused(page) == "id_contact_name"
    assert page.get_by_label("Bedriftens navn").input_value() == "Testbedrift AS"
    assert axe_violations(page) == []
