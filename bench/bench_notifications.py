"""Notifications: fan-out of one event to many followers, the list page, Min side and a digest run.

Sør-Troms gets F followers (default 200: business developers of its four municipalities), all
following the region and one document. Measured: `notify()` for a new version (each follower's
access checked through the knowledge selector), the notification list and Min side of one
follower with 300 notifications (Django's test client, server time only), and `digest_send` for
all followers (Django's in-memory mail backend, so the SMTP server is not what is measured).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_notifications [--followers 200] [--runs 5]`.
"""

import argparse
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from samspill.accounts.models import RoleAssignment, User
    from samspill.knowledge import services as knowledge
    from samspill.notifications import services
    from samspill.notifications.models import Notification
    from samspill.regions.models import Municipality, Region

    repo = Path(__file__).resolve().parent.parent
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    setup_test_environment()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    region = Region.objects.get(slug="sor-troms")
    municipalities = list(Municipality.objects.filter(number__in=["5520", "5516", "5518", "5522"]))
    author = User.objects.create(username="bench-author")
    RoleAssignment.objects.create(user=author, role="coordinator", region=region)
    document = knowledge.document_create(
        actor=author, region=region, title="Benk-notat", body_markdown="Tekst"
    )
    followers = []
    for number in range(args.followers):
        user = User.objects.create(username=f"bench-{number}", email=f"b{number}@example.invalid")
        RoleAssignment.objects.create(
            user=user,
            role="business_developer",
            municipality=municipalities[number % len(municipalities)],
        )
        services.follow(user=user, obj=region)
        services.follow(user=user, obj=document)
        followers.append(user)

    def new_version() -> None:
        knowledge.document_version_add(actor=author, document=document, body_markdown="Ny tekst")

    measure(f"notify: new version to {args.followers} followers", args.runs, new_version)
    reader = followers[0]
    while Notification.objects.filter(user=reader).count() < 300:
        new_version()
    client = Client()
    client.force_login(reader)
    for label, url in (
        ("notification list (300)", reverse("notifications:list")),
        ("Min side", reverse("notifications:start")),
    ):
        measure(label, args.runs, partial(client.get, url))
    pending = Notification.objects.filter(emailed_at__isnull=True).count()
    measure(
        f"daily digest, {args.followers} mails, {pending} notifications (first run; then none left)",
        1,
        partial(services.digest_send, period="daily"),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
