"""Layout at its root: the front page, page titles and the table regions of every template."""

import re

import pytest
from django.urls import reverse

from samspill.config.settings import BASE_DIR
from samspill.core.page_cache import HIT_HEADER
from tests.accounts.factories import CoordinatorRoleFactory, UserFactory
from tests.regions.factories import RegionFactory
from tests.strategy.factories import ActionPlanFactory, StrategyFactory

TEMPLATES = sorted(
    path for path in (BASE_DIR / "samspill").rglob("templates/**/*.html") if "pdf" not in path.parts
)
# Named by what the table holds (its caption's words, or the heading it sits under), never by
# one generic phrase: a screen reader's list of regions must tell the tables apart.
WRAPPER = re.compile(
    r'<div class="table-(?:wrap|scroll)" tabindex="0" role="region" '
    r'aria-(?:label="\S.*"|labelledby="[^"]+")>[ \t]*$',
    re.MULTILINE,
)
GENERIC = "kan rulles sidelengs"


def test_templates_are_found() -> None:
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(BASE_DIR)))
def test_every_data_table_sits_in_a_focusable_labelled_region(path) -> None:
    """At 320 px a wide table scrolls inside its own region (WCAG 1.4.10's exception), never the page."""
    text = path.read_text(encoding="utf-8")
    assert GENERIC not in text, f"{path.name}: a table region with the generic label"
    for match in re.finditer(r"<table\b", text):
        before = text[: match.start()].rstrip()
        last_line = before.rsplit("\n", 1)[-1]
        assert WRAPPER.search(last_line), (
            f"{path.name}: a <table> outside a named table-wrap region at offset {match.start()}"
        )


@pytest.mark.django_db
def test_the_front_page_shows_where_each_kind_of_user_starts_and_stays_cacheable(client) -> None:
    region = RegionFactory(name="Startregionen")

    first = client.get(reverse("core:home"))
    second = client.get(reverse("core:home"))

    page = second.content.decode()
    assert second[HIT_HEADER] == "hit"
    assert reverse("inquiries:front-door") in page  # a business: send an inquiry
    assert reverse("stats:region-dashboard", args=[region.slug]) in page  # region facts
    assert reverse("accounts:login") in page  # coordinators and developers sign in
    assert "Ditt arbeid" not in page
    assert first.content == second.content


@pytest.mark.django_db
def test_a_signed_in_coordinator_sees_their_regions_inbox_strategies_and_plans(client) -> None:
    region = RegionFactory(name="Egenregionen")
    other = RegionFactory(name="Fremmedregionen")
    strategy = StrategyFactory(region=region, title="Strategi for Egenregionen")
    plan = ActionPlanFactory(strategy=strategy)
    client.force_login(CoordinatorRoleFactory(region=region).user)

    response = client.get(reverse("core:home"))

    page = response.content.decode()
    assert HIT_HEADER not in response
    assert "Ditt arbeid" in page
    assert reverse("inquiries:inbox", args=[region.slug]) in page
    assert reverse("inquiries:inbox", args=[other.slug]) not in page
    assert strategy.get_absolute_url() in page
    assert plan.get_absolute_url() in page


@pytest.mark.django_db
def test_a_signed_in_user_without_a_role_is_told_so(client) -> None:
    client.force_login(UserFactory())

    page = client.get(reverse("core:home")).content.decode()

    assert "Du har ingen rolle i en region ennå." in page


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["accounts:login", "core:home", "core:sources"])
def test_page_titles_name_the_product_not_the_host(client, name) -> None:
    """Django's auth views set `site_name` to the host; the title must still say Samspill."""
    page = client.get(reverse(name), HTTP_HOST="testserver").content.decode()

    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None
    text = " ".join(title.group(1).split())
    assert text.endswith(" – Samspill")
    assert "testserver" not in text
    assert text != "Samspill – Samspill"
