"""Business areas, plots and premises as the search index sees them: published sites only.

The public search and each site's page show published sites to everyone; an unpublished site is
work in progress in its municipality and is left out of the index (never wider than
`selectors.site_get_for`). Publishing adds it; taking it down removes it.
"""

from collections.abc import Iterator

from samspill.land.models import Site
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind
from samspill.search.services import index_remove, index_update


def site_document(site: Site) -> SearchDocument:
    body = "\n".join(
        part
        for part in (
            site.get_kind_display(),
            site.municipality.name,
            site.get_purpose_display() if site.purpose else "",
            site.get_readiness_display() if site.readiness else "",
            site.road,
            site.description,
        )
        if part
    )
    return SearchDocument(
        kind=Kind.SITE,
        object_id=site.pk,
        title=site.name,
        body=body,
        tags=(site.kind, site.readiness),
        date=site.updated_at.date(),
        url_name="land:site-detail",
        url_args=(site.pk,),
        audience=Audience.PUBLIC,
        municipality_id=site.municipality_id,
        municipality_ids=(site.municipality_id,),
        is_example=site.is_example,
    )


def site_documents() -> Iterator[SearchDocument]:
    sites = Site.objects.filter(is_published=True).select_related("municipality")
    for site in sites.iterator(chunk_size=500):
        yield site_document(site)


def site_reindex(site_id: int) -> None:
    """Index a published site, forget one that is not (or no longer) published."""
    site = Site.objects.select_related("municipality").filter(pk=site_id).first()
    if site is not None and site.is_published:
        index_update(site_document(site))
    else:
        index_remove(kind=Kind.SITE, object_id=site_id)
