"""API: list, count, read, choices, follow/unfollow; 404 for what the user may not open."""

import json

import pytest
from django.test import Client

from samspill.accounts.models import User
from samspill.knowledge.models import Document
from samspill.notifications import services
from samspill.notifications.models import Follow
from tests.notifications.conftest import new_version, worker

pytestmark = pytest.mark.django_db
BASE = "/api/notifications"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_count_and_read(follower: User, colleague: User, document: Document) -> None:
    services.follow(user=follower, obj=document)
    new_version(colleague, document)
    worker()
    client = _client(follower)
    (item,) = client.get(f"{BASE}/").json()
    assert item["kind"] == "knowledge.document"
    assert item["object_id"] == document.pk
    assert item["verb"] == "document_version"
    assert item["read"] is False
    assert client.get(f"{BASE}/unread-count").json() == {"unread": 1}
    answer = client.post(f"{BASE}/read", json.dumps({"ids": [item["id"]]}), "application/json")
    assert answer.json() == {"marked": 1}
    assert client.get(f"{BASE}/unread-count").json() == {"unread": 0}
    assert client.get(f"{BASE}/?unread=true").json() == []


def test_follow_and_unfollow(follower: User, outsider: User, document: Document) -> None:
    url = f"{BASE}/follows/knowledge.document/{document.pk}"
    client = _client(follower)
    assert client.get(url).json()["following"] is False
    assert client.put(url).json()["following"] is True
    assert client.put(url).status_code == 200  # idempotent
    assert Follow.objects.filter(user=follower).count() == 1
    assert client.delete(url).json()["following"] is False
    assert _client(outsider).put(url).status_code == 404  # hidden: as if it did not exist
    assert client.put(f"{BASE}/follows/accounts.user/{follower.pk}").status_code == 404
    assert Client().get(url).status_code == 401


def test_preferences(follower: User) -> None:
    client = _client(follower)
    assert client.get(f"{BASE}/preferences").json() == {"delivery": "daily", "language": "nb"}
    body = json.dumps({"delivery": "immediate", "language": "en"})
    assert client.put(f"{BASE}/preferences", body, "application/json").status_code == 200
    assert client.get(f"{BASE}/preferences").json() == {"delivery": "immediate", "language": "en"}
    bad = json.dumps({"delivery": "hourly", "language": "en"})
    assert client.put(f"{BASE}/preferences", bad, "application/json").status_code == 422
