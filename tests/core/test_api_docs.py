"""/api/docs is served with the app's own Swagger UI files, never from a CDN."""

import re

import pytest
from django.test import Client


@pytest.mark.django_db
def test_api_docs_load_only_local_assets(client: Client) -> None:
    html = client.get("/api/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle.js" in source for source in sources)
    assert [s for s in sources if s.startswith(("http:", "https:", "//"))] == []
