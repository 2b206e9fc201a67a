"""Demo follows: each demo user follows their region; Berit Bardu also follows Sør-Troms' project
plan (shared with the steering group she is in). Through the services, idempotent."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from samspill.accounts.models import User
from samspill.notifications.models import Delivery
from samspill.notifications.services import events_fan_out_pending, follow, preference_set
from samspill.regions.models import Region

FOLLOWS = {
    "bardu": "sor-troms",
    "salangen": "sor-troms",
    "sortroms": "sor-troms",
    "koordinator": "trondheimsregionen",
    "trondheim": "trondheimsregionen",
    "politiker": "trondheimsregionen",
}
PLAN_TITLE = "Prosjektplan – forprosjekt Næringsvennlig region Sør-Troms"


@transaction.atomic
def demo_notifications_load() -> None:
    users = {user.username: user for user in User.objects.filter(username__in=FOLLOWS)}
    for username, slug in FOLLOWS.items():
        user = users.get(username)
        if user is None:
            continue
        follow(user=user, obj=Region.objects.get(slug=slug))
        preference_set(user=user, delivery=Delivery.DAILY, language="nb")
    bardu = users.get("bardu")
    document_type = ContentType.objects.filter(app_label="knowledge", model="document").first()
    if bardu is not None and document_type is not None:
        plan = document_type.model_class()._default_manager.filter(title=PLAN_TITLE).first()  # type: ignore[union-attr]
        if plan is not None:
            follow(user=bardu, obj=plan)
    # The demo's documents were recorded before anyone followed: nothing to tell, nothing pending.
    events_fan_out_pending()
