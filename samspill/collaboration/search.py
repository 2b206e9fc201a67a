"""Collaboration projects as the search index sees them.

A published project is found by everyone (its public page shows no contact details); an
unpublished one only by the people with a role linked to a Samspill user and the region's
coordinators (`Audience.READERS`) — never wider than `selectors.project_get_for` lets them open.
"""

from collections.abc import Iterator

from samspill.collaboration.models import Project
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


def project_document(project: Project) -> SearchDocument:
    municipalities = ", ".join(m.name for m in project.municipalities.all())
    body = "\n".join(
        part
        for part in (
            project.get_stage_display(),
            project.purpose,
            project.improvements,
            municipalities,
        )
        if part
    )
    readers = tuple(
        sorted({role.user_id for role in project.roles.all() if role.user_id is not None})
    )
    return SearchDocument(
        kind=Kind.COLLABORATION,
        object_id=project.pk,
        title=project.title,
        body=body,
        tags=(project.stage,),
        date=(project.start_date or project.updated_at.date()),
        url_name="collaboration:project-detail",
        url_args=(project.pk,),
        audience=Audience.PUBLIC if project.is_published else Audience.READERS,
        region_id=project.region_id,
        reader_ids=() if project.is_published else readers,
        is_example=project.is_example,
    )


def project_document_for(pk: int) -> SearchDocument:
    return project_document(Project.objects.prefetch_related("municipalities", "roles").get(pk=pk))


def project_documents() -> Iterator[SearchDocument]:
    for project in Project.objects.prefetch_related("municipalities", "roles").iterator(
        chunk_size=200
    ):
        yield project_document(project)
