"""Strategy pages with many measures: server time of the lists, reports, synergies and exports.

Trondheimsregionen gets a strategy with 6 focus areas × 3 goals (one indicator each, with 4
readings) and an action plan per member municipality with N measures each (default 100, so 800
in all; seeded random titles from a Norwegian vocabulary, 1–3 goals, a progress note on every
third), then, through Django's test client (server time only, no browser): the strategy page,
one plan, the reporting overview, the politicians' report and its PDF, synergies (text
similarity over all measures) and the Excel export of every measure.

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_strategy [--measures 100] [--runs 5]`.
"""

import argparse
import datetime
import random
import time
from decimal import Decimal
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure

WORDS = [
    "rekruttering",
    "ingeniører",
    "kompetanse",
    "studenter",
    "praksisplasser",
    "jobbmesse",
    "elever",
    "næringsareal",
    "boligtomter",
    "gründere",
    "klynge",
    "innovasjon",
    "anskaffelser",
    "matfestival",
    "lokalmat",
    "reiseliv",
    "arrangement",
    "digitale",
    "tjenester",
    "teknologi",
    "bedrifter",
    "næringsforening",
    "samarbeid",
    "kartlegging",
    "vertskap",
    "havbruk",
    "industri",
    "etablering",
    "mottak",
    "tilflyttere",
    "kampanje",
    "nettverk",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=100, help="measures per municipality")
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
    from samspill.regions.models import Region
    from samspill.regions.selectors import region_members
    from samspill.strategy.models import (
        ActionPlan,
        FocusArea,
        Goal,
        GoalIndicator,
        IndicatorReading,
        Measure,
        ProgressNote,
        ReportingPeriod,
        Strategy,
    )

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    region = Region.objects.get(slug="trondheimsregionen")
    coordinator, _ = User.objects.get_or_create(username="bench-strategy-coordinator")
    RoleAssignment.objects.get_or_create(user=coordinator, role="coordinator", region=region)
    rng = random.Random(2025)
    started = time.perf_counter()
    with transaction.atomic():
        Strategy.objects.filter(title="Benchmark-strategi").delete()
        strategy = Strategy.objects.create(
            region=region, title="Benchmark-strategi", period_start=2022, period_end=2030
        )
        goals = []
        for area_number in range(1, 7):
            area = FocusArea.objects.create(
                strategy=strategy, position=area_number, name=f"Område {area_number}"
            )
            for goal_number in range(1, 4):
                goal = Goal.objects.create(
                    focus_area=area, position=goal_number, title=f"Mål {area_number}.{goal_number}"
                )
                indicator = GoalIndicator.objects.create(
                    goal=goal,
                    name=f"Indikator {area_number}.{goal_number}",
                    unit="antall",
                    baseline_value=Decimal(100),
                    baseline_date=datetime.date(2022, 1, 1),
                    target_value=Decimal(150),
                    target_date=datetime.date(2028, 12, 31),
                )
                IndicatorReading.objects.bulk_create(
                    IndicatorReading(
                        indicator=indicator,
                        date=datetime.date(2022 + y, 6, 30),
                        value=Decimal(100 + y * rng.randint(3, 10)),
                    )
                    for y in range(1, 5)
                )
                goals.append(goal)
        plans = [
            ActionPlan.objects.create(
                strategy=strategy,
                municipality=member.municipality,
                title=f"Plan {member.municipality.name}",
                period_start=2024,
                period_end=2026,
            )
            for member in region_members(region=region)
        ]
        statuses = Measure.Status.values
        measures = Measure.objects.bulk_create(
            Measure(
                action_plan=plan,
                title=" ".join(rng.sample(WORDS, k=rng.randint(3, 6))).capitalize(),
                description=" ".join(rng.sample(WORDS, k=8)),
                start_date=datetime.date(2024, 1, 1),
                deadline=datetime.date(2026, 12, 31),
                status=rng.choice(statuses),
                owner=coordinator,
            )
            for plan in plans
            for _ in range(args.measures)
        )
        through = Measure.goals.through
        through.objects.bulk_create(
            through(measure_id=m.pk, goal_id=goal.pk)
            for m in measures
            for goal in rng.sample(goals, k=rng.randint(1, 3))
        )
        ProgressNote.objects.bulk_create(
            ProgressNote(measure=m, date=datetime.date(2026, 3, 1), text="Fremdrift")
            for m in measures[::3]
        )
        period = ReportingPeriod.objects.create(
            strategy=strategy,
            name="1. tertial 2026",
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 4, 30),
            due_date=datetime.date(2026, 5, 15),
        )
    print(
        f"setup: {len(plans)} plans, {len(measures)} measures in {time.perf_counter() - started:.1f} s"
    )

    setup_test_environment()
    client = Client()
    client.force_login(coordinator)
    pages = {
        "strategy page (progress of 18 goals, 800 measures)": reverse(
            "strategy:strategy-detail", args=[strategy.pk]
        ),
        f"one plan ({args.measures} measures)": reverse("strategy:plan-detail", args=[plans[0].pk]),
        "reporting overview": reverse("strategy:reporting", args=[strategy.pk])
        + f"?periode={period.pk}",
        "politicians' report (live)": reverse("strategy:report-current", args=[strategy.pk]),
        "politicians' report PDF": reverse("strategy:report-current-pdf", args=[strategy.pk]),
        "synergies (text similarity, all measures)": reverse(
            "strategy:synergies", args=[strategy.pk]
        ),
        "Excel export of every measure": reverse(
            "strategy:strategy-measures-export", args=[strategy.pk, "xlsx"]
        ),
    }
    for label, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)  # noqa: S101 - a broken page must not be timed
        measure(f"{label} [{len(queries)} queries]", args.runs, partial(client.get, url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
