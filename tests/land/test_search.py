"""The public search: every filter, distances, the corridor, the URL, the map = the list."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from pypdf import PdfReader
from shapely.geometry import LineString

from samspill.land.places import travel_minutes
from samspill.land.selectors import SearchFilters, point_get, site_search
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


def _names(filters: SearchFilters) -> list[str]:
    return sorted(hit.site.name for hit in site_search(user=AnonymousUser(), filters=filters).hits)


@pytest.fixture
def sites() -> None:
    make_site(
        "5035",
        name="Stor ved Værnes",
        net_daa=Decimal("40"),
        gross_daa=Decimal("45"),
        purpose="logistics",
        has_water=True,
        price_per_m2=900,
    )
    make_site(
        "5035",
        name="Liten ved Værnes",
        dlat=0.004,
        net_daa=Decimal("5"),
        gross_daa=Decimal("5"),
        readiness="12m",
        has_rail=True,
    )
    make_site(
        "5028", name="Melhus senere", readiness="later", purpose="industry", land_cover="farmland"
    )
    make_site(
        "5031",
        name="Malvik lokaler",
        kind="premises",
        premises_type="office",
        floor_area_m2=500,
        purpose="office",
    )
    make_site("5031", name="Malvik solgt", dlat=0.004, availability="sold")


def test_filters_by_type_size_readiness_purpose_infrastructure_price_municipality(
    sites: None,
) -> None:
    assert _names(SearchFilters(kind="premises")) == ["Malvik lokaler"]
    assert _names(SearchFilters(min_daa=20)) == ["Melhus senere", "Stor ved Værnes"]
    assert _names(SearchFilters(max_daa=10)) == ["Liten ved Værnes", "Malvik lokaler"]
    assert _names(SearchFilters(readiness="now")) == ["Malvik lokaler", "Stor ved Værnes"]
    assert "Melhus senere" not in _names(SearchFilters(readiness="12m"))
    assert _names(SearchFilters(purpose="logistics")) == ["Stor ved Værnes"]
    assert _names(SearchFilters(infrastructure=("rail",))) == ["Liten ved Værnes"]
    assert _names(SearchFilters(max_price=1000)) == ["Stor ved Værnes"]  # on request: left out
    assert _names(SearchFilters(municipality="5028")) == ["Melhus senere"]
    assert "Malvik solgt" not in _names(SearchFilters())


def test_distance_to_vaernes_orders_and_limits(sites: None) -> None:
    vaernes = point_get("vaernes")
    result = site_search(user=AnonymousUser(), filters=SearchFilters(point=vaernes, max_km=5))
    assert [hit.site.name for hit in result.hits] == ["Stor ved Værnes", "Liten ved Værnes"]
    first = result.hits[0]
    assert first.distance_m is not None
    assert 0 < first.distance_m < 5000
    assert first.travel_minutes == travel_minutes(first.distance_m)


def test_municipal_centre_is_the_centroid_from_the_geo_data() -> None:
    centre = point_get("kommune-5028")
    assert centre is not None
    assert centre.is_centroid
    assert centre.label == "Melhus"
    assert point_get("ukjent") is None


def test_corridor_along_the_e6_keeps_sites_within_half_its_width(sites: None) -> None:
    line = LineString([(10.90, 63.46), (10.99, 63.47)])  # along Stjørdal past Værnes
    result = site_search(user=AnonymousUser(), filters=SearchFilters(corridor=line, corridor_km=4))
    assert {hit.site.name for hit in result.hits} == {"Stor ved Værnes", "Liten ved Værnes"}
    assert result.corridor_wgs84 is not None


def test_travel_time_estimate_is_documented_arithmetic() -> None:
    assert travel_minutes(70_000 / 1.3) == 60
    assert travel_minutes(1) == 1


def test_the_page_list_and_map_show_the_same_sites_and_the_search_is_in_the_url(
    sites: None, client: Client
) -> None:
    query = "min_daa=20&punkt=vaernes&maks_km=100"
    page = client.get(f"/areal/?{query}")
    assert page.status_code == 200
    listed = sorted(hit.site.pk for hit in page.context["result"].hits)
    layer = client.get(f"/areal/kart.geojson?{query}").json()
    mapped = sorted(
        f["properties"]["id"] for f in layer["features"] if f["properties"]["role"] == "site"
    )
    assert listed == mapped
    assert len(listed) == 2
    assert f"kart.geojson?{query}" in page.content.decode().replace("&amp;", "&")
    assert "anslag" in page.content.decode()


def test_bad_search_input_is_explained_not_a_500(client: Client) -> None:
    page = client.get("/areal/?min_daa=50&max_daa=10&korridor=noe+rart&maks_km=5")
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert set(errors) >= {"max_daa", "korridor", "punkt"}
    unknown = client.get("/api/land/sites?point=ukjent")
    assert unknown.status_code == 404  # a named point that does not exist
    assert "ukjent" in unknown.json()["errors"]["point"]
    assert client.get("/api/land/sites?min_daa=-1").status_code == 422


def test_api_search_with_distance(sites: None, client: Client) -> None:
    body = client.get("/api/land/sites?point=vaernes&max_km=5&min_daa=20").json()
    assert body["total"] == 1
    assert body["results"][0]["site"]["name"] == "Stor ved Værnes"
    assert body["results"][0]["travel_minutes_estimate"] >= 1


def test_exports_csv_xlsx_geojson(sites: None, client: Client) -> None:
    csv = client.get("/areal/eksport.csv?kommune=5035")
    assert csv.status_code == 200
    assert "Stor ved Værnes" in csv.content.decode("utf-8-sig")
    assert client.get("/areal/eksport.xlsx").status_code == 200
    geojson = client.get("/areal/eksport.geojson?kommune=5028").json()
    assert [f["properties"]["navn"] for f in geojson["features"]] == ["Melhus senere"]


def test_fact_sheet_pdf(sites: None, client: Client) -> None:
    site = make_site("5035", name="Faktaark", dlat=-0.004)
    response = client.get(f"/areal/{site.pk}/faktaark.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert "/StructTreeRoot" in reader.root_object  # tagged
    assert len(reader.pages) == 1  # one page
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Faktaark" in text
    assert "Trondheim lufthavn Værnes" in text
    assert "anslag" in text
