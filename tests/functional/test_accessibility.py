"""The key pages, public and signed in, have no serious or critical WCAG 2.1 AA problems (axe-core)."""

import pytest

from tests.functional.conftest import axe_violations, login_as

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
