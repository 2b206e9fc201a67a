"""A business sends an inquiry through the public form; the region takes it to "established"."""

import re
import uuid

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional


def test_a_business_inquiry_goes_from_the_public_form_to_established(page) -> None:
    company = f"Testbedrift {uuid.uuid4().hex[:8]} AS"

    # A business, without an account, fills in the form with a mistyped organisation number.
    page.goto("/bedrift/sor-troms/henvendelse/")
    assert axe_violations(page) == []
    page.get_by_label("Bedriftens navn").fill(company)
    page.get_by_label("Organisasjonsnummer").fill("923609017")
    page.get_by_label("lokaler").check()
    page.get_by_label("nettverk").check()
    page.get_by_label("5522 Salangen").check()
    page.get_by_label("Areal dere trenger").fill("2")
    page.get_by_label("Fortell kort om planene").fill("Vi vil flytte produksjonen nordover.")
    page.get_by_label("Kontaktperson").fill("Test Kontakt")
    page.get_by_label("E-post").fill("test@example.invalid")
    page.wait_for_timeout(3200)  # the form refuses submissions faster than a human (spam guard)
    page.get_by_role("button", name="Send henvendelsen").click()

    # The mistake is explained next to the field and nothing typed is lost.
    assert "kontrollsiffer" in page.locator("#id_organisation_number_error").inner_text()
    assert page.get_by_label("Bedriftens navn").input_value() == company
    assert page.get_by_label("lokaler").is_checked()
    page.get_by_label("Organisasjonsnummer").fill("")  # a start-up without a number yet
    page.get_by_role("button", name="Send henvendelsen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Takk for henvendelsen"

    # The coordinator finds it in the shared inbox and assigns it to Bardu's developer.
    login_as(page, "sortroms")
    page.goto("/bedrift/sor-troms/innboks/")
    page.get_by_role("link", name=company).click()
    assert page.locator("#inquiry-status").inner_text() == "Ny"
    page.get_by_label(re.compile("Berit Bardu")).check()
    page.get_by_role("button", name="Tildel", exact=True).click()
    assert page.locator("#inquiry-status").inner_text() == "Tildelt"
    inquiry_url = page.url
    page.get_by_role("button", name="Logg ut").click()

    # The adviser follows it up: sees the contact person (logged), writes a note, closes it.
    login_as(page, "bardu")
    page.goto(inquiry_url)
    page.get_by_role("link", name="Vis kontaktopplysninger").click()
    assert page.locator("#contact-name").inner_text() == "Test Kontakt"
    page.get_by_role("textbox", name="Notat", exact=True).fill("Befaring i Salangen avtalt.")
    page.get_by_role("button", name="Lagre notat").click()
    page.get_by_label("Ny status").select_option(label="etablert")
    page.get_by_label("Etablert i kommune").select_option(label="5522 Salangen")
    page.get_by_label("Arbeidsplasser skapt").fill("4")
    page.get_by_role("button", name="Lagre status").click()

    assert page.locator("#inquiry-status").inner_text() == "Etablert"
    assert "Befaring i Salangen avtalt." in page.content()


def test_front_door_pages_have_no_serious_accessibility_problems(page) -> None:
    login_as(page, "sortroms")
    for path in (
        "/bedrift/",
        "/bedrift/sor-troms/tjenester/",
        "/bedrift/sor-troms/innboks/",
        "/bedrift/sor-troms/rapporter/",
        "/bedrift/sor-troms/kompetanse/",
        "/bedrift/sor-troms/oppfolging/",
        "/bedrift/personvern/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], path

    page.goto("/bedrift/sor-troms/innboks/")
    page.get_by_role("link", name="Nordlys Havbruk AS (eksempel)").click()
    assert axe_violations(page) == []


def test_the_service_overview_shows_seed_004_for_sor_troms(page) -> None:
    page.goto("/bedrift/sor-troms/tjenester/")

    table = page.get_by_role("table")
    assert "1 + kjøp av førstelinjetjeneste (tilsvarende ca. 0,2 årsverk)" in table.inner_text()
    assert "1,5 årsverk i SPIRE, 0,5 i kommuneadministrasjon" in table.inner_text()
    assert "4,7" in page.locator(".facts").inner_text()
