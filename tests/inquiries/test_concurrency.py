"""No lost updates, atomic transitions and no double submissions at the front door.

The same behaviour on SQLite and PostgreSQL, one request after the other; the truly parallel
version of the closing race is in test_concurrency_postgres.py.
"""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from samspill.audit.selectors import audit_entries_for
from samspill.inquiries.models import Inquiry, InquiryContact, MunicipalityService
from samspill.inquiries.spam import form_started_token, form_token_key
from tests.core.conflicts import assert_no_lost_update, logged_in
from tests.inquiries.conftest import BARDU, SALANGEN, People, municipality
from tests.inquiries.factories import InquiryContactFactory, InquiryFactory

pytestmark = pytest.mark.django_db


def closing_entries(inquiry: Inquiry) -> int:
    return sum(1 for entry in audit_entries_for(subject=inquiry) if "closed_at" in entry.changes)


def _established(place: str = BARDU, **extra: Any) -> dict[str, Any]:
    return {"status": "established", "outcome_municipality": municipality(place).pk} | extra


# --- State transitions on the pages --------------------------------------------------------


def test_closing_an_inquiry_someone_just_closed_says_so_and_logs_one_close(
    people: People,
) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.bardu_developer]
    )
    url = f"/bedrift/henvendelser/{inquiry.pk}/status/"
    first, second = logged_in(people.bardu_developer), logged_in(people.coordinator)

    assert first.post(url, _established(jobs_created="4")).status_code == 302
    late = second.post(url, {"status": "lost", "lost_reason": "other_region"})

    assert late.status_code == 409
    assert "allerede avsluttet" in late.content.decode()
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.jobs_created) == (Inquiry.Status.ESTABLISHED, 4)
    assert closing_entries(inquiry) == 1


def test_assigning_a_closed_inquiry_is_a_message_not_a_server_error(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)],
        status=Inquiry.Status.WITHDRAWN,
    )

    response = logged_in(people.coordinator).post(
        f"/bedrift/henvendelser/{inquiry.pk}/tildel/", {"advisers": [people.bardu_developer.pk]}
    )

    assert response.status_code == 409
    assert "allerede avsluttet" in response.content.decode()
    assert not inquiry.assigned_advisers.exists()


def test_a_status_form_older_than_the_inquiry_is_changed_meanwhile(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.bardu_developer]
    )
    url = f"/bedrift/henvendelser/{inquiry.pk}/status/"
    anna, bjorn = logged_in(people.bardu_developer), logged_in(people.coordinator)
    version = (
        anna.get(f"/bedrift/henvendelser/{inquiry.pk}/").context["status_form"]["version"].value()
    )

    assert bjorn.post(url, {"status": "in_dialogue", "version": version}).status_code == 302
    stale = anna.post(url, {"status": "assigned", "version": version})

    assert stale.status_code == 409
    assert "endret av noen andre i mellomtiden" in stale.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.IN_DIALOGUE


# --- Edit forms --------------------------------------------------------------------------------


def test_the_contact_form(people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])
    InquiryContactFactory.create(inquiry=inquiry)

    def saved() -> str:
        return InquiryContact.objects.get(inquiry=inquiry).name

    assert_no_lost_update(
        url=f"/bedrift/henvendelser/{inquiry.pk}/kontakt/endre/",
        form_url=f"/bedrift/henvendelser/{inquiry.pk}/kontakt/",
        form_name="contact_form",
        data=lambda name: {"name": name, "email": "kari@example.invalid", "phone": ""},
        saved=saved,
        anna=people.coordinator,
        bjorn=people.bardu_developer,
    )


def test_the_service_entry_form_also_when_both_create_it(people: People) -> None:
    def saved() -> str:
        return MunicipalityService.objects.get(municipality=municipality(BARDU)).organisation

    assert_no_lost_update(
        url="/bedrift/tjenester/5520/endre/",
        data=lambda text: {
            "organisation": text,
            "person_years": "1",
            "bought_person_years": "0",
            "facts_as_of": "2026-01-05",
        },
        saved=saved,
        anna=people.bardu_developer,
        bjorn=people.coordinator,
    )


def test_the_competence_profile_in_two_tabs(people: People) -> None:
    adviser = people.salangen_developer

    assert_no_lost_update(
        url="/bedrift/min-kompetanse/",
        data=lambda text: {"specialities": text, "accepts_inquiries": "on"},
        saved=lambda: _profile_specialities(adviser.pk),
        anna=adviser,
        bjorn=adviser,
    )


def _profile_specialities(user_id: int) -> str:
    from samspill.inquiries.models import AdviserProfile

    return AdviserProfile.objects.get(user_id=user_id).specialities


# --- API ---------------------------------------------------------------------------------------


def _api(client: Client, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(url, body, content_type="application/json", headers=headers)


def test_api_closing_a_closed_inquiry_is_409_with_the_current_version(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.bardu_developer]
    )
    client = logged_in(people.bardu_developer)
    url = f"/api/inquiries/{inquiry.pk}/status"

    first = _api(
        client, url, {"status": "established", "outcome_municipality_number": BARDU, "version": 1}
    )
    second = _api(client, url, {"status": "lost", "lost_reason": "other_region"})

    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert second.status_code == 409
    assert "allerede avsluttet" in second.json()["detail"]
    assert second.json()["current_version"] == 2
    assert closing_entries(inquiry) == 1


def test_api_a_stale_version_or_if_match_is_409(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.bardu_developer]
    )
    client = logged_in(people.coordinator)
    url = f"/api/inquiries/{inquiry.pk}/assign"

    moved = _api(client, url, {"advisers": [people.salangen_developer.username]}, If_Match='"1"')
    stale = _api(client, url, {"advisers": [people.bardu_developer.username]}, If_Match='"1"')
    unreadable = _api(client, url, {"advisers": [people.bardu_developer.username]}, If_Match="x")

    assert moved.status_code == 200
    assert stale.status_code == 409
    assert stale.json()["current_version"] == 2
    assert unreadable.status_code == 400
    assert [a.pk for a in inquiry.assigned_advisers.all()] == [people.salangen_developer.pk]


def test_api_assigning_a_closed_inquiry_is_409(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(SALANGEN)], status=Inquiry.Status.LOST, lost_reason="other"
    )

    response = _api(
        logged_in(people.coordinator),
        f"/api/inquiries/{inquiry.pk}/assign",
        {"advisers": [people.salangen_developer.username]},
    )

    assert response.status_code == 409
    assert not inquiry.assigned_advisers.exists()


def test_the_openapi_description_states_the_409s(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "409" in paths["/api/inquiries/{inquiry_id}/status"]["post"]["responses"]
    assert "409" in paths["/api/inquiries/{inquiry_id}/assign"]["post"]["responses"]
    patch = paths["/api/strategy/measures/{measure_id}"]["patch"]["responses"]
    assert {"409", "428"} <= set(patch)


# --- The public form -----------------------------------------------------------------------

FORM_URL = "/bedrift/sor-troms/henvendelse/"


@pytest.fixture(autouse=True)
def _no_rate_limit_carry_over() -> None:
    cache.clear()


def _public_form(started: str) -> dict[str, Any]:
    return {
        "company_name": "Fjellfisk AS",
        "needs": ["site"],
        "municipalities": [municipality(BARDU).pk],
        "area_unit": "daa",
        "timing": "6m",
        "contact_name": "Kari Nordmann",
        "contact_email": "kari@example.invalid",
        "website": "",
        "started": started,
    }


def test_a_double_submitted_form_makes_one_inquiry_and_the_same_receipt(client: Client) -> None:
    token = form_started_token(now=0)

    first = client.post(FORM_URL, _public_form(token))
    second = client.post(FORM_URL, _public_form(token))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    inquiry = Inquiry.objects.get()
    receipt = client.get(second["Location"]).content.decode()
    assert inquiry.case_number
    assert inquiry.case_number in receipt
    assert "Kari Nordmann" in receipt  # the sender's own summary, for the sender's session

    elsewhere = Client().get(second["Location"]).content.decode()
    assert inquiry.case_number not in elsewhere
    assert "Kari" not in elsewhere


def test_a_replayed_token_with_other_content_makes_nothing_new(client: Client) -> None:
    token = form_started_token(now=0)
    client.post(FORM_URL, _public_form(token))

    replay = client.post(FORM_URL, _public_form(token) | {"company_name": "Spam AS"})

    assert replay.status_code == 302
    assert list(Inquiry.objects.values_list("company_name", flat=True)) == ["Fjellfisk AS"]


def test_forms_shown_in_the_same_second_have_different_tokens() -> None:
    first, second = form_started_token(now=1000), form_started_token(now=1000)

    assert first != second
    assert form_token_key(first) != form_token_key(second) != ""
    assert form_token_key("forged") == ""


def test_a_tampered_receipt_shows_no_receipt(client: Client) -> None:
    html = client.get("/bedrift/henvendelse/takk/?kvittering=forged").content.decode()

    assert 'id="receipt"' not in html
