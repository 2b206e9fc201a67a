"""Berit (Bardu) follows a memo; Sara (Salangen, another municipality) saves a new version; Berit
sees the notification on Min side, where the login leads, and in the notification list."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.functional.conftest import axe_violations, demo_command, login_as

pytestmark = pytest.mark.functional


@pytest.fixture
def second_page(browser: Any, demo_server: str) -> Iterator[Any]:
    """Another person's browser (own cookies)."""
    context = browser.new_context(base_url=demo_server, locale="nb-NO")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_a_follower_sees_a_colleagues_new_version(page: Any, second_page: Any) -> None:
    title = f"Verkstednotat næringsareal {uuid.uuid4().hex[:6]}"
    colleague = second_page
    login_as(colleague, "salangen")
    colleague.goto("/kunnskap/ny/sor-troms/notat/")
    colleague.locator("#id_title").fill(title)
    colleague.get_by_label("Hvem kan lese").select_option(value="region")
    colleague.locator("#id_body_markdown").fill("Første utkast fra Salangen.")
    colleague.get_by_role("button", name="Lagre").click()
    assert colleague.get_by_role("heading", level=1).inner_text() == title
    document_url = colleague.url

    login_as(page, "bardu")
    assert page.url.endswith("/min-side/")  # the login leads to the start page
    assert page.get_by_role("heading", name="Dette venter på meg").is_visible()
    page.goto(document_url)
    page.get_by_role("button", name="Følg (få varsler)").click()
    assert page.get_by_role("button", name="Slutt å følge").is_visible()
    assert axe_violations(page) == []

    colleague.goto(document_url)
    colleague.get_by_role("link", name="Rediger notatet (ny versjon)").click()
    colleague.locator("#id_body_markdown").fill("Andre utkast, med tall.")
    colleague.get_by_label("Hva er endret").fill("La til tall")
    colleague.get_by_role("button", name="Lagre").click()
    assert colleague.get_by_role("heading", level=1).inner_text() == title
    demo_command("notifications", "fan-out")  # what the task worker does after the save

    page.goto("/min-side/")
    news = page.locator("section", has=page.get_by_role("heading", name="Nye varsler"))
    assert "la ut en ny versjon av" in news.inner_text()
    assert "v2: La til tall" in news.inner_text()
    # Two: Berit also follows Sør-Troms (demo), so she heard of the new document too.
    assert news.get_by_role("link", name=title).first.get_attribute("href") in document_url
    assert "la ut et nytt dokument" in news.inner_text()
    assert page.get_by_role("link", name="Varsler (").first.is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Alle varsler og det du følger").click()
    assert page.get_by_role("link", name=title).first.is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Merk alle som lest").click()
    assert "uleste)" not in page.locator("header").inner_text()
