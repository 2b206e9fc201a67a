"""The API: 401 without login, 403 outside the region, 404 when not visible, 422 with reasons."""

from typing import Any

import pytest
from django.test import Client

from samspill.inquiries.models import Inquiry
from tests.inquiries.conftest import BARDU, SALANGEN, TRONDHEIM, People, municipality
from tests.inquiries.factories import InquiryContactFactory, InquiryFactory

pytestmark = pytest.mark.django_db

LIST = "/api/inquiries/regions/sor-troms/inquiries"


def test_without_login_the_answer_is_401(client: Client) -> None:
    assert client.get(LIST).status_code == 401


@pytest.mark.parametrize(
    ("who", "status"), [("viewer", 200), ("bardu_developer", 200), ("trondheim_developer", 403)]
)
def test_the_list_is_for_the_region_s_people(
    client: Client, people: People, who: str, status: int
) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(SALANGEN)])
    InquiryContactFactory.create(inquiry=inquiry)
    client.force_login(getattr(people, who))

    response = client.get(LIST)

    assert response.status_code == status
    if status == 200:
        # No organisation number: the name may be a person's, and these users may not see the
        # inquiry's personal data (neither assigned nor from Salangen).
        assert response.json()[0]["company_name"] == ""
        assert response.json()[0]["company_identity_withheld"] == "unverified"
        assert response.json()[0]["case_number"] == inquiry.reference
        assert "Kari" not in response.content.decode()
        assert "kari@example.invalid" not in response.content.decode()


def test_detail_is_404_outside_the_region_and_never_has_personal_data(
    client: Client, people: People
) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(SALANGEN)], description="Kari vil ha tomt"
    )
    InquiryContactFactory.create(inquiry=inquiry)

    client.force_login(people.trondheim_coordinator)
    assert client.get(f"/api/inquiries/{inquiry.pk}").status_code == 404

    client.force_login(people.coordinator)
    body = client.get(f"/api/inquiries/{inquiry.pk}").json()
    assert body["personal_data_access"] is True
    assert "Kari" not in str(body)


def test_unknown_region_is_404(client: Client, people: People) -> None:
    client.force_login(people.coordinator)

    assert client.get("/api/inquiries/regions/no-such-region/inquiries").status_code == 404


def test_bad_query_values_are_422(client: Client, people: People) -> None:
    client.force_login(people.coordinator)

    assert client.get(LIST + "?limit=0").status_code == 422
    assert client.get(LIST + "?limit=abc").status_code == 422
    assert client.get(LIST + "?offset=-1").status_code == 422


def test_an_offset_beyond_the_database_s_integers_is_422_not_500(
    client: Client, people: People
) -> None:
    client.force_login(people.coordinator)

    response = client.get(LIST + "?offset=9223372036854775808")

    assert response.status_code == 422
    assert "offset" in str(response.json()["errors"])  # the reason, by field
    assert client.get(LIST + "?offset=1000000").json() == []


def test_a_viewer_gets_statistics(client: Client, people: People) -> None:
    InquiryFactory.create(
        municipalities=[municipality(BARDU)], status="lost", lost_reason="no_site", area_m2=30_000
    )
    client.force_login(people.viewer)

    body = client.get("/api/inquiries/regions/sor-troms/summary?need=site&min_area_m2=20000").json()

    assert body["total"] == 1
    assert body["unmet_demand"]["unmet"] == 1


def test_staff_register_through_the_api_with_reasons_for_bad_input(
    client: Client, people: People
) -> None:
    client.force_login(people.bardu_developer)
    payload: dict[str, Any] = {
        "company_name": "API AS",
        "organisation_number": "923609017",
        "needs": ["site"],
        "municipality_numbers": [BARDU],
        "contact_name": "Kari",
        "contact_email": "kari@example.invalid",
    }

    bad = client.post(LIST, payload, content_type="application/json")
    outside = client.post(
        LIST, {**payload, "municipality_numbers": [TRONDHEIM]}, content_type="application/json"
    )
    good = client.post(
        LIST, {**payload, "organisation_number": "923609016"}, content_type="application/json"
    )

    assert bad.status_code == 422
    assert "organisation_number" in bad.json()["errors"]
    assert outside.status_code == 422
    assert good.status_code == 201
    assert Inquiry.objects.get().source == Inquiry.Source.STAFF


def test_services_are_open_data(client: Client) -> None:
    response = client.get("/api/inquiries/regions/sor-troms/services")

    assert response.status_code == 200
    assert len(response.json()["municipalities"]) == 4


def test_odd_paths_and_bodies_never_give_500(client: Client, people: People) -> None:
    client.force_login(people.coordinator)

    assert client.get("/api/inquiries/abc").status_code in (404, 422)
    assert client.get("/api/inquiries/999999").status_code == 404
    assert client.post(LIST, "not json", content_type="application/json").status_code in (400, 422)
    assert (
        client.post(LIST, {"company_name": "X"}, content_type="application/json").status_code == 422
    )
    assert client.get("/api/inquiries/regions/sor-troms/summary?min_area_m2=-1").status_code == 422


@pytest.mark.parametrize(
    ("content_type", "status"),
    [("multipart/form-data", 400), ("multipart/form-data; boundary=xyz", 415)],
)
def test_a_form_body_instead_of_json_is_4xx_with_a_reason(
    people: People, content_type: str, status: int
) -> None:
    # With CSRF checks on (as in the browser) the check reads the form body before the API does.
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.bardu_developer)
    client.cookies["csrftoken"] = "a" * 32

    response = client.post(
        LIST,
        b'--xyz\r\nContent-Disposition: form-data; name="company_name"\r\n\r\nX\r\n--xyz--\r\n',
        content_type=content_type,
        headers={"X-CSRFToken": "a" * 32},
    )

    assert response.status_code == status
    assert response.json()["detail"]
    assert not Inquiry.objects.exists()
