"""Memos are Markdown rendered without raw HTML, and cleaned again: no script ever reaches a page."""

from samspill.knowledge.markdown import markdown_plain, markdown_render


def test_a_script_tag_in_markdown_is_shown_as_text_never_as_markup() -> None:
    html = markdown_render("Hei <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>")

    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_and_event_handlers_are_removed() -> None:
    html = markdown_render("[klikk](javascript:alert(1)) [ok](https://www.bardu.kommune.no)")

    assert 'href="javascript' not in html
    assert 'href="https://www.bardu.kommune.no"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_ordinary_markdown_keeps_headings_lists_and_tables() -> None:
    html = markdown_render(
        "# Tjenester\n\n- Vertskap\n- Veiledning\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )

    assert "<h1>Tjenester</h1>" in html
    assert "<li>Vertskap</li>" in html
    assert "<td>1</td>" in html


def test_plain_text_for_search_has_no_markup() -> None:
    assert markdown_plain("# Næringsareal\n\n**Bardu** & co") == "Næringsareal Bardu & co"
