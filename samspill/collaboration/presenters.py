"""Sentences and rows for the pages: adoption status, plan warnings, the keys side by side."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from samspill.collaboration.models import Outcome, Project
from samspill.collaboration.plan import AdoptionStatus
from samspill.collaboration.selectors import KeyResult, PlanWarning, municipalities_of
from samspill.core.numbers import format_date, format_number


def _day_month(day: datetime.date) -> str:
    return format_date(day)


def adoption_sentence(status: AdoptionStatus) -> str:
    """ "Vedtatt av 3 av 4 – Lavangen venter, møte 12.10.2017"."""
    head = _("Vedtatt av %(adopted)s av %(total)s") % {
        "adopted": status.adopted_count,
        "total": status.total,
    }
    if status.all_adopted:
        return _("Vedtatt av alle %(total)s kommunene") % {"total": status.total}
    outcomes = dict(Outcome.choices)
    waiting = []
    for party in status.waiting:
        if party.outcome in (None, Outcome.PENDING) and party.meeting_date:
            waiting.append(
                _("%(name)s venter, møte %(date)s")
                % {"name": party.party, "date": _day_month(party.meeting_date)}
            )
        elif party.outcome is None:
            waiting.append(_("%(name)s venter (ikke behandlet)") % {"name": party.party})
        else:
            waiting.append(
                _("%(name)s: %(outcome)s %(date)s")
                % {
                    "name": party.party,
                    "outcome": outcomes.get(party.outcome, party.outcome),
                    "date": _day_month(party.meeting_date) if party.meeting_date else "",
                }
            )
    return _("%(head)s – %(waiting)s") % {"head": head, "waiting": "; ".join(waiting)}


def warning_sentence(warning: PlanWarning) -> str:
    found = warning.found
    values = {
        "key": found.item.key,
        "date": format_date(found.item.date),
        "before": found.before.key if found.before else "",
        "before_date": format_date(found.before.date) if found.before else "",
        "after": found.after.key if found.after else "",
        "after_date": format_date(found.after.date) if found.after else "",
    }
    if warning.kind == "milestone":
        if found.before and found.after:
            text = _(
                "Milepæl %(key)s er datert %(date)s, men ligger mellom milepæl %(before)s "
                "(%(before_date)s) og %(after)s (%(after_date)s). Er datoen skrevet feil?"
            )
        elif found.before:
            text = _(
                "Milepæl %(key)s er datert %(date)s, før milepæl %(before)s (%(before_date)s) "
                "som kommer foran. Er datoen skrevet feil?"
            )
        else:
            text = _(
                "Milepæl %(key)s er datert %(date)s, etter milepæl %(after)s (%(after_date)s) "
                "som kommer etter. Er datoen skrevet feil?"
            )
    elif found.before and found.after:
        text = _(
            "Beslutningspunkt %(key)s er datert %(date)s, men ligger mellom BP %(before)s "
            "(%(before_date)s) og BP %(after)s (%(after_date)s). Er datoen skrevet feil?"
        )
    else:
        text = _(
            "Beslutningspunkt %(key)s er datert %(date)s, i feil rekkefølge i forhold til de "
            "andre beslutningspunktene. Er datoen skrevet feil?"
        )
    return text % values


KEY_ERRORS = {
    "population_missing": _(
        "Mangler folketall for en eller flere kommuner på valgt dato (SSB 07459 er ikke lastet?)."
    ),
    "population_date_missing": _("Nøkkelen mangler dato for folketallet."),
    "weights_sum": _("Vektene blir ikke 100 %."),
    "figures_missing": _("Mangler tall for en eller flere kommuner."),
    "figures_zero": _("Summen av tallene er null."),
    "figure_negative": _("Et tall er negativt."),
    "total_invalid": _("Kommunenes egenandel er ikke et gyldig beløp."),
}


def key_error_text(code: str) -> str:
    return str(KEY_ERRORS.get(code, _("Nøkkelen kan ikke brukes (%(code)s).") % {"code": code}))


def key_description(result: KeyResult) -> str:
    return result.key.description()


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    number: str
    population: str
    shares: list[int | None]


def comparison_rows(project: Project, results: list[KeyResult]) -> list[ComparisonRow]:
    rows = []
    for municipality in municipalities_of(project):
        population = next(
            (r.population[municipality.pk] for r in results if municipality.pk in r.population),
            None,
        )
        rows.append(
            ComparisonRow(
                name=municipality.name,
                number=municipality.number,
                population=(
                    _("%(value)s (1.1.%(year)s)")
                    % {"value": format_number(population[1]), "year": population[0]}
                    if population
                    else "–"
                ),
                shares=[r.shares.get(municipality.pk) if not r.error else None for r in results],
            )
        )
    return rows
