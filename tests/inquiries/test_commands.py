"""The daily commands: retention purge and refreshing company facts."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samspill.inquiries.models import Company, Inquiry, InquiryContact
from tests.inquiries.conftest import RecordedBrreg, unit_json
from tests.inquiries.factories import CompanyFactory, InquiryContactFactory, InquiryFactory

pytestmark = pytest.mark.django_db


def test_purge_command_with_dry_run_then_for_real(settings: object) -> None:
    settings.INQUIRY_RETENTION_DAYS = 10
    old = InquiryFactory.create(
        status=Inquiry.Status.LOST,
        lost_reason="other",
        closed_at=timezone.now() - datetime.timedelta(days=11),
    )
    InquiryContactFactory.create(inquiry=old)
    out = io.StringIO()

    call_command("purge_inquiry_personal_data", "--dry-run", stdout=out)
    assert "would erase personal data of 1 inquiries" in out.getvalue()
    assert InquiryContact.objects.exists()

    call_command("purge_inquiry_personal_data", stdout=out)
    call_command("purge_inquiry_personal_data", stdout=out)
    assert not InquiryContact.objects.exists()
    assert "erased personal data of 0 inquiries" in out.getvalue()


def test_refresh_company_facts_command(brreg_server: RecordedBrreg) -> None:
    brreg_server.add("923609016", 200, unit_json("923609016", "EQUINOR ASA"))
    CompanyFactory.create(organisation_number="923609016", name="")
    CompanyFactory.create(organisation_number="974760673", name="")  # answered 404
    out = io.StringIO()

    call_command("refresh_company_facts", stdout=out)

    assert "found 1, not_found 1" in out.getvalue()
    assert Company.objects.get(organisation_number="923609016").name == "EQUINOR ASA"


def test_purge_refuses_a_negative_retention_period(settings: object) -> None:
    # A negative period put the cutoff in the future and erased every closed inquiry at once.
    settings.INQUIRY_RETENTION_DAYS = -1
    closed_today = InquiryFactory.create(
        status=Inquiry.Status.LOST, lost_reason="other", closed_at=timezone.now()
    )
    InquiryContactFactory.create(inquiry=closed_today)

    with pytest.raises(CommandError, match="INQUIRY_RETENTION_DAYS"):
        call_command("purge_inquiry_personal_data", stdout=io.StringIO())

    assert InquiryContact.objects.filter(inquiry=closed_today).exists()
