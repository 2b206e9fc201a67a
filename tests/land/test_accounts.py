"""Land accounts over time: periods by year or quarter from each site's snapshots, and export."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from samspill.land.models import SiteSnapshot
from samspill.land.selectors import land_accounts_periods, period_bounds
from samspill.land.services import site_update
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db

OSLO = timezone.get_fixed_timezone(60)


def _at(snapshot: SiteSnapshot, when: datetime.datetime) -> None:
    SiteSnapshot.objects.filter(pk=snapshot.pk).update(taken_at=when)


@pytest.fixture
def sold_in_august_2025() -> None:
    """A 30 daa plot registered in February 2025 and sold in August 2025."""
    site = make_site("5035", net_daa=30, gross_daa=30)
    _at(site.snapshots.get(), datetime.datetime(2025, 2, 10, tzinfo=OSLO))
    site_update(
        actor=None, site=site, expected_version=site.version, fields={"availability": "sold"}
    )
    _at(site.snapshots.latest("id"), datetime.datetime(2025, 8, 5, tzinfo=OSLO))


def test_quarters_follow_each_sites_history(sold_in_august_2025: None) -> None:
    bounds = period_bounds(
        granularity="quarter", first_year=2025, last_year=2025, now=timezone.now()
    )

    periods = land_accounts_periods(user=AnonymousUser(), bounds=bounds)

    assert [p.label for p in periods] == ["2025 K1", "2025 K2", "2025 K3", "2025 K4"]
    assert [p.total for p in periods] == [30.0, 30.0, 0.0, 0.0]
    assert [p.change for p in periods] == [None, 0.0, -30.0, 0.0]
    assert periods[0].by_readiness["now"] == 30.0


def test_years_end_now_for_the_running_year(sold_in_august_2025: None) -> None:
    now = datetime.datetime(2026, 3, 1, tzinfo=OSLO)

    bounds = period_bounds(granularity="year", first_year=2024, last_year=2027, now=now)

    assert [label for label, _end in bounds] == ["2024", "2025", "2026"]
    assert bounds[-1][1] == now
    totals = [p.total for p in land_accounts_periods(user=AnonymousUser(), bounds=bounds)]
    assert totals == [0.0, 0.0, 0.0]


def test_the_page_and_the_export_use_the_periods_picked(
    client: Client, sold_in_august_2025: None
) -> None:
    page = client.get("/areal/arealregnskap/?periode=quarter&fra=2025&til=2025")

    assert page.status_code == 200
    assert [p.label for p in page.context["periods"]][:3] == ["2025 K1", "2025 K2", "2025 K3"]
    assert "over-tid.csv?periode=quarter" in page.content.decode()
    export = client.get("/areal/arealregnskap/over-tid.csv?periode=quarter&fra=2025&til=2025")
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    labels = [row[0] for row in rows]
    assert "2025 K3" in labels
    k3 = rows[labels.index("2025 K3")]
    assert "-30" in k3[-2].replace("\u2212", "-")


def test_bad_period_input_falls_back_to_the_defaults(client: Client) -> None:
    response = client.get("/areal/arealregnskap/?periode=dag&fra=tre")

    assert response.status_code == 200
    assert response.context["periods"]
