"""CSV and Excel exports of inquiry rows (never personal data).

Company names and notes come from the public form, so they are untrusted: the shared writer
`samspill.core.exports` makes sure none of them becomes a spreadsheet formula. Sole
proprietorships' names and numbers are personal data too: the rows arrive with them blanked
(`reports.company_identity_withheld`), and the name column says why.
"""

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.inquiries.models import Inquiry, Need
from samspill.inquiries.reports import (
    WITHHELD_SOLE_PROPRIETORSHIP,
    WITHHELD_UNVERIFIED,
    InquiryRow,
)


def _headers() -> list[str]:
    return [
        _("Saksnummer"),
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
        self.withheld = {
            WITHHELD_SOLE_PROPRIETORSHIP: _("(utelatt: enkeltpersonforetak)"),
            WITHHELD_UNVERIFIED: _("(utelatt: ikke bekreftet som foretak i Enhetsregisteret)"),
        }


def _values(row: InquiryRow, labels: _Labels) -> list[object]:
    needs, statuses, reasons = labels.needs, labels.statuses, labels.reasons
    return [
        row.case_number or f"#{row.inquiry_id}",
        row.created_at,
        row.first_response_at,
        timezone.localtime(row.closed_at).date() if row.closed_at else None,
        str(statuses.get(row.status, row.status)),
        labels.withheld.get(row.identity_withheld, "")
        if row.identity_withheld
        else row.company_name,
        row.organisation_number,
        "; ".join(str(needs.get(n, n)) for n in row.needs),
        labels.anywhere if row.anywhere_in_region else "; ".join(row.municipalities),
        row.area_m2,
        row.employees,
        row.jobs_expected,
        row.jobs_created,
        row.outcome_municipality,
        str(reasons.get(row.lost_reason, row.lost_reason)),
        "; ".join(str(needs.get(n, n)) for n in row.unmet_needs),
        labels.yes if row.is_example else "",
    ]


def inquiries_table(rows: Sequence[InquiryRow], *, title: str) -> ExportTable:
    """The region's inquiries for the shared CSV/XLSX writer; demo inquiries are marked."""
    labels = _Labels()
    return ExportTable(
        title=title,
        columns=_headers(),
        rows=[_values(row, labels) for row in rows],
        sources=[_("Henvendelser registrert i Samspill (uten personopplysninger)")],
        notes=[
            _(
                "Navn og organisasjonsnummer er utelatt for enkeltpersonforetak og for bedrifter "
                "som ikke er bekreftet i Enhetsregisteret: navnet kan være en persons navn."
            )
        ],
        is_example=any(row.is_example for row in rows),
        sheet_name=_("Henvendelser"),
    )
