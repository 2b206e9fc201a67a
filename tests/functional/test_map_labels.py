"""The flows map's municipal names never overlap (Trondheimsregionen's members lie close)."""

import pytest

pytestmark = pytest.mark.functional

OVERLAPS = """() => {
  const boxes = [...document.querySelectorAll("[data-flows] .leaflet-tooltip.map-label")]
    .map((element) => ({ name: element.textContent, box: element.getBoundingClientRect() }));
  const found = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.box.left < b.box.right && b.box.left < a.box.right
        && a.box.top < b.box.bottom && b.box.top < a.box.bottom) found.push([a.name, b.name]);
  }));
  return { shown: boxes.map((b) => b.name), overlapping: found };
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_two_names_on_the_flows_map_overlap(page, width) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/statistikk/regioner/trondheimsregionen/")
    page.locator("[data-flows][data-labels-placed] .leaflet-tooltip.map-label").first.wait_for()

    result = page.evaluate(OVERLAPS)

    assert result["overlapping"] == []
    # The centre ("Trondheim - Tråante") carries the most commuters: its name is placed first.
    assert result["shown"][0].startswith("Trondheim")
