"""Region and municipality analysis pages: growth, shift-share, specialisation, commuting, new jobs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from samspill.stats.models import Series

pytestmark = pytest.mark.django_db

NOTODDEN_REGION = reverse("analyses:region-analyses", args=["notodden-byregion"])
STJORDAL = reverse("analyses:municipality-analyses", args=["5035"])


def test_a_region_page_explains_its_shift_share_in_plain_norwegian(
    client, telemark_industries, django_assert_max_num_queries
):
    # 31 on a cold cache: the references the data holds and the industry types' national mix
    # and the region's mapping cost seven small queries.
    # + the region's industry types and the reference choices (issue 11)
    with django_assert_max_num_queries(36):
        response = client.get(NOTODDEN_REGION)

    assert response.status_code == 200
    text = response.text
    assert "Fra 2016 til 2025 endret antall sysselsatte med arbeidssted i Notodden byregion" in text
    # Attractiveness over business-sector jobs by default (Telemarksforsking): about +145.
    assert "høyere enn bransjestrukturen skulle tilsi" in text
    assert "Referanse: Telemark i alt. Næringer: næringslivet" in text
    assert "Ikke med (ikke i datafilen): Kongsberg." in text
    assert "Lokaliseringskvotient per næring" in text
    assert "Hoover (0–1)" in text
    assert "Basisnæringer" in text


def test_a_region_page_shows_growth_against_its_counties_and_norway(client, telemark_industries):
    response = client.get(NOTODDEN_REGION)

    assert "Vekst mot fylket og Norge" in response.text
    assert '<th scope="row">Buskerud</th>' in response.text
    assert '<th scope="row">Telemark</th>' in response.text
    assert '<th scope="row">Norge</th>' in response.text
    assert 'data-chart="growth-population"' in response.text
    assert 'id="growth-population"' in response.text


def test_all_industries_can_be_chosen_and_the_page_says_so(client, telemark_industries):
    response = client.get(
        NOTODDEN_REGION,
        {"start_year": 2016, "end_year": 2025, "reference": "telemark", "scope": "all"},
        headers={"HX-Request": "true"},
    )

    assert "lavere enn bransjestrukturen skulle tilsi" in response.text
    assert "Næringer: alle næringer, også offentlige tjenester." in response.text


def test_the_reference_can_be_changed_and_htmx_gets_only_the_section(client, telemark_industries):
    response = client.get(
        NOTODDEN_REGION,
        {"start_year": 2016, "end_year": 2025, "reference": "rest"},
        headers={"HX-Request": "true"},
    )

    assert "<html" not in response.text
    assert 'id="shift-share"' in response.text
    assert "Referanse: Resten av Telemark (uten området selv)." in response.text
    assert 'aria-live="polite"' in response.text


def test_an_end_year_before_the_start_year_is_shown_next_to_the_field(client, telemark_industries):
    response = client.get(
        NOTODDEN_REGION,
        {"start_year": 2020, "end_year": 2018, "reference": "telemark"},
        headers={"HX-Request": "true"},
    )

    assert "Sluttåret må være etter startåret." in response.text
    assert "Fra 2020" not in response.text


def test_a_municipality_outside_telemark_says_why_there_is_no_shift_share(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(24):
        response = client.get(STJORDAL)

    assert response.status_code == 200
    assert "trenger sysselsatte etter arbeidssted og næring (SSB-tabell 13470) for Stjørdal" in (
        response.text
    )
    # The exact command (with a dry run first) instead of a link to an empty analysis.
    assert "samspill fetch_ssb_table 13470 -m 5035 -y 2016 -y 2025 --dry-run" in response.text
    assert "Selvforsyning, tilbudssiden" in response.text
    assert 'value="5035" selected' in response.text


def test_a_telemark_municipality_gets_its_own_shift_share(client, telemark_industries):
    response = client.get(reverse("analyses:municipality-analyses", args=["4005"]))

    assert "arbeidssted i Notodden seg med" in response.text


def test_the_region_commuting_section_shows_integration_between_members(client):
    response = client.get(reverse("analyses:region-analyses", args=["trondheimsregionen"]))

    assert "Pendler til en annen kommune i regionen" in response.text
    assert "Kommunepar med pendling" in response.text


def test_new_jobs_in_stjordal_are_allocated_with_their_uncertainty(client):
    response = client.get(
        reverse("analyses:new-jobs"),
        {"count": 500, "municipality": "5035", "year": 2022, "direction": "jobs"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "500 nye jobber i Stjørdal: hvor vil de ansatte bo?" in response.text
    assert "Stjørdal (5035)" in response.text
    assert "90 % intervall" in response.text
    assert 'aria-live="polite"' in response.text


def test_new_residents_are_allocated_to_workplaces(client):
    response = client.get(
        reverse("analyses:new-jobs"),
        {"count": 100, "municipality": "5031", "year": 2022, "direction": "residents"},
    )

    assert "100 nye sysselsatte innbyggere i Malvik: hvor vil de jobbe?" in response.text
    assert "Trondheim - Tråante (5001)" in response.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"count": 0, "municipality": "5035", "year": 2022, "direction": "jobs"}, "Antall"),
        ({"count": 10, "municipality": "9999", "year": 2022, "direction": "jobs"}, "Kommune"),
        ({"count": 10, "municipality": "5035", "year": 1999, "direction": "jobs"}, "Pendlingsår"),
    ],
)
def test_bad_new_jobs_input_is_refused_with_the_reason(client, params, message):
    page = client.get(reverse("analyses:new-jobs"), params)
    partial = client.get(reverse("analyses:new-jobs"), params, headers={"HX-Request": "true"})

    assert page.status_code == 422
    assert partial.status_code == 200  # htmx swaps only 2xx answers by default
    assert message in partial.text
    assert 'role="alert"' in partial.text


def test_the_new_jobs_allocation_downloads_as_csv(client):
    response = client.get(
        reverse("analyses:new-jobs-export", args=["csv"]),
        {"count": 500, "municipality": "5035", "year": 2022, "direction": "jobs"},
    )

    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].count(";") >= 2  # the header comes first, nothing above it
    assert "5035;Stjørdal;7388,0" in text
    assert 'filename="nye-jobber-5035-500-2022.csv"' in response["Content-Disposition"]


@pytest.mark.parametrize("analysis", ["skift-andel", "spesialisering"])
def test_shift_share_and_specialisation_download_as_xlsx(client, telemark_industries, analysis):
    response = client.get(
        reverse("analyses:region-export", args=["notodden-byregion", analysis, "xlsx"]),
        {"start_year": 2016, "end_year": 2025, "reference": "rest"},
    )

    workbook = load_workbook(io.BytesIO(response.content))
    provenance = list(workbook["Kilde"].iter_rows(values_only=True))
    assert ("Kilde", "Statistisk sentralbyrå, tabell 13470") in provenance
    assert ("Lisens", "CC BY 4.0") in provenance
    assert ("Merknad", "Parameter referanse: Resten av Telemark (uten området selv)") in provenance


@pytest.mark.parametrize("analysis", ["befolkning", "arbeidsplasser", "pendling"])
def test_growth_and_commuting_download_as_csv(client, analysis):
    response = client.get(reverse("analyses:municipality-export", args=["5035", analysis, "csv"]))

    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    assert ";" in response.content.decode("utf-8-sig").splitlines()[0]


def test_an_unknown_analysis_download_is_404(client):
    response = client.get(
        reverse("analyses:municipality-export", args=["5035", "noe-annet", "csv"])
    )

    assert response.status_code == 404


def test_shift_share_download_without_telemark_data_is_404(client):
    response = client.get(
        reverse("analyses:municipality-export", args=["5035", "skift-andel", "csv"])
    )

    assert response.status_code == 404


def test_the_pages_say_what_is_missing_when_no_statistics_are_imported(client):
    Series.objects.all().delete()

    region = client.get(NOTODDEN_REGION)
    municipality = client.get(STJORDAL)
    labour_market = client.get(reverse("analyses:lma"))
    new_jobs = client.get(
        reverse("analyses:new-jobs"), {"count": 5, "municipality": "5035", "direction": "jobs"}
    )

    assert region.status_code == municipality.status_code == labour_market.status_code == 200
    assert "Pendlingsdata (SSB 03321) er ikke importert." in region.text
    assert "SSB-tabell 13470" in municipality.text
    assert "Pendlingsdata (SSB 03321) er ikke importert ennå." in labour_market.text
    assert new_jobs.status_code == 422


def test_a_municipality_named_like_its_county_gets_a_page_with_both_lines(client):
    # Oslo is both a municipality and a county: the growth chart must keep them apart.
    response = client.get(reverse("analyses:municipality-analyses", args=["0301"]))

    assert response.status_code == 200
    assert "Oslo (fylke)" in response.text
