"""The land register at regional scale: search with every filter, and matching one inquiry.

Trondheimsregionen gets N published sites (default 10 000; seeded random kind, size, readiness,
purpose, infrastructure, price, within about 15 km of each member municipality's centroid, with
their UTM 33N geometry stored as the services store it), then:

- `site_search` with every filter at once (type, size range, readiness, purpose, infrastructure,
  price, distance to Værnes, a corridor along the E6), and the same search as the public page and
  its map layer through Django's test client (server time, no browser);
- `match_inquiry` for one inquiry against all of them (every available site in the region scored
  at once with numpy; reasons built only for the 20 shown, ADR 70).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_land [--sites 10000] [--runs 7]`.
"""

import argparse
import math
import random
import time
from decimal import Decimal
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    configure_django()

    import shapely
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import setup_test_environment
    from shapely.geometry import LineString

    from samspill.geo.shapes import measure as geo_measure
    from samspill.geo.shapes import to_metric
    from samspill.inquiries.models import Inquiry, Need
    from samspill.land.demo import box
    from samspill.land.models import LandCriteria, Site
    from samspill.land.selectors import SearchFilters, match_inquiry, point_get, site_search
    from samspill.regions.models import Municipality, Region

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    region = Region.objects.get(slug="trondheimsregionen")
    places = list(
        Municipality.objects.filter(
            number__in=["5001", "5035", "5031", "5028", "5027", "5029", "5059", "5054"]
        )
    )

    rng = random.Random(2026)
    started = time.perf_counter()
    rows = []
    for n in range(args.sites):
        place = rng.choice(places)
        lat = (place.centroid_lat or 63.4) + rng.uniform(-0.12, 0.12)
        lon = (place.centroid_lon or 10.4) + rng.uniform(-0.25, 0.25)
        size = rng.choice([50, 100, 200, 300, 500])
        shape = box(lat, lon, size, size * rng.uniform(0.6, 1.4))
        kind = rng.choice(["area", "plot", "plot", "premises"])
        daa = Decimal(str(round(geo_measure(shape).area_daa, 1)))
        site = Site(
            kind=kind,
            municipality=place,
            name=f"Benkareal {n}",
            geometry={
                "type": "Polygon",
                "coordinates": [[list(point) for point in shape.exterior.coords]],
            },
            measured_daa=float(daa),
            centroid_lat=lat,
            centroid_lon=lon,
            metric_wkb=shapely.to_wkb(to_metric(shape)),
            gross_daa=daa,
            net_daa=daa,
            purpose=rng.choice(["industry", "logistics", "office", "retail", "mixed", "port"]),
            readiness=rng.choice(["now", "12m", "later"]),
            land_cover=rng.choice(["grey", "farmland", "forest", "bog"]),
            has_rail=rng.random() < 0.1,
            has_port=rng.random() < 0.1,
            has_water=rng.random() < 0.7,
            power_mw=Decimal(rng.choice([0, 1, 2, 5, 10])),
            price_per_m2=rng.choice([None, 400, 700, 900, 1200, 1600]),
            availability=rng.choice(["available"] * 8 + ["reserved", "sold"]),
            premises_type="office" if kind == "premises" else "",
            floor_area_m2=rng.choice([200, 500, 1500]) if kind == "premises" else None,
            is_published=True,
        )
        site.search_daa = site.size_daa
        rows.append(site)
    with transaction.atomic():
        Site.objects.filter(name__startswith="Benkareal").delete()
        Site.objects.bulk_create(rows, batch_size=1000)
        inquiry = Inquiry.objects.create(
            region=region,
            company_name="Benk Logistikk AS",
            needs=[Need.SITE],
            anywhere_in_region=True,
            area_m2=20_000,
            timing="6m",
            source="staff",
        )
        LandCriteria.objects.create(
            inquiry=inquiry,
            purpose="logistics",
            infrastructure=["water"],
            near_point="vaernes",
            max_km=30,
        )
    print(f"{args.sites} sites in {time.perf_counter() - started:.1f} s")

    vaernes = point_get("vaernes")
    corridor = LineString([(10.39, 63.43), (10.65, 63.39), (10.92, 63.46)])  # E6 Trondheim–Værnes
    every_filter = SearchFilters(
        kind="plot",
        min_daa=5,
        max_daa=200,
        readiness="12m",
        purpose="logistics",
        infrastructure=("water",),
        max_price=1500,
        point=vaernes,
        max_km=40,
        corridor=corridor,
        corridor_km=10,
    )
    found = site_search(user=AnonymousUser(), filters=every_filter)
    print(f"every filter: {found.total} of {args.sites} sites")
    measure(
        "site_search, every filter",
        args.runs,
        partial(site_search, user=AnonymousUser(), filters=every_filter),
    )
    wide = SearchFilters(point=vaernes)
    measure(
        "site_search, distance only (all available sites measured)",
        args.runs,
        partial(site_search, user=AnonymousUser(), filters=wide),
    )

    setup_test_environment()
    client = Client()
    query = (
        "type=plot&min_daa=5&max_daa=200&klar=12m&formal=logistics&infra=water&maks_pris=1500"
        "&punkt=vaernes&maks_km=40&korridor=63.43,10.39;63.39,10.65;63.46,10.92&korridor_km=10"
    )
    for path in (f"/areal/?{query}", f"/areal/kart.geojson?{query}"):
        assert client.get(path).status_code == 200  # noqa: S101 - a benchmark precondition
        measure(f"GET {path.split('?')[0]} (every filter)", args.runs, partial(client.get, path))

    criteria = LandCriteria.objects.get(inquiry=inquiry)
    result = match_inquiry(inquiry=inquiry, criteria=criteria)
    print(f"matching: {result.checked} sites scored, {len(result.fitting)} of the top 20 fit")
    measure(
        "match_inquiry, one inquiry",
        args.runs,
        partial(match_inquiry, inquiry=inquiry, criteria=criteria),
    )
    assert math.isfinite(result.candidates[0].score.total)  # noqa: S101 - a benchmark precondition
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
