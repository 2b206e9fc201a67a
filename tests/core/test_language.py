"""The language switch: every language to every other, keeping the page and its query string."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/regioner/trondheimsregionen/?aar=2020", "/regioner/kommuner/5001/", "/"]
PREFIX = {"nb": "", "en": "/en", "nn": "/nn"}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("source", "target"),
    [("nb", "en"), ("en", "nb"), ("nb", "nn"), ("nn", "nb"), ("en", "nn"), ("nn", "en")],
)
def test_switching_language_keeps_the_page_and_its_query(client, page, source, target) -> None:
    response = client.post(
        reverse("set_language"), {"language": target, "next": PREFIX[source] + page}
    )

    assert response.status_code == 302
    assert response["Location"] == PREFIX[target] + page
    assert response.cookies["django_language"].value == target


def test_the_switched_page_is_served_in_the_chosen_language(client) -> None:
    for language, prefix in PREFIX.items():
        response = client.get(f"{prefix}/regioner/trondheimsregionen/")
        assert f'lang="{language}"' in response.text


def test_the_language_form_offers_the_two_other_languages_and_the_current_page(client) -> None:
    from tests.accounts.factories import UserFactory

    client.force_login(UserFactory.create())
    html = client.get("/nn/regioner/?side=2").text

    assert 'name="next" type="hidden" value="/nn/regioner/?side=2"' in html
    assert 'value="nb"' in html
    assert 'value="en"' in html
    assert 'value="nn"' not in html


def test_anonymous_visitors_switch_with_plain_links_to_the_same_page(client) -> None:
    """No form (no CSRF token), so the anonymous page stays cacheable; the query is kept."""
    html = client.get("/nn/regioner/?side=2").text

    assert 'href="/regioner/?side=2" lang="nb"' in html
    assert 'href="/en/regioner/?side=2" lang="en"' in html
    assert 'href="/nn/regioner/?side=2" lang="nn"' not in html


def test_a_foreign_next_address_is_not_followed(client) -> None:
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://example.com/"}
    )

    assert "example.com" not in response.get("Location", "")
