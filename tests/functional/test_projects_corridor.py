"""The corridor page (/prosjekter/korridor/): the saved example corridor E6 Trondheim–Malvik–Stjørdal
opened from the register shows its projects and business sites in tables and draws the corridor,
the projects and the sites on the map (no tiles)."""

import pytest

from tests.functional.conftest import axe_violations, csp_violations

pytestmark = pytest.mark.functional


def test_the_saved_e6_corridor_shows_projects_sites_and_the_map(page) -> None:
    csp = csp_violations(page)
    page.goto("/prosjekter/")
    page.get_by_role("link", name="Korridor: E6 Trondheim–Malvik–Stjørdal").click()

    assert page.url.split("?")[0].endswith("/prosjekter/korridor/")
    assert "linje=" in page.url
    assert page.locator("#id_linje").input_value() != ""  # the saved line stands in the form
    projects = page.get_by_role("region", name="Prosjektene i korridoren")
    assert "E6 Værnes–Hell" in projects.inner_text()
    assert "eksempel" in projects.inner_text()  # the demo's invented projects say so
    figures = page.get_by_role("region", name="Tall per kommune i korridoren").inner_text()
    assert "Stjørdal" in figures
    sites = page.get_by_role("region", name="Næringsarealene i korridoren")
    assert sites.locator("tbody tr").count() >= 1
    assert "eksempel" in sites.inner_text()

    # The map: Leaflet's vector layer holds the corridor, the projects and the sites; no tiles.
    map_region = page.get_by_role(
        "region", name="Kart over korridoren, prosjektene og næringsarealene i den"
    )
    page.wait_for_selector(".leaflet-overlay-pane path")
    shapes = map_region.locator(".leaflet-overlay-pane path").count()
    assert shapes >= 1 + projects.locator("tbody tr").count()
    assert map_region.locator(".leaflet-tile").count() == 0
    assert axe_violations(page) == []
    assert csp == []
