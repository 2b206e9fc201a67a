"""CSV and Excel exports of inquiry rows (never personal data)."""

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from samspill.inquiries.models import Inquiry, Need
from samspill.inquiries.reports import InquiryRow


def _headers() -> list[str]:
    return [
        _("Nr."),
        _("Registrert"),
        _("Første oppfølging"),
        _("Avsluttet"),
        _("Status"),
        _("Bedrift"),
        _("Organisasjonsnummer"),
        _("Behov"),
        _("Kommuner"),
        _("Areal (m²)"),
        _("Ansatte"),
        _("Nye arbeidsplasser (forventet)"),
        _("Arbeidsplasser skapt"),
        _("Etablert i"),
        _("Årsak til tap"),
        _("Udekket behov"),
        _("Eksempel (demo)"),
    ]


class _Labels:
    """Translated labels, looked up once per export rather than once per row."""

    def __init__(self) -> None:
        self.needs = {key: str(label) for key, label in Need.choices}
        self.statuses = {key: str(label) for key, label in Inquiry.Status.choices}
        self.reasons = {key: str(label) for key, label in Inquiry.LostReason.choices}
        self.anywhere = _("hele regionen")
        self.yes = _("ja")


def _values(row: InquiryRow, labels: _Labels) -> list[object]:
    needs, statuses, reasons = labels.needs, labels.statuses, labels.reasons
    return [
        row.inquiry_id,
        row.created_at.strftime("%Y-%m-%d %H:%M"),
        row.first_response_at.strftime("%Y-%m-%d %H:%M") if row.first_response_at else "",
        row.closed_at.strftime("%Y-%m-%d") if row.closed_at else "",
        str(statuses.get(row.status, row.status)),
        row.company_name,
        row.organisation_number,
        "; ".join(str(needs.get(n, n)) for n in row.needs),
        labels.anywhere if row.anywhere_in_region else "; ".join(row.municipalities),
        row.area_m2 if row.area_m2 is not None else "",
        row.employees if row.employees is not None else "",
        row.jobs_expected if row.jobs_expected is not None else "",
        row.jobs_created if row.jobs_created is not None else "",
        row.outcome_municipality,
        str(reasons.get(row.lost_reason, row.lost_reason)),
        "; ".join(str(needs.get(n, n)) for n in row.unmet_needs),
        labels.yes if row.is_example else "",
    ]


def inquiries_csv(rows: Sequence[InquiryRow]) -> str:
    """Semicolon-separated with a BOM, so Excel in Norwegian opens it with the right columns."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(_headers())
    labels = _Labels()
    writer.writerows(_values(row, labels) for row in rows)
    return buffer.getvalue()


def inquiries_xlsx(rows: Sequence[InquiryRow], *, title: str) -> bytes:
    """One sheet, a header row, frozen panes and sensible column widths."""
    # Write-only mode streams rows: several times faster for thousands of inquiries.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Henvendelser")[:31])
    sheet.freeze_panes = "A2"
    headers = _headers()
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, len(header) + 4))
    sheet.append(headers)
    labels = _Labels()
    for row in rows:
        sheet.append(_values(row, labels))
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
