"""Statistics in a real browser: region page → dashboard, compare with a region, flow map, WCAG."""

import pytest

from tests.functional.conftest import axe_violations

pytestmark = pytest.mark.functional


def test_a_politician_finds_the_regions_population_and_compares_its_growth(page):
    page.goto("/regioner/trondheimsregionen/")
    page.get_by_text("1. januar 2024: 315 065").wait_for()  # loaded by htmx from the stats app

    page.locator(".fact a", has_text="Statistikk").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Statistikk for Trondheimsregionen"
    page.get_by_label("Sammenlign veksten med en annen region").select_option("gjovikregionen")
    page.locator("#population-section").get_by_role("button", name="Vis").click()  # not on change
    page.get_by_role("columnheader", name="Indeks Gjøvikregionen").wait_for()
    assert "sammenlign=gjovikregionen" in page.url

    page.locator("[data-flows] .leaflet-interactive").first.wait_for()
    assert axe_violations(page) == []


def test_the_data_page_shows_vintages_and_known_gaps(page):
    page.goto("/statistikk/data/")
    for summary in page.locator("details.cell-details > summary").all():  # the gaps, opened
        summary.click()

    assert "Rindal mangler i 2019" in page.locator("body").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize(("prefix", "expected"), [("", "315\u00a0065"), ("/en", "315,065")])
def test_charts_write_numbers_for_the_page_language_on_a_time_axis(page, prefix, expected):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{prefix}/statistikk/regioner/trondheimsregionen/")
    canvas = page.locator("canvas[data-chart]").first
    canvas.wait_for()
    page.wait_for_function(
        "document.querySelector('canvas[data-chart]').dataset.chartReady === '1'"
    )
    # The chart's own formatter (charts.js) writes the same number as the table beside it.
    shown = page.evaluate(
        """() => {
          const chart = Chart.getChart(document.querySelector('canvas[data-chart]'));
          const x = chart.options.scales.x;
          return {
            type: x.type,
            tick: chart.options.scales.y.ticks.callback(315065),
            year: x.ticks.callback(2024),
          };
        }"""
    )
    assert shown == {"type": "linear", "tick": expected, "year": "2024"}
    assert errors == []
