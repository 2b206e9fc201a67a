"""A crawl of the demo for the browser tests: every kind of page reachable by links from the front page.

Used by the language, layout and accessibility tests. It follows links in one interface language,
a few pages per URL pattern (every kind of page, not every municipality), and skips downloads,
the API, the admin and links that change data or sign out.
"""

import re
from collections import Counter
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve
from django.utils import translation

from tests.functional.language import page_text_and_links

PREFIX = {"nb": "", "en": "/en", "nn": "/nn"}
SKIPPED = re.compile(
    r"\.(csv|xlsx|pdf|json|geojson)$|/eksport|/logg-ut|/admin/|/api/|/i18n/|/kontakt|/slett"
)
PER_PATTERN = 2  # pages per URL pattern: every kind of page, not every municipality


def crawl(page: Any, language: str, *, per_pattern: int = PER_PATTERN) -> dict[str, str]:
    """Path -> visible text of every page reachable by links from the front page.

    Pages are fetched with the page's cookies (so as whoever is signed in), without rendering;
    the dict keeps the order in which they were found.
    """
    prefix = PREFIX[language]
    queue, seen, texts = [f"{prefix}/"], set(), {}
    counts: Counter[str] = Counter()
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            with translation.override(language):
                match = resolve(urlsplit(path).path)
        except Resolver404:
            continue
        if counts[match.view_name] >= per_pattern:
            continue
        counts[match.view_name] += 1
        response = page.request.get(path)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        text, links = page_text_and_links(response.text(), language)
        texts[path] = text
        for link in links:
            url = urlsplit(urljoin(path, link))
            if url.netloc and url.netloc != urlsplit(page.url).netloc:
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            in_language = (
                target.startswith(prefix + "/")
                if prefix
                else not target.startswith(("/en/", "/nn/"))
            )
            if in_language and not SKIPPED.search(target) and target not in seen:
                queue.append(target)
    return texts
