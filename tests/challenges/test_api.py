"""The challenges API: public reads, the owners' writes with reasons, confidential answers."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from samspill.challenges.models import Challenge, Stage
from tests.challenges.factories import (
    NOTODDEN,
    TRONDHEIM,
    AnswerFactory,
    ChallengeFactory,
    CriterionFactory,
    SupplierFactory,
    developer,
    supplier_user,
)

pytestmark = pytest.mark.django_db

NEED = {
    "title": "Slam",
    "municipalities": [NOTODDEN],
    "problem": "For mye slam.",
    "affected": "Renseanlegget.",
    "cost_today": "1 mill. kr i året.",
    "good_result": "Halvparten så mye slam.",
    "measurement": "Tonn slam per år.",
    "area": "water",
    "procurement_route": "innovation_partnership",
}


def _send(client: Client, method: str, url: str, body: object) -> object:
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


def test_public_reads_without_login_never_show_drafts(client: Client) -> None:
    public = ChallengeFactory.create(title="Åpen")
    draft = ChallengeFactory.create(title="Utkast", stage=Stage.DRAFT)
    rows = client.get("/api/challenges/").json()
    assert [r["title"] for r in rows] == ["Åpen"]
    assert client.get(f"/api/challenges/{public.pk}").status_code == 200
    assert client.get(f"/api/challenges/{draft.pk}").status_code == 404


def test_the_owners_create_and_move_with_reasons_for_refusals(client: Client) -> None:
    assert _send(client, "post", "/api/challenges/", NEED).status_code == 401  # type: ignore[attr-defined]
    client.force_login(developer(TRONDHEIM))
    assert _send(client, "post", "/api/challenges/", NEED).status_code == 403  # type: ignore[attr-defined]
    client.force_login(developer(NOTODDEN))
    created = _send(client, "post", "/api/challenges/", NEED)
    assert created.status_code == 201  # type: ignore[attr-defined]
    pk = created.json()["id"]  # type: ignore[attr-defined]
    bad = _send(
        client,
        "put",
        f"/api/challenges/{pk}/criteria",
        {"criteria": [{"name": "Effekt", "weight": 60}, {"name": "Pris", "weight": 30}]},
    )
    assert bad.status_code == 422  # type: ignore[attr-defined]
    assert "90 %" in bad.json()["detail"]  # type: ignore[attr-defined]
    moved = _send(client, "post", f"/api/challenges/{pk}/transition", {"to": "dialogue"})
    assert moved.json()["stage"] == "dialogue"  # type: ignore[attr-defined]
    again = _send(client, "post", f"/api/challenges/{pk}/transition", {"to": "dialogue"})
    assert again.status_code == 409  # type: ignore[attr-defined]
    assert Challenge.objects.get(pk=pk).stage == Stage.DIALOGUE


def test_answers_are_confidential_and_closed_after_the_deadline(client: Client) -> None:
    challenge = ChallengeFactory.create(
        stage=Stage.ANSWERS, answer_deadline=timezone.now() + datetime.timedelta(days=1)
    )
    CriterionFactory.create(challenge=challenge, weight=100)
    mine = SupplierFactory.create()
    client.force_login(supplier_user(mine))
    saved = _send(client, "put", f"/api/challenges/{challenge.pk}/answer", {"solution": "Roboter"})
    assert saved.status_code == 200  # type: ignore[attr-defined]
    answer_id = saved.json()["id"]  # type: ignore[attr-defined]
    assert client.get(f"/api/challenges/answers/{answer_id}").status_code == 200
    client.force_login(supplier_user(SupplierFactory.create()))
    assert client.get(f"/api/challenges/answers/{answer_id}").status_code == 404
    assert client.get(f"/api/challenges/{challenge.pk}/answers").status_code == 403
    Challenge.objects.filter(pk=challenge.pk).update(
        answer_deadline=timezone.now() - datetime.timedelta(seconds=1)
    )
    client.force_login(supplier_user(mine))
    late = _send(client, "put", f"/api/challenges/{challenge.pk}/answer", {"solution": "Sent"})
    assert late.status_code == 409  # type: ignore[attr-defined]
    assert "Svarfristen" in late.json()["detail"]  # type: ignore[attr-defined]


def test_the_openapi_description_lists_the_challenge_endpoints(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/challenges/{challenge_id}/transition" in paths
    assert "409" in paths["/api/challenges/{challenge_id}/answer"]["put"]["responses"]


def test_the_directory_is_public(client: Client) -> None:
    AnswerFactory.create()
    assert len(client.get("/api/challenges/suppliers").json()) == 1
