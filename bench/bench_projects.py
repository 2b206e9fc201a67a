"""Projects register with 2 000 projects: server time of the list (map table + timeline), the map
layer and the construction-load view.

Trondheimsregionen gets N projects (default 2 000; seeded random kinds, statuses, municipalities,
points and short lines inside the region, four phases each with a construction employment
figure), then, through Django's test client (server time only, no browser), as the region's
coordinator: the register page, the GeoJSON map layer, the construction-load page with a what-if
shift, and the API list. The query count of each is printed beside it.

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_projects [--projects 2000] [--runs 5]`.
"""

import argparse
import datetime
import random
import time
from decimal import Decimal
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    from samspill.accounts.models import RoleAssignment, User
    from samspill.projects.models import Phase, PhaseKind, Project, ProjectKind, ProjectStatus
    from samspill.regions.models import Region
    from samspill.regions.selectors import region_members

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    region = Region.objects.get(slug="trondheimsregionen")
    coordinator, _ = User.objects.get_or_create(username="bench-projects-coordinator")
    RoleAssignment.objects.get_or_create(user=coordinator, role="coordinator", region=region)
    members = [member.municipality for member in region_members(region=region)]
    rng = random.Random(2026)
    started = time.perf_counter()
    with transaction.atomic():
        Project.objects.filter(region=region, key__startswith="bench-").delete()
        projects = []
        for number in range(args.projects):
            municipality = rng.choice(members)
            lon = (municipality.centroid_lon or 10.4) + rng.uniform(-0.02, 0.02)
            lat = (municipality.centroid_lat or 63.4) + rng.uniform(-0.01, 0.01)
            geometry = (
                {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
                if number % 2
                else {
                    "type": "LineString",
                    "coordinates": [
                        [round(lon, 5), round(lat, 5)],
                        [round(lon + 0.01, 5), round(lat + 0.005, 5)],
                    ],
                }
            )
            projects.append(
                Project(
                    region=region,
                    key=f"bench-{number}",
                    name=f"Prosjekt {number:04d}",
                    kind=rng.choice(ProjectKind.values),
                    status=rng.choice(ProjectStatus.values),
                    geometry=geometry,
                    construction_person_years=Decimal(rng.randint(5, 300)),
                    investment_low_mnok=Decimal(rng.randint(10, 5000)),
                    price_level_year=2024,
                )
            )
        Project.objects.bulk_create(projects, batch_size=500)
        saved = list(Project.objects.filter(region=region, key__startswith="bench-"))
        through = Project.municipalities.through
        through.objects.bulk_create(
            (through(project_id=p.pk, municipality_id=rng.choice(members).pk) for p in saved),
            batch_size=1000,
        )
        phases = []
        for project in saved:
            start = datetime.date(rng.randint(2020, 2030), rng.choice([1, 4, 7, 10]), 1)
            for kind, years in zip(PhaseKind.values, (1, 1, 2, 20), strict=True):
                end = datetime.date(start.year + years, start.month, 1) - datetime.timedelta(days=1)
                phases.append(
                    Phase(
                        project=project,
                        kind=kind,
                        start=start,
                        start_precision="quarter",
                        end=end,
                        end_precision="quarter",
                    )
                )
                start = end + datetime.timedelta(days=1)
        Phase.objects.bulk_create(phases, batch_size=1000)
    print(
        f"setup: {len(saved)} projects, {len(phases)} phases in {time.perf_counter() - started:.1f} s"
    )
    setup_test_environment()
    client = Client()
    client.force_login(coordinator)
    shift = f"?shift_{saved[0].pk}=6&workforce=9000"
    pages = {
        f"register page (table + timeline, {len(saved)} projects)": reverse(
            "projects:project-list"
        ),
        "map layer (GeoJSON with outlines)": reverse("projects:project-layer"),
        "construction load with a what-if": reverse(
            "projects:construction-load", args=[region.slug]
        )
        + shift,
        "API list": reverse("api:projects") + "?limit=5000",
    }
    for label, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)  # noqa: S101 - a broken page must not be timed
        measure(f"{label} [{len(queries)} queries]", args.runs, partial(client.get, url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
