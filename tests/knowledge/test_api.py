"""API: list/detail scoped to the reader, memo and decision creation with reasons for refusals."""

import json

import pytest
from django.test import Client

from samspill.accounts.models import User
from samspill.knowledge import services
from samspill.knowledge.models import Decision, Document, Visibility
from samspill.regions.models import Region
from tests.knowledge.factories import DecisionFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def _post(client: Client, url: str, data: dict[str, object]) -> tuple[int, dict[str, object]]:
    response = client.post(url, json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


def test_documents_are_listed_only_as_far_as_the_user_may_read_them(
    client: Client, coordinator: User, outsider: User
) -> None:
    sor_troms = Region.objects.get(slug="sor-troms")
    internal = services.document_create(
        actor=coordinator, region=sor_troms, title="Internt", body_markdown="x"
    )
    public = services.document_create(
        actor=coordinator,
        region=sor_troms,
        title="Offentlig",
        body_markdown="x",
        visibility=Visibility.PUBLIC,
    )

    client.force_login(outsider)
    assert [d["title"] for d in client.get("/api/knowledge/documents").json()] == ["Offentlig"]
    assert client.get(f"/api/knowledge/documents/{internal.pk}").status_code == 404
    client.force_login(coordinator)
    detail = client.get(f"/api/knowledge/documents/{public.pk}").json()
    assert detail["versions"][0]["number"] == 1
    assert detail["body_markdown"] == "x"
    assert client.get("/api/knowledge/documents").status_code == 200
    client.logout()
    assert client.get("/api/knowledge/documents").status_code == 401


def test_a_memo_is_created_through_the_api(client: Client, developer: User) -> None:
    client.force_login(developer)

    status, body = _post(
        client,
        "/api/knowledge/regions/sor-troms/documents",
        {"title": "Verksted 1", "body_markdown": "# Tjenester", "tags": ["verksted"]},
    )

    assert status == 201
    assert body["tags"] == ["verksted"]
    assert Document.objects.get().created_by == developer


def test_the_api_refuses_what_the_service_refuses_with_a_reason(
    client: Client, coordinator: User, viewer: User
) -> None:
    client.force_login(viewer)
    status, _body = _post(
        client, "/api/knowledge/regions/sor-troms/documents", {"title": "A", "body_markdown": "x"}
    )
    assert status == 403

    client.force_login(coordinator)
    status, body = _post(
        client,
        "/api/knowledge/regions/sor-troms/documents",
        {"title": "A", "body_markdown": "x", "visibility": "group"},
    )
    assert status == 422
    assert "group" in body["errors"]  # type: ignore[operator]
    status, body = _post(
        client, "/api/knowledge/regions/sor-troms/documents", {"title": "A", "body_markdown": " "}
    )
    assert status == 422
    assert not Document.objects.exists()


def test_decisions_through_the_api(client: Client, coordinator: User, outsider: User) -> None:
    strategy_document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Plan",
        body_markdown="x",
        links=[StrategyFactory.create(region=Region.objects.get(slug="sor-troms"))],
    )
    DecisionFactory.create(title="Offentlig vedtak", text="Annet", visibility=Visibility.PUBLIC)
    client.force_login(coordinator)

    status, body = _post(
        client,
        "/api/knowledge/regions/sor-troms/decisions",
        {
            "body": "steering_group",
            "date": "2025-05-01",
            "case_number": "25/7",
            "title": "Planen godkjent",
            "text": "Styringsgruppen godkjenner planen.",
            "document_ids": [strategy_document.pk],
        },
    )

    assert status == 201
    assert body["document_ids"] == [strategy_document.pk]
    decision = Decision.objects.get(title="Planen godkjent")
    assert list(decision.documents.all()) == [strategy_document]
    listed = client.get("/api/knowledge/regions/sor-troms/decisions?year=2025&text=planen").json()
    assert [d["title"] for d in listed] == ["Planen godkjent"]
    client.force_login(outsider)
    listed = client.get("/api/knowledge/regions/sor-troms/decisions").json()
    assert [d["title"] for d in listed] == ["Offentlig vedtak"]
    assert client.get(f"/api/knowledge/decisions/{decision.pk}").status_code == 404
    status, _body = _post(
        client,
        "/api/knowledge/regions/sor-troms/decisions",
        {"body": "steering_group", "date": "2025-05-01", "title": "X", "text": "Y"},
    )
    assert status == 403
