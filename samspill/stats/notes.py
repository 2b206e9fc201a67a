"""Notes stored with imported data, shown in the reader's language.

Imports write their notes (number vintage, harmonisation, detected gaps) once, in bokmål, into the
database, where exports and the audit trail keep them verbatim. The interface must not show bokmål on
an English or nynorsk page, so `note_text` recognises each canonical note the importers write and
returns it through the catalogue, with its numbers and names put back in. A note that matches no
pattern (a gap documented by a person) is shown as written: content is not translated.

When an importer gets a new note, add its pattern here with the same wording.
"""

import re
from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_PATTERNS: list[tuple[re.Pattern[str], Promise]] = [
    (re.compile(r"^dagens kommunenummer$"), _("dagens kommunenummer")),
    (re.compile(r"^hele landet \(ingen kommunetall\)$"), _("hele landet (ingen kommunetall)")),
    (
        re.compile(r"^kommunenummer gyldige (?P<start>\d+)–(?P<end>\d+)$"),
        _("kommunenummer gyldige %(start)s–%(end)s"),
    ),
    (re.compile(r"^kommunenummer fra flere årganger$"), _("kommunenummer fra flere årganger")),
    (
        re.compile(r"^Delt kommune; ikke fordelt på (?P<successors>.+)$"),
        _("Delt kommune; ikke fordelt på %(successors)s"),
    ),
    (re.compile(r"^Sum av (?P<originals>.+)$"), _("Sum av %(originals)s")),
    (re.compile(r"^Publisert som (?P<original>\S+)$"), _("Publisert som %(original)s")),
    (
        re.compile(
            r"^Ingen egne tall for (?P<municipality>.+?) i (?P<period>\S+): tallene står på "
            r"(?P<holders>.+) \(delt kommune, ikke fordelt\)\.$"
        ),
        _(
            "Ingen egne tall for %(municipality)s i %(period)s: tallene står på %(holders)s "
            "(delt kommune, ikke fordelt)."
        ),
    ),
    (
        re.compile(r"^Ingen tall for (?P<municipality>.+?) i (?P<period>\S+)\.$"),
        _("Ingen tall for %(municipality)s i %(period)s."),
    ),
    (
        re.compile(
            r"^(?P<label>.+): delt mellom (?P<parts>.+); ikke fordelt, vises på det gamle nummeret$"
        ),
        _("%(label)s: delt mellom %(parts)s; ikke fordelt, vises på det gamle nummeret"),
    ),
    (
        re.compile(r"^(?P<label>.+) → (?P<target>.+) \(slått sammen i\)$"),
        _("%(label)s → %(target)s (slått sammen)"),
    ),
    (
        re.compile(r"^(?P<label>.+) → (?P<target>.+) \(nytt nummer\)$"),
        _("%(label)s → %(target)s (nytt nummer)"),
    ),
    (re.compile(r"^Statistisk sentralbyrå$"), _("Statistisk sentralbyrå")),
    # Notes on goal indicators' readings that `strategy.statistics` computes from these series.
    (
        re.compile(r"^Sum for (?P<count>\d+) kommuner fra SSB tabell (?P<table>\S+)\.$"),
        _("Sum for %(count)s kommuner fra SSB tabell %(table)s."),
    ),
    (
        re.compile(r"^Beregnet fra SSB tabell 03321 \(pendling\)\.$"),
        _("Beregnet fra SSB tabell 03321 (pendling)."),
    ),
    (
        re.compile(r"^Kilden har fordelt tall for en delt kommune \(anslag, ikke observert\)$"),
        _("Kilden har fordelt tall for en delt kommune (anslag, ikke observert)"),
    ),
]


def note_text(stored: object) -> str:
    """A stored import note in the active language (unchanged if it is not one of ours)."""
    text = str(stored or "")
    for pattern, template in _PATTERNS:
        match = pattern.match(text)
        if match:
            return str(template) % match.groupdict()
    if "; " in text:  # a series imported from several files joins their vintages
        return "; ".join(note_text(part) for part in text.split("; "))
    return text


def notes_text(stored: Iterable[object]) -> list[str]:
    """`note_text` for each note."""
    return [note_text(note) for note in stored]
