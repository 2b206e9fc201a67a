"""Layout in a real browser: reflow at 320 px on every page, no clipped tables at 1280 px, titles,
the phone menu and the maps (issue 10)."""

import re

import pytest

from tests.functional.conftest import login_as
from tests.functional.crawl import crawl

pytestmark = pytest.mark.functional

SITE = "Samspill"
# Elements wider than the screen, outside any box that scrolls by itself: what makes the page scroll.
TOO_WIDE = """() => {
  const root = document.documentElement;
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= root.clientWidth + 1) continue;
    let parent = element.parentElement, contained = false;
    while (parent && parent !== document.body) {
      if (getComputedStyle(parent).overflowX !== "visible") { contained = true; break; }
      parent = parent.parentElement;
    }
    if (!contained) wide.push(element.tagName.toLowerCase() + "." + String(element.className) + " → " + Math.round(box.right) + " px");
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 5)};
}"""
# Table regions whose table is wider or taller than the box shows: content the user must scroll to.
CLIPPED_TABLES = """() => [...document.querySelectorAll(".table-wrap, .table-scroll")]
  .filter((box) => box.clientWidth > 0 && (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1))
  .map((box) => ((box.querySelector("caption") || box).textContent.trim().slice(0, 60)) + ": " + box.scrollWidth + " > " + box.clientWidth)"""


def _title_problem(title: str, host: str) -> str | None:
    page_part = title.removesuffix(f" – {SITE}")
    if not title.endswith(f" – {SITE}") or not page_part.strip():
        return "does not end with the site's name"
    if host in title or page_part == SITE:
        return "names the host or only the site"
    return None


@pytest.mark.parametrize(
    ("username", "language"),
    [(None, "nb"), ("koordinator", "nb"), ("sortroms", "nb"), ("koordinator", "en"), (None, "nn")],
)
def test_no_page_scrolls_sideways_at_320_px_and_every_title_names_the_site(
    page, username, language
) -> None:
    """WCAG 1.4.10 Reflow: every page a crawl of the demo reaches, at 320 CSS pixels."""
    if username:
        login_as(page, username)
    else:
        page.goto("/")
    paths = list(crawl(page, language))
    page.set_viewport_size({"width": 320, "height": 800})
    host = page.url.split("/")[2]

    too_wide, bad_titles = {}, {}
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        result = page.evaluate(TOO_WIDE)
        if result["scrollWidth"] > result["clientWidth"]:
            too_wide[path] = f"{result['scrollWidth']} px: {result['wide']}"
        title = page.title()
        if problem := _title_problem(title, host):
            bad_titles[path] = f"{title!r} {problem}"

    assert len(paths) > 25, paths
    assert too_wide == {}, "\n".join(f"{path}: {why}" for path, why in too_wide.items())
    assert bad_titles == {}, "\n".join(f"{path}: {why}" for path, why in bad_titles.items())


@pytest.mark.parametrize("username", [None, "koordinator", "sortroms"])
def test_no_table_hides_content_in_a_clipped_box_at_1280_px(page, username) -> None:
    """Wide tables (the Sør-Troms service overview) are readable without hidden scrolling."""
    if username:
        login_as(page, username)
    else:
        page.goto("/")
    paths = list(crawl(page, "nb"))
    page.set_viewport_size({"width": 1280, "height": 900})

    clipped = {}
    for path in [*paths, "/bedrift/sor-troms/tjenester/"]:
        page.goto(path)
        page.wait_for_load_state("load")
        if boxes := page.evaluate(CLIPPED_TABLES):
            clipped[path] = boxes

    assert clipped == {}, "\n".join(f"{path}: {boxes}" for path, boxes in clipped.items())


def test_the_services_overview_shows_salangen_and_the_total_at_1280_px(page) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/bedrift/sor-troms/tjenester/")

    table = page.get_by_role("table", name="Kommunenes næringstjeneste")
    for text in ("Salangen", "Regionen i alt"):
        cell = table.get_by_role("rowheader", name=re.compile(text)).first
        cell.scroll_into_view_if_needed()
        box, region = (
            cell.bounding_box(),
            page.locator(".table-wrap, .table-scroll").filter(has=table).bounding_box(),
        )
        assert box is not None
        assert region is not None
        assert box["y"] + box["height"] <= region["y"] + region["height"] + 1, text


def test_on_a_phone_the_menu_folds_behind_a_real_button(page) -> None:
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/")
    button = page.get_by_role("button", name="Meny")
    nav = page.locator("nav.site-header__nav")  # folded, it leaves the accessibility tree
    regions = nav.get_by_role("link", name="Regioner", exact=True)

    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == nav.get_attribute("id")
    assert not regions.is_visible()

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert regions.is_visible()

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not regions.is_visible()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Meny"


def test_on_a_wide_screen_the_menu_shows_without_a_button(page) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hovedmeny")

    assert not page.get_by_role("button", name="Meny").is_visible()
    links = nav.get_by_role("link").all_inner_texts()
    assert links[:2] == ["Regioner", "For bedrifter"]  # what people look for, not the data first
    assert links.index("Statistikk") > links.index("Regioner")


def test_without_javascript_the_phone_menu_links_still_show(browser, demo_server) -> None:
    context = browser.new_context(base_url=demo_server, locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/")

    nav = page.get_by_role("navigation", name="Hovedmeny")
    assert nav.get_by_role("link", name="Regioner", exact=True).is_visible()
    assert not page.get_by_role("button", name="Meny").is_visible()
    context.close()


# Anything a keyboard reaches inside a map, and whether it has a name.
FOCUSABLE_IN_MAPS = """() => [...document.querySelectorAll(".map")].flatMap((map) =>
  [...map.querySelectorAll("a[href], button, input, select, textarea, [tabindex], path, svg")]
    .filter((element) => element.tabIndex >= 0 && element.getAttribute("tabindex") !== "-1")
    .filter((element) => !(element.getAttribute("aria-label") || element.getAttribute("title") || element.textContent.trim()))
    .map((element) => element.tagName + "." + element.getAttribute("class")))"""


@pytest.mark.parametrize(
    ("path", "legend_text"),
    [
        ("/regioner/trondheimsregionen/", "Medlemskommune"),
        ("/regioner/kommuner/5001/", "Kommunegrensen til Trondheim"),
        ("/statistikk/regioner/trondheimsregionen/", "Pendling inn i eller ut av området"),
        ("/analyser/arbeidsmarkedsregioner/", "Én farge per region"),
    ],
)
def test_every_map_has_a_legend_names_and_no_unlabelled_focusable_shapes(
    page, path, legend_text
) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    maps = page.locator(".map")
    maps.first.scroll_into_view_if_needed()

    assert maps.count() >= 1
    legend = page.locator(".map-legend").first
    assert legend.is_visible()
    assert legend_text in legend.inner_text()
    assert page.evaluate(FOCUSABLE_IN_MAPS) == []
    if "arbeidsmarkedsregioner" not in path:
        assert page.locator(".map .map-label").count() >= 1  # municipal names on the map


def test_the_flows_map_legend_formats_its_number_for_the_page_language(page) -> None:
    page.goto("/statistikk/regioner/trondheimsregionen/")
    norwegian = page.locator(".map-legend").first.inner_text()
    page.goto("/en/statistikk/regioner/trondheimsregionen/")
    english = page.locator(".map-legend").first.inner_text()

    assert re.search(r"\d[\u00a0\u202f ]\d{3}\)", norwegian), norwegian  # 12 345
    assert re.search(r"\d,\d{3}\)", english), english  # 12,345
