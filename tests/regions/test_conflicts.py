"""No lost updates in the region form."""

import pytest
from django.urls import reverse

from samspill.regions.models import Region
from tests.accounts.factories import CoordinatorRoleFactory
from tests.core.conflicts import assert_no_lost_update

pytestmark = pytest.mark.django_db


def test_the_region_form() -> None:
    region = Region.objects.get(slug="sor-troms")

    def saved() -> str:
        region.refresh_from_db()
        return region.description

    assert_no_lost_update(
        url=reverse("regions:region-edit", args=["sor-troms"]),
        data=lambda text: {"name": "Sør-Troms", "description": text},
        saved=saved,
        anna=CoordinatorRoleFactory.create(region=region).user,
        bjorn=CoordinatorRoleFactory.create(region=region).user,
    )
