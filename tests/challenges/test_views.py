"""Challenge pages: public list, detail and feed; registration; who sees which answer; bad input
keeps what was typed; exports."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.challenges import services
from samspill.challenges.models import Answer, Stage, Supplier
from tests.accounts.factories import UserFactory
from tests.challenges.factories import (
    NOTODDEN,
    TINN,
    TRONDHEIM,
    AnswerFactory,
    ChallengeFactory,
    CriterionFactory,
    SupplierFactory,
    developer,
    supplier_user,
    valid_number,
)
from tests.inquiries.conftest import RecordedBrreg, unit_json

pytestmark = pytest.mark.django_db


def test_the_public_list_and_detail_need_no_account_and_hide_drafts(client: Client) -> None:
    public = ChallengeFactory.create(title="Overvann i Notodden", stage=Stage.DIALOGUE)
    draft = ChallengeFactory.create(title="Hemmelig utkast", stage=Stage.DRAFT)
    page = client.get(reverse("challenges:challenge-list")).content.decode()
    assert "Overvann i Notodden" in page
    assert "Hemmelig utkast" not in page
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(developer(NOTODDEN))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_filters_live_in_the_url_and_the_feed_follows_them(client: Client) -> None:
    ChallengeFactory.create(title="Vannlekkasjer", area="water", owners=[NOTODDEN])
    ChallengeFactory.create(title="Hjemmetjeneste", area="health", owners=[TINN])
    ChallengeFactory.create(title="Utkast om vann", area="water", stage=Stage.DRAFT)
    page = client.get(reverse("challenges:challenge-list") + "?omrade=water").content.decode()
    assert "Vannlekkasjer" in page
    assert "Hjemmetjeneste" not in page
    page = client.get(reverse("challenges:challenge-list") + f"?kommune={TINN}").content.decode()
    assert "Hjemmetjeneste" in page
    assert "Vannlekkasjer" not in page
    feed = client.get(reverse("challenges:challenge-feed") + "?omrade=water")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Vannlekkasjer" in body
    assert "Hjemmetjeneste" not in body
    assert "Utkast om vann" not in body


def test_the_export_lists_public_challenges(client: Client) -> None:
    ChallengeFactory.create(title="Slam fra renseanlegg", is_example=True)
    response = client.get(reverse("challenges:challenge-export", args=["csv"]))
    assert response.status_code == 200
    assert "Slam fra renseanlegg" in response.content.decode("utf-8-sig")


def _register_data(**changes: Any) -> dict[str, Any]:
    return {
        "organisation_number": valid_number(500),
        "name": "Telemark Vannteknikk AS",
        "municipality": "",
        "competence": "Lekkasjesøk med akustiske sensorer",
        "competence_tags": "lekkasjesøk, sensorer",
        "website": "",
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@vannteknikk.example",
        "username": "kari.vann",
        "password": "et-langt-passord-2026",
        **changes,
    }


def test_a_wrong_check_digit_is_explained_and_nothing_typed_is_lost(client: Client) -> None:
    number = valid_number(501)
    wrong = number[:8] + str((int(number[8]) + 1) % 10)
    response = client.post(
        reverse("challenges:supplier-register"), _register_data(organisation_number=wrong)
    )
    page = response.content.decode()
    assert "Kontrollsifferet stemmer ikke" in page
    assert "Lekkasjesøk med akustiske sensorer" in page
    assert "kari@vannteknikk.example" in page
    assert not Supplier.objects.exists()


def test_registration_works_when_bronnoysund_is_unreachable(client: Client) -> None:
    response = client.post(reverse("challenges:supplier-register"), _register_data())
    assert response.status_code == 302
    supplier = Supplier.objects.get()
    assert supplier.facts_status == Supplier.Facts.UNAVAILABLE
    assert supplier.organisation.kind == "supplier"
    page = client.get(response["Location"]).content.decode()  # signed in as the new supplier
    assert "Telemark Vannteknikk AS" in page
    assert "Enhetsregisteret svarte ikke" in page


def test_registration_takes_the_facts_from_bronnoysund(
    client: Client, brreg_server: RecordedBrreg
) -> None:
    number = valid_number(502)
    brreg_server.add(
        number,
        200,
        unit_json(
            number,
            "VANNTEKNIKK TELEMARK AS",
            forretningsadresse={"kommunenummer": NOTODDEN, "adresse": ["Storgata 1"]},
            naeringskode1={"kode": "71.129", "beskrivelse": "Annen teknisk konsulentvirksomhet"},
            antallAnsatte=12,
        ),
    )
    client.post(reverse("challenges:supplier-register"), _register_data(organisation_number=number))
    supplier = Supplier.objects.get()
    assert supplier.facts_status == Supplier.Facts.FOUND
    assert supplier.employees == 12
    assert supplier.municipality is not None
    assert supplier.municipality.number == NOTODDEN


def test_the_directory_searches_competence_and_municipality(client: Client) -> None:
    SupplierFactory.create(name="Rør AS", competence_tags="rørinspeksjon, robot")
    SupplierFactory.create(name="Omsorg AS", competence_tags="velferdsteknologi")
    page = client.get(reverse("challenges:supplier-list") + "?kompetanse=robot").content.decode()
    assert "Rør AS" in page
    assert "Omsorg AS" not in page
    page = client.get(reverse("challenges:supplier-list") + "?kommune=5001").content.decode()
    assert "Rør AS" not in page


def test_the_asker_is_never_shown_to_other_suppliers(client: Client) -> None:
    challenge = ChallengeFactory.create()
    asker_supplier = SupplierFactory.create(name="Spørrende Leverandør AS")
    asker = supplier_user(asker_supplier)
    question = services.question_ask(actor=asker, challenge=challenge, text="Hvilke rørtyper?")
    services.question_answer(actor=developer(NOTODDEN), question=question, answer="Mest støpejern.")
    client.force_login(supplier_user(SupplierFactory.create()))
    page = client.get(challenge.get_absolute_url()).content.decode()
    assert "Hvilke rørtyper?" in page
    assert "Mest støpejern." in page
    assert "Spørrende Leverandør AS" not in page
    assert asker.get_username() not in page


def _assessment_answer() -> tuple[Answer, Answer]:
    challenge = ChallengeFactory.create(
        stage=Stage.ASSESSMENT,
        owners=[NOTODDEN, TINN],
        answer_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    CriterionFactory.create(challenge=challenge, weight=100)
    first = AnswerFactory.create(challenge=challenge, solution="Hemmelig løsning A")
    second = AnswerFactory.create(challenge=challenge, solution="Hemmelig løsning B")
    return first, second


def test_who_sees_a_confidential_answer(client: Client) -> None:
    answer, other = _assessment_answer()
    url = reverse("challenges:answer-detail", args=[answer.pk])
    # its own supplier: yes
    client.force_login(supplier_user(answer.supplier))
    assert "Hemmelig løsning A" in client.get(url).content.decode()
    # another supplier, even one that answered the same challenge: no
    client.force_login(supplier_user(other.supplier))
    assert client.get(url).status_code == 404
    # a municipality outside the challenge: only the public parts
    outsider = developer(TRONDHEIM)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(answer.challenge.get_absolute_url()).status_code == 200
    assert (
        client.get(reverse("challenges:assessment", args=[answer.challenge_id])).status_code == 403
    )
    # an owner's assessor: the declaration first, then the answer
    assessor = developer(TINN)
    client.force_login(assessor)
    page = client.get(url).content.decode()
    assert "Habilitetserklæring" in page
    assert "Hemmelig løsning A" not in page
    client.post(reverse("challenges:answer-declare", args=[answer.pk]), {"has_conflict": "no"})
    assert "Hemmelig løsning A" in client.get(url).content.decode()
    # an assessor who declares a conflict can neither see nor score it
    conflicted = developer(NOTODDEN)
    client.force_login(conflicted)
    client.post(
        reverse("challenges:answer-declare", args=[answer.pk]),
        {"has_conflict": "yes", "note": "Styremedlem"},
    )
    assert client.get(url).status_code == 404
    criterion = answer.challenge.criteria.get()
    response = client.post(
        reverse("challenges:answer-score", args=[answer.pk]),
        {f"value_{criterion.pk}": "9", f"justification_{criterion.pk}": "Bra"},
    )
    assert response.status_code == 404
    assert not answer.scores.exists()
    summary = client.get(reverse("challenges:assessment", args=[answer.challenge_id]))
    assert answer.supplier.name not in summary.content.decode()


def test_an_answer_after_the_deadline_is_refused_and_the_text_kept(client: Client) -> None:
    challenge = ChallengeFactory.create(
        stage=Stage.ANSWERS, answer_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(supplier_user(SupplierFactory.create()))
    response = client.post(
        reverse("challenges:answer-edit", args=[challenge.pk]),
        {"solution": "En løsning som kom for sent"},
    )
    page = response.content.decode()
    assert "Svarfristen er ute" in page
    assert "En løsning som kom for sent" in page
    assert not Answer.objects.exists()


def test_weights_that_do_not_add_up_keep_the_criteria_typed(client: Client) -> None:
    challenge = ChallengeFactory.create(stage=Stage.DRAFT)
    client.force_login(developer(NOTODDEN))
    response = client.post(
        reverse("challenges:criteria-edit", args=[challenge.pk]),
        {"name_0": "Effekt på lekkasjer", "weight_0": "70", "name_1": "Pris", "weight_1": "20"},
    )
    page = response.content.decode()
    assert "Nå blir de 90 %" in page
    assert "Effekt på lekkasjer" in page
    assert not challenge.criteria.exists()


def test_the_assessment_exports_and_pdf_are_for_the_owners(client: Client) -> None:
    answer, _other = _assessment_answer()
    client.force_login(developer(NOTODDEN))
    for fmt in ("csv", "xlsx", "pdf"):
        response = client.get(
            reverse("challenges:assessment-export", args=[answer.challenge_id, fmt])
        )
        assert response.status_code == 200, fmt
    assert response.content.startswith(b"%PDF")
    client.force_login(UserFactory.create())
    response = client.get(
        reverse("challenges:assessment-export", args=[answer.challenge_id, "csv"])
    )
    assert response.status_code == 403


def test_the_owners_report_a_milestone_on_the_pilot_page(client: Client) -> None:
    from samspill.challenges.models import Milestone, Pilot

    answer, _other = _assessment_answer()
    pilot = Pilot.objects.create(challenge=answer.challenge, answer=answer, selection_reason="Best")
    milestone = Milestone.objects.create(
        pilot=pilot, title="Sensorer montert", due_on=datetime.date(2026, 12, 1)
    )
    client.force_login(developer(TRONDHEIM))
    url = reverse("challenges:milestone-report", args=[milestone.pk])
    assert client.post(url, {"done": "on", "result": "x"}).status_code == 403
    client.force_login(developer(NOTODDEN))
    response = client.post(url, {"done": "on", "result": "Montert på 17 km"})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.done, milestone.result) == (True, "Montert på 17 km")
    page = client.get(reverse("challenges:pilot-detail", args=[pilot.pk])).content.decode()
    assert "Montert på 17 km" in page
