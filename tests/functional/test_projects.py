"""A coordinator registers a project by drawing a line on the map, sees it on the timeline and in
the construction-load view, and moves it in a what-if scenario (that changes no facts)."""

import json
import re
import uuid

import pytest

from tests.functional.conftest import axe_violations, csp_violations, login_as

pytestmark = pytest.mark.functional


def test_coordinator_draws_a_project_and_moves_it_in_a_what_if(page) -> None:
    name = f"Logistikksenter Stjørdal {uuid.uuid4().hex[:6]}"
    csp = csp_violations(page)
    login_as(page, "koordinator")

    page.goto("/prosjekter/")
    assert "E6 Værnes–Hell" in page.get_by_role("region", name="Prosjektliste").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Registrer prosjekt").first.click()
    assert axe_violations(page) == []

    # Draw a line: choose the tool, click three points in the map.
    page.get_by_role("button", name="Linje").click()
    drawing_map = page.locator("[data-draw-target]")
    page.wait_for_selector("[data-draw-target] .map-label")  # the outlines have loaded
    box = drawing_map.bounding_box()
    assert box is not None
    for fx, fy in ((0.45, 0.45), (0.5, 0.5), (0.55, 0.48)):
        drawing_map.click(position={"x": box["width"] * fx, "y": box["height"] * fy})
    drawn = json.loads(page.locator("#id_geometry").input_value())
    assert drawn["type"] == "LineString"
    assert len(drawn["coordinates"]) == 3

    page.locator("#id_name").fill(name)
    page.locator("#id_kind").select_option("business_park")
    page.get_by_label("Stjørdal", exact=True).check()
    page.locator("#id_phase_construction_start").fill("2027")  # end missing: said next to it
    page.locator("#id_construction_person_years").fill("400")
    page.get_by_role("button", name="Lagre").click()
    assert "både start og slutt" in page.locator("#id_phase_construction_end_error").inner_text()
    assert page.locator("#id_geometry").input_value() != ""  # the drawing survives the error
    page.locator("#id_phase_construction_end").fill("2028 K2")
    page.get_by_role("button", name="Lagre").click()

    assert page.get_by_role("heading", level=1).inner_text() == name
    phases = page.get_by_role("region", name="Faser som tabell").inner_text()
    assert "2027–2028 K2" in phases
    assert axe_violations(page) == []

    page.goto("/prosjekter/?region=trondheimsregionen")
    assert name in page.get_by_role("region", name="Faser som tabell").inner_text()

    page.get_by_role("link", name="Byggebelastning og hva om").first.click()
    assert axe_violations(page) == []
    table = page.locator("#load-table")
    before = _row(table.inner_text(), "2027 K1")
    shift = page.get_by_label(f"Flytt {name} (måneder)")
    shift.fill("12")
    page.get_by_role("button", name="Vis belastningen").click()
    after = _row(page.locator("#load-table").inner_text(), "2027 K1")
    assert after[1] == before[1]  # the baseline column is unchanged …
    assert _number(after[0]) == pytest.approx(_number(before[0]) - 400, abs=0.2)  # … the load moved
    scenario = f"Senere logistikk {uuid.uuid4().hex[:6]}"
    page.get_by_label("Navn på scenarioet").fill(scenario)
    page.get_by_role("button", name="Lagre scenarioet").click()
    assert page.get_by_label(f"Flytt {name} (måneder)").input_value() == "12"
    assert scenario in page.get_by_role("link", name=scenario).inner_text()

    page.goto("/prosjekter/")
    page.get_by_role("link", name=name).first.click()
    assert "2027–2028 K2" in page.get_by_role("region", name="Faser som tabell").inner_text()
    assert csp == []


def _row(text: str, quarter: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith(quarter):
            return re.split(r"\t+", line)[1:3]
    raise AssertionError(f"{quarter} not in the load table")


def _number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
