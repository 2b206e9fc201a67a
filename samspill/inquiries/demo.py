"""Demo data for the front door: seed 004's service table for Sør-Troms and a few example inquiries.

Everything goes through the services, like a user's input would. Example inquiries are marked
`is_example` and say "(eksempel)" in the name; no real company or person is used.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samspill.accounts.models import User
from samspill.inquiries.models import Inquiry, InquiryNote, Need, RoutingRule
from samspill.inquiries.services import (
    ContactInput,
    InquiryInput,
    adviser_profile_update,
    inquiry_assign,
    inquiry_note_add,
    inquiry_status_change,
    inquiry_submit,
    municipality_service_save,
    routing_rule_create,
)
from samspill.regions.models import Municipality, Region

SEED_004_DATE = datetime.date(2017, 9, 28)  # the report's date: its table describes 2017
SEED_004_SOURCE = (
    "Forstudien «Næringsvennlig region – Bedre offentlige tjenester for næringsutvikling», "
    "Gratangen 28.09.2017 (forstudie Sør-Troms, februar–juni 2017)"
)

# Seed 004's table "Dagens lokale næringsutviklingstjenester", verbatim in the text columns;
# the numbers are the person-years the text states (own organisation, and bought services).
SOR_TROMS_SERVICES: list[dict[str, object]] = [
    {
        "number": "5520",  # Bardu
        "organisation": "Næringssjef\nFørstelinjetjeneste fra Vinn i Narvik",
        "person_years_text": "1 + kjøp av førstelinjetjeneste (tilsvarende ca. 0,2 årsverk)",
        "person_years": Decimal("1.0"),
        "bought_first_line_service": True,
        "bought_from": "Vinn i Narvik",
        "bought_person_years": Decimal("0.2"),
        "business_association": True,
        "contact_points": "Næringssjefen i Bardu kommune\nVinn i Narvik (førstelinjetjeneste)",
    },
    {
        "number": "5516",  # Gratangen
        "organisation": "Omstillingsorganisasjonen SPIRE\nNæringspropell i kommuneadministrasjon",
        "person_years_text": "1,5 årsverk i SPIRE, 0,5 i kommuneadministrasjon",
        "person_years": Decimal("2.0"),
        "bought_first_line_service": False,
        "bought_from": "",
        "bought_person_years": Decimal("0"),
        "business_association": True,
        "contact_points": "SPIRE (omstillingsorganisasjonen)\nKommuneadministrasjonen",
    },
    {
        "number": "5518",  # Lavangen
        "organisation": "Næringssjef",
        "person_years_text": "1",
        "person_years": Decimal("1.0"),
        "bought_first_line_service": False,
        "bought_from": "",
        "bought_person_years": Decimal("0"),
        "business_association": False,
        "contact_points": "Næringssjefen i Lavangen kommune",
    },
    {
        "number": "5522",  # Salangen
        "organisation": "I det kommunalt eide aksjeselskapet Astafjord Utvikling",
        "person_years_text": (
            "Selskapet har 3,5 årsverk, 2 personer er knyttet til næringsarbeidet "
            "med til sammen 0,5 årsverk"
        ),
        "person_years": Decimal("0.5"),
        "bought_first_line_service": False,
        "bought_from": "",
        "bought_person_years": Decimal("0"),
        "business_association": True,
        "contact_points": "Astafjord Utvikling AS",
    },
]


def _municipality(number: str) -> Municipality:
    return Municipality.objects.get(number=number)


def sor_troms_services_load() -> None:
    """Seed 004's table, through the service (idempotent)."""
    for row in SOR_TROMS_SERVICES:
        values = {key: value for key, value in row.items() if key != "number"}
        municipality_service_save(
            municipality=_municipality(str(row["number"])),
            actor=None,
            source=SEED_004_SOURCE,
            facts_as_of=SEED_004_DATE,
            **values,  # type: ignore[arg-type]
        )


def _contact(name: str) -> ContactInput:
    return ContactInput(name=name, email="eksempel@example.invalid", phone="")


@transaction.atomic
def sor_troms_examples_load() -> None:
    """Advisers' profiles, routing rules and five example inquiries in different states."""
    region = Region.objects.get(slug="sor-troms")
    bardu = User.objects.get(username="bardu")
    coordinator = User.objects.get(username="sortroms")
    adviser_profile_update(
        user=bardu,
        actor=None,
        competence_areas=[Need.SITE, Need.PREMISES, Need.PERMITS, Need.STARTUP],
        specialities="Forsvarsrelatert næring, reiseliv",
        phone="",
    )
    adviser_profile_update(
        user=coordinator,
        actor=None,
        competence_areas=[Need.FUNDING, Need.NETWORK, Need.COMPETENCE],
        specialities="Omstilling, søknader til fylkeskommunen og Innovasjon Norge",
    )
    if not RoutingRule.objects.filter(region=region).exists():
        routing_rule_create(
            region=region,
            actor=None,
            adviser=bardu,
            need=Need.SITE,
            municipality=_municipality("5520"),
        )
        routing_rule_create(region=region, actor=None, adviser=coordinator, need=Need.FUNDING)
    if Inquiry.objects.filter(region=region, is_example=True).exists():
        return

    def submit(name: str, actor: User | None = None, **values: object) -> Inquiry:
        return inquiry_submit(
            region=region,
            data=InquiryInput(company_name=f"{name} (eksempel)", **values),  # type: ignore[arg-type]
            contact=_contact("Eksempel Kontaktperson"),
            actor=actor,
            is_example=True,
            fetch_facts=False,
        )

    fish_farm = submit(
        "Nordlys Havbruk AS",
        needs=[Need.SITE, Need.PERMITS],
        municipalities=[_municipality("5522")],
        area_m2=35_000,
        jobs_expected=15,
        timing=Inquiry.Timing.WITHIN_YEAR,
        description="Ønsker areal nær sjø for settefiskanlegg.",
    )
    inquiry_assign(inquiry=fish_farm, advisers=[bardu], actor=coordinator)
    inquiry_note_add(
        inquiry=fish_farm,
        actor=bardu,
        text="Første samtale. Aktuelle arealer i Salangen og Gratangen sjekkes.",
        next_step="Sende oversikt over ledige sjønære arealer",
        due_date=timezone.localdate() + datetime.timedelta(days=7),
    )
    inquiry_status_change(inquiry=fish_farm, actor=bardu, status=Inquiry.Status.IN_DIALOGUE)

    service_company = submit(
        "Bardu Forsvarsservice AS",
        actor=bardu,
        needs=[Need.SITE, Need.COMPETENCE],
        municipalities=[_municipality("5520")],
        area_m2=4_000,
        employees=4,
        jobs_expected=6,
        timing=Inquiry.Timing.NOW,
    )  # routed to Bardu's developer by the rule site + Bardu
    inquiry_status_change(
        inquiry=service_company,
        actor=bardu,
        status=Inquiry.Status.ESTABLISHED,
        outcome_municipality=_municipality("5520"),
        jobs_created=6,
    )

    submit(
        "Fjellbrygg",
        needs=[Need.STARTUP, Need.FUNDING],
        anywhere_in_region=True,
        timing=Inquiry.Timing.UNKNOWN,
        description="Vil starte et lite bryggeri.",
    )  # funding → the coordinator, by rule

    logistics = submit(
        "Polar Logistikk AS",
        needs=[Need.SITE],
        anywhere_in_region=True,
        area_m2=25_000,
        jobs_expected=20,
        timing=Inquiry.Timing.WITHIN_6_MONTHS,
    )
    inquiry_assign(inquiry=logistics, advisers=[bardu], actor=coordinator)
    inquiry_status_change(
        inquiry=logistics,
        actor=bardu,
        status=Inquiry.Status.LOST,
        lost_reason=Inquiry.LostReason.OTHER_REGION,
        unmet_needs=[Need.SITE],
        outcome_note="Fant ikke regulert areal over 20 daa nær E6 i tide.",
    )

    joinery = submit(
        "Lavangen Trevare AS",
        needs=[Need.NETWORK, Need.PREMISES],
        municipalities=[_municipality("5518")],
        area_m2=600,
        employees=3,
    )
    inquiry_assign(inquiry=joinery, advisers=[coordinator], actor=coordinator)
    note = inquiry_note_add(
        inquiry=joinery,
        actor=coordinator,
        text="Avtalt å koble bedriften på trenettverket i Sør-Troms.",
        next_step="Ringe tilbake om lokaler",
        due_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    # An overdue next step, so the reminders page has something to show in the demo.
    InquiryNote.objects.filter(pk=note.pk).update(
        due_date=timezone.localdate() - datetime.timedelta(days=5)
    )


def demo_load() -> None:
    """The inquiries app's demo step (needs the demo users: the step creates them first)."""
    sor_troms_services_load()
    sor_troms_examples_load()
