"""Language in a real browser: the switch works both ways everywhere, and no page mixes languages."""

import re
from urllib.parse import urlsplit

import pytest

from tests.functional.conftest import login_as
from tests.functional.crawl import PREFIX, crawl
from tests.functional.language import (
    demo_texts,
    vocabulary,
    wrong_language_words,
)

pytestmark = pytest.mark.functional

BUTTON = {"en": "English", "nn": "Nynorsk", "nb": "Bokmål"}
REGIONS_LINK = {"nb": "Regioner", "en": "Regions", "nn": "Regionar"}
# (who is signed in, page with a query string, what its heading names in every language)
ROUND_TRIP_PAGES = [
    (None, "/statistikk/regioner/trondheimsregionen/?sammenlign=gjovikregionen", "Trondheim"),
    (None, "/regioner/trondheimsregionen/analyser/?fra=2017&til=2022", "Trondheimsregionen"),
    ("koordinator", "/strategi/1/?vis=alt", "Verdiskapingsstrategi for Trondheimsregionen"),
    ("sortroms", "/bedrift/sor-troms/innboks/?status=open", "Sør-Troms"),
]


@pytest.mark.parametrize(("username", "path", "name"), ROUND_TRIP_PAGES)
def test_the_language_round_trip_keeps_the_page_and_changes_the_language(
    page, username, path, name
) -> None:
    if username:
        login_as(page, username)
    page.goto(path)
    heading = page.get_by_role("heading", level=1).inner_text()

    # Signed in: a form with buttons; anonymous: plain links (the page stays cacheable).
    role = "button" if username else "link"
    for language in ("en", "nn", "nb"):
        page.get_by_role(role, name=BUTTON[language], exact=True).click()
        page.wait_for_load_state()

        assert (
            urlsplit(page.url).path + "?" + urlsplit(page.url).query == PREFIX[language] + path
        ), language
        assert page.locator("html").get_attribute("lang") == language
        assert name in page.get_by_role("heading", level=1).inner_text()
        nav = page.get_by_role("navigation", name=re.compile("Hovudmeny|Hovedmeny|Main menu"))
        assert nav.get_by_role("link", name=REGIONS_LINK[language], exact=True).is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == heading  # back in bokmål


@pytest.mark.parametrize("language", ["en", "nn", "nb"])
def test_no_page_shows_another_languages_interface_words(page, language) -> None:
    words, content = vocabulary(), demo_texts()
    login_as(page, "koordinator")  # sees the most: strategy, reporting, region editing

    texts = crawl(page, language)

    assert len(texts) > 30, sorted(texts)
    found = {
        path: sorted(wrong)
        for path, text in texts.items()
        if (wrong := wrong_language_words(text, language=language, words=words, content=content))
    }
    assert found == {}, "\n".join(f"{path}: {', '.join(wrong)}" for path, wrong in found.items())
