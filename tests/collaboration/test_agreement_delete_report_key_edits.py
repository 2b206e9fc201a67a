"""Deleting an agreement (never a signed one), correcting a status report (its snapshot stays) and
editing a cost-allocation key: services, conflict-safe pages and the API."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samspill.audit.selectors import audit_entries_for
from samspill.collaboration import services
from samspill.collaboration.models import (
    Agreement,
    AgreementVersion,
    CostKey,
    Project,
    StatusReport,
)
from samspill.core.exceptions import ConflictError, PermissionDeniedError
from samspill.regions.models import Municipality
from tests.collaboration.conftest import People

pytestmark = pytest.mark.django_db
D = datetime.date
JSON = "application/json"


@pytest.fixture
def agreement(project: Project) -> Agreement:
    return services.agreement_create(
        actor=None, project=project, title="Samarbeidsavtale", date=D(2018, 3, 1)
    )


def _sign(agreement: Agreement) -> None:
    services.agreement_sign(
        actor=None,
        version=agreement.versions.get(number=1),
        municipality=Municipality.objects.get(number="5520"),
        signed_on=D(2018, 3, 5),
        signed_by="Ordfører",
    )


@pytest.fixture
def report(project: Project) -> StatusReport:
    services.activity_add(actor=None, project=project, code="A1", title="Workshop")
    return services.status_report_create(
        actor=None,
        project=project,
        period_start=D(2017, 11, 1),
        period_end=D(2017, 12, 31),
        status="on_track",
        explanation="Går etter planen.",
    )


# Agreements ---------------------------------------------------------------------------------------


def test_an_unsigned_agreement_is_deleted_with_its_versions_and_audited(
    agreement: Agreement, project: Project, people: People
) -> None:
    services.agreement_version_add(
        actor=None, agreement=agreement, date=D(2018, 3, 2), changes="Ny paragraf"
    )
    agreement.refresh_from_db()

    services.agreement_delete(
        actor=people.manager, agreement=agreement, expected_version=agreement.version
    )

    assert not Agreement.objects.filter(title="Samarbeidsavtale").exists()
    assert not AgreementVersion.objects.filter(agreement__title="Samarbeidsavtale").exists()
    assert any("agreement_deleted" in e.changes for e in audit_entries_for(subject=project))


def test_a_signed_agreement_is_not_deleted_and_the_reason_names_the_version(
    agreement: Agreement, people: People
) -> None:
    _sign(agreement)
    agreement.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        services.agreement_delete(
            actor=people.manager, agreement=agreement, expected_version=agreement.version
        )

    assert "versjon 1" in " ".join(refused.value.messages)
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_deleting_an_agreement_needs_the_right_and_the_current_version(
    agreement: Agreement, people: People
) -> None:
    with pytest.raises(PermissionDeniedError):
        services.agreement_delete(
            actor=people.group_member, agreement=agreement, expected_version=agreement.version
        )
    with pytest.raises(ConflictError):
        services.agreement_delete(
            actor=people.manager, agreement=agreement, expected_version=agreement.version + 5
        )
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_the_delete_page_confirms_then_deletes(
    agreement: Agreement, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = reverse("collaboration:agreement-delete", kwargs={"pk": agreement.pk})

    page = client.get(url)
    done = client.post(url, {"version": agreement.version})

    assert page.status_code == 200
    assert "Samarbeidsavtale" in page.content.decode()
    assert done.status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()


def test_the_delete_page_of_a_signed_agreement_explains_and_offers_no_button(
    agreement: Agreement, people: People, client: Client
) -> None:
    _sign(agreement)
    agreement.refresh_from_db()
    client.force_login(people.manager)
    url = reverse("collaboration:agreement-delete", kwargs={"pk": agreement.pk})

    page = client.get(url).content.decode()
    posted = client.post(url, {"version": agreement.version})

    assert "kan ikke slettes" in page
    assert 'data-color="danger"' not in page
    assert posted.status_code == 422
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_a_decided_points_delete_page_explains_instead_of_failing(
    project: Project, people: People, client: Client
) -> None:
    point = services.decision_point_add(
        actor=None, project=project, number=4, date=D(2018, 1, 1), topic="Start"
    )
    agreement = services.agreement_create(
        actor=None, project=project, title="Avtale", date=D(2018, 3, 1), decision_point=point
    )
    client.force_login(people.manager)

    response = client.post(
        reverse("collaboration:decision-point-delete", kwargs={"pk": point.pk}), {"version": 1}
    )

    assert response.status_code == 422
    assert "kan ikke slettes" in response.content.decode()
    assert Agreement.objects.filter(pk=agreement.pk).exists()


def test_api_deletes_an_unsigned_agreement_and_refuses_a_signed_one(
    project: Project, people: People, client: Client
) -> None:
    unsigned = services.agreement_create(
        actor=None, project=project, title="Utkast", date=D(2018, 3, 1)
    )
    signed = services.agreement_create(
        actor=None, project=project, title="Signert", date=D(2018, 3, 1)
    )
    _sign(signed)
    signed.refresh_from_db()
    client.force_login(people.manager)

    without = client.delete(f"/api/collaboration/agreements/{unsigned.pk}")
    done = client.delete(
        f"/api/collaboration/agreements/{unsigned.pk}",
        headers={"If-Match": f'"{unsigned.version}"'},
    )
    refused = client.delete(f"/api/collaboration/agreements/{signed.pk}?version={signed.version}")

    assert without.status_code == 428
    assert done.status_code == 204
    assert refused.status_code == 422
    assert "signert" in refused.json()["detail"]
    assert Agreement.objects.filter(pk=signed.pk).exists()


# Status reports -----------------------------------------------------------------------------------


def test_a_report_is_corrected_and_its_snapshot_stays(
    report: StatusReport, project: Project, people: People
) -> None:
    snapshot = dict(report.snapshot)
    services.activity_add(actor=None, project=project, code="A2", title="Ny etter rapporten")

    services.status_report_update(
        actor=people.manager,
        report=report,
        expected_version=1,
        status="at_risk",
        explanation="Workshop 2 er utsatt.",
    )

    saved = StatusReport.objects.get(pk=report.pk)
    assert (saved.status, saved.explanation, saved.version) == (
        "at_risk",
        "Workshop 2 er utsatt.",
        2,
    )
    assert saved.snapshot == snapshot
    updates = [e for e in audit_entries_for(subject=saved) if e.action == "update"]
    assert updates[0].changes["status"] == ["on_track", "at_risk"]


def test_a_report_edit_refuses_the_period_an_empty_explanation_and_a_stale_version(
    report: StatusReport, people: People
) -> None:
    with pytest.raises(ValidationError):
        services.status_report_update(
            actor=people.manager, report=report, expected_version=1, period_end=D(2018, 1, 1)
        )
    with pytest.raises(ValidationError):
        services.status_report_update(
            actor=people.manager, report=report, expected_version=1, explanation="  "
        )
    with pytest.raises(PermissionDeniedError):
        services.status_report_update(
            actor=people.steering, report=report, expected_version=1, status="at_risk"
        )
    services.status_report_update(
        actor=people.manager, report=report, expected_version=1, status="at_risk"
    )
    with pytest.raises(ConflictError):
        services.status_report_update(
            actor=people.manager,
            report=StatusReport.objects.get(pk=report.pk),
            expected_version=1,
            status="off_track",
        )


def test_the_report_edit_page_shows_both_versions_on_a_conflict(
    report: StatusReport, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = reverse("collaboration:report-edit", kwargs={"pk": report.pk})
    services.status_report_update(
        actor=people.manager, report=report, expected_version=1, explanation="Endret av en annen."
    )

    detail = client.get(reverse("collaboration:report-detail", kwargs={"pk": report.pk}))
    conflict = client.post(url, {"status": "off_track", "explanation": "Min tekst", "version": 1})

    assert url in detail.content.decode()
    assert conflict.status_code == 409
    page = conflict.content.decode()
    assert "Min tekst" in page
    assert "Endret av en annen." in page
    assert StatusReport.objects.get(pk=report.pk).status == "on_track"


def test_api_patches_a_report_and_needs_the_version(
    report: StatusReport, people: People, client: Client
) -> None:
    client.force_login(people.manager)
    url = f"/api/collaboration/status-reports/{report.pk}"

    without = client.patch(url, json.dumps({"status": "at_risk"}), content_type=JSON)
    saved = client.patch(
        url, json.dumps({"status": "at_risk"}), content_type=JSON, headers={"If-Match": '"1"'}
    )
    stale = client.patch(url, json.dumps({"version": 1, "status": "off_track"}), content_type=JSON)

    assert without.status_code == 428
    assert saved.status_code == 200
    assert (saved.json()["status"], saved.json()["version"]) == ("at_risk", 2)
    assert saved.json()["activities_total"] == 1  # from the frozen snapshot
    assert stale.status_code == 409


# Cost-allocation keys -----------------------------------------------------------------------------


def test_a_key_is_edited_with_the_same_rules_as_a_new_one(project: Project, people: People) -> None:
    key = services.cost_key_add(actor=None, project=project, name="Likt", equal_percent=100)

    with pytest.raises(ValidationError) as bad:
        services.cost_key_update(
            actor=people.manager, key=key, expected_version=1, equal_percent=30
        )
    assert "equal_percent" in bad.value.message_dict
    services.cost_key_update(
        actor=people.manager,
        key=CostKey.objects.get(pk=key.pk),
        expected_version=1,
        name="Blandet",
        equal_percent=30,
        population_percent=70,
        population_date=D(2018, 1, 1),
    )

    saved = CostKey.objects.get(pk=key.pk)
    assert (saved.name, saved.population_percent, saved.version) == ("Blandet", 70, 2)
    assert next(e.changes.get("name") for e in audit_entries_for(subject=saved)) == [
        "Likt",
        "Blandet",
    ]


def test_the_key_edit_page_keeps_what_was_typed_on_bad_weights(
    project: Project, people: People, client: Client
) -> None:
    key = services.cost_key_add(actor=None, project=project, name="Likt", equal_percent=100)
    client.force_login(people.manager)
    url = reverse("collaboration:cost-key-edit", kwargs={"pk": key.pk})

    budget = client.get(reverse("collaboration:budget", kwargs={"pk": project.pk}))
    response = client.post(
        url,
        {
            "name": "Nytt navn",
            "equal_percent": 40,
            "population_percent": 40,
            "other_percent": 0,
            "version": 1,
        },
    )

    assert url in budget.content.decode()
    assert response.status_code == 422
    assert "Nytt navn" in response.content.decode()
    assert CostKey.objects.get(pk=key.pk).name == "Likt"


def test_api_patches_a_key_and_answers_409_when_stale(
    project: Project, people: People, client: Client
) -> None:
    key = services.cost_key_add(actor=None, project=project, name="Likt", equal_percent=100)
    url = f"/api/collaboration/cost-keys/{key.pk}"

    client.force_login(people.group_member)
    denied = client.patch(url, json.dumps({"version": 1, "name": "X"}), content_type=JSON)
    client.force_login(people.manager)
    bad = client.patch(url, json.dumps({"version": 1, "equal_percent": 50}), content_type=JSON)
    saved = client.patch(url, json.dumps({"version": 1, "name": "Likt 2"}), content_type=JSON)
    stale = client.patch(url, json.dumps({"version": 1, "name": "Y"}), content_type=JSON)

    assert denied.status_code == 403
    assert bad.status_code == 422
    assert saved.status_code == 200
    assert saved["ETag"] == '"2"'
    assert stale.status_code == 409
