"""Analyses in a real browser: the new-jobs tool, the labour-market-region demo result, WCAG."""

import pytest

from tests.functional.conftest import axe_violations

pytestmark = pytest.mark.functional


def test_a_visitor_asks_where_the_workers_of_500_new_jobs_in_stjordal_will_live(page):
    page.goto("/regioner/kommuner/5035/")
    page.get_by_role("link", name="Analyser: vekst, pendling og nye jobber").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Analyser for Stjørdal"

    page.get_by_role("spinbutton", name="Antall").fill("500")
    page.get_by_label("Kommune", exact=False).select_option("5035")
    page.get_by_role("button", name="Fordel").click()

    table = page.locator(".allocation-table")
    table.wait_for()
    assert "500 nye jobber i Stjørdal" in page.locator("#new-jobs-result").inner_text()
    assert table.get_by_role("row").filter(has_text="Stjørdal (5035)").count() == 1
    assert "/analyser/" in page.url  # swapped in place by htmx, no page load
    assert axe_violations(page) == []

    page.get_by_role("spinbutton", name="Antall").fill("0")
    page.get_by_role("button", name="Fordel").click()

    page.locator("#new-jobs-result [role=alert]").wait_for()
    assert "Antall" in page.locator("#new-jobs-result [role=alert]").inner_text()


def test_the_labour_market_region_page_shows_the_demo_result_and_its_quality(page):
    page.goto("/analyser/arbeidsmarkedsregioner/")

    quality = page.locator(".lma-quality")
    assert "Modularitet (Q)" in quality.inner_text()
    assert "Gyldige regioner" in quality.inner_text()
    assert page.locator(".lma-regions tbody tr").count() > 50
    page.locator("[data-group-layer-url] .leaflet-interactive").first.wait_for()
    assert axe_violations(page) == []


def test_a_region_analysis_page_explains_shift_share_and_has_no_serious_problems(page):
    page.goto("/regioner/notodden-byregion/analyser/")

    # Attractiveness over business-sector jobs by default: Notodden did better than expected.
    assert "høyere enn bransjestrukturen skulle tilsi" in page.locator("#shift-share").inner_text()
    page.get_by_label("Referanseområde").select_option("rest")
    page.get_by_role("button", name="Oppdater").click()
    page.get_by_text("Referanse: Resten av Telemark").wait_for()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
