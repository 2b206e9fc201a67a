"""The audit trail: what is recorded, and how values are stored."""

import datetime
from decimal import Decimal

import pytest

from samspill.audit.models import AuditEntry
from samspill.audit.selectors import audit_entries_for
from samspill.audit.services import audit_record, model_changes
from samspill.regions.models import Region
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_entry_names_the_actor_the_object_and_the_changes() -> None:
    region = Region.objects.get(slug="sor-troms")
    actor = UserFactory(username="kari")

    audit_record(
        actor=actor,
        subject=region,
        action=AuditEntry.Action.UPDATE,
        changes={
            "budget": [Decimal("1.5"), 2],
            "day": [None, datetime.date(2026, 1, 2)],
            "tags": {"a"},
            "by": [actor],
        },
    )

    entry = audit_entries_for(subject=region)[0]  # newest first
    assert (entry.actor_label, entry.action, entry.object_repr) == ("kari", "update", str(region))
    assert entry.changes == {
        "budget": ["1.5", 2],
        "day": [None, "2026-01-02"],
        "tags": ["a"],
        "by": [str(actor)],
    }


def test_system_actions_have_no_actor() -> None:
    region = Region.objects.get(slug="sor-troms")

    entry = audit_record(actor=None, subject=region, action=AuditEntry.Action.IMPORT)

    assert entry.actor_label == "system"
    assert entry.changes == {}


def test_model_changes_applies_values_and_reports_only_what_changed() -> None:
    region = Region(name="A", description="same")

    changes = model_changes(region, {"name": "B", "description": "same"})

    assert changes == {"name": ["A", "B"]}
    assert region.name == "B"
