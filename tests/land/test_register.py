"""Registering sites: who may edit, what the public sees, geometry, the outside warning, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.land.models import Site, SiteSnapshot
from samspill.land.services import site_create, site_update
from samspill.regions.models import Municipality
from tests.land.factories import make_site, polygon

pytestmark = pytest.mark.django_db


def test_a_developer_registers_in_their_own_municipality_only(stjordal_developer: User) -> None:
    site = site_create(
        actor=stjordal_developer,
        municipality=Municipality.objects.get(number="5035"),
        geometry=polygon("5035"),
        fields={"name": "Ny tomt", "kind": "plot"},
    )
    assert site.measured_daa == pytest.approx(40, rel=0.02)  # 200 m × 200 m
    assert not site.outside_municipality
    with pytest.raises(PermissionDeniedError):
        site_create(
            actor=stjordal_developer,
            municipality=Municipality.objects.get(number="5031"),
            geometry=polygon("5031"),
            fields={"name": "Ikke min", "kind": "plot"},
        )
    assert AuditEntry.objects.filter(object_pk=str(site.pk), action="create").exists()


def test_the_regions_coordinator_edits_every_member_municipality(coordinator: User) -> None:
    site = make_site("5031")
    saved = site_update(
        actor=coordinator, site=site, expected_version=site.version, fields={"name": "Nytt"}
    )
    assert saved.name == "Nytt"
    assert saved.version == site.version + 1


def test_a_developer_cannot_edit_another_municipalitys_site(malvik_developer: User) -> None:
    site = make_site("5035")
    with pytest.raises(PermissionDeniedError):
        site_update(
            actor=malvik_developer, site=site, expected_version=site.version, fields={"name": "X"}
        )


def test_an_old_version_is_a_conflict_not_a_lost_update(stjordal_developer: User) -> None:
    site = make_site("5035")
    site_update(actor=stjordal_developer, site=site, expected_version=1, fields={"name": "Første"})
    with pytest.raises(ConflictError):
        site_update(
            actor=stjordal_developer, site=site, expected_version=1, fields={"name": "Andre"}
        )
    assert Site.objects.get(pk=site.pk).name == "Første"


def test_a_site_outside_its_municipality_is_saved_with_a_warning() -> None:
    site = site_create(
        actor=None,
        municipality=Municipality.objects.get(number="5031"),
        geometry=polygon("5035"),  # drawn in Stjørdal, claimed by Malvik
        fields={"name": "Feil kommune", "kind": "plot"},
    )
    assert site.outside_municipality


@pytest.mark.parametrize(
    ("geometry", "reason"),
    [
        (
            {
                "type": "Polygon",
                "coordinates": [[[63.4, 10.9], [63.5, 10.9], [63.5, 11.0], [63.4, 10.9]]],
            },
            "byttet om",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[10.9, 63.4], [11.0, 63.5], [11.0, 63.4], [10.9, 63.5], [10.9, 63.4]]
                ],
            },
            "ugyldig",
        ),
        ({"type": "Circle"}, "støttes ikke"),
    ],
)
def test_bad_geometry_is_refused_with_a_reason(geometry: dict[str, object], reason: str) -> None:
    with pytest.raises(ValidationError) as raised:
        site_create(
            actor=None,
            municipality=Municipality.objects.get(number="5035"),
            geometry=geometry,
            fields={"name": "X", "kind": "plot"},
        )
    assert reason in " ".join(raised.value.message_dict["geometry"])
    assert not Site.objects.exists()


def test_net_above_gross_and_premises_without_floor_area_are_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        make_site(net_daa=Decimal("50"), gross_daa=Decimal("40"))
    assert "bruttoarealet" in str(raised.value)
    with pytest.raises(ValidationError) as raised:
        make_site(kind="premises")
    assert set(raised.value.message_dict) >= {"premises_type", "floor_area_m2"}


def test_the_public_sees_published_sites_only(
    client: Client, stjordal_developer: User, malvik_developer: User
) -> None:
    draft = make_site("5035", name="Utkast", is_published=False)
    published = make_site("5035", name="Publisert", dlat=0.003)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(published.get_absolute_url()).status_code == 200
    assert "Utkast" not in client.get("/areal/").content.decode()
    assert client.get(f"/api/land/sites/{draft.pk}").status_code == 404
    client.force_login(stjordal_developer)
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert "Utkast" in client.get("/areal/").content.decode()
    client.force_login(malvik_developer)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/areal/{published.pk}/endre/").status_code == 403


def test_the_edit_form_saves_shows_errors_next_to_fields_and_keeps_history(
    client: Client, stjordal_developer: User
) -> None:
    site = make_site("5035")
    client.force_login(stjordal_developer)
    page = client.get(f"/areal/{site.pk}/endre/")
    assert page.status_code == 200
    data = {**page.context["form"].initial}
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, bool) or v}
    data["name"] = "Omdøpt"
    response = client.post(f"/areal/{site.pk}/endre/", data)
    assert response.status_code == 302, response.context["form"].errors
    assert Site.objects.get(pk=site.pk).name == "Omdøpt"
    data["net_daa"] = "99"
    data["version"] = str(Site.objects.get(pk=site.pk).version)
    refused = client.post(f"/areal/{site.pk}/endre/", data)
    assert refused.status_code == 200
    assert "bruttoarealet" in refused.content.decode()
    stale = client.post(f"/areal/{site.pk}/endre/", {**data, "net_daa": "10", "version": "1"})
    assert stale.status_code == 409
    assert SiteSnapshot.objects.filter(site=site).count() == 2
    detail = client.get(site.get_absolute_url()).content.decode()
    assert "Endringshistorikk" in detail
