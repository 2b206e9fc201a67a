"""`samspill demo` loads through the importers, and a second run skips what is unchanged."""

import io

import pytest
from django.core.management import call_command

from samspill.accounts.models import RoleAssignment, User
from samspill.core.models import LoadedDataset
from samspill.demo.steps import STEPS
from samspill.regions.models import Region

pytestmark = pytest.mark.django_db


def _run_foundation_steps(monkeypatch) -> str:
    # Only the foundation's steps: other apps' steps are tested in their own test modules.
    monkeypatch.setattr(
        "samspill.demo.management.commands.demo.STEPS",
        [s for s in STEPS if s.key in {"municipalities", "regions"}],
    )
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_a_second_run_skips_unchanged_data_and_duplicates_nothing(monkeypatch) -> None:
    first = _run_foundation_steps(monkeypatch)
    users, roles, regions = (
        User.objects.count(),
        RoleAssignment.objects.count(),
        Region.objects.count(),
    )

    second = _run_foundation_steps(monkeypatch)

    assert "skipped" not in first
    assert second.count("unchanged, skipped") == 2
    assert (User.objects.count(), RoleAssignment.objects.count(), Region.objects.count()) == (
        users,
        roles,
        regions,
    )
    assert LoadedDataset.objects.filter(key="municipalities").exists()


def test_demo_logins_are_printed(monkeypatch) -> None:
    out = io.StringIO()

    call_command("demo_logins", url="http://127.0.0.1:8123/", stdout=out)

    assert "http://127.0.0.1:8123/" in out.getvalue()
    assert "koordinator" in out.getvalue()
    assert "samspill-demo" in out.getvalue()
