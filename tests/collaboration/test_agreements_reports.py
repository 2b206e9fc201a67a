"""Agreements with versions and signatures; status reports with changes, timeline and PDF."""

import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from samspill.collaboration import services
from samspill.collaboration.models import Project
from samspill.collaboration.reporting import plan_timeline, report_changes
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date


def test_signatures_belong_to_a_version_and_a_second_signature_is_a_conflict(
    project: Project, people: People
) -> None:
    agreement = services.agreement_create(
        actor=people.manager, project=project, title="Samarbeidsavtale", date=D(2018, 2, 1)
    )
    bardu = Municipality.objects.get(number="5520")
    first = agreement.versions.get()
    services.agreement_sign(
        actor=people.manager,
        version=first,
        municipality=bardu,
        signed_on=D(2018, 2, 5),
        signed_by="Ordfører",
    )
    second = services.agreement_version_add(
        actor=people.manager, agreement=agreement, date=D(2018, 3, 1), changes="Ny kostnadsnøkkel"
    )

    with pytest.raises(ConflictError, match="allerede signert"):
        services.agreement_sign(
            actor=people.manager,
            version=first,
            municipality=bardu,
            signed_on=D(2018, 2, 6),
            signed_by="Ordfører",
        )
    assert second.number == 2
    assert not second.signatures.exists()


def test_a_group_member_cannot_record_signatures(project: Project, people: People) -> None:
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 2, 1)
    )

    with pytest.raises(PermissionDeniedError):
        services.agreement_sign(
            actor=people.group_member,
            version=agreement.versions.get(),
            municipality=Municipality.objects.get(number="5520"),
            signed_on=D(2018, 2, 5),
            signed_by="x",
        )


def test_agreement_page_lists_who_signed_which_version_and_the_adoption(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None,
        project=project,
        number=5,
        date=D(2018, 3, 1),
        topic="Avtaler",
        needs_all_councils=True,
    )
    agreement = services.agreement_create(
        actor=None,
        project=project,
        title="Avtale om næringssamarbeid",
        date=D(2018, 2, 1),
        decision_point=point,
    )
    services.agreement_sign(
        actor=None,
        version=agreement.versions.get(),
        municipality=Municipality.objects.get(number="5516"),
        signed_on=D(2018, 2, 5),
        signed_by="Ordfører i Gratangen",
    )
    client.force_login(people.group_member)

    page = client.get(agreement.get_absolute_url()).content.decode()

    assert "Ordfører i Gratangen" in page
    assert "05.02.2018" in page
    assert "1 av 4" in page
    assert "Vedtatt av 0 av 4" in page


def test_sign_form_keeps_input_and_says_what_is_missing(
    project: Project, people: People, client: Client
) -> None:
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 2, 1)
    )
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:agreement-sign", kwargs={"pk": agreement.versions.get().pk}),
        {"municipality": Municipality.objects.get(number="5520").pk, "signed_by": "Ordfører"},
    )

    assert response.status_code == 422
    assert 'value="Ordfører"' in response.content.decode()


def test_api_signature_twice_answers_409(project: Project, people: People, client: Client) -> None:
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 2, 1)
    )
    url = f"/api/collaboration/agreement-versions/{agreement.versions.get().pk}/signatures"
    body = json.dumps({"municipality_number": "5520", "signed_on": "2018-02-05", "signed_by": "O"})
    client.force_login(people.manager)

    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")

    assert first.status_code == 201
    assert first.json()["versions"][0]["signatures"][0]["municipality"] == "Bardu"
    assert again.status_code == 409


# Status reports --------------------------------------------------------------------------------


def _report(project: Project, people: People, end: datetime.date, status: str = "on_track"):
    return services.status_report_create(
        actor=people.manager,
        project=project,
        period_start=end.replace(day=1),
        period_end=end,
        status=status,
        explanation="Forklaring",
    )


def test_second_report_says_what_changed_since_the_first(project: Project, people: People) -> None:
    milestone = services.milestone_add(
        actor=None, project=project, number="01", date=D(2017, 11, 15), marker="Workshop holdt"
    )
    line = services.cost_line_add(
        actor=None, project=project, category="travel", year=2017, planned=100000
    )
    first = _report(project, people, D(2017, 11, 30))
    services.milestone_update(
        actor=None, milestone=milestone, expected_version=None, reached_on=D(2017, 11, 15)
    )
    services.cost_line_update(actor=None, line=line, expected_version=None, spent=45000)
    second = _report(project, people, D(2017, 12, 31), status="at_risk")

    changes = report_changes(
        previous_status=first.status,
        previous=first.snapshot,
        status=second.status,
        current=second.snapshot,
    )

    assert changes == [
        "Status endret fra «i rute» til «risiko for avvik».",
        "Milepæl 01 nådd 15.11.2017.",
        "Brukt: 0 kr → 45\xa0000 kr.",
    ]


def test_report_needs_an_explanation_and_a_period_in_order(
    project: Project, people: People
) -> None:
    with pytest.raises(Exception) as error:  # noqa: PT011 - the messages are asserted
        services.status_report_create(
            actor=people.manager,
            project=project,
            period_start=D(2018, 2, 1),
            period_end=D(2018, 1, 1),
            status="on_track",
            explanation=" ",
        )

    assert "slutte før" in str(error.value)
    assert "Forklar" in str(error.value)


def test_timeline_places_bars_and_marks_in_order(project: Project) -> None:
    snapshot = {
        "as_of": "2017-12-01",
        "activities": [
            {
                "code": "HA 2",
                "title": "Workshop",
                "start": "2017-11-01",
                "end": "2017-11-30",
                "done": True,
            },
        ],
        "milestones": [
            {"number": "01", "date": "2017-11-15", "marker": "Holdt", "reached_on": None}
        ],
        "decision_points": [
            {
                "number": 2,
                "date": "2018-04-30",
                "topic": "Slutt",
                "decided_on": None,
                "passed": False,
            }
        ],
    }

    timeline = plan_timeline(snapshot)

    assert timeline is not None
    bar, milestone, point = timeline.items
    assert bar.x < milestone.x < bar.x + bar.width < point.x
    assert milestone.when == "15.11.2017"
    assert timeline.today_x is not None


def test_report_page_and_pdf(project: Project, people: People, client: Client) -> None:
    services.milestone_add(
        actor=None, project=project, number="01", date=D(2017, 11, 15), marker="Workshop holdt"
    )
    services.cost_line_add(
        actor=None, project=project, category="travel", year=2017, planned=120000, spent=45000
    )
    report = _report(project, people, D(2017, 11, 30))
    client.force_login(people.steering)

    page = client.get(report.get_absolute_url()).content.decode()
    pdf = client.get(reverse("collaboration:report-pdf", kwargs={"pk": report.pk}))

    assert "45\xa0000 kr av 120\xa0000 kr (37,5\xa0%)" in page
    assert "<svg" in page
    assert "Dette er prosjektets første statusrapport." in page
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(pdf.content))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Statusrapport" in text
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys())


def test_project_page_shows_the_timeline_table(
    project: Project, people: People, client: Client
) -> None:
    services.milestone_add(
        actor=None, project=project, number="01", date=D(2017, 11, 15), marker="Workshop holdt"
    )
    client.force_login(people.group_member)

    page = client.get(project.get_absolute_url()).content.decode()

    assert "Tidslinjen som tabell" in page
    assert 'role="img"' in page


def test_api_lists_reports_with_changes(project: Project, people: People, client: Client) -> None:
    _report(project, people, D(2017, 11, 30))
    _report(project, people, D(2017, 12, 31), status="off_track")
    client.force_login(people.manager)

    answer = client.get(f"/api/collaboration/projects/{project.pk}/status-reports").json()

    assert [r["status"] for r in answer] == ["off_track", "on_track"]
    assert answer[0]["changes_since_previous"] == ["Status endret fra «i rute» til «ikke i rute»."]


def test_manager_writes_a_report_through_the_form(
    project: Project, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = reverse("collaboration:report-create", kwargs={"pk": project.pk})

    missing = client.post(url, {"period_start": "2017-11-01", "status": "at_risk"})
    saved = client.post(
        url,
        {
            "period_start": "2017-11-01",
            "period_end": "2017-11-30",
            "status": "at_risk",
            "explanation": "Budsjettet er ikke behandlet i alle kommunene.",
        },
    )

    assert missing.status_code == 422
    assert saved.status_code == 302
    report = project.status_reports.get()
    assert str(report) == "Statusrapport 01.11.2017–30.11.2017"
    assert report.created_by == people.manager
