"""Notifications: the write that records an event, its fan-out to 200 and 2 000 followers, the
notification list, Min side and a daily digest for a person with many notifications.

Sør-Troms gets F followers (default 2 000: business developers of its four municipalities, all
following the region; the first 200 also follow one document, all of them another). Measured,
each as the median of `--runs` runs (wall and CPU time, `time.process_time`):

- the write: `document_version_add` on the 2 000-follower document, which since ADR 96 records one
  event row and queues its fan-out (the queue is the database, so the enqueue is in the figure);
- the fan-out the task worker then runs (`event_fan_out`) for a new version of the 200- and the
  2 000-follower document: followers found, access checked for all of them at once through the
  owning app's batch hook (ADR 97), notifications written;
- the access check alone for 200 people: the batch hook, and the per-user selector it replaced
  in the fan-out (the check `notify()` made inside the write before ADR 96);
- the notification list and Min side of a follower with `--notifications` notifications (default
  2 000; Django's test client, server time only);
- one daily digest for that follower alone (all of their notifications unmailed, everybody else's
  already mailed; Django's in-memory mail backend, so no SMTP server is measured).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_notifications [--followers 2000] [--notifications 2000]
[--runs 5]`.
"""

import argparse
import os
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--followers", type=int, default=2000)
    parser.add_argument("--notifications", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from samspill.accounts.models import RoleAssignment, User
    from samspill.knowledge import services as knowledge
    from samspill.knowledge.models import Document
    from samspill.notifications import services
    from samspill.notifications.models import Event, Follow, Notification, Preference
    from samspill.notifications.selectors import readers_of, visible_objects
    from samspill.regions.models import Municipality, Region

    repo = Path(__file__).resolve().parent.parent
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(f"load average at start: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    setup_test_environment()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

    region = Region.objects.get(slug="sor-troms")
    municipalities = list(Municipality.objects.filter(number__in=["5520", "5516", "5518", "5522"]))
    author = User.objects.create(username="bench-author")
    RoleAssignment.objects.create(user=author, role="coordinator", region=region)
    small = knowledge.document_create(
        actor=author, region=region, title="Benk-notat 200", body_markdown="Tekst"
    )
    large = knowledge.document_create(
        actor=author, region=region, title="Benk-notat alle", body_markdown="Tekst"
    )
    followers = User.objects.bulk_create(
        User(username=f"bench-{number}", email=f"b{number}@example.invalid")
        for number in range(args.followers)
    )
    followers = list(User.objects.filter(username__startswith="bench-").exclude(pk=author.pk))
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user,
            role="business_developer",
            municipality=municipalities[number % len(municipalities)],
        )
        for number, user in enumerate(followers)
    )
    region_type = ContentType.objects.get_for_model(Region)
    document_type = ContentType.objects.get_for_model(Document)
    Follow.objects.bulk_create(
        [Follow(user=user, content_type=region_type, object_id=region.pk) for user in followers]
        + [Follow(user=user, content_type=document_type, object_id=large.pk) for user in followers]
        + [
            Follow(user=user, content_type=document_type, object_id=small.pk)
            for user in followers[:200]
        ]
    )
    services.events_fan_out_pending()  # the two documents' creation: before anyone followed

    def new_version(document: Document) -> None:
        knowledge.document_version_add(actor=author, document=document, body_markdown="Ny tekst")

    def fan_out_latest() -> None:
        services.event_fan_out(event_id=Event.objects.latest("pk").pk)

    measure(
        f"the write: new version of a document {len(followers)} follow (event recorded)",
        args.runs,
        partial(new_version, large),
    )
    services.events_fan_out_pending()
    for document, count in ((small, 200), (large, len(followers))):
        measure(
            f"fan-out (task worker): new version to {count} followers",
            args.runs,
            fan_out_latest,
            before=partial(new_version, document),
        )

    candidates = followers[:200]
    measure(
        "access check alone, 200 people, batch hook (one check for all)",
        args.runs,
        partial(readers_of, label="knowledge.document", pk=small.pk, users=candidates),
    )
    measure(
        "access check alone, 200 people, per-user selector (the check before ADR 97)",
        args.runs,
        lambda: [
            visible_objects(user=user, label="knowledge.document", ids=[small.pk])
            for user in candidates
        ],
    )

    reader = followers[0]
    have = Notification.objects.filter(user=reader).count()
    if have < args.notifications:  # events of the kind the fan-out writes, for one person
        events = Event.objects.bulk_create(
            Event(
                content_type=document_type,
                object_id=(small.pk, large.pk)[number % 2],
                object_label="Benk-notat",
                verb="document_version",
                summary=f"v{number}: endring",
                actor=author,
            )
            for number in range(args.notifications - have)
        )
        Event.objects.filter(fanned_out_at__isnull=True).update(fanned_out_at=author.date_joined)
        events = list(Event.objects.filter(notifications__isnull=True).order_by("pk"))
        Notification.objects.bulk_create(Notification(user=reader, event=event) for event in events)
    total = Notification.objects.filter(user=reader).count()
    client = Client()
    client.force_login(reader)
    for label, url in (
        (f"notification list ({total} notifications; the newest 200 shown)", "notifications:list"),
        (f"Min side ({total} notifications)", "notifications:start"),
    ):
        measure(label, args.runs, partial(client.get, reverse(url)))

    # Visiting Min side stored the reader's choices from now on (no backlog): from the start.
    Preference.objects.filter(user=reader).update(delivery_since=author.date_joined)
    others = Notification.objects.exclude(user=reader)
    others.filter(emailed_at__isnull=True).update(emailed_at=author.date_joined)

    def unmail() -> None:
        Notification.objects.filter(user=reader).update(emailed_at=None)

    measure(
        f"daily digest: one mail of {total} notifications",
        args.runs,
        partial(services.digest_send, period="daily"),
        before=unmail,
    )
    unmail()
    summary = services.digest_send(period="daily")
    print(f"(check: the digest sent {summary.sent} mail of {summary.notifications} notifications)")
    print(f"load average at end: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
