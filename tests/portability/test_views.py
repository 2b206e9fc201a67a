"""Coordinators download their region's archive from the region page; nobody else can."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from samspill.audit.models import AuditEntry
from samspill.regions.models import Region
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory, ViewerRoleFactory
from tests.inquiries.factories import InquiryContactFactory, InquiryFactory

pytestmark = pytest.mark.django_db


def _region() -> Region:
    return Region.objects.get(slug="sor-troms")


def test_a_coordinator_downloads_the_region_archive_without_personal_data(client) -> None:
    region = _region()
    coordinator = CoordinatorRoleFactory.create(region=region).user
    InquiryContactFactory(inquiry=InquiryFactory(region=region), email="ola@bedrift.example")
    client.force_login(coordinator)

    page = client.get(region.get_absolute_url())
    url = reverse("portability:region-export", args=[region.slug])
    response = client.get(url)

    assert url in page.text
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        text = "".join(archive.read(name).decode() for name in archive.namelist())
    assert manifest["region"]["slug"] == "sor-troms"
    assert manifest["with_personal_data"] is False
    assert "ola@bedrift.example" not in text
    assert AuditEntry.objects.filter(action="export", actor=coordinator).exists()


@pytest.mark.parametrize("role", ["none", "viewer", "other-coordinator"])
def test_others_cannot_download_the_archive(client, role) -> None:
    region = _region()
    if role == "viewer":
        user = ViewerRoleFactory.create(region=region).user
    elif role == "other-coordinator":
        user = CoordinatorRoleFactory.create(
            region=Region.objects.get(slug="trondheimsregionen")
        ).user
    else:
        user = UserFactory.create()
    client.force_login(user)

    page = client.get(region.get_absolute_url())
    response = client.get(reverse("portability:region-export", args=[region.slug]))

    assert response.status_code == 403
    assert reverse("portability:region-export", args=[region.slug]) not in page.text


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:
    response = client.get(reverse("portability:region-export", args=["sor-troms"]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
