"""Switching the interface language: the same page, with its query string, in the chosen language.

Django's `set_language` translates `next` with `translate_url`, which resolves the path under the
*active* language. The switch endpoint lies outside `i18n_patterns`, so with
`prefix_default_language=False` the active language there is always bokmål, and a prefixed path
(/en/…, /nn/…) does not resolve: the view then redirected back to the same English page, and a user
could never switch back. We activate the language of `next`'s own prefix before Django translates it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language


def language_of_path(path: str) -> str:
    """The interface language a path is served in: its prefix, or the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def translate_path(url: str, language: str) -> str:
    """`url` (path with query) as the same page in `language`; unchanged if it does not resolve."""
    with translation.override(language_of_path(urlsplit(url).path)):
        return translate_url(url, language)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Store the chosen language in the cookie and redirect to the current page in that language."""
    next_url = request.POST.get("next", "")
    with translation.override(language_of_path(urlsplit(next_url).path)):
        return set_language(request)
