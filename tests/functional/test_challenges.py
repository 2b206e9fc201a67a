"""A municipality posts a challenge, a supplier registers and answers, two assessors score, and a
pilot is chosen and followed to a scale-up decision.

Everything that does not need the answer window (the supplier's registration, the criteria, the
second owner joining) happens first; then the owner moves the real answer deadline to 25 seconds
ahead (the form takes seconds when they are sent; the picker offers minutes), opens for answers,
the supplier answers, and the test waits out the rest of those seconds — the server's own clock,
nothing faked — since nothing may be assessed before the deadline.
"""

import datetime
import time
import uuid
import zoneinfo
from typing import Any

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def _page(browser: Any, demo_server: str) -> Any:
    context = browser.new_context(base_url=demo_server, locale="nb-NO")
    context.set_default_timeout(20_000)
    return context.new_page()


def _save(page: Any) -> None:
    page.get_by_role("button", name="Lagre", exact=True).click()
    page.wait_for_load_state()


def _move(page: Any, stage: str) -> None:
    page.get_by_label(stage, exact=True).check()
    page.get_by_role("button", name="Endre fase").click()
    page.wait_for_load_state()


def _score(page: Any, answer_link: str, values: tuple[int, int]) -> None:
    page.get_by_role("link", name="Svar og vurdering").first.click()
    page.get_by_role("link", name=answer_link).click()
    page.get_by_label("Jeg er ikke inhabil for dette svaret").check()
    page.get_by_role("button", name="Lever erklæringen").click()
    page.wait_for_load_state()
    for criterion, value in zip(("Effekt", "Pris"), values, strict=True):
        page.get_by_label(f"Poeng for «{criterion}» (0–10)").fill(str(value))
        page.get_by_label(f"Begrunnelse for «{criterion}»").fill(f"Vurdert: {value}")
    page.get_by_role("button", name="Lagre vurderingen").click()
    page.get_by_text("Vurderingen din er lagret.").wait_for()


def test_from_a_need_to_a_pilot_decided_for_scale_up(browser: Any, demo_server: str) -> None:
    tag = uuid.uuid4().hex[:6]
    title = f"Slam fra små renseanlegg {tag}"
    supplier_name = f"Slamteknikk {tag} AS"
    tomorrow = datetime.datetime.now(OSLO) + datetime.timedelta(days=1)

    supplier = _page(browser, demo_server)
    supplier.goto("/utfordringer/leverandorer/registrer/")
    supplier.get_by_label("Organisasjonsnummer").fill("819999001")  # wrong check digit
    supplier.get_by_label("Navn på virksomheten").fill(supplier_name)
    supplier.locator("#id_competence").fill("Avvanning og behandling av slam.")
    supplier.get_by_label("Fornavn").fill("Siv")
    supplier.get_by_label("Etternavn").fill("Slam")
    supplier.get_by_label("E-post").fill(f"siv.{tag}@example.invalid")
    supplier.get_by_label("Brukernavn").fill(f"slam{tag}")
    supplier.get_by_label("Passord").fill("et-langt-passord-2026")
    _save(supplier)
    assert "Kontrollsifferet stemmer ikke" in supplier.content()
    assert supplier.get_by_label("Navn på virksomheten").input_value() == supplier_name
    number = _valid_number(int(tag, 16))
    supplier.get_by_label("Organisasjonsnummer").fill(number)
    supplier.get_by_label("Passord").fill("et-langt-passord-2026")
    _save(supplier)
    assert supplier_name in supplier.get_by_role("heading", level=1).inner_text()

    owner = _page(browser, demo_server)
    login_as(owner, "notodden")
    owner.goto("/utfordringer/")
    owner.get_by_role("link", name="Ny utfordring").click()
    owner.locator("#id_title").fill(title)
    owner.get_by_label("Notodden").check()
    owner.locator("#id_problem").fill("Slam fra små anlegg kjøres langt og koster mye.")
    owner.locator("#id_affected").fill("Hytteeiere og driftspersonellet.")
    owner.locator("#id_cost_today").fill("Rundt 800 000 kroner i året i transport.")
    owner.locator("#id_good_result").fill("Halvparten så mye slam å kjøre.")
    owner.locator("#id_measurement").fill("Tonn slam kjørt per år.")
    owner.get_by_label("Område").select_option(label="vann og avløp")
    owner.get_by_label("Planlagt anskaffelsesvei").select_option(label="innovasjonspartnerskap")
    owner.locator("#id_answer_deadline").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    _save(owner)
    assert owner.get_by_role("heading", level=1).inner_text() == title
    challenge_url = owner.url

    owner.get_by_role("link", name="Sett kriterier og vekter").click()
    owner.locator("#id_name_0").fill("Effekt")
    owner.locator("#id_weight_0").fill("60")
    owner.locator("#id_name_1").fill("Pris")
    owner.locator("#id_weight_1").fill("30")
    _save(owner)
    assert "Nå blir de 90 %" in owner.content()
    assert owner.locator("#id_name_0").input_value() == "Effekt"
    owner.locator("#id_weight_1").fill("40")
    _save(owner)
    _move(owner, "Åpen for dialog")  # public from here: Tinn can find it and join
    assert "Ny fase: åpen for dialog." in owner.content()

    assessor = _page(browser, demo_server)
    login_as(assessor, "tinn")
    assessor.goto(challenge_url)
    assessor.get_by_role("link", name="Bli med som eierkommune").click()
    assessor.get_by_label("Kommune").select_option(label="4026 Tinn")
    _save(assessor)

    owner.goto(challenge_url)
    owner.get_by_role("link", name="Endre behovsbeskrivelsen").click()
    deadline = (datetime.datetime.now(OSLO) + datetime.timedelta(seconds=25)).replace(microsecond=0)
    owner.locator("#id_answer_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M:%S"))
    _save(owner)
    _move(owner, "Åpen for svar")
    assert "Ny fase: åpen for svar." in owner.content()

    supplier.goto(challenge_url)
    supplier.get_by_role("link", name="Svar på utfordringen").click()
    supplier.get_by_label("Foreslått løsning").fill("Mobil avvanning på stedet.")
    supplier.get_by_label("Anslått kostnad (kr)").fill("350000")
    _save(supplier)
    assert "Sist endret" in supplier.content()
    assert datetime.datetime.now(OSLO) < deadline, "the answer came after the deadline"
    assert axe_violations(supplier) == []
    assert axe_violations(owner) == []

    while datetime.datetime.now(OSLO) < deadline + datetime.timedelta(seconds=1):
        time.sleep(1)  # the rest of the 25 seconds: waiting for the deadline, not asserting time
    owner.goto(challenge_url)
    _move(owner, "Vurdering")
    assert "Ny fase: vurdering." in owner.content()

    _score(owner, supplier_name, (8, 6))
    assessor.goto(challenge_url)
    _score(assessor, supplier_name, (7, 6))
    assert axe_violations(assessor) == []

    owner.get_by_role("link", name="Felles vurdering").click()
    assert "Vurdert: 7" in owner.content()  # the other assessor's score, shown for the joint one
    owner.get_by_label("Poeng for «Effekt» (0–10)").fill("8")
    owner.get_by_label("Begrunnelse for «Effekt»").fill("Enige etter møtet")
    owner.get_by_label("Poeng for «Pris» (0–10)").fill("6")
    owner.get_by_label("Begrunnelse for «Pris»").fill("Enige etter møtet")
    _save(owner)
    owner.get_by_label("Begrunnelse for å velge svaret til pilot").fill("Høyest vektet sum.")
    owner.get_by_role("button", name="Velg til pilot").click()
    owner.wait_for_load_state()
    assert "Svaret er valgt til pilot." in owner.content()
    pilot_url = owner.url

    owner.goto(challenge_url)
    _move(owner, "Pilot")
    owner.goto(pilot_url)
    owner.get_by_role("link", name="Registrer beslutning").click()
    owner.get_by_label("oppskalere (kjøpe)").check()
    owner.get_by_label("Anskaffelsesvei ved oppskalering").select_option(
        label="innovasjonspartnerskap"
    )
    owner.get_by_label("Begrunnelse").fill("Slammengden ble halvert i piloten.")
    _save(owner)
    assert "Beslutningen er registrert." in owner.content()
    assert axe_violations(owner) == []
    owner.goto(challenge_url)
    assert "Oppskalering" in owner.content()

    supplier.goto("/utfordringer/leverandorer/min/")
    mine = supplier.content()
    assert "Valgt til pilot" in mine
    assert "fra pilot i Samspill" in mine


def _valid_number(seed: int) -> str:
    weights = (3, 2, 7, 6, 5, 4, 3, 2)
    base = 82_000_000 + seed % 9_000_000
    while True:
        digits = f"{base:08d}"
        check = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return digits + str(0 if check == 11 else check)
        base += 1
