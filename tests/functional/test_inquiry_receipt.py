"""A business chooses its municipality, sends an inquiry and gets a receipt only it can see."""

import re
import uuid
from typing import Any

import pytest

from tests.functional.conftest import axe_violations

pytestmark = pytest.mark.functional


def test_a_business_gets_a_receipt_with_a_case_number_and_a_summary(
    page: Any, browser: Any, demo_server: str
) -> None:
    company = f"Kvitteringstest {uuid.uuid4().hex[:8]} AS"

    # Where: the municipality, not the region; the form opens with it chosen.
    page.goto("/bedrift/")
    assert "IKAP" not in page.get_by_role("table").inner_text()  # historical: no inbox
    page.get_by_role("combobox", name=re.compile("^Kommune")).select_option(label="Salangen")
    page.get_by_role("button", name="Gå videre til skjemaet").click()
    assert "/bedrift/sor-troms/henvendelse/" in page.url
    assert page.get_by_label("5522 Salangen").is_checked()

    description = page.get_by_label("Fortell kort om planene")
    helptext_id = description.get_attribute("aria-describedby") or ""
    assert "fødselsnummer" in page.locator(f"#{helptext_id.split()[0]}").inner_text()

    page.get_by_label("Bedriftens navn").fill(company)
    page.get_by_label("lokaler").check()
    page.get_by_label("Areal dere trenger").fill("3")
    description.fill("Vi trenger et lager nær E6.")
    page.get_by_label("Kontaktperson").fill("Test Kvittering")
    page.get_by_label("E-post").fill("kvittering@example.invalid")
    page.wait_for_timeout(3200)  # the spam guard refuses forms sent faster than a human
    page.get_by_role("button", name="Send henvendelsen").click()

    # The receipt: a case number and what was sent, here and nowhere else.
    assert page.get_by_role("heading", level=1).inner_text() == "Takk for henvendelsen"
    case_number = page.locator("#case-number").inner_text()
    assert re.fullmatch(r"SOR-\d{4}-\d{4}", case_number)
    receipt = page.locator("#receipt").inner_text()
    for sent in (company, "Salangen", "3 daa", "Vi trenger et lager nær E6.", "Test Kvittering"):
        assert sent in receipt
    assert "kvittering@example.invalid" in receipt
    assert axe_violations(page) == []

    stranger = browser.new_context(base_url=demo_server, locale="nb-NO")
    try:
        other = stranger.new_page()
        other.goto(page.url)
        assert other.locator("#receipt").count() == 0
        assert case_number not in other.content()
        assert company not in other.content()
    finally:
        stranger.close()


def test_a_historical_region_says_it_has_no_inbox(page: Any) -> None:
    response = page.goto("/bedrift/ikap-2016/henvendelse/")

    assert response is not None
    assert response.status == 410
    assert "tar ikke imot henvendelser" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name=re.compile("Trondheimsregionen")).count() >= 1
    assert axe_violations(page) == []
