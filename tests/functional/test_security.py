"""The Content-Security-Policy in a real browser: key pages work and nothing is blocked."""

from typing import Any

import pytest

from tests.functional.conftest import axe_violations, csp_violations, login_as

pytestmark = pytest.mark.functional


def test_public_pages_with_maps_and_charts_break_no_rule_of_the_policy(page: Any) -> None:
    violations = csp_violations(page)

    page.goto("/")
    # The table of regions (the start cards above it link to the statistics).
    page.locator("main a[href='/regioner/trondheimsregionen/']").first.click()
    page.locator(".leaflet-interactive").first.wait_for()  # the region's map
    page.goto("/statistikk/regioner/trondheimsregionen/")
    page.wait_for_load_state("networkidle")
    assert page.locator("canvas[data-chart]").count() > 0  # htmx loads the sections
    page.goto("/regioner/notodden-byregion/analyser/")
    page.wait_for_load_state("networkidle")
    page.goto("/analyser/arbeidsmarkedsregioner/")
    page.wait_for_load_state("networkidle")
    page.goto("/bedrift/sor-troms/henvendelse/")
    page.wait_for_load_state("networkidle")

    assert violations == []


def test_signed_in_htmx_pages_break_no_rule_of_the_policy(page: Any) -> None:
    violations = csp_violations(page)
    login_as(page, "sortroms")

    page.goto("/bedrift/sor-troms/innboks/")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Status").select_option(index=1)  # htmx swaps the table
    page.wait_for_load_state("networkidle")
    page.goto("/strategi/")
    page.wait_for_load_state("networkidle")

    assert violations == []
    assert axe_violations(page) == []


def test_the_policy_is_enforced_and_its_violations_are_seen(page: Any) -> None:
    violations = csp_violations(page)
    page.goto("/")

    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("document.body.setAttribute('style', 'color: red')")

    assert page.evaluate("getComputedStyle(document.body).color") != "rgb(255, 0, 0)"
    assert any("style-src" in violation for violation in violations)
