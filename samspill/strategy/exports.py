"""Exports of action plans and the politicians' report (fed by presenters).

CSV and Excel go through the shared writer `samspill.core.exports` (`rows_table` says what to
write); PDFs are drawn here.

PDFs use reportlab's built-in Helvetica: its WinAnsi (Latin-1) encoding covers æ, ø, å.
"""

import datetime
import io
from collections.abc import Sequence
from typing import Any, Protocol

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from samspill.core.exports import ExportTable
from samspill.strategy.changes import Snapshot, SnapshotChanges


class ReportData(Protocol):
    """What the report PDF needs (presenters.ReportView provides it; exports sit beside presenters)."""

    @property
    def title(self) -> str: ...

    @property
    def snapshot(self) -> Snapshot: ...

    @property
    def changes(self) -> SnapshotChanges: ...

    @property
    def previous_as_of(self) -> str | None: ...

    @property
    def as_of(self) -> datetime.date: ...

    @property
    def focus_areas(self) -> list[dict[str, Any]]: ...

    @property
    def indicator_summary(self) -> list[tuple[str, int, str]]: ...

    @property
    def measure_summary(self) -> list[tuple[str, int]]: ...


PDF_COLORS = {
    "success": colors.HexColor("#2f855a"),
    "warning": colors.HexColor("#b7791f"),
    "danger": colors.HexColor("#9b2c2c"),
    "neutral": colors.HexColor("#4a5568"),
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def rows_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    sheet_name: str,
    source: str = "",
    is_example: bool = False,
) -> ExportTable:
    """Rows for the shared CSV/XLSX writer (`samspill.core.exports`): safe cells, source sheet."""
    return ExportTable(
        title=title,
        columns=columns,
        rows=rows,
        sources=[source] if source else [],
        is_example=is_example,
        sheet_name=sheet_name,
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"]),
        "h2": ParagraphStyle("h2", parent=base["Heading2"]),
        "h3": ParagraphStyle("h3", parent=base["Heading3"]),
        "body": ParagraphStyle("body", parent=base["BodyText"]),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontSize=8, leading=10),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rows_pdf(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str, subtitle: str = ""
) -> bytes:
    """A landscape table of the rows, headers repeated on each page."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), title=title, leftMargin=12 * mm, rightMargin=12 * mm
    )
    cell = styles["small"]
    data = [[Paragraph(f"<b>{_escape(c)}</b>", cell) for c in columns]]
    data += [[Paragraph(_escape(_text(value)), cell) for value in row] for row in rows]
    table = Table(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story: list[Flowable] = [Paragraph(_escape(title), styles["title"])]
    if subtitle:
        story.append(Paragraph(_escape(subtitle), styles["body"]))
    story += [Spacer(1, 4 * mm), table]
    document.build(story)
    return buffer.getvalue()


def report_pdf(report: ReportData) -> bytes:
    """The politicians' report: status summary, what changed, goals with indicators."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=report.title)
    snapshot = report.snapshot
    story: list[Any] = [
        Paragraph(_escape(report.title), styles["title"]),
        Paragraph(
            _escape(
                _("{strategy}, {region}. Status per {date}.").format(
                    strategy=snapshot.get("strategy", ""),
                    region=snapshot.get("region", ""),
                    date=report.as_of.strftime("%d.%m.%Y"),
                )
            ),
            styles["body"],
        ),
        Paragraph(_("Indikatorer"), styles["h2"]),
        Paragraph(
            ", ".join(f"{label}: {count}" for label, count, _color in report.indicator_summary)
            or _("Ingen indikatorer."),
            styles["body"],
        ),
        Paragraph(_("Tiltak"), styles["h2"]),
        Paragraph(
            ", ".join(f"{label}: {count}" for label, count in report.measure_summary),
            styles["body"],
        ),
        Paragraph(_("Endringer siden forrige rapport"), styles["h2"]),
    ]
    story += _changes_story(report, styles)
    for area in report.focus_areas:
        story.append(Paragraph(_escape(area["name"]), styles["h2"]))
        for goal in area["goals"]:
            story.append(Paragraph(_escape(goal["title"]), styles["h3"]))
            story.append(
                Paragraph(
                    _escape(
                        _("{count} tiltak i {municipalities}").format(
                            count=goal["measure_count"],
                            municipalities=", ".join(goal["municipalities"]) or "–",
                        )
                        if goal["measure_count"]
                        else _("Ingen tiltak er knyttet til dette målet.")
                    ),
                    styles["body"],
                )
            )
            for indicator in goal["indicators"]:
                color = PDF_COLORS.get(indicator["color"], colors.black)
                story.append(
                    Paragraph(
                        f'<font color="{color.hexval()}"><b>{_escape(indicator["status_label"])}</b></font> – '
                        f"<b>{_escape(indicator['name'])}</b>: {_escape(indicator['explanation'])}",
                        styles["body"],
                    )
                )
    document.build(story)
    return buffer.getvalue()


def _changes_story(report: ReportData, styles: dict[str, ParagraphStyle]) -> list[Any]:
    changes = report.changes
    if report.previous_as_of is None:
        return [
            Paragraph(
                _("Dette er den første rapporten; alle tiltak regnes som nye."), styles["body"]
            )
        ]
    if changes.is_empty:
        return [Paragraph(_("Ingen endringer."), styles["body"])]
    lines = [
        _("Nytt tiltak: {title} ({municipality})").format(
            title=m["title"], municipality=m["municipality"]
        )
        for m in changes.new_measures
    ]
    lines += [
        _("Status endret: {title} ({municipality}): {before} → {after}").format(
            title=c.title, municipality=c.municipality, before=c.before, after=c.after
        )
        for c in changes.status_changes
    ]
    lines += [
        _("Indikator: {name}: {before} → {after} ({status_before} → {status_after})").format(
            name=m.name,
            before=_text(m.value_before) or "–",
            after=_text(m.value_after) or "–",
            status_before=m.status_before or "–",
            status_after=m.status_after,
        )
        for m in changes.indicator_movements
    ]
    lines += [_("Fjernet: {title}").format(title=m["title"]) for m in changes.removed_measures]
    return [Paragraph("• " + _escape(line), styles["body"]) for line in lines]
