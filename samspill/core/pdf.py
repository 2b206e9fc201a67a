"""Tagged PDF documents (PDF/UA-1) rendered from Django templates with WeasyPrint (ADR 18).

A PDF is the same kind of page as the web: a template extending `pdf/base.html` (cover with
title, region and date; A4; page numbers; table headers repeated on every page; no word broken
mid-word), written in the active language with the one number and date formatter
(`samspill.core.numbers`). WeasyPrint writes the structure tree, the document language and the
title, so screen readers read the document in order (universal design applies to documents too).

Nothing is fetched from outside: the fetcher only opens the app's own font files, so a
template or user text naming an outside address cannot make the server call it. An image the
app embeds itself (a site's photo on the land fact sheet) comes inline as a base64 `data:` URI of
PNG or JPEG, decoded here without any fetch.
"""

import base64
import binascii
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

FONT_DIR = Path(settings.NODE_MODULES) / "@fontsource" / "inter" / "files"


class ExternalResourceError(ValueError):
    """A PDF asked for something other than the app's own font files."""


def check_local(url: str) -> None:
    """Refuse any address but the app's own font files."""
    parsed = urlparse(url)
    path = Path(unquote(parsed.path)).resolve()
    if parsed.scheme != "file" or not path.is_relative_to(FONT_DIR.resolve()):
        raise ExternalResourceError(f"PDFs load only the app's own fonts, not {url}")


INLINE_IMAGE_PREFIXES = ("data:image/png;base64,", "data:image/jpeg;base64,")


def inline_image(url: str) -> tuple[str, bytes] | None:
    """(media type, bytes) of an inline PNG/JPEG `data:` URI, else None (nothing fetched)."""
    for prefix in INLINE_IMAGE_PREFIXES:
        if url.startswith(prefix):
            try:
                return prefix[5:].split(";")[0], base64.b64decode(url[len(prefix) :], validate=True)
            except (binascii.Error, ValueError):
                return None
    return None


class _LocalFontFetcher(URLFetcher):  # type: ignore[misc]
    def fetch(self, url: str, headers: Any = None) -> Any:
        image = inline_image(url)
        if image is not None:
            return URLFetcherResponse(url, image[1], {"Content-Type": image[0]})
        check_local(url)
        return super().fetch(url, headers)


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """`template_name` (extending pdf/base.html) as a tagged PDF/UA-1 document.

    `context` needs `title`; `subtitle`, `region` and `date` fill the cover when given.
    """

    html = render_to_string(
        template_name,
        {**context, "font_dir": FONT_DIR.as_uri(), "language": get_language() or "nb"},
    )
    fetcher = _LocalFontFetcher(allowed_protocols=["file"], allow_redirects=False)
    document = HTML(string=html, url_fetcher=fetcher, base_url=FONT_DIR.as_uri() + "/")
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return pdf
