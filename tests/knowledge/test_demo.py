"""The demo: seed 004's memos and decisions, the strategy summary, templates; examples marked."""

import pytest

from samspill.demo.users import demo_users_create
from samspill.knowledge.demo import demo_knowledge_load
from samspill.knowledge.models import Decision, Document, DocumentKind, Visibility
from samspill.knowledge.selectors import documents_for_object
from samspill.regions.models import Region
from tests.accounts.factories import UserFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_memos_decisions_templates_and_the_strategy_summary() -> None:
    demo_users_create()
    strategy = StrategyFactory.create(region=Region.objects.get(slug="trondheimsregionen"))

    demo_knowledge_load()
    demo_knowledge_load()  # re-running replaces, never duplicates

    memos = Document.objects.filter(region__slug="sor-troms", kind=DocumentKind.MEMO)
    assert sorted(m.title for m in memos) == [
        "Notat fra workshop HA 2 – innholdet i tjenestene (eksempel)",
        "Notat fra workshop HA 3 – kompetansebehov (eksempel)",
    ]
    assert all(m.is_example for m in memos)
    plan = Document.objects.get(kind=DocumentKind.PLAN, region__slug="sor-troms")
    assert plan.visibility == Visibility.GROUP
    assert plan.versions.get().approved_by is not None
    bp1 = Decision.objects.get(case_number="BP 1")
    assert list(bp1.documents.all()) == [plan]
    assert bp1.is_example
    assert Document.objects.filter(kind=DocumentKind.TEMPLATE, is_reusable=True).count() == 3
    admin = UserFactory.create(is_superuser=True)
    summary = list(documents_for_object(user=admin, obj=strategy))
    assert [d.title for d in summary] == [
        "Verdiskapingsstrategi for Trondheimsregionen – sammendrag"
    ]
    assert "1000 tekno-selskap" in summary[0].versions.get().body_markdown
