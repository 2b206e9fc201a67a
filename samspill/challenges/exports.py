"""Challenges, answers and the assessment as tables (CSV/XLSX via core/exports) and the
assessment summary as a tagged PDF (core/pdf). Example (demo) rows are marked in a column."""

from collections.abc import Sequence

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.challenges.models import Challenge, Criterion
from samspill.challenges.selectors import AnswerSummary
from samspill.core.exports import ExportTable
from samspill.core.pdf import render_pdf


def _yes(flag: bool) -> str:
    return _("ja") if flag else ""


def challenge_table(*, challenges: Sequence[Challenge]) -> ExportTable:
    rows = [
        [
            c.title,
            c.get_area_display(),
            c.get_stage_display(),
            ", ".join(m.name for m in c.municipalities.all()),
            c.budget_estimate,
            c.get_procurement_route_display(),
            timezone.localtime(c.answer_deadline) if c.answer_deadline else None,
            c.tender_url,
            _yes(c.is_example),
        ]
        for c in challenges
    ]
    is_example = any(c.is_example for c in challenges)
    return ExportTable(
        title=_("Innovasjonsutfordringer"),
        columns=[
            _("Tittel"),
            _("Område"),
            _("Fase"),
            _("Eierkommuner"),
            _("Anslått budsjett (kr)"),
            _("Anskaffelsesvei"),
            _("Svarfrist"),
            _("Kunngjøring"),
            _("Eksempel (demo)"),
        ],
        rows=rows,
        sources=[_("Samspill: innovasjonsutfordringer")],
        notes=[_("Eksempler er demodata.")] if is_example else [],
        is_example=is_example,
        sheet_name=_("Utfordringer"),
    )


def assessment_table(
    *, challenge: Challenge, criteria: Sequence[Criterion], summaries: Sequence[AnswerSummary]
) -> ExportTable:
    """One row per answer: the joint score per criterion and the weighted total (assessors only)."""
    rows = []
    for s in summaries:
        row: list[object] = [s.answer.supplier.name, s.answer.get_status_display()]
        for c in criteria:
            joint = s.joint.get(c.pk)
            row.append(joint.value if joint else None)
        row += [
            s.total,
            s.answer.get_outcome_display(),
            s.answer.outcome_reason,
            timezone.localtime(s.answer.changed_at),
            _yes(s.answer.is_example),
        ]
        rows.append(row)
    return ExportTable(
        title=_("Vurdering – %(title)s") % {"title": challenge.title},
        columns=[
            _("Leverandør"),
            _("Status"),
            *[f"{c.name} ({c.weight} %)" for c in criteria],
            _("Vektet sum (0–10)"),
            _("Utfall"),
            _("Begrunnelse"),
            _("Sist endret"),
            _("Eksempel (demo)"),
        ],
        rows=rows,
        sources=[_("Samspill: vurdering av innovasjonsutfordring (fortrolig)")],
        notes=[_("Eksempler er demodata.")] if challenge.is_example else [],
        is_example=challenge.is_example,
        sheet_name=_("Vurdering"),
        decimals={2 + len(criteria): 2},
    )


def assessment_pdf(
    *, challenge: Challenge, criteria: Sequence[Criterion], summaries: Sequence[AnswerSummary]
) -> bytes:
    return render_pdf(
        "challenges/pdf/assessment.html",
        {
            "title": _("Vurderingssammendrag"),
            "subtitle": challenge.title,
            "date": timezone.localdate(),
            "challenge": challenge,
            "criteria": criteria,
            "summaries": summaries,
            "is_example": challenge.is_example,
        },
    )
