"""/api/docs is served with the app's own Swagger UI files, never from a CDN."""

import json
import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_api_docs_load_only_local_assets(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in source for source in sources)
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicated == [], f"duplicated keys {duplicated} among {keys}"
    return dict(pairs)


@pytest.mark.django_db
def test_the_served_description_has_no_duplicated_key(client: Client) -> None:
    # JSON.parse keeps the last of two equal keys, but Swagger UI reads the description as YAML,
    # which refuses them and renders nothing: an int 200 from `response=` beside a "200" from
    # `openapi_extra` is serialised as two "200" keys.
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    json.loads(response.content, object_pairs_hook=_refuse_duplicate_keys)
