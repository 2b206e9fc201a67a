"""Issue 10's front door: case numbers and receipts, historical regions, choosing a municipality,
the register's status, guidance beside free text, sole proprietorships and the services' age."""

import csv
import datetime
import io
import json
import re
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samspill.inquiries.brreg import LookupResult
from samspill.inquiries.models import Company, Inquiry, MunicipalityService
from samspill.inquiries.reports import (
    WITHHELD_SOLE_PROPRIETORSHIP,
    WITHHELD_UNVERIFIED,
    company_identity_withheld,
)
from samspill.inquiries.services import (
    ContactInput,
    InquiryInput,
    case_prefix,
    company_facts_refresh,
    facts_retry_delay,
    inquiry_submit,
)
from samspill.inquiries.tasks import inquiry_receipt_mail
from samspill.portability.services import region_export
from samspill.regions.importers.regions import parse_region_memberships
from samspill.regions.models import Region
from tests.accounts.factories import UserFactory
from tests.conftest import SmtpServer
from tests.inquiries.conftest import BARDU, SALANGEN, People, RecordedBrreg, municipality, unit_json
from tests.inquiries.factories import (
    CompanyFactory,
    InquiryContactFactory,
    InquiryFactory,
    MunicipalityServiceFactory,
    sor_troms,
)
from tests.inquiries.test_views import FORM_URL, _form

pytestmark = pytest.mark.django_db

CASE_NUMBER = re.compile(r"^SOR-\d{4}-\d{4}$")


@pytest.fixture(autouse=True)
def _fresh(settings: Any) -> None:
    cache.clear()
    settings.INQUIRY_FORM_MIN_SECONDS = 0


def ikap() -> Region:
    return Region.objects.get(slug="ikap-2016")


def _data(**overrides: Any) -> InquiryInput:
    values: dict[str, Any] = {
        "company_name": "Fjellfisk AS",
        "needs": ["site"],
        "municipalities": [municipality(BARDU)],
    }
    return InquiryInput(**(values | overrides))


CONTACT = ContactInput(name="Kari Nordmann", email="kari@example.invalid")


def _confirmed(number: str = "923609016", code: str = "AS") -> Company:
    forms = {"AS": "Aksjeselskap", "ENK": "Enkeltpersonforetak"}
    return CompanyFactory.create(
        organisation_number=number,
        name="REGISTERNAVN",
        facts_status=Company.FactsStatus.FOUND,
        organisation_form=forms[code],
        organisation_form_code=code,
    )


# --- 1. Case numbers and the receipt -----------------------------------------------------------


def test_case_prefixes_come_from_the_region_short_name() -> None:
    assert case_prefix("sor-troms") == "SOR"
    assert case_prefix("trondheimsregionen") == "TRO"
    assert case_prefix("ikap-2016") == "IKA"
    assert case_prefix("ål") == "LXX"  # letters outside A–Z are dropped, short ones padded
    assert case_prefix("2016") == "SAK"


def test_case_numbers_count_per_region_and_year_and_never_change() -> None:
    first = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)
    second = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)
    other = inquiry_submit(
        region=Region.objects.get(slug="trondheimsregionen"),
        data=_data(municipalities=[municipality("5001")]),
        contact=CONTACT,
        actor=None,
    )
    year = timezone.localdate().year

    assert first.case_number == f"SOR-{year}-0001"
    assert second.case_number == f"SOR-{year}-0002"
    assert other.case_number == f"TRO-{year}-0001"
    first.refresh_from_db()
    assert first.case_number == f"SOR-{year}-0001"


def test_a_case_number_brought_in_by_an_archive_is_skipped() -> None:
    year = timezone.localdate().year
    InquiryFactory.create(case_number=f"SOR-{year}-0001")

    made = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)

    assert made.case_number == f"SOR-{year}-0002"


def test_the_receipt_shows_the_case_number_and_summary_only_to_the_sending_session(
    client: Client,
) -> None:
    response = client.post(FORM_URL, _form(organisation_number=""))
    inquiry = Inquiry.objects.get()

    page = client.get(response["Location"]).content.decode()

    number = inquiry.case_number or ""
    assert CASE_NUMBER.match(number)
    assert number in page
    for sent in ("Fjellfisk AS", "Trenger kaiplass.", "Kari Nordmann", "kari@example.invalid"):
        assert sent in page
    assert "25 daa" in page
    assert "Vi sender en kopi av kvitteringen til kari@example.invalid" in page
    assert "no-store" in client.get(response["Location"])["Cache-Control"]

    stranger = Client().get(response["Location"]).content.decode()
    assert number not in stranger
    assert "Kari" not in stranger
    assert 'id="receipt"' not in stranger


def test_a_replayed_form_from_another_session_gets_no_receipt(client: Client) -> None:
    data = _form()
    client.post(FORM_URL, data)

    other = Client()
    replay = other.post(FORM_URL, data)

    assert replay.status_code == 302
    assert Inquiry.objects.count() == 1
    assert "Kari" not in other.get(replay["Location"]).content.decode()


def test_staff_see_the_case_number_in_inbox_detail_export_and_api(
    client: Client, people: People
) -> None:
    inquiry = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)
    number = inquiry.case_number or ""
    client.force_login(people.coordinator)

    assert number in client.get("/bedrift/sor-troms/innboks/").content.decode()
    assert number in client.get(inquiry.get_absolute_url()).content.decode()
    export = client.get("/bedrift/sor-troms/rapporter/henvendelser.csv").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(export), delimiter=";"))[:2]
    assert row[header.index("Saksnummer")] == number
    assert client.get(f"/api/inquiries/{inquiry.pk}").json()["case_number"] == number
    listed = client.get("/api/inquiries/regions/sor-troms/inquiries").json()
    assert [item["case_number"] for item in listed] == [number]


@pytest.mark.parametrize(
    ("prefix", "language", "labels"),
    [
        ("", "nb", ("Bedriftens navn: Fjellfisk AS", "Kontaktperson: Kari Nordmann")),
        ("/en", "en", ("Company name: Fjellfisk AS", "Contact person: Kari Nordmann")),
    ],
)
def test_the_receipt_is_mailed_in_the_language_of_the_page(
    client: Client,
    smtp_server: SmtpServer,
    django_capture_on_commit_callbacks: Any,
    prefix: str,
    language: str,
    labels: tuple[str, ...],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{prefix}{FORM_URL}", _form(organisation_number=""))
    inquiry = Inquiry.objects.get()
    queued = DBTaskResult.objects.get(task_path="samspill.inquiries.tasks.inquiry_receipt_mail")
    assert queued.args_kwargs["args"] == [inquiry.pk, language]
    assert smtp_server.messages == []  # the page never waits for the mail server

    assert inquiry_receipt_mail.call(inquiry.pk, language) == "sent"  # what the worker does
    assert inquiry_receipt_mail.call(inquiry.pk, language) == "not needed"  # sent once

    (message,) = smtp_server.messages
    assert message["To"] == "kari@example.invalid"
    assert message["Content-Language"] == language
    number = inquiry.case_number or "-"
    assert number in message["Subject"]
    body = message.get_content()
    assert number in body
    for label in labels:  # labels the catalogues already translate
        assert label in body
    assert "Trenger kaiplass." in body
    inquiry.refresh_from_db()
    assert inquiry.receipt_mailed_at is not None


def test_no_mail_without_an_address(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, _form(contact_email="", organisation_number=""))

    assert not DBTaskResult.objects.filter(
        task_path="samspill.inquiries.tasks.inquiry_receipt_mail"
    ).exists()


# --- 2. The register's status -------------------------------------------------------------------


def test_retries_back_off_from_a_quarter_to_at_most_a_day() -> None:
    assert facts_retry_delay(1) == datetime.timedelta(minutes=15)
    assert facts_retry_delay(2) == datetime.timedelta(minutes=30)
    assert facts_retry_delay(50) == datetime.timedelta(hours=24)


def test_an_unreachable_register_says_when_it_is_tried_again_and_queues_that_try(
    client: Client,
    people: People,
    brreg_server: RecordedBrreg,
    django_capture_on_commit_callbacks: Any,
) -> None:
    brreg_server.add("923609016", 503, {"status": 503})
    company = CompanyFactory.create(name="", organisation_number="923609016")
    inquiry = InquiryFactory.create(company=company, municipalities=[municipality(BARDU)])

    with django_capture_on_commit_callbacks(execute=True):
        assert company_facts_refresh(company=company) == LookupResult.UNAVAILABLE

    company.refresh_from_db()
    assert company.facts_unreachable
    assert company.facts_failures == 1
    assert company.facts_retry_at is not None
    assert company.facts_attempted_at is not None
    assert company.facts_retry_at - company.facts_attempted_at == datetime.timedelta(minutes=15)
    queued = DBTaskResult.objects.get(task_path="samspill.inquiries.tasks.company_facts_fetch")
    assert queued.args_kwargs["args"] == [company.pk]
    assert queued.run_after == company.facts_retry_at

    client.force_login(people.coordinator)
    status = client.get(inquiry.get_absolute_url()).content.decode()
    assert "Enhetsregisteret kunne ikke nås" in status
    assert "Vi prøver igjen automatisk" in status

    brreg_server.add("923609016", 200, unit_json("923609016", "EQUINOR ASA"))
    assert company_facts_refresh(company=company) == LookupResult.FOUND
    company.refresh_from_db()
    assert (company.facts_failures, company.facts_retry_at, company.facts_error) == (0, None, "")


# --- 3. Only active regions take inquiries; businesses choose a municipality ------------------


def test_the_demo_marks_ikap_2016_as_historical() -> None:
    assert ikap().historical
    assert not sor_troms().historical


def test_the_region_file_reads_the_historical_column() -> None:
    rows = parse_region_memberships(
        [
            "region_slug,region_name,kind,municipality_number,valid_from,historical",
            "old,Old,planning,5001,2016-01-01,yes",
            "new,New,council,5001,2020-01-01,",
        ]
    )
    assert [row.historical for row in rows] == [True, False]


def test_a_historical_region_is_no_choice_and_its_inbox_urls_say_so(
    client: Client, people: People
) -> None:
    front = client.get("/bedrift/").content.decode()
    assert "ikap-2016" not in front
    assert "/bedrift/sor-troms/henvendelse/" in front

    form = client.get("/bedrift/ikap-2016/henvendelse/")
    assert form.status_code == 410
    assert "historisk samarbeid" in form.content.decode()
    assert "/bedrift/trondheimsregionen/henvendelse/" in form.content.decode()  # where to go

    client.force_login(UserFactory.create(is_superuser=True, is_staff=True))
    inbox = client.get("/bedrift/ikap-2016/innboks/").content.decode()
    assert client.get("/bedrift/ikap-2016/ny/").status_code == 410
    assert 'id="no-inbox"' in inbox
    assert "/bedrift/ikap-2016/ny/" not in inbox


def test_the_api_and_the_service_refuse_a_historical_region(client: Client) -> None:
    client.force_login(UserFactory.create(is_superuser=True, is_staff=True))
    response = client.post(
        "/api/inquiries/regions/ikap-2016/inquiries",
        {"company_name": "X AS", "needs": ["site"], "contact_name": "Kari"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "historisk" in response.json()["detail"]

    with pytest.raises(ValidationError) as raised:
        inquiry_submit(
            region=ikap(),
            data=_data(municipalities=[municipality("5001")]),
            contact=CONTACT,
            actor=None,
        )
    assert "region" in raised.value.message_dict


def test_a_business_chooses_where_by_municipality(client: Client) -> None:
    response = client.get("/bedrift/", {"kommune": SALANGEN})

    assert response.status_code == 302
    assert response["Location"] == f"/bedrift/sor-troms/henvendelse/?kommune={SALANGEN}"
    form = client.get(response["Location"]).content.decode()
    salangen = municipality(SALANGEN).pk
    checked = re.search(rf'<input[^>]*value="{salangen}"[^>]*>', form)
    assert checked is not None
    assert "checked" in checked.group(0)


def test_a_municipality_outside_every_active_region_is_not_offered(client: Client) -> None:
    page = client.get("/bedrift/", {"kommune": "1601"})  # old Trondheim: only in IKAP 2016

    assert page.status_code == 200
    assert 'aria-invalid="true"' in page.content.decode()


# --- 4. Guidance beside free text ----------------------------------------------------------------


def test_free_text_fields_carry_guidance_against_personal_data(
    client: Client, people: People
) -> None:
    form = client.get(FORM_URL).content.decode()
    assert re.search(r'<textarea[^>]*aria-describedby="id_description_helptext"', form)
    assert "fødselsnummer" in form

    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    client.force_login(people.coordinator)
    detail = client.get(inquiry.get_absolute_url()).content.decode()
    assert re.search(r'<textarea[^>]*aria-describedby="id_text_helptext"', detail)
    assert re.search(r'<textarea[^>]*aria-describedby="id_outcome_note_helptext"', detail)
    helptext = re.search(r'id="id_text_helptext">([^<]*)<', detail)
    assert helptext is not None
    assert "fødselsnummer" in helptext.group(1)


# --- 5. Sole proprietorships stay out of what is without personal data -------------------------


def test_which_companies_are_withheld() -> None:
    def why(**kwargs: str) -> str:
        values = {"organisation_number": "923609016", "facts_status": "found", "form_code": "AS"}
        return company_identity_withheld(**(values | {"form": ""} | kwargs))

    assert why() == ""
    assert why(form_code="ENK") == WITHHELD_SOLE_PROPRIETORSHIP
    assert why(form_code="", form="Enkeltpersonforetak") == WITHHELD_SOLE_PROPRIETORSHIP
    assert why(organisation_number="") == WITHHELD_UNVERIFIED
    assert why(facts_status="pending") == WITHHELD_UNVERIFIED


def test_the_export_leaves_out_sole_proprietorships_names_and_numbers(
    client: Client, people: People
) -> None:
    InquiryFactory.create(company=_confirmed("923609016", "AS"), company_name="Fjellfisk AS")
    InquiryFactory.create(company=_confirmed("987654325", "ENK"), company_name="Kari Nordmann")
    client.force_login(people.coordinator)

    export = client.get("/bedrift/sor-troms/rapporter/henvendelser.csv").content.decode("utf-8-sig")

    assert "Fjellfisk AS" in export
    assert "923609016" in export
    assert "Kari Nordmann" not in export
    assert "987654325" not in export
    assert "(utelatt: enkeltpersonforetak)" in export


def test_the_api_list_withholds_a_sole_proprietorship_from_those_without_access(
    client: Client, people: People
) -> None:
    sole = InquiryFactory.create(
        company=_confirmed("987654325", "ENK"),
        company_name="Kari Nordmann",
        municipalities=[municipality(SALANGEN)],
    )
    InquiryContactFactory.create(inquiry=sole)

    client.force_login(people.viewer)
    (item,) = client.get("/api/inquiries/regions/sor-troms/inquiries").json()
    assert (item["company_name"], item["organisation_number"]) == ("", "")
    assert item["company_identity_withheld"] == "sole_proprietorship"
    assert "Kari Nordmann" not in client.get(sole.get_absolute_url()).content.decode()
    assert "Kari Nordmann" not in client.get("/bedrift/sor-troms/innboks/").content.decode()

    client.force_login(people.salangen_developer)  # the municipality concerned: may see it
    (item,) = client.get("/api/inquiries/regions/sor-troms/inquiries").json()
    assert item["company_name"] == "Kari Nordmann"


def test_the_archive_without_personal_data_leaves_out_sole_proprietorships() -> None:
    InquiryFactory.create(company=_confirmed("923609016", "AS"), company_name="Fjellfisk AS")
    InquiryFactory.create(company=_confirmed("987654325", "ENK"), company_name="Kari Nordmann")
    buffer = io.BytesIO()

    region_export(region=sor_troms(), destination=buffer, with_personal_data=False, actor=None)

    with zipfile.ZipFile(buffer) as archive:
        companies = json.loads(archive.read("inquiries.company.json"))
        inquiries = json.loads(archive.read("inquiries.inquiry.json"))
    assert [c["fields"]["organisation_number"] for c in companies] == ["923609016"]
    names = sorted(i["fields"]["company_name"] for i in inquiries)
    assert names == ["(utelatt: sole_proprietorship)", "Fjellfisk AS"]
    assert all(
        i["fields"]["company"] is None
        for i in inquiries
        if i["fields"]["company_name"].startswith("(utelatt")
    )


# --- 6. The service overview's age, and back to it after saving ---------------------------------


def test_the_service_overview_flags_facts_older_than_two_years(client: Client) -> None:
    MunicipalityServiceFactory.create(
        municipality=municipality(BARDU), facts_as_of=datetime.date(2017, 9, 28)
    )
    MunicipalityServiceFactory.create(
        municipality=municipality(SALANGEN), facts_as_of=timezone.localdate()
    )

    page = client.get("/bedrift/sor-troms/tjenester/").content.decode()

    assert 'id="facts-age-warning"' in page
    assert "28.09.2017" in page
    assert page.count("kan være utdatert</span>") == 1


def test_fresh_service_facts_give_no_warning(client: Client) -> None:
    MunicipalityServiceFactory.create(
        municipality=municipality(BARDU), facts_as_of=timezone.localdate()
    )

    page = client.get("/bedrift/sor-troms/tjenester/").content.decode()

    assert 'id="facts-age-warning"' not in page
    assert "Opplysningene gjelder per" in page


def test_saving_an_entry_returns_to_the_overview_at_its_row(client: Client, people: People) -> None:
    client.force_login(people.bardu_developer)
    form = client.get("/bedrift/tjenester/5520/endre/").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in form  # a new entry: checked today

    saved = client.post(
        "/bedrift/tjenester/5520/endre/",
        {
            "organisation": "Næringssjef",
            "person_years": "1",
            "bought_person_years": "0",
            "facts_as_of": "2026-01-05",
            "version": 0,
        },
    )

    assert saved.status_code == 302
    assert saved["Location"] == "/bedrift/sor-troms/tjenester/#tjeneste-5520"
    service = MunicipalityService.objects.get(municipality=municipality(BARDU))
    assert service.facts_as_of == datetime.date(2026, 1, 5)
    assert service.person_years == Decimal(1)
