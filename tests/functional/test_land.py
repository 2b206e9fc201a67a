"""A business finds a plot near Værnes on the map page; an adviser matches an inquiry and reserves it."""

import re

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional

PLOT = "Værnes næringspark, tomt A (eksempel)"


def test_a_business_finds_a_plot_near_vaernes_and_an_adviser_reserves_it(page) -> None:
    # A business, without an account, searches by size and distance to the airport.
    page.goto("/areal/")
    page.get_by_label("Type", exact=True).select_option("plot")
    page.get_by_label("Minst (daa)").fill("30")
    page.get_by_label("Avstand fra").select_option("vaernes")
    page.get_by_label("Høyst km i luftlinje").fill("10")
    page.get_by_role("button", name="Søk", exact=True).click()
    page.wait_for_load_state()
    assert "punkt=vaernes" in page.url  # the search is in the URL, to share
    listing = page.get_by_role("region", name="Arealer som passer søket")
    assert listing.get_by_role("link", name=PLOT).count() == 1
    page.locator(".map .leaflet-overlay-pane path").first.wait_for(state="attached")
    # The map's shapes are drawing only: never reached by keyboard, hidden from screen readers.
    assert page.locator(".map path[tabindex]:not([tabindex='-1'])").count() == 0
    assert page.locator(".map .leaflet-overlay-pane").get_attribute("aria-hidden") == "true"
    assert axe_violations(page) == []
    listing.get_by_role("link", name=PLOT).click()
    assert page.get_by_role("heading", level=1).inner_text() == PLOT
    assert (
        "Trondheim lufthavn Værnes"
        in page.get_by_role("region", name="Avstander fra arealet").inner_text()
    )
    assert "Eksempel" in page.locator("main").inner_text()

    # The adviser opens the inquiry that asks for land near Værnes and reserves the plot for it.
    login_as(page, "koordinator")
    page.goto("/bedrift/trondheimsregionen/innboks/")
    page.get_by_role("link", name=re.compile("Midtnorsk Frakt")).first.click()
    inquiry = re.search(r"/henvendelser/(\d+)/", page.url)
    assert inquiry is not None
    page.goto(f"/areal/henvendelse/{inquiry.group(1)}/")
    candidates = page.get_by_role("region", name="Kandidater")
    assert candidates.get_by_role("link", name=PLOT).count() == 1
    assert "Størrelse" in candidates.inner_text()  # each score with its reasons
    assert axe_violations(page) == []
    page.locator("select#id_site").select_option(label=PLOT)  # the reserve form's «Areal»
    page.get_by_role("button", name="Reserver", exact=True).click()
    page.wait_for_load_state()
    assert f"«{PLOT}» er reservert" in page.locator("main").inner_text() or (
        f"«{PLOT}» er reservert" in page.content()
    )
    page.goto("/areal/?type=plot&min_daa=30&punkt=vaernes&maks_km=10")
    listing = page.get_by_role("region", name="Arealer som passer søket")
    assert listing.get_by_role("link", name=PLOT).count() == 0  # reserved: no longer offered
