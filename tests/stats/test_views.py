"""Dashboards, downloads and the data page on the real data loaded in tests/conftest.py."""

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from samspill.stats.models import Series
from tests.conftest import SHARED_DIR

pytestmark = pytest.mark.django_db
TRONDHEIM = "5001"
OTHER_MEMBERS = ["5035", "5031", "5028", "5027", "5029", "5059", "5054"]


def _csv_2022_flows() -> dict[tuple[str, str], int]:
    with (SHARED_DIR / "data" / "pendling" / "pendling_03321_2022.csv").open(
        encoding="utf-8"
    ) as handle:
        return {
            (row["bosted_knr"], row["arbeidssted_knr"]): int(row["sysselsatte"])
            for row in csv.DictReader(handle)
        }


def _export_rows(client: Client, chart: str) -> list[list[str]]:
    url = reverse("stats:region-chart-export", args=["trondheimsregionen", chart, "csv"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    return list(csv.reader(lines, delimiter=";"))


def test_region_page_loads_the_population_fact_and_links_to_the_dashboard(
    client: Client, django_assert_max_num_queries
) -> None:
    page = client.get(
        reverse("regions:region-detail", args=["trondheimsregionen"])
    ).content.decode()
    fragment_url = reverse("stats:region-population", args=["trondheimsregionen"])
    assert fragment_url in page
    assert reverse("stats:region-dashboard", args=["trondheimsregionen"]) in page

    with django_assert_max_num_queries(6):
        fragment = client.get(fragment_url, headers={"HX-Request": "true"}).content.decode()

    assert "1. januar 2024: 315\u00a0065" in fragment


def test_region_dashboard_shows_315_065_for_1_january_2024_with_bounded_queries(
    client: Client, django_assert_max_num_queries
) -> None:
    url = reverse("stats:region-dashboard", args=["trondheimsregionen"])

    with django_assert_max_num_queries(20):
        response = client.get(url)

    assert response.status_code == 200
    population = {row[0]: row[1] for row in _export_rows(client, "befolkning")[1:]}
    assert population["2024"] == "315065"


def test_commuting_between_trondheim_and_the_other_members_equals_the_ssb_cells(
    client: Client,
) -> None:
    cells = _csv_2022_flows()
    expected_to = {m: cells.get((m, TRONDHEIM), 0) for m in OTHER_MEMBERS}
    expected_from = {m: cells.get((TRONDHEIM, m), 0) for m in OTHER_MEMBERS}

    rows = _export_rows(client, "pendling-senter")

    header, body = rows[0], rows[1:]
    assert header[1].startswith("Til 5001")
    shown = {row[0][:4]: (int(row[1]), int(row[2]), int(row[3])) for row in body if row[0] != "Sum"}
    assert shown == {
        m: (expected_to[m], expected_from[m], expected_to[m] + expected_from[m])
        for m in OTHER_MEMBERS
    }
    total = next(row for row in body if row[0] == "Sum")
    assert int(total[3]) == sum(expected_to.values()) + sum(expected_from.values()) > 20_000


def test_the_page_shows_the_same_commuting_figures(client: Client) -> None:
    cells = _csv_2022_flows()
    total = sum(cells.get((m, TRONDHEIM), 0) + cells.get((TRONDHEIM, m), 0) for m in OTHER_MEMBERS)

    html = client.get(
        reverse("stats:region-dashboard", args=["trondheimsregionen"])
    ).content.decode()

    assert f"{total:,}".replace(",", "\u00a0") in html or f"{total:,}".replace(",", " ") in html


def test_comparing_with_another_region_swaps_only_the_population_partial(client: Client) -> None:
    url = reverse("stats:region-dashboard", args=["trondheimsregionen"])

    response = client.get(url, {"sammenlign": "gjovikregionen"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert 'id="population-section"' in html
    assert "Indeks Gjøvikregionen" in html
    assert "<html" not in html


def test_xlsx_download_has_the_numbers_and_the_source(client: Client) -> None:
    url = reverse("stats:region-chart-export", args=["trondheimsregionen", "befolkning", "xlsx"])

    workbook = openpyxl.load_workbook(io.BytesIO(client.get(url).content))

    data = list(workbook["Data"].iter_rows(values_only=True))
    assert data[0][0] == "År"
    assert (2024, 315065) in {(row[0], row[1]) for row in data[1:] if row}
    year, population = next(row[:2] for row in workbook["Data"].iter_rows(min_row=2))
    assert (year.data_type, year.number_format) == ("n", "0")
    assert (population.data_type, population.number_format) == ("n", "#,##0")
    sources: dict[Any, Any] = dict(workbook["Kilde"].iter_rows(values_only=True))
    assert sources["Kilde"].startswith("Statistisk sentralbyrå, tabell 07459")
    assert "CC BY 4.0" in sources["Lisens"]


def test_csv_download_is_the_bare_table_named_after_the_source(client: Client) -> None:
    url = reverse("stats:region-chart-export", args=["trondheimsregionen", "befolkning", "csv"])

    response = client.get(url)

    assert (
        'filename="trondheimsregionen-befolkning-ssb-07459.csv"' in response["Content-Disposition"]
    )
    first_line = response.content.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("År;")
    assert "Kilde" not in response.content.decode("utf-8-sig")


def test_unknown_chart_or_format_is_404(client: Client) -> None:
    assert (
        client.get(
            reverse("stats:region-chart-export", args=["trondheimsregionen", "nope", "csv"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("stats:region-chart-export", args=["trondheimsregionen", "befolkning", "pdf"])
        ).status_code
        == 404
    )


def test_municipality_dashboard_and_page(client: Client, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(20):
        response = client.get(reverse("stats:municipality-dashboard", args=["5035"]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Pendling inn, ut og internt, Stjørdal" in html
    page = client.get(reverse("regions:municipality-detail", args=["5035"])).content.decode()
    assert reverse("stats:municipality-dashboard", args=["5035"]) in page


def test_data_page_lists_series_with_vintage_and_gaps(client: Client) -> None:
    html = client.get(reverse("stats:series-list")).content.decode()

    assert "07459" in html
    assert "03321" in html
    assert "1507 Ålesund: delt mellom 1508 Ålesund, 1580 Haram" in html
    assert "funnet ved import" in html


def test_a_region_dashboard_shows_gaps_that_touch_its_members(client: Client) -> None:
    series = Series.objects.get(code="03321-sysselsatte")
    series.known_gaps = [
        *series.known_gaps,
        {"period": "2019", "municipality": "5059", "note": "Testhull", "origin": "documented"},
    ]
    series.save()

    html = client.get(
        reverse("stats:region-dashboard", args=["trondheimsregionen"])
    ).content.decode()

    assert "Testhull" in html


def test_estimated_population_is_warned_about_at_the_top(client: Client) -> None:
    html = client.get(reverse("stats:municipality-dashboard", args=["1508"])).content.decode()

    assert "Folketallet for 1508 Ålesund i 2006–2023 er fordelt av kilden" in html
    assert "Ingen egne tall for 1508 Ålesund i 2022: tallene står på 1507 Ålesund" in html


def test_the_dashboard_is_cached_until_a_series_changes(
    client: Client, django_assert_max_num_queries, settings
) -> None:
    # The dashboard's own cache sees even a direct save; the page cache (samspill.core.page_cache)
    # only sees changes through the services, which bump the data version. Pages off here.
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("stats:municipality-dashboard", args=["5031"])
    client.get(url)

    with django_assert_max_num_queries(6):  # municipality, places, series versions, nothing else
        assert client.get(url).status_code == 200

    series = Series.objects.get(code="03321-sysselsatte")
    series.known_gaps = [
        *series.known_gaps,
        {"period": "2022", "municipality": "5031", "note": "Nytt hull", "origin": "documented"},
    ]
    series.save()
    assert "Nytt hull" in client.get(url).content.decode()


def test_the_commuting_centre_is_the_member_the_region_is_named_after_and_can_be_changed(client):
    """Notodden byregion's centre is Notodden, not Kongsberg (most jobs); users can pick another."""
    from samspill.regions.models import Region

    region = Region.objects.get(slug="notodden-byregion")
    url = f"/statistikk/regioner/{region.slug}/"

    default = client.get(url).text
    assert "Pendling mellom 4005 Notodden og de andre medlemmene" in default
    assert "Notodden er senter fordi regionen er oppkalt etter kommunen." in default
    assert '<option value="4005" selected>Notodden</option>' in default
    assert "pendler daglig mellom" not in default
    assert "også ukependlere" in default

    chosen = client.get(url, {"senter": "3303"}).text
    assert "Pendling mellom 3303 Kongsberg og de andre medlemmene" in chosen
    assert "Kongsberg er valgt som senter." in chosen

    ignored = client.get(url, {"senter": "0301"}).text  # not a member: the default stands
    assert "Pendling mellom 4005 Notodden" in ignored


def test_figures_that_include_former_non_members_say_so_next_to_the_figures(client):
    """Notodden byregion (2015 members): Midt-Telemark today also holds the former Bø."""
    text = client.get("/statistikk/regioner/notodden-byregion/").text

    facts_end = text.index('class="facts"')
    caveat = text.index("Tallene for Midt-Telemark omfatter også Bø")
    assert caveat > facts_end
    assert "som ikke var med i samarbeidet" in text
