"""Pages: the public form (validation, spam, privacy), the inbox, detail, follow-up, reports."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samspill.audit.selectors import audit_entries_for
from samspill.inquiries.models import Company, Inquiry, InquiryContact, MunicipalityService
from samspill.inquiries.spam import form_started_token
from tests.inquiries.conftest import BARDU, SALANGEN, People, municipality
from tests.inquiries.factories import (
    CompanyFactory,
    InquiryContactFactory,
    InquiryFactory,
    MunicipalityServiceFactory,
)

pytestmark = pytest.mark.django_db

FORM_URL = "/bedrift/sor-troms/henvendelse/"


@pytest.fixture(autouse=True)
def _no_rate_limit_carry_over() -> None:
    cache.clear()


def _form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "company_name": "Fjellfisk AS",
        "organisation_number": "923609016",
        "needs": ["site", "premises"],
        "municipalities": [municipality(BARDU).pk],
        "area": "25",
        "area_unit": "daa",
        "employees": "10",
        "jobs_expected": "12",
        "timing": "6m",
        "description": "Trenger kaiplass.",
        "contact_name": "Kari Nordmann",
        "contact_email": "kari@example.invalid",
        "contact_phone": "40000000",
        "website": "",
        "started": form_started_token(now=0),  # long ago: a human, not a bot
    }
    data.update(overrides)
    return data


def test_the_public_form_works_without_an_account(client: Client, settings: Any) -> None:
    settings.INQUIRY_FORM_MIN_SECONDS = 0
    page = client.get(FORM_URL)
    assert page.status_code == 200
    assert "Personvern" in page.content.decode()

    response = client.post(FORM_URL, _form(started=form_started_token()))

    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.area_m2 == 25_000
    assert inquiry.source == Inquiry.Source.PUBLIC_FORM
    assert InquiryContact.objects.get(inquiry=inquiry).name == "Kari Nordmann"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"organisation_number": "923609017"}, "organisation_number", "kontrollsiffer"),
        ({"contact_email": "kari@"}, "contact_email", "E-postadressen"),
        ({"area": "-3"}, "area", "større enn 0"),
        ({"employees": "-1"}, "employees", ""),
        ({"needs": []}, "needs", "minst ett behov"),
        ({"municipalities": []}, "municipalities", "minst én kommune"),
        # Beyond a 64-bit integer: the id query overflowed (500) before it could miss.
        ({"municipalities": ["99999999999999999999"]}, "municipalities", "99999999999999999999"),
        ({"contact_email": "", "contact_phone": ""}, "contact_email", "e-post eller telefon"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_keeps_what_was_typed(
    client: Client, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = client.post(FORM_URL, _form(**overrides))

    html = response.content.decode()
    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert 'value="Fjellfisk AS"' in html
    assert "Trenger kaiplass." in html


def test_the_honeypot_pretends_success_and_saves_nothing(client: Client) -> None:
    response = client.post(FORM_URL, _form(website="http://spam.example"))

    assert response.status_code == 302
    assert not Inquiry.objects.exists()


def test_a_form_sent_too_fast_is_refused_but_keeps_the_input(client: Client, settings: Any) -> None:
    settings.INQUIRY_FORM_MIN_SECONDS = 30

    response = client.post(FORM_URL, _form(started=form_started_token()))

    assert not Inquiry.objects.exists()
    assert "svært raskt" in response.content.decode()
    assert 'value="Fjellfisk AS"' in response.content.decode()


def test_a_forged_start_time_is_refused(client: Client) -> None:
    client.post(FORM_URL, _form(started="forged"))

    assert not Inquiry.objects.exists()


def test_many_submissions_from_one_address_are_rate_limited(client: Client) -> None:
    statuses = [client.post(FORM_URL, _form()).status_code for _ in range(6)]

    assert statuses == [302] * 5 + [429]
    assert Inquiry.objects.count() == 5


def test_behind_a_proxy_the_limit_is_per_visitor_not_for_everyone(
    client: Client, settings: Any
) -> None:
    # The defect: behind nginx every visitor was 127.0.0.1, so one visitor's 5 used up everyone's.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    def post(visitor: str) -> int:
        return client.post(FORM_URL, _form(), HTTP_X_FORWARDED_FOR=visitor).status_code

    first = [post("203.0.113.9") for _ in range(6)]
    other = post("198.51.100.7")
    forged = post("192.0.2.1, 203.0.113.9")  # the first visitor cannot escape by forging a hop

    assert first == [302] * 5 + [429]
    assert other == 302
    assert forged == 429


def test_the_public_form_is_never_cached(client: Client) -> None:
    response = client.get(FORM_URL)

    assert "no-store" in response["Cache-Control"]


def test_the_privacy_notice_says_how_long(client: Client, settings: Any) -> None:
    settings.INQUIRY_RETENTION_DAYS = 400

    html = client.get("/bedrift/personvern/").content.decode()

    assert "400 dager" in html


def test_the_service_overview_is_public_with_region_totals(client: Client) -> None:
    MunicipalityServiceFactory.create(
        municipality=municipality(BARDU),
        person_years=1,
        bought_person_years="0.2",
        business_association=True,
    )

    html = client.get("/bedrift/sor-troms/tjenester/").content.decode()

    assert "Bardu" in html
    assert "1,2" in html
    assert MunicipalityService.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("viewer", 200),
        ("bardu_developer", 200),
        ("trondheim_developer", 403),
        ("outsider", 403),
    ],
)
def test_the_inbox_is_for_the_region_s_people(
    client: Client, people: People, who: str, status: int
) -> None:
    client.force_login(getattr(people, who))

    assert client.get("/bedrift/sor-troms/innboks/").status_code == status


def test_the_inbox_answers_htmx_with_the_table_only(client: Client, people: People) -> None:
    InquiryFactory.create(company_name="Polarlaks AS", municipalities=[municipality(BARDU)])
    client.force_login(people.coordinator)

    response = client.get("/bedrift/sor-troms/innboks/?status=open", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert "Polarlaks AS" in html
    assert "<html" not in html


def test_the_inbox_has_a_bounded_number_of_queries(
    client: Client, people: People, django_assert_max_num_queries: Any
) -> None:
    for _ in range(15):
        InquiryFactory.create(
            municipalities=[municipality(BARDU), municipality(SALANGEN)],
            assigned_advisers=[people.bardu_developer],
        )
    client.force_login(people.coordinator)

    with django_assert_max_num_queries(20):
        response = client.get("/bedrift/sor-troms/innboks/")

    assert response.status_code == 200


def test_a_viewer_sees_the_case_but_no_contact_and_cannot_ask_for_it(
    client: Client, people: People
) -> None:
    company = CompanyFactory.create(  # confirmed as a limited company: its name is not personal
        facts_status=Company.FactsStatus.FOUND, organisation_form_code="AS"
    )
    inquiry = InquiryFactory.create(
        municipalities=[municipality(SALANGEN)],
        description="Kari vil ha tomt",
        company_name="Nordlys Bygg AS",
        company=company,
    )
    InquiryContactFactory.create(inquiry=inquiry)
    client.force_login(people.viewer)

    html = client.get(inquiry.get_absolute_url()).content.decode()

    assert "Nordlys Bygg AS" in html
    # Neither the contact person nor a description naming her (Faker may name the viewer "Karin").
    assert "Kari Nordmann" not in html
    assert "kari@example.invalid" not in html
    assert "Kari vil ha tomt" not in html
    assert client.get(f"/bedrift/henvendelser/{inquiry.pk}/kontakt/").status_code == 403
    assert client.get(f"/bedrift/henvendelser/{inquiry.pk}/kontakt/eksport.json").status_code == 403


def test_another_region_gets_404_for_the_inquiry(client: Client, people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(SALANGEN)])
    client.force_login(people.trondheim_coordinator)

    assert client.get(inquiry.get_absolute_url()).status_code == 404


def test_showing_the_contact_is_logged(client: Client, people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(SALANGEN)])
    InquiryContactFactory.create(inquiry=inquiry)
    client.force_login(people.salangen_developer)

    response = client.get(
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/", headers={"HX-Request": "true"}
    )

    assert "kari@example.invalid" in response.content.decode()
    assert [e.action for e in audit_entries_for(subject=inquiry)] == ["view_personal"]


def test_the_coordinator_assigns_and_the_adviser_takes_it_to_established(
    client: Client, people: People
) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    client.force_login(people.coordinator)
    assert (
        client.post(
            f"/bedrift/henvendelser/{inquiry.pk}/tildel/",
            {"advisers": [people.salangen_developer.pk]},
        ).status_code
        == 302
    )

    client.force_login(people.salangen_developer)
    client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/notat/",
        {"text": "Befaring", "next_step": "Send kart", "due_date": "2030-01-01"},
    )
    bad = client.post(f"/bedrift/henvendelser/{inquiry.pk}/status/", {"status": "established"})
    good = client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/status/",
        {
            "status": "established",
            "outcome_municipality": municipality(BARDU).pk,
            "jobs_created": "7",
        },
    )

    assert bad.status_code == 422
    assert 'id="id_outcome_municipality_error"' in bad.content.decode()
    assert good.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ESTABLISHED
    assert inquiry.jobs_created == 7
    assert inquiry.notes.count() == 1


def test_export_and_erase_from_the_page(client: Client, people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    InquiryContactFactory.create(inquiry=inquiry)
    client.force_login(people.coordinator)

    exported = json.loads(
        client.get(f"/bedrift/henvendelser/{inquiry.pk}/kontakt/eksport.json").content
    )
    missing_reason = client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/slett/", {"reason": ""}
    )
    erased = client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/slett/", {"reason": "Bedt om det"}
    )

    assert exported["contact_person"]["name"] == "Kari Nordmann"
    assert missing_reason.status_code == 422
    assert erased.status_code == 302
    assert not InquiryContact.objects.filter(inquiry=inquiry).exists()


def test_reports_and_exports(client: Client, people: People) -> None:
    InquiryFactory.create(
        municipalities=[municipality(BARDU)],
        status="lost",
        lost_reason="no_site",
        unmet_needs=["site"],
        area_m2=30_000,
    )
    client.force_login(people.viewer)

    html = client.get(
        reverse("inquiries:reports", args=["sor-troms"]) + "?need=site&min_area_daa=20"
    ).content.decode()
    csv_text = client.get("/bedrift/sor-troms/rapporter/henvendelser.csv").content.decode(
        "utf-8-sig"
    )
    workbook = load_workbook(
        __import__("io").BytesIO(
            client.get("/bedrift/sor-troms/rapporter/henvendelser.xlsx").content
        )
    )

    assert "1 henvendelse om tomt / næringsareal på mer enn 20 daa; ingen ble møtt" in html
    assert "fant ingen egnet tomt" in csv_text
    assert "Kari" not in csv_text
    assert workbook.active is not None
    assert workbook.active.max_row == 2
    assert client.get("/bedrift/sor-troms/rapporter/henvendelser.pdf").status_code == 404


def test_staff_register_for_a_business(client: Client, people: People) -> None:
    client.force_login(people.bardu_developer)

    response = client.post("/bedrift/sor-troms/ny/", _form())

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert inquiry.registered_by == people.bardu_developer


def test_routing_rules_page_for_coordinators(client: Client, people: People) -> None:
    client.force_login(people.coordinator)
    response = client.post(
        "/bedrift/sor-troms/ruting/",
        {
            "need": "site",
            "municipality": municipality(BARDU).pk,
            "adviser": people.bardu_developer.pk,
            "priority": 10,
        },
    )
    assert response.status_code == 302

    client.force_login(people.viewer)
    assert (
        client.post(
            "/bedrift/sor-troms/ruting/", {"adviser": people.bardu_developer.pk, "priority": 1}
        ).status_code
        == 403
    )


def test_competence_profile_and_directory(client: Client, people: People) -> None:
    client.force_login(people.bardu_developer)
    client.post(
        "/bedrift/min-kompetanse/",
        {
            "competence_areas": ["site", "funding"],
            "specialities": "Forsvarsrelatert næring",
            "accepts_inquiries": "on",
            "version": 0,
        },
    )

    html = client.get("/bedrift/sor-troms/kompetanse/").content.decode()

    assert "Forsvarsrelatert næring" in html
    assert "finansiering" in html


def test_overdue_page(client: Client, people: People) -> None:
    client.force_login(people.coordinator)

    assert client.get("/bedrift/sor-troms/oppfolging/").status_code == 200


def test_a_bad_contact_correction_is_shown_next_to_the_field(
    client: Client, people: People
) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    InquiryContactFactory.create(inquiry=inquiry)
    client.force_login(people.coordinator)

    bad = client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/endre/", {"name": "Kari", "email": "kari@"}
    )
    good = client.post(
        f"/bedrift/henvendelser/{inquiry.pk}/kontakt/endre/",
        {"name": "Kari", "email": "kari@example.invalid", "phone": "", "version": 1},
    )

    assert bad.status_code == 422
    assert 'id="id_email_error"' in bad.content.decode()
    assert 'value="kari@"' in bad.content.decode()
    assert good.status_code == 302
    assert InquiryContact.objects.get(inquiry=inquiry).phone == ""


def test_the_inbox_is_paginated_and_keeps_the_filter(client: Client, people: People) -> None:
    for _ in range(51):
        InquiryFactory.create(municipalities=[municipality(BARDU)])
    client.force_login(people.coordinator)

    first = client.get("/bedrift/sor-troms/innboks/?status=open").content.decode()
    second = client.get("/bedrift/sor-troms/innboks/?status=open&side=2").content.decode()

    assert "51 henvendelser" in first
    assert "status=open&amp;side=2" in first
    assert second.count('<th scope="row"><a class="ds-link" href="/bedrift/henvendelser/') == 1


def test_a_municipality_keeps_its_own_service_row(client: Client, people: People) -> None:
    client.force_login(people.bardu_developer)
    assert (
        "/bedrift/tjenester/5520/endre/"
        in client.get("/bedrift/sor-troms/tjenester/").content.decode()
    )
    assert (
        "/bedrift/tjenester/5522/endre/"
        not in client.get("/bedrift/sor-troms/tjenester/").content.decode()
    )

    bad = client.post(
        "/bedrift/tjenester/5520/endre/",
        {
            "organisation": "Næringssjef",
            "person_years": "-1",
            "bought_person_years": "0",
            "facts_as_of": "2026-01-05",
        },
    )
    good = client.post(
        "/bedrift/tjenester/5520/endre/?neste=/bedrift/sor-troms/tjenester/",
        {
            "organisation": "Næringssjef",
            "person_years": "1",
            "bought_person_years": "0.2",
            "facts_as_of": "2026-01-05",
            "business_association": "on",
            "version": 0,
        },
    )

    assert 'id="id_person_years_error"' in bad.content.decode()
    assert good.status_code == 302
    assert MunicipalityService.objects.get(
        municipality=municipality(BARDU)
    ).bought_person_years == Decimal("0.2")
    assert (
        client.post(
            "/bedrift/tjenester/5522/endre/",
            {
                "organisation": "x",
                "person_years": "1",
                "bought_person_years": "0",
                "facts_as_of": "2026-01-05",
            },
        ).status_code
        == 403
    )


def test_no_open_redirects(client: Client, people: People) -> None:
    client.force_login(people.bardu_developer)

    response = client.post(
        "/bedrift/tjenester/5520/endre/?neste=https://evil.example/",
        {
            "organisation": "Næringssjef",
            "person_years": "1",
            "bought_person_years": "0",
            "facts_as_of": "2026-01-05",
            "version": 0,
        },
    )

    assert response["Location"] == "/bedrift/sor-troms/tjenester/#tjeneste-5520"


def test_the_detail_page_has_a_bounded_number_of_queries(
    client: Client, people: People, django_assert_max_num_queries: Any
) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU), municipality(SALANGEN)],
        assigned_advisers=[people.bardu_developer],
    )
    for n in range(20):
        InquiryFactory._meta.model.objects.get(pk=inquiry.pk).notes.create(
            author=people.coordinator, text=f"Notat {n}"
        )
    client.force_login(people.coordinator)

    with django_assert_max_num_queries(35):
        response = client.get(inquiry.get_absolute_url())

    assert response.status_code == 200
    assert "Notat 19" in response.content.decode()


def test_the_front_door_links_only_the_inboxes_the_user_may_open(
    client: Client, people: People
) -> None:
    client.force_login(people.bardu_developer)

    html = client.get("/bedrift/").content.decode()

    assert "/bedrift/sor-troms/innboks/" in html
    assert "/bedrift/trondheimsregionen/innboks/" not in html
