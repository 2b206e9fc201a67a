"""The demo: seed 004's table for Sør-Troms, exactly, and example inquiries made through services."""

from decimal import Decimal

import pytest

from samspill.demo.users import demo_users_create
from samspill.inquiries.demo import demo_load
from samspill.inquiries.models import Inquiry, MunicipalityService
from samspill.inquiries.selectors import service_overview
from tests.inquiries.factories import sor_troms

pytestmark = pytest.mark.django_db


def test_seed_004_table_is_reproduced_with_region_totals() -> None:
    demo_users_create()

    demo_load()
    demo_load()  # idempotent

    services = {
        s.municipality.name.split(" ")[0]: s
        for s in MunicipalityService.objects.select_related("municipality")
    }
    assert (
        services["Bardu"].person_years_text
        == "1 + kjøp av førstelinjetjeneste (tilsvarende ca. 0,2 årsverk)"
    )
    assert services["Bardu"].bought_from == "Vinn i Narvik"
    assert (
        services["Gratangen"].person_years_text
        == "1,5 årsverk i SPIRE, 0,5 i kommuneadministrasjon"
    )
    assert services["Loabák"].organisation == "Næringssjef"  # Lavangen's official name is bilingual
    assert (
        services["Salangen"].organisation
        == "I det kommunalt eide aksjeselskapet Astafjord Utvikling"
    )
    assert [
        services[n].business_association for n in ("Bardu", "Gratangen", "Loabák", "Salangen")
    ] == [True, True, False, True]

    overview = service_overview(region=sor_troms())
    assert overview.person_years == Decimal("4.5")
    assert overview.bought_person_years == Decimal("0.2")
    assert overview.total_person_years == Decimal("4.7")
    assert overview.with_business_association == 3


def test_example_inquiries_are_marked_and_cover_the_follow_up_states() -> None:
    demo_users_create()

    demo_load()
    demo_load()

    examples = Inquiry.objects.filter(region=sor_troms(), is_example=True)
    assert examples.count() == 5
    assert all("(eksempel)" in inquiry.company_name for inquiry in examples)
    assert {inquiry.status for inquiry in examples} >= {
        "established",
        "lost",
        "in_dialogue",
        "assigned",
    }
