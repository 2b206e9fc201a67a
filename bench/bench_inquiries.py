"""The front door with a busy region: server time of the inquiry pages and exports.

Sør-Troms gets N inquiries (default 2 000; seeded random needs, places, sizes and states, with
contacts and notes), then, through Django's test client (server time only, no browser):
the shared inbox, an htmx-filtered inbox, one inquiry, the reports page, CSV and Excel exports,
and submitting the public form (validation, routing, audit).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_inquiries [--inquiries 2000] [--runs 5]`.
"""

import argparse
import random
import time
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--inquiries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from samspill.accounts.models import RoleAssignment, User
    from samspill.inquiries.models import Inquiry, InquiryContact, InquiryNote, Need
    from samspill.inquiries.selectors import region_municipalities
    from samspill.inquiries.spam import form_started_token
    from samspill.regions.models import Region

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    region = Region.objects.get(slug="sor-troms")
    places = region_municipalities(region=region)
    coordinator, _ = User.objects.get_or_create(username="bench-coordinator")
    RoleAssignment.objects.get_or_create(user=coordinator, role="coordinator", region=region)
    advisers = []
    for place in places:
        adviser, _ = User.objects.get_or_create(username=f"bench-{place.number}")
        RoleAssignment.objects.get_or_create(
            user=adviser, role="business_developer", municipality=place
        )
        advisers.append(adviser)

    rng = random.Random(2025)
    statuses = [s for s, _label in Inquiry.Status.choices]
    started = time.perf_counter()
    with transaction.atomic():
        Inquiry.objects.filter(region=region).delete()
        inquiries = Inquiry.objects.bulk_create(
            [
                Inquiry(
                    region=region,
                    company_name=f"Bedrift {n} AS",
                    needs=rng.sample(Need.values, k=rng.randint(1, 3)),
                    area_m2=rng.choice([None, 500, 2_000, 15_000, 25_000, 60_000]),
                    jobs_expected=rng.randint(0, 40),
                    source="public_form",
                    status=(state := rng.choice(statuses)),
                    outcome_municipality=rng.choice(places) if state == "established" else None,
                    jobs_created=rng.randint(0, 20) if state == "established" else None,
                    lost_reason="no_site" if state == "lost" else "",
                    unmet_needs=["site"] if state == "lost" else [],
                    closed_at=timezone.now()
                    if state in ("established", "lost", "withdrawn")
                    else None,
                )
                for n in range(args.inquiries)
            ]
        )
        through = Inquiry.municipalities.through
        through.objects.bulk_create(
            [through(inquiry_id=i.pk, municipality_id=rng.choice(places).pk) for i in inquiries]
        )
        advisers_through = Inquiry.assigned_advisers.through
        advisers_through.objects.bulk_create(
            [
                advisers_through(inquiry_id=i.pk, user_id=rng.choice(advisers).pk)
                for i in inquiries
                if i.status != "new"
            ]
        )
        InquiryContact.objects.bulk_create(
            [
                InquiryContact(inquiry=i, name=f"Kontakt {i.pk}", email=f"k{i.pk}@example.invalid")
                for i in inquiries
            ]
        )
        InquiryNote.objects.bulk_create(
            [
                InquiryNote(
                    inquiry=i,
                    author=coordinator,
                    text="Notat",
                    next_step="Ring",
                    due_date=timezone.localdate(),
                )
                for i in inquiries[::3]
            ]
        )
    print(
        f"{args.inquiries} inquiries with contacts, places, advisers and notes in {time.perf_counter() - started:.1f} s"
    )

    setup_test_environment()
    settings.INQUIRY_FORM_MIN_SECONDS = 0
    client = Client()
    client.force_login(coordinator)
    one = inquiries[len(inquiries) // 2]
    pages: list[tuple[str, dict[str, str]]] = [
        ("/bedrift/sor-troms/innboks/", {}),
        ("/bedrift/sor-troms/innboks/?status=open&need=site", {"HX-Request": "true"}),
        (f"/bedrift/henvendelser/{one.pk}/", {}),
        ("/bedrift/sor-troms/rapporter/?need=site&min_area_daa=20", {}),
        ("/bedrift/sor-troms/rapporter/henvendelser.csv", {}),
        ("/bedrift/sor-troms/rapporter/henvendelser.xlsx", {}),
        ("/bedrift/sor-troms/oppfolging/", {}),
    ]
    for path, headers in pages:
        with CaptureQueriesContext(connection) as queries:
            code = client.get(path, headers=headers).status_code
        assert code == 200, (path, code)  # noqa: S101 - a benchmark precondition
        measure(
            f"GET {path} ({len(queries)} queries)",
            args.runs,
            partial(client.get, path, headers=headers),
        )

    public = Client()
    form = {
        "company_name": "Benk AS",
        "needs": ["site", "premises"],
        "municipalities": [places[0].pk],
        "area": "25",
        "area_unit": "daa",
        "timing": "6m",
        "contact_name": "Kari",
        "contact_email": "kari@example.invalid",
        "started": form_started_token(now=0),
    }
    addresses = (f"10.0.{n // 250}.{n % 250}" for n in range(10_000))  # stay under the rate limit

    def submit() -> None:
        response = public.post("/bedrift/sor-troms/henvendelse/", form, REMOTE_ADDR=next(addresses))
        assert response.status_code == 302, response.status_code  # noqa: S101 - a benchmark precondition

    with CaptureQueriesContext(connection) as queries:
        submit()
    measure(f"POST public form ({len(queries)} queries)", args.runs, submit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
