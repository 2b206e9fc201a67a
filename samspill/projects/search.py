"""Projects as the search index sees them: public projects for everyone, internal ones (not yet
announced) for the region's people — the rule of `selectors.visible_q`."""

from collections.abc import Iterator

from samspill.projects.models import Project
from samspill.search.documents import SearchDocument
from samspill.search.models import Audience, Kind


def project_document(project: Project) -> SearchDocument:
    municipalities = ", ".join(m.name for m in project.municipalities.all())
    body = "\n".join(
        part
        for part in (
            project.get_kind_display(),
            project.owner_name,
            municipalities,
            project.description,
        )
        if part
    )
    return SearchDocument(
        kind=Kind.PROJECT,
        object_id=project.pk,
        title=project.name,
        body=body,
        tags=(project.kind, project.status),
        date=project.updated_at.date(),
        url_name="projects:project-detail",
        url_args=(project.pk,),
        audience=Audience.INTERNAL if project.is_internal else Audience.PUBLIC,
        region_id=project.region_id,
        is_example=project.is_example,
    )


def project_document_for(pk: int) -> SearchDocument:
    return project_document(Project.objects.prefetch_related("municipalities").get(pk=pk))


def project_documents() -> Iterator[SearchDocument]:
    for project in Project.objects.prefetch_related("municipalities").iterator(chunk_size=200):
        yield project_document(project)
