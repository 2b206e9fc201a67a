"""The decision log as a table for `core/exports.py` (CSV/XLSX, page and CLI alike)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from samspill.core.exports import ExportTable
from samspill.knowledge.models import Decision, DecisionBody
from samspill.regions.models import Region


def decision_table(*, region: Region, decisions: Sequence[Decision]) -> ExportTable:
    """One row per decision; example decisions (demo) are marked in a column and the source."""
    bodies = {key: str(label) for key, label in DecisionBody.choices}
    rows = [
        [
            decision.date,
            bodies.get(decision.body, decision.body),
            decision.body_name,
            decision.case_number,
            decision.title,
            decision.text,
            "; ".join(document.title for document in decision.documents.all()),
            _("ja") if decision.is_example else "",
        ]
        for decision in decisions
    ]
    is_example = any(decision.is_example for decision in decisions)
    return ExportTable(
        title=_("Vedtakslogg – %(region)s") % {"region": region.name},
        columns=[
            _("Dato"),
            _("Organ"),
            _("Organets navn"),
            _("Saksnummer"),
            _("Sak"),
            _("Vedtakstekst"),
            _("Bygger på dokumentene"),
            _("Eksempel (demo)"),
        ],
        rows=rows,
        sources=[_("Samspill: regionens vedtakslogg")],
        notes=[_("Eksempelvedtak er demodata, ikke ekte vedtak.")] if is_example else [],
        is_example=is_example,
        sheet_name=_("Vedtak"),
    )
