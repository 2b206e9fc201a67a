"""The strategy's forms: the status switch saves only on request, the measure form's goals are
grouped by focus area, errors are summarised, and the change history reads in words."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from samspill.accounts.models import User
from samspill.audit.models import AuditEntry
from samspill.core.history import history_changes
from samspill.regions.models import Municipality
from samspill.strategy import services
from samspill.strategy.models import Measure
from tests.strategy.conftest import user_with
from tests.strategy.factories import (
    ActionPlanFactory,
    FocusAreaFactory,
    GoalFactory,
    MeasureFactory,
)

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def plan():
    goal = GoalFactory.create(title="Flere teknologiselskap")
    strategy = goal.focus_area.strategy
    goal.focus_area.position = 1
    goal.focus_area.save(update_fields=["position"])
    FocusAreaFactory.create(strategy=strategy, name="Arbeidskraft", position=2)
    GoalFactory.create(
        focus_area=strategy.focus_areas.get(name="Arbeidskraft"), title="Flere ingeniører"
    )
    plan = ActionPlanFactory.create(strategy=strategy)
    MeasureFactory.create(action_plan=plan, title="Jobbmesse", goals=[goal])
    return plan


def test_the_status_select_has_a_save_button_and_does_not_save_on_change(plan) -> None:
    html = _client(user_with("trondheim_developer")).get(plan.get_absolute_url()).text
    action = reverse("strategy:measure-status", args=[plan.measures.get().pk])

    form = re.search(rf'<form[^>]*action="{action}".*?</form>', html, re.S)
    assert form is not None
    assert "hx-trigger" not in form.group(0)  # htmx's default for a form: its submit
    assert "hx-post" in form.group(0)  # still a partial update
    assert re.search(r'<button[^>]*type="submit"', form.group(0))
    assert "<noscript>" not in form.group(0)
    assert 'name="version"' in form.group(0)


def test_the_measure_form_groups_goals_by_focus_area(plan) -> None:
    url = reverse("strategy:measure-create", args=[plan.pk])

    html = _client(user_with("trondheim_developer")).get(url).text

    goals = html[html.index("Mål i strategien") : html.index('name="owner"')]
    legends = [text.strip() for text in re.findall(r"<legend[^>]*>([^<]+)<", goals)]
    focus_area = plan.strategy.focus_areas.exclude(name="Arbeidskraft").get().name
    assert legends == [focus_area, "Arbeidskraft"]
    arbeidskraft = goals[goals.index(">Arbeidskraft<") :]
    assert "Flere ingeniører" in arbeidskraft
    assert "Flere teknologiselskap" not in arbeidskraft


def test_an_invalid_measure_gets_a_summary_linking_to_the_fields(plan) -> None:
    url = reverse("strategy:measure-create", args=[plan.pk])

    html = (
        _client(user_with("trondheim_developer"))
        .post(url, {"title": "", "start_date": "2026-02-01", "deadline": "2026-01-01"})
        .text
    )

    assert "data-error-summary" in html
    links = re.findall(r'<a class="ds-link" href="#(id_[^"]+)"', html)
    assert {"id_title", "id_deadline", "id_status", "id_role"} <= set(links)
    for target in links:
        assert f'id="{target}"' in html


@pytest.mark.parametrize(
    "url_name", ["strategy:measure-create", "strategy:plan-create", "strategy:goal-create"]
)
def test_choice_placeholders_are_in_norwegian(plan, url_name: str) -> None:
    arg = plan.pk if url_name == "strategy:measure-create" else plan.strategy.pk

    html = _client(user_with("coordinator")).get(reverse(url_name, args=[arg])).text

    assert "Select an option" not in html
    assert "---------" not in html
    assert "– Velg –" in html


# --- The change history in words ------------------------------------------------------------------

_RAW = [
    re.compile(r"\['"),  # a Python list
    re.compile(r"\d{4}-\d{2}-\d{2}"),  # an ISO date or timestamp
    re.compile(r"\b(planned|ongoing|done|stopped|local|regional)\b"),  # codes
]


def test_every_change_to_a_measure_reads_in_words(plan) -> None:
    actor = user_with("coordinator")
    measure = plan.measures.get()
    goals = list(measure.goals.all())
    stjordal = Municipality.objects.get(number="5035")
    services.measure_update(
        actor=actor,
        measure=measure,
        title="Jobbmesse for elever",
        goals=goals,
        start_date=datetime.date(2026, 1, 15),
        deadline=datetime.date(2026, 12, 31),
        description="",
        owner=actor,
        owner_name="",
        partner_municipalities=[stjordal],
        partners="Næringsforeningen",
        budget=None,
        status=Measure.Status.ONGOING,
        role=Measure.Role.REGIONAL,
    )
    services.progress_note_add(
        actor=actor,
        measure=measure,
        date=datetime.date(2026, 3, 1),
        text="Første messe holdt.",
        status=Measure.Status.DONE,
    )

    entries = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Measure), object_pk=str(measure.pk)
    )
    rows = [row for entry in entries for row in history_changes(entry.changes, Measure)]
    texts = [f"{row.label}: {row.before} → {row.after}" for row in rows]

    assert texts
    for text in texts:
        assert not any(pattern.search(text) for pattern in _RAW), text
    # Recorded by number, shown with the name (not a bare "5035").
    assert any(text.endswith("→ 5035 Stjørdal") for text in texts), texts
    assert any(text.startswith("Fremdrift: None → 01.03.2026: Første messe") for text in texts)
