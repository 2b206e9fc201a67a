"""Writes: submitting, routing, assigning, following up, closing, company facts."""

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from samspill.audit.selectors import audit_entries_for
from samspill.core.exceptions import PermissionDeniedError
from samspill.inquiries.brreg import LookupResult
from samspill.inquiries.exceptions import InquiryClosedError
from samspill.inquiries.models import Company, Inquiry, InquiryContact, Need
from samspill.inquiries.services import (
    ContactInput,
    InquiryInput,
    company_facts_refresh,
    company_facts_refresh_due,
    inquiry_assign,
    inquiry_note_add,
    inquiry_status_change,
    inquiry_submit,
    routing_rule_create,
)
from samspill.inquiries.tasks import company_facts_fetch
from tests.inquiries.conftest import (
    BARDU,
    SALANGEN,
    TRONDHEIM,
    People,
    RecordedBrreg,
    municipality,
    unit_json,
)
from tests.inquiries.factories import CompanyFactory, InquiryFactory, RoutingRuleFactory, sor_troms

pytestmark = pytest.mark.django_db

CONTACT = ContactInput(name="Kari Nordmann", email="kari@example.invalid", phone="40000000")


def _data(**overrides: object) -> InquiryInput:
    values: dict[str, object] = {
        "company_name": "Fjellfisk AS",
        "organisation_number": "923 609 016",
        "needs": [Need.SITE, Need.COMPETENCE],
        "municipalities": [municipality(BARDU)],
        "area_m2": 25_000,
        "jobs_expected": 12,
    }
    values.update(overrides)
    return InquiryInput(**values)


def test_a_public_inquiry_lands_in_the_shared_inbox_with_its_contact_apart() -> None:
    inquiry = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)

    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.source == Inquiry.Source.PUBLIC_FORM
    assert inquiry.company is not None
    assert inquiry.company.organisation_number == "923609016"
    assert inquiry.company.facts_status == Company.FactsStatus.PENDING
    assert inquiry.needs == ["site", "competence"]
    assert InquiryContact.objects.get(inquiry=inquiry).email == "kari@example.invalid"
    (entry,) = [e for e in audit_entries_for(subject=inquiry) if e.action == "create"]
    assert "kari" not in str(entry.changes).lower()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"organisation_number": "923609017"}, "organisation_number"),
        ({"needs": []}, "needs"),
        ({"municipalities": [], "anywhere_in_region": False}, "municipalities"),
        ({"municipalities": [None]}, "municipalities"),  # replaced by Trondheim below
        ({"area_m2": 0}, "area"),
        ({"area_m2": 10**9}, "area"),
    ],
)
def test_bad_input_is_rejected_per_field(overrides: dict[str, object], field: str) -> None:
    if overrides.get("municipalities") == [None]:
        overrides = {"municipalities": [municipality(TRONDHEIM)]}

    with pytest.raises(ValidationError) as error:
        inquiry_submit(region=sor_troms(), data=_data(**overrides), contact=CONTACT, actor=None)

    assert field in error.value.message_dict
    assert not Inquiry.objects.exists()


def test_a_bad_email_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        inquiry_submit(
            region=sor_troms(),
            data=_data(),
            contact=ContactInput(name="Kari", email="kari@"),
            actor=None,
        )

    assert "contact_email" in error.value.message_dict


def test_an_inquiry_without_organisation_number_is_fine_for_start_ups() -> None:
    inquiry = inquiry_submit(
        region=sor_troms(),
        data=_data(
            organisation_number="", needs=[Need.STARTUP], anywhere_in_region=True, municipalities=[]
        ),
        contact=CONTACT,
        actor=None,
    )

    assert inquiry.company is None
    assert inquiry.anywhere_in_region


def test_staff_register_for_a_business_only_in_their_own_region(people: People) -> None:
    inquiry = inquiry_submit(
        region=sor_troms(), data=_data(), contact=CONTACT, actor=people.bardu_developer
    )
    assert inquiry.source == Inquiry.Source.STAFF
    assert inquiry.registered_by == people.bardu_developer

    with pytest.raises(PermissionDeniedError):
        inquiry_submit(
            region=sor_troms(), data=_data(), contact=CONTACT, actor=people.trondheim_developer
        )


def test_a_routing_rule_assigns_by_need_and_municipality(people: People) -> None:
    routing_rule_create(
        region=sor_troms(),
        actor=people.coordinator,
        adviser=people.salangen_developer,
        need=Need.SITE,
    )
    routing_rule_create(
        region=sor_troms(),
        actor=people.coordinator,
        adviser=people.bardu_developer,
        need=Need.SITE,
        municipality=municipality(BARDU),
    )

    in_bardu = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)
    in_salangen = inquiry_submit(
        region=sor_troms(),
        data=_data(municipalities=[municipality(SALANGEN)]),
        contact=CONTACT,
        actor=None,
    )

    assert list(in_bardu.assigned_advisers.all()) == [people.bardu_developer]
    assert in_bardu.status == Inquiry.Status.ASSIGNED
    assert list(in_salangen.assigned_advisers.all()) == [people.salangen_developer]


def test_a_rule_for_an_adviser_who_left_the_region_leaves_the_inquiry_in_the_inbox(
    people: People,
) -> None:
    RoutingRuleFactory.create(adviser=people.trondheim_developer, need="")

    inquiry = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)

    assert inquiry.status == Inquiry.Status.NEW
    assert not inquiry.assigned_advisers.exists()


def test_routing_rules_are_for_the_region_s_own_advisers(people: People) -> None:
    with pytest.raises(ValidationError):
        routing_rule_create(
            region=sor_troms(), actor=people.coordinator, adviser=people.trondheim_developer
        )
    with pytest.raises(PermissionDeniedError):
        routing_rule_create(
            region=sor_troms(), actor=people.bardu_developer, adviser=people.bardu_developer
        )


def test_the_coordinator_assigns_to_any_adviser_in_the_region(people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])

    inquiry_assign(inquiry=inquiry, advisers=[people.salangen_developer], actor=people.coordinator)

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ASSIGNED
    assert inquiry.first_response_at is not None
    assert list(inquiry.assigned_advisers.all()) == [people.salangen_developer]


def test_only_coordinators_assign_and_only_to_advisers_in_the_region(people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(BARDU)])

    with pytest.raises(PermissionDeniedError):
        inquiry_assign(
            inquiry=inquiry, advisers=[people.bardu_developer], actor=people.bardu_developer
        )
    with pytest.raises(ValidationError):
        inquiry_assign(
            inquiry=inquiry, advisers=[people.trondheim_developer], actor=people.coordinator
        )


def test_follow_up_to_established_records_the_outcome(people: People) -> None:
    inquiry = InquiryFactory.create(
        municipalities=[municipality(BARDU)], assigned_advisers=[people.salangen_developer]
    )
    inquiry_note_add(inquiry=inquiry, actor=people.salangen_developer, text="Befaring avtalt.")

    inquiry_status_change(
        inquiry=inquiry, actor=people.salangen_developer, status=Inquiry.Status.IN_DIALOGUE
    )
    inquiry_status_change(
        inquiry=inquiry,
        actor=people.salangen_developer,
        status=Inquiry.Status.ESTABLISHED,
        outcome_municipality=municipality(SALANGEN),
        jobs_created=8,
    )

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ESTABLISHED
    assert inquiry.outcome_municipality == municipality(SALANGEN)
    assert inquiry.jobs_created == 8
    assert inquiry.closed_at is not None
    with pytest.raises(InquiryClosedError):
        inquiry_status_change(
            inquiry=inquiry,
            actor=people.coordinator,
            status=Inquiry.Status.LOST,
            lost_reason="other",
        )


def test_a_lost_inquiry_needs_a_reason_and_keeps_its_needs_as_unmet(people: People) -> None:
    inquiry = InquiryFactory.create(
        needs=["site", "premises"], assigned_advisers=[people.bardu_developer]
    )

    with pytest.raises(ValidationError) as error:
        inquiry_status_change(
            inquiry=inquiry, actor=people.bardu_developer, status=Inquiry.Status.LOST
        )
    assert "lost_reason" in error.value.message_dict

    inquiry_status_change(
        inquiry=inquiry,
        actor=people.bardu_developer,
        status=Inquiry.Status.LOST,
        lost_reason=Inquiry.LostReason.NO_SUITABLE_SITE,
    )
    inquiry.refresh_from_db()
    assert inquiry.unmet_needs == ["site", "premises"]


def test_established_elsewhere_than_the_region_is_refused(people: People) -> None:
    inquiry = InquiryFactory.create(assigned_advisers=[people.bardu_developer])

    with pytest.raises(ValidationError):
        inquiry_status_change(
            inquiry=inquiry,
            actor=people.bardu_developer,
            status=Inquiry.Status.ESTABLISHED,
            outcome_municipality=municipality(TRONDHEIM),
        )


def test_people_outside_the_follow_up_cannot_write_notes(people: People) -> None:
    inquiry = InquiryFactory.create(municipalities=[municipality(SALANGEN)])

    for user in (people.viewer, people.bardu_developer, people.trondheim_coordinator):
        with pytest.raises(PermissionDeniedError):
            inquiry_note_add(inquiry=inquiry, actor=user, text="Hei")


def test_a_due_date_needs_a_next_step(people: People) -> None:
    inquiry = InquiryFactory.create(assigned_advisers=[people.bardu_developer])

    with pytest.raises(ValidationError):
        inquiry_note_add(
            inquiry=inquiry,
            actor=people.bardu_developer,
            text="Ringte",
            due_date=inquiry.created_at.date(),
        )


def test_company_facts_are_filled_in_when_the_api_answers(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, unit_json("923609016", "EQUINOR ASA"))
    company = CompanyFactory.create(name="", organisation_number="923609016")

    result = company_facts_refresh(company=company)

    company.refresh_from_db()
    assert result == LookupResult.FOUND
    assert company.facts_status == Company.FactsStatus.FOUND
    assert company.name == "EQUINOR ASA"
    assert company.employees == 21000


def test_the_inquiry_is_saved_when_the_api_is_down_and_filled_in_later(
    brreg_server: RecordedBrreg, django_capture_on_commit_callbacks: object
) -> None:
    brreg_server.add("923609016", 500, {"status": 500})

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        inquiry = inquiry_submit(region=sor_troms(), data=_data(), contact=CONTACT, actor=None)
    assert inquiry.company_id is not None
    queued = DBTaskResult.objects.get(task_path="samspill.inquiries.tasks.company_facts_fetch")
    assert queued.args_kwargs["args"] == [inquiry.company_id]
    assert brreg_server.requests == []  # the form did not wait for Brønnøysund

    company_facts_fetch.call(inquiry.company_id)  # what the worker does

    company = Company.objects.get(pk=inquiry.company_id)
    assert company.facts_status == Company.FactsStatus.PENDING
    assert "500" in company.facts_error

    brreg_server.add("923609016", 200, unit_json("923609016", "EQUINOR ASA"))
    first = company_facts_refresh_due()
    second = company_facts_refresh_due()

    company.refresh_from_db()
    assert company.facts_status == Company.FactsStatus.FOUND
    assert first.counts == {"found": 1}
    assert second.counts == {}  # safe to run again: nothing left to do


def test_a_timeout_leaves_the_company_pending(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, None, hang=True)
    company = CompanyFactory.create(name="", organisation_number="923609016")

    assert company_facts_refresh(company=company) == LookupResult.UNAVAILABLE
    company.refresh_from_db()
    assert company.facts_status == Company.FactsStatus.PENDING


def test_unknown_and_removed_units_are_recorded(brreg_server: RecordedBrreg) -> None:
    brreg_server.add(
        "974760673", 410, {"organisasjonsnummer": "974760673", "slettedato": "2020-01-01"}
    )
    removed = CompanyFactory.create(organisation_number="974760673", name="")
    unknown = CompanyFactory.create(organisation_number="971524960", name="")

    company_facts_refresh(company=removed)
    company_facts_refresh(company=unknown)

    removed.refresh_from_db()
    unknown.refresh_from_db()
    assert removed.facts_status == Company.FactsStatus.REMOVED
    assert unknown.facts_status == Company.FactsStatus.NOT_FOUND
