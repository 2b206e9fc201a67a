"""Key flows of the foundation in a real browser: pages, login, language switch, accessibility."""

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional


def test_a_visitor_opens_a_region_and_sees_its_members_and_population(page) -> None:
    page.goto("/")
    # The table of regions (the start cards above it link to the statistics).
    page.locator("main a[href='/regioner/trondheimsregionen/']").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == "Trondheimsregionen"
    members = page.get_by_role("table").filter(has_text="Kommune i dag")
    assert members.get_by_role("row").count() == 9  # header + eight municipalities
    page.locator(".leaflet-interactive").first.wait_for()
    assert page.locator(".leaflet-interactive").count() == 8


def test_a_region_recorded_with_old_numbers_says_what_it_includes_today(page) -> None:
    page.goto("/regioner/notodden-byregion/")

    note = page.locator(".note").filter(has_text="Midt-Telemark")
    assert "Bø" in note.inner_text()


def test_region_and_municipality_pages_have_no_serious_accessibility_problems(page) -> None:
    for path in ("/", "/regioner/trondheimsregionen/", "/regioner/kommuner/5035/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")

        assert axe_violations(page) == [], path


def test_a_coordinator_logs_in_and_switches_to_english(page) -> None:
    login_as(page, "koordinator")
    page.goto("/regioner/trondheimsregionen/")
    assert page.get_by_role("link", name="Kari Koordinator").is_visible()

    page.get_by_role("button", name="English").click()

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Regions").first.is_visible()
    assert axe_violations(page) == []


def test_a_wrong_password_is_refused_with_a_message(page) -> None:
    login_as(page, "koordinator", password="wrong-password")

    assert page.get_by_role("alert").is_visible()
    assert "/konto/logg-inn/" in page.url
