"""The search page: one box over everything the user may open."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from samspill.search.forms import SearchForm, stop_word_examples
from samspill.search.presenters import hit_rows, kind_counts
from samspill.search.selectors import search_for


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Hits the user may open, best first; filters and per-kind counts in the query string."""
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "searched": False}
    if form.is_bound and form.is_valid() and form.cleaned_data.get("q"):
        results = search_for(
            user=request.user,
            query=form.cleaned_data["q"],
            filters=form.filters(),
            page=form.cleaned_data.get("side") or 1,
        )
        query = request.GET.copy()
        query.pop("side", None)
        any_kind = query.copy()
        any_kind.pop("kind", None)
        context |= {
            "searched": True,
            "results": results,
            "hits": hit_rows(results),
            "kinds": kind_counts(results),
            "query_string": query.urlencode(),
            "any_kind_query": any_kind.urlencode(),
            "ignored_everything": results.query.is_empty,
            "stop_word_examples": stop_word_examples(),
        }
    return render(request, "search/search.html", context)
