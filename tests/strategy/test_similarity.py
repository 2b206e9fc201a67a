"""Norwegian-aware text similarity: pure, no database."""

import pytest

from samspill.strategy.similarity import similar_pairs, stems, text_similarity

CORPUS = [
    "Arrangementsfond for store mesterskap",
    "Kartlegge ledige næringsarealer",
    "Jobbmesse for elever i videregående skole",
    "Lokalmat og matfestival",
]


def test_stop_words_go_and_words_are_stemmed() -> None:
    assert stems("Rekruttering av ingeniører til kommunen") == ["rekrutter", "ingeniør"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("rekruttering av ingeniører", "rekruttere ingeniørkompetanse"),
        ("Kartlegge ledige næringsarealer", "Oversikt over næringsareal og boligtomter"),
        (
            "Beholde flere studenter etter studiene",
            "Få studentene til å bli i regionen etter studiet",
        ),
    ],
)
def test_measures_about_the_same_thing_are_similar(first: str, second: str) -> None:
    assert text_similarity(first, second, context=CORPUS) >= 0.3


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("rekruttering av ingeniører", "arrangementsfond for store mesterskap"),
        ("Lokalmat og matfestival", "Innovative offentlige anskaffelser"),
        ("Kartlegge ledige næringsarealer", "Jobbmesse for elever i videregående skole"),
    ],
)
def test_unrelated_measures_are_not_similar(first: str, second: str) -> None:
    assert text_similarity(first, second, context=CORPUS) < 0.1


def test_empty_and_stop_word_texts_are_similar_to_nothing() -> None:
    assert text_similarity("", "og i på av") == 0.0


def test_pairs_in_the_same_group_are_left_out_and_best_come_first() -> None:
    documents = [
        ("a", "Trondheim", "Rekruttering av ingeniører"),
        ("b", "Trondheim", "Rekruttere ingeniører til industrien"),
        ("c", "Stjørdal", "Rekruttering av ingeniører og teknologer"),
        ("d", "Malvik", "Matfestival"),
    ]

    pairs = similar_pairs(documents)

    keys = [(pair.first, pair.second) for pair in pairs]
    assert ("a", "b") not in keys
    assert keys[0] == ("a", "c")
    assert all(pair.first != "d" and pair.second != "d" for pair in pairs)
    assert pairs[0].shared_terms == ("ingeniør", "rekrutter")


def test_fewer_than_two_documents_give_no_pairs() -> None:
    assert similar_pairs([("a", 1, "Rekruttering")]) == []


def test_a_limit_keeps_only_the_best_pairs() -> None:
    documents = [
        ("a", "Trondheim", "Rekruttering av ingeniører"),
        ("b", "Stjørdal", "Rekruttering av ingeniører"),
        ("c", "Malvik", "Rekruttering av ingeniører til industrien og havbruk"),
    ]

    pairs = similar_pairs(documents, limit=1)

    assert [(pair.first, pair.second) for pair in pairs] == [("a", "b")]
    assert pairs[0].score == pytest.approx(1.0)
