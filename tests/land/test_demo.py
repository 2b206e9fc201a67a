"""The demo step: example sites inside their municipalities, inquiries matched and one unmet."""

from pathlib import Path

import pytest
from django.test import Client

from samspill.demo.users import demo_users_create
from samspill.inquiries.models import Inquiry
from samspill.land.demo import demo_land_load
from samspill.land.models import (
    Availability,
    Reservation,
    Selection,
    Site,
    SitePhoto,
    UnmetLandDemand,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    return tmp_path


def test_demo_sites_are_examples_inside_their_municipalities_and_idempotent() -> None:
    demo_users_create()
    demo_land_load()
    demo_land_load()
    sites = Site.objects.all()
    assert sites.count() == 11
    assert all(site.is_example and "(eksempel)" in site.name for site in sites)
    assert not [site.name for site in sites if site.outside_municipality]
    assert {site.municipality.number for site in sites} >= {"5031", "5035", "5028", "5059"}


def test_demo_inquiries_matched_reserved_and_one_unmet() -> None:
    demo_users_create()
    demo_land_load()
    examples = Inquiry.objects.filter(region__slug="trondheimsregionen", is_example=True)
    assert examples.count() == 3
    assert Selection.objects.count() == 1
    reservation = Reservation.objects.get()
    assert reservation.site.availability == Availability.RESERVED
    assert reservation.site.municipality.number == "5035"
    unmet = UnmetLandDemand.objects.get()
    assert "Nordic Cell" in unmet.inquiry.company_name
    assert "infrastructure" in unmet.failed_criteria


def test_demo_pages_render_and_mark_examples(client: Client) -> None:
    demo_users_create()
    demo_land_load()
    page = client.get("/areal/")
    assert page.status_code == 200
    assert "eksempel" in page.content.decode()
    site = Site.objects.filter(is_published=True).first()
    assert site is not None
    assert client.get(site.get_absolute_url()).status_code == 200
    layer = client.get("/areal/kart.geojson").json()
    roles = {feature["properties"]["role"] for feature in layer["features"]}
    assert roles == {"outline", "site"}
    export = client.get("/areal/eksport.csv")
    assert export.status_code == 200
    assert "eksempel" in export["Content-Disposition"]
    assert client.get("/areal/arealregnskap/").status_code == 200


def test_demo_photos_are_labelled_placeholders_marked_as_examples(client: Client) -> None:
    demo_users_create()
    demo_land_load()
    demo_land_load()

    photos = list(SitePhoto.objects.select_related("site"))
    assert len(photos) == 3
    assert all(photo.site.is_example for photo in photos)
    assert all(photo.alt_text.startswith("Eksempelbilde:") for photo in photos)
    assert all(photo.file_type == "png" for photo in photos)
    page = client.get(photos[0].site.get_absolute_url()).content.decode()
    assert f'alt="{photos[0].alt_text}"' in page
    assert "<figcaption" in page
    assert "Eksempelbilde: laget for demonstrasjon" in page
    image = client.get(photos[0].get_absolute_url())
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
