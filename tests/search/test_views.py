"""The search page and the API: the same hits, escaped snippets, filters, clear 4xx for bad input."""

import pytest
from django.test import Client
from django.urls import reverse

from samspill.search import backends
from samspill.search.models import Audience
from samspill.search.services import index_update
from tests.accounts.factories import UserFactory
from tests.search.factories import SearchDocumentFactory

pytestmark = pytest.mark.django_db


def test_the_page_marks_matches_escapes_text_and_hides_what_the_user_may_not_open(
    client: Client,
) -> None:
    index_update(
        SearchDocumentFactory.build(
            title="<b>Næringsarealer</b> i Malvik",
            body="Oversikt over <script>x</script> ledige næringsarealer.",
        )
    )
    index_update(
        SearchDocumentFactory.build(
            title="Hemmelig næringsareal", audience=Audience.READERS, reader_ids=()
        )
    )

    response = client.get(reverse("search:search"), {"q": "næringsarealene"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;<mark>Næringsarealer</mark>&lt;/b&gt; i Malvik" in html
    assert "&lt;script&gt;" in html
    assert "<script>x" not in html
    assert "Hemmelig" not in html
    assert "1 treff" in html


def test_past_the_limit_the_page_says_more_than_and_the_api_says_capped(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backends, "SAMPLE", 2)
    for n in range(4):
        index_update(SearchDocumentFactory.build(title=f"Havbruk {n}"))

    html = client.get(reverse("search:search"), {"q": "havbruk"}).content.decode()
    data = client.get("/api/search/", {"q": "havbruk"}).json()

    assert "Mer enn 2 treff" in html
    assert (data["total"], data["total_capped"]) == (2, True)


def test_the_page_in_english_links_to_english_pages(client: Client) -> None:
    response = client.get("/en/sok/", {"q": "malvik", "kind": "municipality"})
    assert response.status_code == 200
    assert 'href="/en/regioner/kommuner/5031/"' in response.content.decode()


def test_an_invalid_filter_is_shown_next_to_its_field(client: Client) -> None:
    response = client.get(
        reverse("search:search"), {"q": "malvik", "fra": "2024-01-02", "til": "2024-01-01"}
    )
    assert response.status_code == 200
    assert "Til-datoen er før fra-datoen." in response.content.decode()


def test_the_api_gives_the_same_hits_and_4xx_with_a_reason(client: Client) -> None:
    reader = UserFactory.create()
    index_update(
        SearchDocumentFactory.build(
            title="Styringsgruppenotat", audience=Audience.READERS, reader_ids=(reader.pk,)
        )
    )

    assert client.get("/api/search/", {"q": "styringsgruppenotat"}).json()["total"] == 0
    client.force_login(reader)
    answer = client.get("/api/search/", {"q": "styringsgruppenotatet"}).json()
    assert answer["total"] == 1
    assert answer["results"][0]["title"] == "Styringsgruppenotat"
    assert "<mark>" in answer["results"][0]["snippet_html"] or answer["results"][0]["title"]

    assert client.get("/api/search/").status_code == 422
    assert client.get("/api/search/", {"q": "x", "region": "finnes-ikke"}).status_code == 404
    assert client.get("/api/search/", {"q": "x", "municipality": "12"}).status_code == 422
    assert client.get("/api/search/", {"q": "x", "page": 0}).status_code == 422
    bad_dates = client.get(
        "/api/search/", {"q": "x", "date_from": "2024-02-01", "date_to": "2024-01-01"}
    )
    assert bad_dates.status_code == 422
    assert "date_from" in bad_dates.json()["detail"]


def test_norwegian_example_words_are_marked_as_norwegian_on_english_pages(client: Client) -> None:
    page = client.get("/en/sok/").content.decode()
    assert '«<span lang="nb">næringsareal</span>»' in page
    assert '«<span lang="nb">areal</span>»' in page

    only_common_words = client.get("/en/sok/", {"q": "og i som"}).content.decode()
    assert '«<span lang="nb">og</span>», «<span lang="nb">i</span>»' in only_common_words
