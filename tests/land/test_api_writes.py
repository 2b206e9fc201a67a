"""API writes beyond sites: reservations (atomic, 409) and the all-or-nothing import (422)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from samspill.accounts.models import User
from samspill.inquiries.models import Inquiry, Need
from samspill.land.models import Availability, Reservation, Site
from samspill.regions.models import Municipality, Region
from tests.inquiries.factories import InquiryFactory
from tests.land.factories import make_site
from tests.land.test_import import GOOD_CSV, LAT, LON

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry() -> Inquiry:
    return InquiryFactory.create(
        region=Region.objects.get(slug="trondheimsregionen"),
        needs=[Need.SITE],
        municipalities=[Municipality.objects.get(number="5035")],
        area_m2=25_000,
    )


def test_reserving_through_the_api_is_201_then_409_for_the_loser(
    client: Client, inquiry: Inquiry, coordinator: User
) -> None:
    site = make_site("5035")
    other = InquiryFactory.create(region=inquiry.region, needs=[Need.SITE])
    client.force_login(coordinator)

    first = client.post(
        f"/api/land/inquiries/{inquiry.pk}/reservations",
        json.dumps({"site_id": site.pk, "note": "Holdes til møtet"}),
        content_type="application/json",
    )
    second = client.post(
        f"/api/land/inquiries/{other.pk}/reservations",
        json.dumps({"site_id": site.pk}),
        content_type="application/json",
    )

    assert first.status_code == 201
    assert first.json()["site_id"] == site.pk
    assert second.status_code == 409
    assert "allerede reservert" in second.json()["detail"]
    assert Reservation.objects.filter(released_at__isnull=True).count() == 1


def test_releasing_through_the_api_and_twice_is_409(
    client: Client, inquiry: Inquiry, coordinator: User
) -> None:
    site = make_site("5035")
    client.force_login(coordinator)
    created = client.post(
        f"/api/land/inquiries/{inquiry.pk}/reservations",
        json.dumps({"site_id": site.pk}),
        content_type="application/json",
    ).json()

    released = client.post(f"/api/land/reservations/{created['id']}/release")
    again = client.post(f"/api/land/reservations/{created['id']}/release")

    assert released.status_code == 200
    assert released.json()["released_at"] is not None
    assert Site.objects.get(pk=site.pk).availability == Availability.AVAILABLE
    assert again.status_code == 409


def test_reserving_needs_the_right_to_follow_the_inquiry_up(
    client: Client, inquiry: Inquiry, outsider: User
) -> None:
    site = make_site("5035")
    url = f"/api/land/inquiries/{inquiry.pk}/reservations"
    body = json.dumps({"site_id": site.pk})

    anonymous = client.post(url, body, content_type="application/json")
    client.force_login(outsider)
    stranger = client.post(url, body, content_type="application/json")

    assert anonymous.status_code == 401
    assert stranger.status_code == 404  # an inquiry one may not follow up does not exist
    assert not Reservation.objects.exists()


def test_importing_a_good_file_through_the_api(client: Client, stjordal_developer: User) -> None:
    client.force_login(stjordal_developer)

    response = client.post(
        "/api/land/import",
        {"municipality": "5035", "file": SimpleUploadedFile("tomter.csv", GOOD_CSV.encode())},
    )

    assert response.status_code == 200
    assert response.json()["created"] == 2
    assert Site.objects.count() == 2


def test_a_bad_import_is_422_naming_each_rejected_row_and_writes_nothing(
    client: Client, stjordal_developer: User
) -> None:
    bad = GOOD_CSV + f"Tomt 3;S-3;{LAT};{LON};slott;;;;;\n"
    client.force_login(stjordal_developer)

    response = client.post(
        "/api/land/import",
        {"municipality": "5035", "file": SimpleUploadedFile("tomter.csv", bad.encode())},
    )

    assert response.status_code == 422
    rejected = response.json()["errors"]
    assert [row["row"] for row in rejected] == [3]
    assert rejected[0]["label"] == "Tomt 3"
    assert rejected[0]["reasons"]
    assert not Site.objects.exists()


def test_importing_needs_a_municipality_of_ones_own_and_a_readable_file(
    client: Client, malvik_developer: User
) -> None:
    client.force_login(malvik_developer)

    foreign = client.post(
        "/api/land/import",
        {"municipality": "5035", "file": SimpleUploadedFile("tomter.csv", GOOD_CSV.encode())},
    )
    unreadable = client.post(
        "/api/land/import",
        {"municipality": "5031", "file": SimpleUploadedFile("tomter.geojson", b"{not json")},
    )
    unknown = client.post(
        "/api/land/import",
        {"municipality": "9999", "file": SimpleUploadedFile("tomter.csv", GOOD_CSV.encode())},
    )

    assert foreign.status_code == 403
    assert unreadable.status_code == 422
    assert unknown.status_code == 404
    assert not Site.objects.exists()


def test_the_new_endpoints_are_in_the_openapi_description(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]

    assert set(paths["/api/land/inquiries/{inquiry_id}/reservations"]["post"]["responses"]) >= {
        "201",
        "409",
        "401",
        "404",
    }
    assert "409" in paths["/api/land/reservations/{reservation_id}/release"]["post"]["responses"]
    assert "422" in paths["/api/land/import"]["post"]["responses"]
    _ = LON
