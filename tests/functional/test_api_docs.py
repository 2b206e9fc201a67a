"""The API documentation renders from the app's own files: no request leaves the server."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.functional


def test_api_docs_render_without_any_outside_request(page, demo_server):
    own_host = urlparse(demo_server).netloc
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if urlparse(request.url).netloc not in ("", own_host)
            else None
        ),
    )
    page.goto("/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Samspill API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock").first.wait_for()
    assert outside == []
