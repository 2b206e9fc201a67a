"""One search over everything a user may open: Norwegian inflections, access in the query itself,
filters, ranking, and an index that follows every write (SQLite FTS5 here, PostgreSQL in CI)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from samspill.accounts.models import User
from samspill.inquiries.selectors import inquiry_list_for
from samspill.regions.models import Municipality, Region
from samspill.search import backends
from samspill.search.models import Audience, Kind, SearchEntry
from samspill.search.selectors import Filters, search_for
from samspill.search.services import index_rebuild, index_remove, index_update
from samspill.strategy.selectors import measure_list_for
from samspill.strategy.services import measure_update
from tests.accounts.factories import UserFactory
from tests.inquiries.factories import InquiryFactory
from tests.search.factories import SearchDocumentFactory
from tests.strategy.conftest import user_with
from tests.strategy.factories import ActionPlanFactory, MeasureFactory, StrategyFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "coordinator",
    "other_coordinator",
    "trondheim_developer",
    "stjordal_developer",
    "bardu_developer",
    "viewer",
    "site_admin",
    "no_role",
    "anonymous",
]


def _user(role: str) -> User | AnonymousUser:
    return AnonymousUser() if role == "anonymous" else user_with(role)


def _found(user: User | AnonymousUser, words: str, **filters: object) -> list[tuple[str, str]]:
    results = search_for(user=user, query=words, filters=Filters(**filters))  # type: ignore[arg-type]
    return [(hit.entry.kind, hit.entry.title) for hit in results.hits]


def test_inflected_forms_find_each_other() -> None:
    for title, body in [
        ("Arealnotat", "Kommunen har ledige næringsarealer ved E6."),
        ("Referat", "Vi gikk gjennom næringsarealene i sentrum."),
        ("Plan", "Nytt næringsareal regulert."),
        ("Annet", "Boligtomter og skoler."),
    ]:
        index_update(SearchDocumentFactory.build(title=title, body=body))

    for words in ("næringsareal", "næringsarealer", "Næringsarealene"):
        assert sorted(title for _k, title in _found(AnonymousUser(), words)) == [
            "Arealnotat",
            "Plan",
            "Referat",
        ], words
    # The first part of a compound finds it (a long word also matches as a prefix).
    assert {title for _k, title in _found(AnonymousUser(), "nærings")} >= {"Plan"}
    assert _found(AnonymousUser(), "boligtomt") == [("document", "Annet")]


def test_the_last_part_of_a_compound_finds_it_too() -> None:
    for title, body in [
        ("Notat", "Kommunen har ledige næringsarealer ved E6."),
        ("Jord", "Jordbruksarealet minker."),
        ("Areal", "Areal og transport."),
        ("Annet", "Et reelt tall og en ideell plan."),
    ]:
        index_update(SearchDocumentFactory.build(title=title, body=body))

    results = search_for(user=AnonymousUser(), query="arealer", filters=Filters(kinds=["document"]))

    assert sorted(hit.entry.title for hit in results.hits) == ["Areal", "Jord", "Notat"]
    assert results.total == 3
    snippets = {hit.entry.title: hit.snippet for hit in results.hits}
    assert "<mark>næringsarealer</mark>" in snippets["Notat"]
    assert "<mark>Jordbruksarealet</mark>" in snippets["Jord"]
    # A short tail finds no compounds ("real" is not "a|real"), and every word must still match.
    assert _found(AnonymousUser(), "real", kinds=["document"]) == []
    assert _found(AnonymousUser(), "areal minker") == [("document", "Jord")]


def test_a_part_in_the_middle_of_a_compound_finds_it() -> None:
    for title, body in [
        ("Plan", "Ny næringsarealplan for Malvik."),
        ("Planene", "Næringsarealplanene er vedtatt."),
        ("Kraft", "Fjordkraftverket står ferdig."),
        ("Annet", "Arealet er regulert."),
        ("Fremmed", "Realfag og ideell plan."),
    ]:
        index_update(SearchDocumentFactory.build(title=title, body=body))

    results = search_for(user=AnonymousUser(), query="areal", filters=Filters(kinds=["document"]))

    assert sorted(hit.entry.title for hit in results.hits) == ["Annet", "Plan", "Planene"]
    snippets = {hit.entry.title: hit.snippet for hit in results.hits}
    assert "<mark>næringsarealplan</mark>" in snippets["Plan"]
    assert "<mark>Næringsarealplanene</mark>" in snippets["Planene"]
    # "kraft" in the middle of "fjordkraftverket"; too short a part ("real") finds nothing there.
    assert _found(AnonymousUser(), "kraften", kinds=["document"]) == [("document", "Kraft")]
    assert _found(AnonymousUser(), "real", kinds=["document"]) == [("document", "Fremmed")]


def test_every_word_must_match_and_a_title_match_ranks_first() -> None:
    index_update(SearchDocumentFactory.build(title="Kyststi", body="Turisme og havbruk i Lenvik."))
    index_update(SearchDocumentFactory.build(title="Havbruk i Senja", body="Turisme langs kysten."))
    index_update(SearchDocumentFactory.build(title="Havbruk", body="Bare oppdrett."))

    assert [t for _k, t in _found(AnonymousUser(), "havbruk turisme")] == [
        "Havbruk i Senja",
        "Kyststi",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_a_user_finds_exactly_the_measures_they_may_open(role: str) -> None:
    trondheim = ActionPlanFactory.create()  # Trondheimsregionen, Trondheim's plan
    stjordal = ActionPlanFactory.create(
        strategy=trondheim.strategy, municipality=Municipality.objects.get(number="5035")
    )
    elsewhere = ActionPlanFactory.create(
        strategy=StrategyFactory.create(region=Region.objects.get(slug="sor-troms")),
        municipality=Municipality.objects.get(number="5520"),
    )
    for plan in (trondheim, stjordal, elsewhere):
        MeasureFactory.create(
            action_plan=plan,
            title=f"Fjordkraftverk {plan.municipality.name}",
            description="Et fjordkraftverk for næringslivet.",
        )
    index_rebuild(kinds=[Kind.MEASURE])
    user = _user(role)

    results = search_for(user=user, query="fjordkraftverket", filters=Filters(kinds=["measure"]))

    allowed = set(
        measure_list_for(user=user)
        .filter(title__startswith="Fjordkraftverk")
        .values_list("title", flat=True)
    )
    assert {hit.entry.title for hit in results.hits} == allowed
    assert results.total == len(allowed)  # the count never reveals more than the user may open
    assert results.kinds.get("measure", 0) == len(allowed)


@pytest.mark.parametrize("role", ROLES)
def test_inquiries_are_found_by_whoever_sees_the_inbox_and_never_by_personal_data(
    role: str,
) -> None:
    inquiry = InquiryFactory.create(company_name="Polarlaks AS", description="Ring Kari Nordmann")
    index_rebuild(kinds=[Kind.INQUIRY])
    user = _user(role)

    found = _found(user, "polarlaks")

    assert bool(found) == inquiry_list_for(user=user).filter(pk=inquiry.pk).exists()
    assert _found(UserFactory.create(is_superuser=True), "Kari Nordmann") == []


def test_named_readers_find_what_nobody_else_does() -> None:
    reader, other = UserFactory.create(), UserFactory.create()
    index_update(
        SearchDocumentFactory.build(
            title="Styringsgruppens notat",
            body="Fortrolig budsjettforslag.",
            audience=Audience.READERS,
            reader_ids=(reader.pk,),
        )
    )

    assert _found(reader, "budsjettforslag") == [("document", "Styringsgruppens notat")]
    assert _found(other, "budsjettforslag") == []
    assert search_for(user=other, query="budsjettforslag").kinds == {}


def test_filters_by_kind_region_municipality_date_and_tag() -> None:
    malvik = Municipality.objects.get(number="5031")
    region = Region.objects.get(slug="trondheimsregionen")
    index_update(
        SearchDocumentFactory.build(
            title="Verkstedsnotat Malvik",
            body="Havnelager",
            region_id=region.pk,
            municipality_ids=(malvik.pk,),
            date=datetime.date(2024, 5, 1),
            tags=("verksted", "havn"),
        )
    )
    index_update(
        SearchDocumentFactory.build(
            title="Havnelager i Harstad", kind=Kind.DECISION, date=datetime.date(2021, 1, 1)
        )
    )

    assert len(_found(AnonymousUser(), "havnelager")) == 2
    assert _found(AnonymousUser(), "havnelager", kinds=["decision"]) == [
        ("decision", "Havnelager i Harstad")
    ]
    assert _found(AnonymousUser(), "havnelager", region_id=region.pk)[0][1].endswith("Malvik")
    assert len(_found(AnonymousUser(), "havnelager", municipality_id=malvik.pk)) == 1
    assert len(_found(AnonymousUser(), "havnelager", date_from=datetime.date(2023, 1, 1))) == 1
    assert len(_found(AnonymousUser(), "havnelager", date_to=datetime.date(2023, 1, 1))) == 1
    assert len(_found(AnonymousUser(), "havnelager", tag="havn")) == 1
    assert _found(AnonymousUser(), "havnelager", tag="hav") == []  # tags match whole
    # The per-kind counts ignore the kind filter, so the other kinds stay reachable.
    kinds = search_for(
        user=AnonymousUser(), query="havnelager", filters=Filters(kinds=["decision"])
    )
    assert kinds.kinds == {"document": 1, "decision": 1}
    assert kinds.total == 1


def test_the_index_follows_every_write() -> None:
    coordinator = user_with("coordinator")
    measure = MeasureFactory.create(title="Klyngeprogram", description="Sjømatklynge i Trøndelag.")
    index_rebuild(kinds=[Kind.MEASURE])
    assert _found(coordinator, "sjømatklyngen") == [("measure", "Klyngeprogram")]

    measure_update(
        actor=coordinator,
        measure=measure,
        title="Klyngeprogram",
        goals=list(measure.goals.all()),
        start_date=measure.start_date,
        deadline=measure.deadline,
        description="Treklynge i Trøndelag.",
        owner=None,
        owner_name="",
        partner_municipalities=[],
        partners="",
        budget=None,
        status=measure.status,
        role=measure.role,
        expected_version=measure.version,
    )

    assert _found(coordinator, "sjømatklynge") == []
    assert _found(coordinator, "treklyngen") == [("measure", "Klyngeprogram")]
    index_remove(kind=Kind.MEASURE, object_id=measure.pk)
    assert _found(coordinator, "treklynge") == []


def test_municipalities_and_regions_are_indexed_on_import_and_public() -> None:
    assert ("municipality", "Malvik") in _found(AnonymousUser(), "malvik")
    hits = _found(AnonymousUser(), "sør-troms")
    assert hits[0] == ("region", "Sør-Troms – Næringsvennlig region")  # the name ranks first
    assert ("municipality", "Salangen") in hits  # a member (the region's text names it)


def test_the_rebuild_command_restores_a_lost_index(capsys: pytest.CaptureFixture[str]) -> None:
    SearchEntry.objects.filter(kind=Kind.MUNICIPALITY).delete()
    assert ("municipality", "Malvik") not in _found(AnonymousUser(), "malvik")

    call_command("search", "rebuild", "--kind", "municipality")

    assert ("municipality", "Malvik") in _found(AnonymousUser(), "malvik")
    assert "municipality:" in capsys.readouterr().out


def test_paging_stops_at_the_last_page() -> None:
    for n in range(25):
        index_update(SearchDocumentFactory.build(title=f"Mølle {n}", body="vindkraft"))
    first = search_for(user=AnonymousUser(), query="vindkraft")
    second = search_for(user=AnonymousUser(), query="vindkraft", page=2)
    assert (first.total, first.pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not {h.entry.pk for h in first.hits} & {h.entry.pk for h in second.hits}


@pytest.mark.parametrize("role", [*ROLES, "sor_troms_coordinator", "group_member", "author"])
def test_a_user_finds_exactly_the_documents_and_decisions_they_may_read(role: str) -> None:
    from samspill.knowledge.models import Visibility
    from samspill.knowledge.selectors import decision_list_for, document_list_for
    from tests.accounts.factories import CoordinatorRoleFactory
    from tests.knowledge.factories import DecisionFactory, DocumentFactory, DocumentGroupFactory

    member, author = UserFactory.create(), UserFactory.create()
    group = DocumentGroupFactory.create()
    group.members.set([member])
    for visibility in Visibility.values:
        DocumentFactory.create(
            title=f"Havbruksnotat {visibility}",
            visibility=visibility,
            group=group if visibility == Visibility.GROUP else None,
            created_by=author,
        )
    for visibility in (Visibility.PUBLIC, Visibility.REGION):
        DecisionFactory.create(title=f"Havbruksvedtak {visibility}", visibility=visibility)
    index_rebuild(kinds=[Kind.DOCUMENT, Kind.DECISION])
    users = {
        "sor_troms_coordinator": lambda: (
            CoordinatorRoleFactory.create(region=Region.objects.get(slug="sor-troms")).user
        ),
        "group_member": lambda: member,
        "author": lambda: author,
    }
    user = users[role]() if role in users else _user(role)

    found = {title for _kind, title in _found(user, "havbruksnotatet")}
    decided = {title for _kind, title in _found(user, "havbruksvedtak")}

    assert found == set(
        document_list_for(user=user)
        .filter(title__startswith="Havbruksnotat")
        .values_list("title", flat=True)
    )
    assert decided == set(
        decision_list_for(user=user, region=Region.objects.get(slug="sor-troms"))
        .filter(title__startswith="Havbruksvedtak")
        .values_list("title", flat=True)
    )


def test_a_very_common_word_is_counted_and_ranked_among_the_newest_visible_matches_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backends, "SAMPLE", 3)
    for n in range(5):
        index_update(SearchDocumentFactory.build(title=f"Havbruk {n}", body="Havbruk i Senja."))
    index_update(SearchDocumentFactory.build(kind=Kind.DECISION, title="Havbruksvedtak"))
    # Indexed last (the newest), but for named readers only: never in an anonymous sample.
    for n in range(3):
        index_update(
            SearchDocumentFactory.build(
                title=f"Hemmelig havbruk {n}", audience=Audience.READERS, reader_ids=()
            )
        )

    results = search_for(user=AnonymousUser(), query="havbruk")

    assert results.capped
    assert results.kinds_capped
    assert results.total == 3
    assert sum(results.kinds.values()) == 4  # the newest 3 + 1 the user may open
    assert results.kinds["decision"] == 1
    assert not any(hit.entry.title.startswith("Hemmelig") for hit in results.hits)
    assert {hit.entry.title for hit in results.hits} == {
        "Havbruksvedtak",
        "Havbruk 4",
        "Havbruk 3",
        "Havbruk 2",
    }
    # With a kind filter the total is counted among that kind's matches.
    decisions = search_for(
        user=AnonymousUser(), query="havbruk", filters=Filters(kinds=["decision"])
    )
    assert (decisions.total, decisions.capped) == (1, False)
    assert [hit.entry.title for hit in decisions.hits] == ["Havbruksvedtak"]
    # Under the limit nothing is capped.
    few = search_for(user=AnonymousUser(), query="havbruksvedtak")
    assert (few.total, few.capped, few.kinds_capped) == (1, False, False)
