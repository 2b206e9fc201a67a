"""Formula injection: what a business types into the public form never runs in a staff export."""

import csv
import io
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from samspill.inquiries.models import Company, Inquiry
from tests.inquiries.conftest import People
from tests.inquiries.factories import CompanyFactory
from tests.inquiries.test_views import FORM_URL, _form

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("http://x","klikk")',
    "+47 SUM(A1:A9)",
    "-2+3",
    "@SUM(1+1)",
    "=cmd|' /C calc'!A0",
    " =1+1",
]


@pytest.fixture(autouse=True)
def _fresh_rate_limit(settings: Any) -> None:
    cache.clear()
    settings.INQUIRY_FORM_MIN_SECONDS = 0


def _submit(client: Client, company_name: str) -> None:
    # A limited company the register has confirmed: its name goes into the export as typed.
    CompanyFactory.create(
        organisation_number="923609016",
        facts_status=Company.FactsStatus.FOUND,
        organisation_form="Allmennaksjeselskap",
        organisation_form_code="ASA",
    )
    response = client.post(
        FORM_URL, _form(company_name=company_name, organisation_number="923609016")
    )
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize("company_name", HOSTILE_NAMES)
def test_a_formula_from_the_public_form_is_text_in_the_csv_export(
    client: Client, people: People, company_name: str
) -> None:
    _submit(client, company_name)
    assert Inquiry.objects.get().company_name == company_name.strip()
    client.force_login(people.coordinator)

    response = client.get("/bedrift/sor-troms/rapporter/henvendelser.csv")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, (row,) = rows[0], rows[1:]
    cell = row[header.index("Bedrift")]
    assert cell == "'" + company_name.strip()
    assert all(not value.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")) for value in row)


@pytest.mark.parametrize("company_name", HOSTILE_NAMES)
def test_a_formula_from_the_public_form_is_a_text_cell_in_the_xlsx_export(
    client: Client, people: People, company_name: str
) -> None:
    _submit(client, company_name)
    client.force_login(people.coordinator)

    response = client.get("/bedrift/sor-troms/rapporter/henvendelser.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Bedrift") + 1)
    assert cell.data_type == "s"
    assert cell.value == company_name.strip()
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
