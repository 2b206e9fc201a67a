"""Public region and municipality pages, the API and the coordinator's edit form."""

import pytest
from django.urls import reverse

from samspill.regions.models import Region
from tests.accounts.factories import BusinessDeveloperRoleFactory, CoordinatorRoleFactory

pytestmark = pytest.mark.django_db


def test_the_region_list_is_public(client) -> None:
    response = client.get(reverse("regions:region-list"))

    assert response.status_code == 200
    assert "Notodden byregion" in response.text


def test_the_region_page_shows_members_and_reform_notes_in_bounded_queries(
    client, django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(8):
        response = client.get(reverse("regions:region-detail", args=["notodden-byregion"]))

    assert response.status_code == 200
    assert "4020 Midt-Telemark" in response.text
    assert "0821 Bø (Telemark)" in response.text
    assert "Kartverket" in response.text


def test_the_region_layer_is_geojson_with_whitelisted_properties(client) -> None:
    response = client.get(reverse("regions:region-layer", args=["trondheimsregionen"]))

    collection = response.json()
    assert len(collection["features"]) == 8
    assert set(collection["features"][0]["properties"]) == {"number", "name", "url"}


def test_a_historic_municipality_page_points_to_its_successor(client) -> None:
    response = client.get(reverse("regions:municipality-detail", args=["0822"]))

    assert response.status_code == 200
    assert "finnes ikke lenger" in response.text
    assert reverse("regions:municipality-detail", args=["4020"]) in response.text


def test_an_unknown_region_or_municipality_is_404(client) -> None:
    assert client.get(reverse("regions:region-detail", args=["nope"])).status_code == 404
    assert client.get(reverse("regions:municipality-detail", args=["9999"])).status_code == 404
    assert client.get("/api/regions/municipalities/9999").status_code == 404


def test_the_api_lists_regions_and_resolves_old_numbers(client) -> None:
    regions = client.get("/api/regions/").json()
    ikap = client.get("/api/regions/ikap-2016").json()

    assert {r["slug"] for r in regions} >= {"trondheimsregionen", "ikap-2016"}
    assert len(ikap["members"]) == 8
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Samspill API"


def test_only_the_regions_coordinator_gets_the_edit_form(client) -> None:
    region = Region.objects.get(slug="sor-troms")
    url = reverse("regions:region-edit", args=["sor-troms"])
    developer = BusinessDeveloperRoleFactory().user
    coordinator = CoordinatorRoleFactory(region=region).user

    assert client.get(url).status_code == 302  # to login
    client.force_login(developer)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.post(
        url, {"name": "", "description": "Tekst som ikke skal gå tapt", "version": 1}
    )

    assert response.status_code == 200
    assert "Feltet er påkrevet." in response.text
    assert "Tekst som ikke skal gå tapt" in response.text
    response = client.post(url, {"name": "Sør-Troms", "description": "Ny", "version": 1})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name == "Sør-Troms"


def test_the_english_version_is_served_under_en(client) -> None:
    response = client.get("/en/regioner/")

    assert response.status_code == 200
    assert 'lang="en"' in response.text


def test_a_coordinator_asks_a_member_to_join_and_an_overlap_is_shown_next_to_the_date(
    client,
) -> None:
    region = Region.objects.get(slug="sor-troms")
    client.force_login(CoordinatorRoleFactory(region=region).user)
    url = reverse("regions:membership-add", args=["sor-troms"])

    overlap = client.post(
        url, {"municipality": "5520", "valid_from": "2025-01-01", "note": "Bardu igjen"}
    )
    added = client.post(url, {"municipality": "5512", "valid_from": "2025-01-01"})

    assert overlap.status_code == 422
    assert "allerede medlem" in overlap.text
    assert 'value="Bardu igjen"' in overlap.text
    assert added.status_code == 302
    assert region.membership_requests.filter(municipality__number="5512", status="pending").exists()
    assert not region.memberships.filter(municipality__number="5512").exists()


def test_an_end_date_before_the_start_is_refused(client) -> None:
    region = Region.objects.get(slug="sor-troms")
    client.force_login(CoordinatorRoleFactory(region=region).user)

    response = client.post(
        reverse("regions:membership-add", args=["sor-troms"]),
        {"municipality": "5512", "valid_from": "2025-01-01", "valid_to": "2024-01-01"},
    )

    assert response.status_code == 422
    assert "Sluttdatoen kan ikke være før startdatoen." in response.text


def test_the_public_region_page_does_not_name_staff_in_its_history(client) -> None:
    region = Region.objects.get(slug="sor-troms")
    coordinator = CoordinatorRoleFactory(region=region, user__username="koordinator-kari").user
    client.force_login(coordinator)
    client.post(
        reverse("regions:region-edit", args=["sor-troms"]),
        {"name": "Sør-Troms", "description": "Endret av koordinatoren"},
    )
    url = reverse("regions:region-detail", args=["sor-troms"])

    own = client.get(url)
    client.logout()
    public = client.get(url)
    client.force_login(BusinessDeveloperRoleFactory().user)  # a role elsewhere
    outsider = client.get(url)

    assert "Endringshistorikk" in own.text
    assert str(coordinator) in own.text
    for page in (public, outsider):
        assert page.status_code == 200
        assert "Endringshistorikk" not in page.text
        assert str(coordinator) not in page.text
