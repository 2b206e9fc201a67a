"""Anonymous public pages come from the shared cache until the data version changes."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from samspill.core.page_cache import (
    HIT_HEADER,
    bump_data_version,
    cache_public_page,
    cached_for_data_version,
    data_version,
)
from samspill.regions.services import region_update
from tests.accounts.factories import CoordinatorRoleFactory
from tests.regions.factories import RegionFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_region_page_is_served_from_the_cache_the_second_time(client) -> None:
    region = RegionFactory(name="Hurtigbufferregionen")

    first = client.get(region.get_absolute_url())
    second = client.get(region.get_absolute_url())

    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "Hurtigbufferregionen" in second.content.decode()


def test_a_cached_page_carries_no_csrf_token_and_sets_no_cookie(client) -> None:
    region = RegionFactory()

    response = client.get(region.get_absolute_url())

    assert response[HIT_HEADER] == "miss"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "X-CSRFToken" not in response.content.decode()
    assert not response.cookies


def test_signed_in_users_always_get_a_fresh_page(client) -> None:
    region = RegionFactory()
    coordinator = CoordinatorRoleFactory(region=region).user
    client.force_login(coordinator)

    client.get(region.get_absolute_url())
    response = client.get(region.get_absolute_url())

    assert HIT_HEADER not in response
    assert "csrfmiddlewaretoken" in response.content.decode()  # language and logout forms


def test_a_region_edit_is_seen_at_once_by_anonymous_visitors(
    client, django_capture_on_commit_callbacks
) -> None:
    region = RegionFactory(name="Gammelt navn")
    coordinator = CoordinatorRoleFactory(region=region).user
    assert client.get(region.get_absolute_url())[HIT_HEADER] == "miss"
    assert client.get(region.get_absolute_url())[HIT_HEADER] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        region_update(region=region, actor=coordinator, name="Nytt navn", description="")
    response = client.get(region.get_absolute_url())

    assert response[HIT_HEADER] == "miss"
    assert "Nytt navn" in response.content.decode()


def test_the_version_changes_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
) -> None:
    before = data_version()
    assert data_version() == before

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        bump_data_version()
    assert data_version() == before
    callbacks[0]()

    assert data_version() != before


def test_each_language_has_its_own_cached_page(client) -> None:
    region = RegionFactory()
    client.get(region.get_absolute_url())

    english = client.get(f"/en{region.get_absolute_url()}")

    assert english[HIT_HEADER] == "miss"
    assert '<html lang="en"' in english.content.decode()


def test_the_anonymous_language_switch_is_a_link_to_the_same_page(client) -> None:
    region = RegionFactory()

    page = client.get(region.get_absolute_url()).content.decode()

    assert f'href="/en{region.get_absolute_url()}"' in page


def test_a_page_with_a_message_waiting_is_not_served_from_the_cache(client) -> None:
    region = RegionFactory()
    client.get(region.get_absolute_url())
    client.cookies["messages"] = "something"

    assert HIT_HEADER not in client.get(region.get_absolute_url())


def _request() -> HttpRequest:
    request = RequestFactory().get("/a-page/")
    request.user = AnonymousUser()
    return request


def test_a_page_that_used_a_csrf_token_is_never_cached() -> None:
    @cache_public_page
    def view_with_form(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"<input value='{get_token(request)}'>")

    view_with_form(_request())

    assert HIT_HEADER not in view_with_form(_request())


def test_only_successful_pages_are_cached() -> None:
    @cache_public_page
    def missing(request: HttpRequest) -> HttpResponse:
        return HttpResponse("gone", status=404)

    missing(_request())

    assert HIT_HEADER not in missing(_request())


def test_a_computed_result_is_reused_until_the_data_version_changes(
    django_capture_on_commit_callbacks,
) -> None:
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"answer": len(calls)}

    first = cached_for_data_version("test:answer", compute)
    second = cached_for_data_version("test:answer", compute)
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()
    third = cached_for_data_version("test:answer", compute)

    assert (first, second, third) == ({"answer": 1}, {"answer": 1}, {"answer": 2})
