"""Collaboration projects as the search index sees them.

A published project is found by everyone (its public page shows no contact details); an
unpublished one only by the people with a role linked to a Samspill user and the region's
coordinators (`Audience.READERS`) — never wider than `selectors.project_get_for` lets them open.
Its agreements, meetings and status reports follow the unpublished rule always (ADR 89).
"""

import datetime
from collections.abc import Iterator

from samspill.collaboration.models import Agreement, Meeting, Project, StatusReport
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


# Internal material: agreements, meetings and status reports (ADR 89) -----------------------------
#
# Never public, even in a published project: the users with a role in the project are the readers,
# and the region's coordinators find them through `Audience.READERS` — the unpublished project's rule.


def _readers(project: Project) -> tuple[int, ...]:
    return tuple(sorted({role.user_id for role in project.roles.all() if role.user_id is not None}))


def _material(
    *,
    kind: Kind,
    object_id: int,
    project: Project,
    title: str,
    body: str,
    date: datetime.date | None,
    url_name: str,
    tags: tuple[str, ...],
    is_example: bool,
) -> SearchDocument:
    return SearchDocument(
        kind=kind,
        object_id=object_id,
        title=title,
        body="\n".join(part for part in (body, project.title) if part),
        tags=tags,
        date=date,
        url_name=url_name,
        url_args=(object_id,),
        audience=Audience.READERS,
        region_id=project.region_id,
        municipality_ids=tuple(m.pk for m in project.municipalities.all()),
        reader_ids=_readers(project),
        is_example=is_example,
    )


def agreement_document(agreement: Agreement) -> SearchDocument:
    versions = list(agreement.versions.all())
    body = "\n".join(
        part for version in versions for part in (version.changes, version.text) if part
    )
    return _material(
        kind=Kind.AGREEMENT,
        object_id=agreement.pk,
        project=agreement.project,
        title=agreement.title,
        body=body,
        date=max((v.date for v in versions), default=None),
        url_name="collaboration:agreement-detail",
        tags=(),
        is_example=agreement.is_example,
    )


def meeting_document(meeting: Meeting) -> SearchDocument:
    items = "\n".join(
        "\n".join(part for part in (f"{item.label} {item.title}", item.decision) if part)
        for item in meeting.items.all()
    )
    body = "\n".join(
        part
        for part in (meeting.get_kind_display(), meeting.attendees, meeting.minutes, items)
        if part
    )
    return _material(
        kind=Kind.MEETING,
        object_id=meeting.pk,
        project=meeting.project,
        title=meeting.title,
        body=body,
        date=meeting.date,
        url_name="collaboration:meeting-detail",
        tags=(meeting.kind,),
        is_example=meeting.is_example,
    )


def status_report_document(report: StatusReport) -> SearchDocument:
    return _material(
        kind=Kind.STATUS_REPORT,
        object_id=report.pk,
        project=report.project,
        title=f"{report} – {report.project.title}",
        body="\n".join((report.get_status_display(), report.explanation)),
        date=report.period_end,
        url_name="collaboration:report-detail",
        tags=(report.status,),
        is_example=report.is_example,
    )


PROJECT_PREFETCH = ("project__municipalities", "project__roles")


def agreement_documents() -> Iterator[SearchDocument]:
    rows = Agreement.objects.select_related("project").prefetch_related(
        "versions", *PROJECT_PREFETCH
    )
    for agreement in rows.iterator(chunk_size=200):
        yield agreement_document(agreement)


def meeting_documents() -> Iterator[SearchDocument]:
    rows = Meeting.objects.select_related("project").prefetch_related("items", *PROJECT_PREFETCH)
    for meeting in rows.iterator(chunk_size=200):
        yield meeting_document(meeting)


def status_report_documents() -> Iterator[SearchDocument]:
    rows = StatusReport.objects.select_related("project").prefetch_related(*PROJECT_PREFETCH)
    for report in rows.iterator(chunk_size=200):
        yield status_report_document(report)


def material_documents_for(project_id: int) -> list[SearchDocument]:
    """Every piece of a project's internal material (after a role or region change)."""
    return [
        *(agreement_document(a) for a in Agreement.objects.filter(project_id=project_id)),
        *(meeting_document(m) for m in Meeting.objects.filter(project_id=project_id)),
        *(status_report_document(r) for r in StatusReport.objects.filter(project_id=project_id)),
    ]


def agreement_document_for(pk: int) -> SearchDocument | None:
    agreement = Agreement.objects.select_related("project").filter(pk=pk).first()
    return agreement_document(agreement) if agreement else None


def meeting_document_for(pk: int) -> SearchDocument | None:
    meeting = Meeting.objects.select_related("project").filter(pk=pk).first()
    return meeting_document(meeting) if meeting else None


def status_report_document_for(pk: int) -> SearchDocument | None:
    report = StatusReport.objects.select_related("project").filter(pk=pk).first()
    return status_report_document(report) if report else None
