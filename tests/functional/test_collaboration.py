"""The project manager's day in the Sør-Troms pre-project: a milestone, a steering-group meeting
with a decision, the budget split by the mixed key, and four councils' adoptions until the
decision point passes."""

import random
import uuid

import pytest

from tests.functional.conftest import axe_violations, login_as

pytestmark = pytest.mark.functional

PROJECT = "Næringsvennlig region Sør-Troms – forprosjekt"


def test_project_manager_plans_budgets_and_records_the_adoptions(page) -> None:
    tag = uuid.uuid4().hex[:4]
    login_as(page, "sortroms")  # the demo's project lead (coordinator of Sør-Troms)

    page.goto("/samarbeid/")
    page.get_by_role("link", name=PROJECT).click()
    assert page.get_by_role("heading", level=1).inner_text() == PROJECT
    assert "Milepæl 02 er datert 15.12.2018" in page.get_by_role("status").inner_text()
    assert "Trond Erik Dekko Andersen" in page.locator(".role-chart").inner_text()
    assert axe_violations(page) == []

    # A milestone: the missing date is explained next to the field, the text stays.
    page.get_by_role("link", name="Legg til milepæl").click()
    page.locator("#id_number").fill(f"T{tag}")
    page.locator("#id_marker").fill("Sluttrapport sendt kommunene")
    page.get_by_role("button", name="Lagre").click()
    assert "Oppgi en dato." in page.locator("#id_date_error").inner_text()
    assert page.locator("#id_marker").input_value() == "Sluttrapport sendt kommunene"
    page.locator("#id_date").fill("2018-04-15")
    page.get_by_role("button", name="Lagre").click()
    milestones = page.get_by_role("region", name="Milepæler", exact=True)  # not the timeline's
    assert "Sluttrapport sendt kommunene" in milestones.inner_text()

    # A steering-group meeting with a decision on an agenda item.
    page.get_by_role("link", name="Registrer møte").click()
    page.locator("#id_kind").select_option("steering_group")
    page.locator("#id_date").fill("2018-01-15")
    page.locator("#id_title").fill(f"Styringsgruppemøte {tag}")
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("link", name=f"Styringsgruppemøte {tag}").click()
    page.get_by_role("link", name="Legg til sak").click()
    number = str(random.randint(100, 999))
    page.locator("#id_number").fill(number)
    page.locator("#id_title").fill("Budsjett med kostnadsfordeling")
    page.locator("#id_decision").fill("Budsjettet sendes kommunene til behandling.")
    page.get_by_role("button", name="Lagre").click()
    assert f"{number}/2018" in page.get_by_role("region", name="Saker og vedtak").inner_text()
    assert axe_violations(page) == []

    # The budget: a cost with its financing, and a mixed key on the real population.
    page.goto("/samarbeid/")
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="Se budsjett og kostnadsfordeling").click()
    page.get_by_role("link", name="Legg til kostnad").click()
    page.locator("#id_category").select_option("travel")
    page.locator("#id_year").fill("2018")
    page.locator("#id_planned").fill("12000")
    page.get_by_role("button", name="Lagre").click()
    assert "Budsjettet går ikke opp" in page.locator("#balance").inner_text()
    page.get_by_role("link", name="Legg til finansiering").click()
    page.locator("#id_kind").select_option("municipalities")
    page.locator("#id_amount").fill("12000")
    page.get_by_role("button", name="Lagre").click()
    assert "dekker kostnadene nøyaktig" in page.locator("#balance").inner_text()
    page.get_by_role("link", name="Legg til fordelingsnøkkel").click()
    page.locator("#id_name").fill(f"Blandet {tag}")
    page.locator("#id_equal_percent").fill("30")
    page.locator("#id_population_percent").fill("60")
    page.locator("#id_population_date").fill("2018-01-01")
    page.get_by_role("button", name="Lagre").click()
    assert "nå 90 %" in page.locator("#id_equal_percent_error").inner_text()
    page.locator("#id_population_percent").fill("70")
    page.get_by_role("button", name="Lagre").click()
    comparison = page.locator("#key-comparison")
    assert f"Blandet {tag}" in comparison.inner_text()
    assert "Bardu" in comparison.inner_text()
    assert "(1.1.2018)" in comparison.inner_text()
    assert axe_violations(page) == []

    # A decision point that needs every council: passed only after the fourth adoption.
    page.goto("/samarbeid/")
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="Legg til beslutningspunkt").click()
    page.locator("#id_number").fill(number)
    page.locator("#id_date").fill("2018-02-01")
    page.locator("#id_topic").fill(f"Budsjett vedtatt {tag}")
    page.locator("#id_needs_all_councils").check()
    page.get_by_role("button", name="Lagre").click()
    page.get_by_role("link", name=f"BP {number}", exact=True).click()
    page.get_by_role("link", name="Registrer beslutning").click()
    page.locator("#id_decided_on").fill("2018-01-15")
    page.locator("#id_decision_text").fill("Styringsgruppa anbefaler budsjettet.")
    page.get_by_role("button", name="Lagre").click()
    for count in range(1, 5):  # the four municipalities, in the list's order
        assert page.locator("#point-status").inner_text() != "Passert"
        page.get_by_role("link", name="Registrer behandling i en kommune").click()
        page.locator("#id_municipality").select_option(index=count)
        page.locator("#id_meeting_date").fill("2018-01-25")
        page.locator("#id_outcome").select_option("adopted")
        page.get_by_role("button", name="Lagre").click()
        status = page.locator("#adoption-status").inner_text()
        assert status.startswith(f"Vedtatt av {count} av 4") or count == 4
    assert page.locator("#point-status").inner_text() == "Passert"
    assert page.locator("#adoption-status").inner_text() == "Vedtatt av alle 4 kommunene"
    assert axe_violations(page) == []


def test_project_manager_reads_an_agreement_and_a_report_and_opens_the_report_edit(page) -> None:
    login_as(page, "sortroms")
    agreement = "Samarbeidsavtale om næringsvennlig region (eksempel)"

    # The demo agreement: who signed version 1; being signed, it cannot be deleted.
    page.goto("/samarbeid/")
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name=agreement).click()
    assert page.get_by_role("heading", level=1).inner_text() == agreement
    signatures = page.get_by_role("region", name="Signaturer på versjon 1")
    assert "Bardu" in signatures.inner_text()
    assert "Ordfører (eksempel)" in signatures.inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Slett avtalen").click()
    assert "versjon 1 er signert" in page.locator(".ds-alert").first.inner_text()
    assert page.get_by_role("button", name="Slett").count() == 0
    assert axe_violations(page) == []

    # The demo status report, and its edit page (status and explanation only).
    page.goto("/samarbeid/")
    page.get_by_role("link", name=PROJECT).click()
    page.get_by_role("link", name="Statusrapport 01.11.2017–31.12.2017").first.click()
    assert "Risiko for avvik" in page.locator("main").inner_text()
    assert "Framdrift og budsjett ved periodens slutt" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Endre status eller forklaring").click()
    assert page.locator("#id_explanation").input_value().startswith("Eksempel: workshopene")
    assert page.get_by_label("Risiko for avvik").is_checked()
    assert axe_violations(page) == []
