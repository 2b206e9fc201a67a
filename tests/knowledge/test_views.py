"""Pages: upload (refusals shown, nothing stored), memo XSS, file access, approval, decision log."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from samspill.accounts.models import User
from samspill.knowledge import services
from samspill.knowledge.models import Decision, Document, DocumentKind, Visibility
from samspill.regions.models import Region
from tests.knowledge import files
from tests.knowledge.conftest import stored_files
from tests.knowledge.factories import DecisionFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def _form(**extra: object) -> dict[str, object]:
    return {
        "title": "Verksted 1: tjenestetilbud",
        "kind": DocumentKind.MINUTES,
        "date": "2025-03-04",
        "visibility": Visibility.REGION,
        "tags": "verksted, næringsareal",
        **extra,
    }


def test_an_upload_whose_content_does_not_match_its_name_is_refused_on_the_page(
    client: Client, coordinator: User, media_root: Path
) -> None:
    client.force_login(coordinator)
    url = reverse("knowledge:document-create", kwargs={"slug": "sor-troms"})

    response = client.post(
        url, _form(file=SimpleUploadedFile("notat.pdf", files.docx_bytes(), "application/pdf"))
    )

    assert response.status_code == 200
    assert "stemmer ikke med filnavnet" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_an_oversized_upload_is_refused_on_the_page_without_storing_it(
    client: Client, coordinator: User, media_root: Path, settings: object
) -> None:
    settings.KNOWLEDGE_UPLOAD_MAX_BYTES = 1024  # type: ignore[attr-defined]
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:document-create", kwargs={"slug": "sor-troms"}),
        _form(file=SimpleUploadedFile("notat.pdf", files.pdf_bytes() + b" " * 2048)),
    )

    assert "for stor" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_an_uploaded_file_is_served_only_to_those_who_may_read_it(
    client: Client, developer: User, outsider: User
) -> None:
    client.force_login(developer)
    response = client.post(
        reverse("knowledge:document-create", kwargs={"slug": "sor-troms"}),
        _form(file=SimpleUploadedFile("notat.pdf", files.pdf_bytes("Naeringsareal"))),
    )
    document = Document.objects.get()
    assert response.status_code == 302
    version = document.versions.get()
    file_url = reverse("knowledge:version-file", kwargs={"pk": version.pk})

    answer = client.get(file_url)
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer.content.startswith(b"%PDF-")

    client.force_login(outsider)
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 404


def test_a_script_in_a_memo_is_never_rendered_as_markup(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("knowledge:memo-create", kwargs={"slug": "sor-troms"}),
        _form(
            kind=DocumentKind.MEMO,
            body_markdown="# Oppsummering\n\n<script>alert('xss')</script>\n\n"
            '[lenke](javascript:alert(1)) <a href="#" onclick="alert(1)">x</a>',
        ),
    )
    document = Document.objects.get()
    assert response.status_code == 302

    page = client.get(document.get_absolute_url()).content.decode()

    assert "<h1>Oppsummering</h1>" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert '<a href="#" onclick' not in page
    assert 'href="javascript' not in page


def test_editing_a_memo_creates_a_version_and_approval_locks_it(
    client: Client, coordinator: User
) -> None:
    document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Notat",
        body_markdown="Første utkast",
    )
    client.force_login(coordinator)
    client.post(
        reverse("knowledge:version-add", kwargs={"pk": document.pk}),
        {"body_markdown": "Andre utkast", "note": "Rettet", "version": document.version},
    )
    latest = document.versions.get(number=2)

    client.post(reverse("knowledge:version-approve", kwargs={"pk": latest.pk}))
    client.post(reverse("knowledge:version-delete", kwargs={"pk": latest.pk}))

    latest.refresh_from_db()
    assert latest.approved_by == coordinator
    assert document.versions.count() == 2
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Andre utkast" in page
    assert "(låst)" in page


def test_metadata_edit_shows_the_conflict_when_someone_saved_first(
    client: Client, coordinator: User
) -> None:
    document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Notat",
        body_markdown="x",
    )
    stale_version = document.version
    services.document_update(
        actor=coordinator,
        document=document,
        title="Endret av en annen",
        kind=document.kind,
        summary="",
        date=document.date,
        author_name="",
        municipalities=[],
        tags=[],
        visibility=Visibility.REGION,
        group=None,
        expected_version=stale_version,
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("knowledge:document-edit", kwargs={"pk": document.pk}),
        _form(title="Min endring", version=stale_version),
    )

    assert response.status_code == 409
    assert Document.objects.get(pk=document.pk).title == "Endret av en annen"


def test_the_strategy_page_shows_its_documents_panel(client: Client, coordinator: User) -> None:
    strategy = StrategyFactory.create(region=Region.objects.get(slug="sor-troms"))
    services.document_create(
        actor=coordinator,
        region=strategy.region,
        title="Strategidokumentets sammendrag",
        body_markdown="x",
        links=[strategy],
    )
    client.force_login(coordinator)

    page = client.get(strategy.get_absolute_url()).content.decode()

    assert "Strategidokumentets sammendrag" in page


@pytest.fixture
def decisions() -> list[Decision]:
    return [
        DecisionFactory.create(
            title="Plan for tjenestetilbud godkjent", date=datetime.date(2025, 5, 1)
        ),
        DecisionFactory.create(
            title="Budsjett vedtatt",
            body="regional_council",
            date=datetime.date(2024, 11, 1),
            visibility=Visibility.PUBLIC,
            text='=HYPERLINK("x") og budsjett',
        ),
    ]


def test_the_decision_log_filters_by_body_year_and_text(
    client: Client, viewer: User, decisions: list[Decision]
) -> None:
    client.force_login(viewer)
    url = reverse("knowledge:decision-log", kwargs={"slug": "sor-troms"})

    def titles(query: str) -> list[str]:
        return [d.title for d in client.get(f"{url}?{query}").context["decisions"]]

    assert titles("") == ["Plan for tjenestetilbud godkjent", "Budsjett vedtatt"]
    assert titles("organ=regional_council") == ["Budsjett vedtatt"]
    assert titles("ar=2025") == ["Plan for tjenestetilbud godkjent"]
    assert titles("q=budsjett") == ["Budsjett vedtatt"]


def test_anonymous_visitors_see_only_public_decisions(
    client: Client, decisions: list[Decision]
) -> None:
    response = client.get(reverse("knowledge:decision-log", kwargs={"slug": "sor-troms"}))

    assert [d.title for d in response.context["decisions"]] == ["Budsjett vedtatt"]


def test_the_decision_log_exports_as_xlsx_and_csv_through_the_shared_writer(
    client: Client, viewer: User, decisions: list[Decision]
) -> None:
    client.force_login(viewer)

    xlsx = client.get(
        reverse("knowledge:decision-export", kwargs={"slug": "sor-troms", "fmt": "xlsx"})
        + "?organ=regional_council"
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Dato"
    assert [row[4] for row in rows[1:]] == ["Budsjett vedtatt"]
    csv = client.get(
        reverse("knowledge:decision-export", kwargs={"slug": "sor-troms", "fmt": "csv"})
    ).content.decode("utf-8-sig")
    assert "Plan for tjenestetilbud godkjent" in csv
    assert "'=HYPERLINK" in csv  # formula injection neutralised by core/exports.py


def test_use_this_template_from_the_page(
    client: Client, coordinator: User, developer: User
) -> None:
    template = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Mal: verkstedsnotat",
        kind=DocumentKind.TEMPLATE,
        is_reusable=True,
        body_markdown="# Tjenester",
    )
    client.force_login(developer)
    assert "Mal: verkstedsnotat" in client.get(reverse("knowledge:template-list")).content.decode()

    response = client.post(
        reverse("knowledge:template-use", kwargs={"pk": template.pk}),
        {"title": "Verksted 2 Lavangen", "region": template.region_id},
    )

    created = Document.objects.get(title="Verksted 2 Lavangen")
    assert response.status_code == 302
    assert created.versions.get().body_markdown == "# Tjenester"


def test_the_pages_render_for_files_memos_and_decisions(
    client: Client, coordinator: User, decisions: list[Decision]
) -> None:
    document = services.document_create(
        actor=coordinator,
        region=Region.objects.get(slug="sor-troms"),
        title="Lysark fra verkstedet",
        kind=DocumentKind.PRESENTATION,
        upload=services.Upload("lysark.pptx", files.pptx_bytes("Kompetansebehov")),
    )
    decisions[0].documents.add(document)
    client.force_login(coordinator)

    detail = client.get(document.get_absolute_url()).content.decode()
    listing = client.get(reverse("knowledge:document-list") + "?region=sor-troms&type=presentation")
    decision_page = client.get(decisions[0].get_absolute_url()).content.decode()

    assert "lysark.pptx" in detail
    assert "Plan for tjenestetilbud godkjent" in detail  # the decision resting on it
    assert list(listing.context["documents"]) == [document]
    assert "Lysark fra verkstedet" in decision_page
    for name in ("knowledge:document-edit", "knowledge:version-add"):
        assert client.get(reverse(name, kwargs={"pk": document.pk})).status_code == 200
    for name in ("knowledge:document-create", "knowledge:memo-create", "knowledge:decision-create"):
        assert client.get(reverse(name, kwargs={"slug": "sor-troms"})).status_code == 200
    assert (
        client.get(reverse("knowledge:decision-edit", kwargs={"pk": decisions[0].pk})).status_code
        == 200
    )
