"""Matching inquiries: ranking with reasons, the business's page, reservations, unmet demand."""

import pytest
from django.test import Client

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.inquiries.models import Inquiry, Need
from samspill.land.models import Availability, Reservation, Site, UnmetLandDemand
from samspill.land.selectors import criteria_for, match_inquiry
from samspill.land.services import criteria_save, reservation_release, site_reserve
from samspill.regions.models import Municipality, Region
from tests.inquiries.factories import InquiryFactory
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry() -> Inquiry:
    return InquiryFactory.create(
        region=Region.objects.get(slug="trondheimsregionen"),
        needs=[Need.SITE],
        municipalities=[Municipality.objects.get(number="5035")],
        area_m2=25_000,
        timing=Inquiry.Timing.NOW,
    )


def test_candidates_are_ranked_with_reasons(inquiry: Inquiry) -> None:
    good = make_site("5035", name="Passer")
    small = make_site("5035", name="For liten", dlat=0.004, net_daa=15, gross_daa=15)
    make_site("5035", name="Altfor liten", dlat=-0.004, net_daa=5, gross_daa=5)
    elsewhere = make_site("5031", name="Feil kommune")
    make_site("5520", name="Utenfor regionen")
    result = match_inquiry(inquiry=inquiry, criteria=None)
    names = [c.site.name for c in result.candidates]
    assert names[0] == "Passer"
    assert "Utenfor regionen" not in names
    assert result.candidates[0].score.fits
    scores = {c.site.pk: c.score for c in result.candidates}
    assert scores[small.pk].failed == ["size"]
    assert scores[elsewhere.pk].failed == ["place"]
    assert good.pk in [c.site.pk for c in result.fitting]


def test_criteria_sharpen_the_match_and_unmet_lists_what_failed(
    client: Client, inquiry: Inquiry, coordinator: User
) -> None:
    make_site("5035", name="Uten jernbane")
    criteria_save(
        actor=coordinator,
        inquiry=inquiry,
        expected_version=None,
        values={"infrastructure": ["rail"]},
    )
    result = match_inquiry(inquiry=inquiry, criteria=criteria_for(inquiry))
    assert not result.fitting
    assert result.failed_everywhere == ["infrastructure"]
    client.force_login(coordinator)
    page = client.get(f"/areal/henvendelse/{inquiry.pk}/")
    assert "mangler jernbanespor" in page.content.decode()
    client.post(f"/areal/henvendelse/{inquiry.pk}/udekket/")
    record = UnmetLandDemand.objects.get(inquiry=inquiry)
    assert record.failed_criteria == ["infrastructure"]
    assert record.min_daa == 25.0
    assert (
        Inquiry.objects.get(pk=inquiry.pk).unmet_needs == inquiry.unmet_needs
    )  # inquiries untouched
    accounts = client.get("/areal/arealregnskap/")
    assert accounts.context["demand"][0].unmet == 1


def test_the_adviser_sends_a_selection_behind_an_unguessable_link(
    client: Client, inquiry: Inquiry, coordinator: User
) -> None:
    site = make_site("5035", name="Valgt tomt")
    client.force_login(coordinator)
    client.post(f"/areal/henvendelse/{inquiry.pk}/send/", {"sites": [site.pk], "message": "Se her"})
    selection = inquiry.land_selections.get()
    assert len(selection.token) >= 40
    client.logout()
    page = client.get(selection.get_absolute_url())
    assert page.status_code == 200
    assert "Valgt tomt" in page.content.decode()
    assert inquiry.company_name not in page.content.decode()
    assert client.get("/areal/utvalg/" + "x" * 43 + "/").status_code == 404


def test_reserving_is_atomic_audited_and_only_once(
    inquiry: Inquiry, coordinator: User, stjordal_developer: User, malvik_developer: User
) -> None:
    site = make_site("5035")
    other = InquiryFactory.create(region=inquiry.region, needs=[Need.SITE])
    reservation = site_reserve(actor=coordinator, site=site, inquiry=inquiry)
    assert Site.objects.get(pk=site.pk).availability == Availability.RESERVED
    with pytest.raises(ConflictError):
        site_reserve(actor=coordinator, site=site, inquiry=other)
    assert AuditEntry.objects.filter(action="reserve", object_pk=str(site.pk)).exists()
    with pytest.raises(PermissionDeniedError):
        reservation_release(actor=malvik_developer, reservation=reservation)
    reservation_release(actor=coordinator, reservation=reservation)
    assert Site.objects.get(pk=site.pk).availability == Availability.AVAILABLE
    with pytest.raises(ConflictError):
        reservation_release(actor=coordinator, reservation=reservation)
    assert Reservation.objects.filter(released_at__isnull=True).count() == 0


def test_reservation_details_only_to_those_who_may_see_the_inquiry(
    client: Client, inquiry: Inquiry, coordinator: User, malvik_developer: User
) -> None:
    site = make_site("5035")
    site_reserve(actor=coordinator, site=site, inquiry=inquiry)
    client.force_login(coordinator)
    assert inquiry.reference in client.get(site.get_absolute_url()).content.decode()
    client.force_login(malvik_developer)
    page = client.get(site.get_absolute_url()).content.decode()
    assert "reservert" in page.lower()  # the availability is public
    assert inquiry.reference not in page
    client.logout()
    assert inquiry.reference not in client.get(site.get_absolute_url()).content.decode()
    assert client.get(f"/areal/henvendelse/{inquiry.pk}/").status_code == 302  # login


def test_api_candidates_and_site_writes(
    client: Client, inquiry: Inquiry, coordinator: User, stjordal_developer: User
) -> None:
    site = make_site("5035")
    client.force_login(coordinator)
    body = client.get(f"/api/land/inquiries/{inquiry.pk}/candidates").json()
    assert body["candidates"][0]["site_id"] == site.pk
    assert {r["criterion"] for r in body["candidates"][0]["reasons"]} == {
        "size",
        "readiness",
        "kind",
        "infrastructure",
        "place",
    }
    client.force_login(stjordal_developer)
    url = f"/api/land/sites/{site.pk}"
    assert (
        client.patch(url, {"name": "Uten versjon"}, content_type="application/json").status_code
        == 428
    )
    ok = client.patch(url, {"name": "Ny", "version": site.version}, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()["name"] == "Ny"
    stale = client.patch(
        url, {"name": "Gammel", "version": site.version}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["current_version"] == site.version + 1
    bad = client.patch(
        url, {"net_daa": 999, "version": site.version + 1}, content_type="application/json"
    )
    assert bad.status_code == 422
    created = client.post(
        "/api/land/sites",
        {
            "municipality": "5035",
            "name": "Fra API",
            "kind": "plot",
            "geometry": {"type": "Point", "coordinates": [10.96, 63.464]},
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    wrong = client.post(
        "/api/land/sites",
        {
            "municipality": "5031",
            "name": "Ikke min",
            "geometry": {"type": "Point", "coordinates": [10.64, 63.393]},
        },
        content_type="application/json",
    )
    assert wrong.status_code == 403
    swapped = client.post(
        "/api/land/sites",
        {
            "municipality": "5035",
            "name": "Byttet",
            "geometry": {"type": "Point", "coordinates": [63.464, 10.96]},
        },
        content_type="application/json",
    )
    assert swapped.status_code == 422
    assert "byttet om" in swapped.json()["detail"]
    openapi = client.get("/api/openapi.json").json()
    assert "409" in openapi["paths"]["/api/land/sites/{site_id}"]["patch"]["responses"]
