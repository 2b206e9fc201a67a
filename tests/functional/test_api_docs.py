"""The API documentation renders from the app's own files: no request leaves the server."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.functional


def test_api_docs_render_without_any_outside_request(page, demo_server):
    own_host = urlparse(demo_server).netloc
    outside: list[str] = []
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
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
    # Every operation of the OpenAPI description is rendered (tags are expanded by default).
    schema = page.request.get("/api/openapi.json").json()
    operations = sum(
        1
        for item in schema["paths"].values()
        for method in item
        if method in ("get", "put", "post", "patch", "delete")
    )
    page.wait_for_function("n => document.querySelectorAll('.opblock').length >= n", arg=operations)
    assert page.locator(".opblock").count() == operations
    assert page.get_by_text("/api/strategy/public/{strategy_id}").count() >= 1
    assert any("swagger-ui-bundle" in url for url in seen)  # the viewer came from the app itself
    assert outside == []  # every request (page, scripts, styles, fonts, schema) went to the app
