"""The Norwegian text functions behind both databases' indexes (no database needed)."""

from samspill.search import text


def test_inflected_forms_share_one_stem() -> None:
    assert {text.stem(w) for w in ("næringsareal", "næringsarealer", "næringsarealene")} == {
        "næringsareal"
    }
    assert text.stem("Bedriftene") == text.stem("bedrift")


def test_stop_words_are_not_searched_and_long_words_also_match_as_prefixes() -> None:
    query = text.parse_query("Hvor er det ledige næringsarealer og tomter?")
    assert query.words == ("ledige", "næringsarealer", "tomter")
    assert query.terms == (text.stem("ledige"), "næringsareal", text.stem("tomter"))
    assert "næringsareal" in query.prefix
    assert text.parse_query("og i det").is_empty


def test_a_query_cannot_inject_fts5_or_tsquery_operators() -> None:
    query = text.parse_query("næring\" OR body:* NEAR(a b) ' & !")
    assert text.fts5_match(query) == '"næring"* AND "or" AND "body"* AND "near"* AND "a" AND "b"'
    assert text.tsquery(query) == "'næring':* & 'or' & 'body':* & 'near':* & 'a' & 'b'"


def test_snippets_escape_the_text_and_mark_every_inflected_match() -> None:
    query = text.parse_query("næringsareal")
    body = (
        "Innledning. " * 30 + "<script>alert(1)</script> Ledige næringsarealer: se næringsarealene."
    )
    snippet, matched = text.snippet([body], query, width=120)
    assert matched
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert snippet.count("<mark>") == 2
    assert "<mark>næringsarealer</mark>" in snippet
    assert "<mark>næringsarealene</mark>" in snippet
    assert snippet.startswith("… ")


def test_without_a_match_the_snippet_is_the_opening() -> None:
    snippet, matched = text.snippet(["Første linje & mer", ""], text.parse_query("tomt"))
    assert not matched
    assert snippet == "Første linje &amp; mer"


def test_stems_feed_sqlite_without_stop_words() -> None:
    assert text.stems("Det er ledige næringsarealer i Malvik") == "led næringsareal malvik"


def test_compound_candidates_are_long_stems_and_their_heads_that_leave_a_tail() -> None:
    assert text.compound_candidates(["næringsarealplan", "tomt", "12345678901"]) == {
        "næringsarealplan",
        "næringsarealp",
        "næringsareal",
        "næringsarea",
        "næringsare",
        "næringsar",
        "næringsa",
    }
