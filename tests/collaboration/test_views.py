"""Pages: forms keep what was typed and say what is wrong next to the field; exports; the API."""

import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from samspill.collaboration import services
from samspill.collaboration.models import CostKey, Milestone, Project
from samspill.regions.models import Region
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date


def _url(name: str, pk: int, **extra: str) -> str:
    return reverse(f"collaboration:{name}", kwargs={"pk": pk, **extra})


def test_a_milestone_without_a_date_gets_a_clear_error_and_keeps_the_text(
    project: Project, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    response = client.post(
        _url("milestone-create", project.pk),
        {"number": "05", "date": "", "marker": "Rapport levert"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Oppgi en dato." in page
    assert 'value="Rapport levert"' in page
    assert not Milestone.objects.filter(project=project).exists()


def test_manager_adds_a_milestone_and_the_plan_warns(
    project: Project, people: People, client: Client
) -> None:
    services.milestone_add(
        actor=None, project=project, number="01", date=D(2017, 11, 15), marker="A"
    )
    services.milestone_add(actor=None, project=project, number="03", date=D(2018, 2, 1), marker="C")
    client.force_login(people.manager)
    response = client.post(
        _url("milestone-create", project.pk),
        {"number": "02", "date": "2018-12-15", "marker": "Workshop HA 3"},
    )
    assert response.status_code == 302
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Milepæl 02 er datert 15.12.2018, men ligger mellom milepæl 01" in page


def test_milestone_edit_conflict_shows_both_versions(
    project: Project, people: People, client: Client
) -> None:
    milestone = services.milestone_add(
        actor=None, project=project, number="01", date=D(2017, 11, 15), marker="A"
    )
    services.milestone_update(actor=None, milestone=milestone, expected_version=1, marker="B")
    client.force_login(people.manager)
    response = client.post(
        reverse("collaboration:milestone-edit", kwargs={"pk": milestone.pk}),
        {"number": "01", "date": "2017-11-15", "marker": "Min", "version": "1"},
    )
    assert response.status_code == 409
    milestone.refresh_from_db()
    assert milestone.marker == "B"


def test_a_key_whose_weights_do_not_add_up_is_shown_next_to_the_field(
    project: Project, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    response = client.post(
        _url("cost-key-create", project.pk),
        {
            "name": "Blandet",
            "equal_percent": "30",
            "population_percent": "60",
            "other_percent": "0",
            "population_date": "2018-01-01",
        },
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Vektene må til sammen bli 100 % (nå 90 %)." in page
    assert 'value="Blandet"' in page
    assert not CostKey.objects.exists()


def test_budget_that_does_not_balance_says_so(
    project: Project, people: People, client: Client
) -> None:
    services.cost_line_add(actor=None, project=project, category="travel", year=2018, planned=1000)
    services.financing_add(actor=None, project=project, kind="county", amount=900)
    client.force_login(people.manager)
    page = client.get(_url("budget", project.pk)).content.decode()
    assert "Budsjettet går ikke opp" in page


def _budget_with_mixed_key(project: Project) -> CostKey:
    services.cost_line_add(
        actor=None, project=project, category="services", year=2018, planned=260_000
    )
    services.financing_add(actor=None, project=project, kind="municipalities", amount=260_000)
    return services.cost_key_add(
        actor=None,
        project=project,
        name="30/70",
        equal_percent=30,
        population_percent=70,
        population_date=D(2018, 1, 1),
    )


def test_shares_export_as_csv_xlsx_and_pdf(
    project: Project, people: People, population: None, client: Client
) -> None:
    key = _budget_with_mixed_key(project)
    client.force_login(people.group_member)
    csv = client.get(_url("allocation-export", key.pk, fmt="csv"))
    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 5
    shares = [int(line.split(";")[-1].replace("\u00a0", "").replace(" ", "")) for line in lines[1:]]
    assert sum(shares) == 260_000
    xlsx = client.get(_url("allocation-export", key.pk, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    cells = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(cell, int) for cell in cells)
    assert sum(int(str(cell)) for cell in cells) == 260_000
    pdf = client.get(_url("allocation-export", key.pk, fmt="pdf"))
    reader = PdfReader(io.BytesIO(pdf.content))
    assert "/StructTreeRoot" in reader.root_object
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "260" in text
    assert "Bardu" in text


def test_the_four_adoptions_pass_the_decision_point_on_the_page(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None,
        project=project,
        number=3,
        date=D(2018, 2, 1),
        topic="Budsjett",
        needs_all_councils=True,
    )
    services.decision_record(actor=None, point=point, decided_on=D(2018, 1, 15), decision_text="OK")
    client.force_login(people.manager)
    for number in ("5520", "5516", "5518", "5522"):
        page = client.get(point.get_absolute_url()).content.decode()
        assert "Passert" not in page
        from samspill.regions.models import Municipality

        municipality = Municipality.objects.get(number=number)
        response = client.post(
            reverse("collaboration:treatment-create", kwargs={"pk": point.pk}),
            {
                "municipality": municipality.pk,
                "body": "council",
                "meeting_date": "2018-01-25",
                "case_number": "PS 1/18",
                "outcome": "adopted",
            },
        )
        assert response.status_code == 302
    page = client.get(point.get_absolute_url()).content.decode()
    assert "Passert" in page
    assert "Vedtatt av alle 4 kommunene" in page


def test_api_project_detail_and_milestone_create(
    project: Project, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = f"/api/collaboration/projects/{project.pk}/milestones"
    created = client.post(
        url,
        json.dumps({"number": "01", "date": "2017-11-15", "marker": "A"}),
        content_type="application/json",
    )
    assert created.status_code == 201
    again = client.post(
        url,
        json.dumps({"number": "01", "date": "2017-11-15", "marker": "A"}),
        content_type="application/json",
    )
    assert again.status_code == 422
    missing = client.post(
        url, json.dumps({"number": "02", "marker": "B"}), content_type="application/json"
    )
    assert missing.status_code == 422
    detail = client.get(f"/api/collaboration/projects/{project.pk}").json()
    assert [m["number"] for m in detail["milestones"]] == ["01"]
    client.force_login(people.outsider)
    assert client.get(f"/api/collaboration/projects/{project.pk}").status_code == 404
    client.force_login(people.steering)
    refused = client.post(
        url,
        json.dumps({"number": "05", "date": "2018-01-01", "marker": "X"}),
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_api_shares_and_treatment(
    project: Project, people: People, population: None, client: Client
) -> None:
    key = _budget_with_mixed_key(project)
    point = services.decision_point_add(
        actor=None,
        project=project,
        number=1,
        date=D(2018, 2, 1),
        topic="B",
        needs_all_councils=True,
    )
    client.force_login(people.manager)
    shares = client.get(f"/api/collaboration/cost-keys/{key.pk}/shares").json()
    assert sum(share["share"] for share in shares["shares"]) == 260_000
    answer = client.post(
        f"/api/collaboration/decision-points/{point.pk}/treatments",
        json.dumps(
            {
                "municipality_number": "5520",
                "body": "council",
                "meeting_date": "2018-01-25",
                "outcome": "adopted",
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201
    assert (answer.json()["adopted"], answer.json()["of"]) == (1, 4)
    outside = client.post(
        f"/api/collaboration/decision-points/{point.pk}/treatments",
        json.dumps(
            {
                "municipality_number": "5001",
                "body": "council",
                "meeting_date": "2018-01-25",
                "outcome": "adopted",
            }
        ),
        content_type="application/json",
    )
    assert outside.status_code == 422


def test_openapi_describes_the_endpoints(client: Client) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/collaboration/projects/{project_id}/milestones" in paths
    assert (
        "422" in paths["/api/collaboration/projects/{project_id}/milestones"]["post"]["responses"]
    )


def test_a_document_attached_to_the_project_shows_on_its_page(
    project: Project, people: People, client: Client
) -> None:
    from samspill.knowledge.services import document_create

    document_create(
        actor=None,
        region=Region.objects.get(slug="sor-troms"),
        title="Notat fra workshop HA 2",
        kind="memo",
        body_markdown="Innholdet i tjenestene.",
        links=[project],
    )
    client.force_login(people.coordinator)  # documents keep their own reader rule (the region)
    assert "Notat fra workshop HA 2" in client.get(project.get_absolute_url()).content.decode()
