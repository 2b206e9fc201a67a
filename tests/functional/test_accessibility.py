"""The key pages, public and signed in, and every kind of page a crawl reaches, have no serious or
critical WCAG 2.1 AA problems (axe-core), at 1280 and 320 px and in bokmål, nynorsk and English."""

import pytest

from tests.functional.conftest import axe_violations, login_as
from tests.functional.crawl import crawl

pytestmark = pytest.mark.functional

# (who is signed in, where to go, which link to follow there). The demo makes strategy 1 with
# action plan 1; koordinator has no business service, so the inbox is Sør-Troms' (sortroms).
KEY_PAGES = [
    (None, "/", None),
    (None, "/regioner/", None),
    (None, "/regioner/trondheimsregionen/", None),
    (None, "/regioner/kommuner/5001/", None),
    (None, "/statistikk/regioner/trondheimsregionen/", None),
    (None, "/regioner/trondheimsregionen/analyser/", None),
    (None, "/analyser/arbeidsmarkedsregioner/", None),
    (None, "/bedrift/sor-troms/henvendelse/", None),
    (None, "/bedrift/sor-troms/tjenester/", None),
    (None, "/statistikk/data/", None),
    (None, "/om/kilder/", None),
    ("koordinator", "/strategi/1/", None),
    ("koordinator", "/strategi/handlingsplan/1/", None),
    ("koordinator", "/strategi/1/rapport/", None),
    ("sortroms", "/bedrift/sor-troms/innboks/", None),
    ("sortroms", "/bedrift/sor-troms/innboks/", "Nordlys Havbruk AS (eksempel)"),
]


@pytest.mark.parametrize(("username", "path", "link"), KEY_PAGES)
def test_key_pages_have_no_serious_accessibility_problems(page, username, path, link) -> None:
    if username:
        login_as(page, username)

    response = page.goto(path)
    if link:
        page.get_by_role("link", name=link).click()
    page.wait_for_load_state("networkidle")

    assert response is not None
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == [], page.url


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("width", [1280, 320])
def test_every_kind_of_page_has_no_serious_accessibility_problems(page, language, width) -> None:
    """axe-core over a crawl of the demo (one page per URL pattern), signed in as koordinator (who
    sees the most), at both widths and in all three interface languages."""
    login_as(page, "koordinator")
    paths = list(crawl(page, language, per_pattern=1))
    page.set_viewport_size({"width": width, "height": 900})

    found = {}
    for path in paths:
        page.goto(path)
        # A cold page (the first benchmark or labour-market map) on a busy machine takes a while.
        page.wait_for_load_state("networkidle", timeout=60_000)
        if violations := axe_violations(page):
            found[path] = violations

    assert len(paths) > 20, paths
    assert found == {}, "\n".join(f"{path}: {problems}" for path, problems in found.items())
