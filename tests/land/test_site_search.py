"""Published sites are in the site-wide search; unpublished ones never are."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from samspill.land.services import site_publish
from samspill.search.selectors import search_for
from tests.land.factories import make_site

pytestmark = pytest.mark.django_db


def _titles(query: str) -> set[str]:
    hits = search_for(user=AnonymousUser(), query=query).hits
    return {hit.entry.title for hit in hits if hit.entry.kind == "site"}


def test_publishing_puts_a_site_in_the_search_and_taking_it_down_removes_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        site = make_site(
            name="Kvithammar logistikktomt", description="Flat tomt ved E6", is_published=False
        )
    assert _titles("logistikktomt") == set()

    with django_capture_on_commit_callbacks(execute=True):
        site = site_publish(actor=None, site=site, expected_version=site.version, publish=True)
    assert _titles("logistikktomt") == {"Kvithammar logistikktomt"}
    assert _titles("Stjørdal") >= {"Kvithammar logistikktomt"}  # the municipality's name

    with django_capture_on_commit_callbacks(execute=True):
        site_publish(actor=None, site=site, expected_version=site.version, publish=False)
    assert _titles("logistikktomt") == set()
