"""Memos written in the browser: Markdown rendered to safe HTML, twice guarded.

markdown-it-py runs with raw HTML switched off (a `<script>` in the text becomes the visible text
`&lt;script&gt;`), and its output is then cleaned by nh3 (ammonia) with a small allow-list of tags
and attributes and only http(s)/mailto links, so neither a parser bug nor a `javascript:` link can
put live markup on the page. Pure: no database.
"""

import html

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)


def markdown_render(text: str) -> str:
    """Markdown → cleaned HTML, safe to mark safe in a template."""
    html = _parser.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def markdown_plain(text: str) -> str:
    """The memo's words without markup, for search."""
    return " ".join(html.unescape(nh3.clean(_parser.render(text), tags=set())).split())
