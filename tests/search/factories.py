"""A search document as an app would hand it to the index (public, with a made-up text)."""

# mypy: disable-error-code="no-untyped-call,attr-defined,untyped-decorator,name-defined,misc"

import factory

from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


class SearchDocumentFactory(factory.Factory[SearchDocument]):
    class Meta:
        model = SearchDocument

    kind = Kind.DOCUMENT
    object_id = factory.Sequence(lambda n: 900_000 + n)
    title = factory.Sequence(lambda n: f"Notat {n}")
    url_name = "regions:region-list"
    url_args = ()
    audience = Audience.PUBLIC
    body = ""
