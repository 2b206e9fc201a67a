"""Innovation challenges: server time of the public list and feed, one challenge, and the
assessment (page, Excel, PDF) of a challenge with many scored answers.

N public challenges (default 300) owned by Notodden city region's municipalities, each with three
criteria; one of them in assessment with M answers (default 60) from M suppliers, each scored on
every criterion by three assessors plus a joint score. Through Django's test client (server time
only, no browser). The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_challenges [--challenges 300] [--answers 60] [--runs 5]`.
"""

import argparse
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--challenges", type=int, default=300)
    parser.add_argument("--answers", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    from samspill.accounts.models import Organisation, RoleAssignment, User
    from samspill.challenges.models import (
        Answer,
        Challenge,
        ChallengeOwner,
        ConflictDeclaration,
        Criterion,
        Score,
        Stage,
        Supplier,
    )
    from samspill.inquiries.orgnr import organisation_number_check_digit
    from samspill.regions.models import Municipality

    setup_test_environment()
    repo = Path(__file__).resolve().parent.parent
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)

    owners = list(Municipality.objects.filter(number__in=["4005", "4026", "4024", "4022"]))
    now = timezone.now()
    with transaction.atomic():
        for i in range(args.challenges):
            challenge = Challenge.objects.create(
                title=f"Utfordring {i}: lekkasjer og fremmedvann",
                problem="Mye vann forsvinner. " * 20,
                affected="Innbyggerne",
                cost_today="2 mill. kr",
                good_result="Mindre fremmedvann",
                measurement="Andel fremmedvann",
                area=["water", "environment", "health"][i % 3],
                procurement_route="dialogue_competition",
                stage=Stage.DIALOGUE,
                answer_deadline=now,
            )
            for municipality in owners[: 1 + i % 3]:
                ChallengeOwner.objects.create(challenge=challenge, municipality=municipality)
            for name, weight in (("Effekt", 50), ("Pris", 30), ("Gjennomførbarhet", 20)):
                Criterion.objects.create(challenge=challenge, name=name, weight=weight)
        assessed = Challenge.objects.order_by("pk").first()
        assert assessed is not None  # noqa: S101 - the loop above made it
        Challenge.objects.filter(pk=assessed.pk).update(stage=Stage.ASSESSMENT)
        assessors = []
        for k in range(3):
            user = User.objects.create(username=f"vurderer{k}")
            RoleAssignment.objects.create(
                user=user, role=RoleAssignment.Role.BUSINESS_DEVELOPER, municipality=owners[0]
            )
            assessors.append(user)
        criteria = list(assessed.criteria.all())
        base = 81_000_000
        for j in range(args.answers):
            base += 1
            while organisation_number_check_digit(f"{base:08d}") is None:
                base += 1
            number = f"{base:08d}{organisation_number_check_digit(f'{base:08d}')}"
            organisation = Organisation.objects.create(name=f"Leverandør {j}", kind="supplier")
            supplier = Supplier.objects.create(
                organisation=organisation,
                organisation_number=number,
                name=f"Leverandør {j} AS",
                competence="Sensorer",
            )
            answer = Answer.objects.create(
                challenge=assessed, supplier=supplier, solution="Løsning " * 100, changed_at=now
            )
            for assessor in [*assessors, None]:
                if assessor is not None:
                    ConflictDeclaration.objects.create(
                        answer=answer, assessor=assessor, has_conflict=False
                    )
                for criterion in criteria:
                    Score.objects.create(
                        answer=answer,
                        criterion=criterion,
                        assessor=assessor,
                        value=(j + criterion.pk) % 11,
                        justification="Begrunnelse",
                    )
    print(f"{args.challenges} challenges, {args.answers} answers × 3 assessors + joint scores")

    client = Client()
    pages = [
        ("public list", reverse("challenges:challenge-list")),
        ("Atom feed (50 newest)", reverse("challenges:challenge-feed")),
        ("one challenge", reverse("challenges:challenge-detail", args=[assessed.pk])),
    ]
    for label, url in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        measure(f"{label} [{len(queries)} queries]", args.runs, partial(client.get, url))
    client.force_login(assessors[0])
    for label, url in [
        ("assessment page", reverse("challenges:assessment", args=[assessed.pk])),
        ("assessment Excel", reverse("challenges:assessment-export", args=[assessed.pk, "xlsx"])),
        ("assessment PDF", reverse("challenges:assessment-export", args=[assessed.pk, "pdf"])),
    ]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (label, response.status_code)  # noqa: S101
        measure(f"{label} [{len(queries)} queries]", args.runs, partial(client.get, url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
