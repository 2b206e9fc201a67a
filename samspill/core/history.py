"""The change history in words a municipal user understands.

Audit entries store raw values, as the services wrote them: field names, codes, ISO timestamps,
lists of codes ("needs: ['site', 'permits']"). `history_changes` turns one entry's changes into rows
of (what, before, after) in the reader's language: the field's verbose name, choice labels instead
of codes, dates and numbers formatted for the language, lists as text. The stored entry is not
changed (it is evidence).

A JSON field that holds a list of codes has no `choices` of its own; its model names them in
`history_value_choices = {"field_name": SomeTextChoices}`. A relation recorded by ids (or by
another unique key, named in `history_lookups = {"field_name": "number"}`) shows the related
objects' names.
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core.numbers import format_date, format_number

# Keys that services record beside model fields (import summaries, personal-data markers).
DETAIL_LABELS = {
    "file": gettext_lazy("fil"),
    "read": gettext_lazy("lest"),
    "loaded": gettext_lazy("lastet inn"),
    "unchanged": gettext_lazy("uendret"),
    "removed": gettext_lazy("fjernet"),
    "rejected": gettext_lazy("avvist"),
    "parameters": gettext_lazy("parametre"),
    "contact": gettext_lazy("kontaktopplysninger"),
    "routing_rules": gettext_lazy("fordelingsregler"),
    "progress": gettext_lazy("fremdrift"),
    "links": gettext_lazy("knyttet til"),
    "note": gettext_lazy("endringsnotat"),
    "template": gettext_lazy("mal"),
    # The land register writes these on an inquiry's history (matching, reservations, unmet demand).
    "land_selection": gettext_lazy("arealer sendt til bedriften"),
    "land_site": gettext_lazy("reservert areal"),
    "land_sites": gettext_lazy("arealer"),
    "unmet_land_demand": gettext_lazy("udekket arealbehov"),
    # ... and these on a site's history (its photos).
    "photo": gettext_lazy("bilde"),
    "photo_order": gettext_lazy("rekkefølge på bildene"),
    # A region's archive out and in (portability).
    "archive": gettext_lazy("arkiv"),
    "personal_data": gettext_lazy("med personopplysninger"),
}
# Values that services record as fixed phrases.
DETAIL_VALUES = {
    "registered (personal data not logged)": gettext_lazy(
        "registrert (personopplysninger logges ikke)"
    ),
    "changed (personal data not logged)": gettext_lazy("endret (personopplysninger logges ikke)"),
    "exported": gettext_lazy("eksportert"),
    "region data": gettext_lazy("regionens data"),
    # The criteria an unmet land demand failed on (land.matching).
    "size": gettext_lazy("størrelse"),
    "readiness": gettext_lazy("byggeklarhet"),
    "kind": gettext_lazy("type"),
    "infrastructure": gettext_lazy("infrastruktur"),
    "place": gettext_lazy("sted"),
}
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class HistoryChange:
    """One changed field of an audit entry, ready to show."""

    label: str
    before: str | None
    after: str


def history_changes(
    changes: Mapping[str, Any] | Any, model: type[models.Model] | None
) -> list[HistoryChange]:
    """Rows for one audit entry's `changes` ({field: [old, new]} or {key: detail})."""
    if not isinstance(changes, Mapping):
        return [HistoryChange(label="", before=None, after=_value(changes, None, model))]
    rows = []
    for key, change in changes.items():
        field = _field(model, key)
        label = _label(key, field)
        if isinstance(change, list) and len(change) == 2:
            before, after = change
            rows.append(
                HistoryChange(
                    label=label,
                    before=None if before is None else _value(before, field, model, key),
                    after=_value(after, field, model, key),
                )
            )
        else:
            rows.append(HistoryChange(label=label, before=None, after=_value(change, field, model)))
    return rows


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key.split(".")[0])
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _label(key: str, field: models.Field[Any, Any] | None) -> str:
    if field is not None and field.verbose_name:
        return capfirst(str(field.verbose_name))
    base, _dot, rest = key.partition(".")
    label = DETAIL_LABELS.get(base)
    if label is not None:
        return capfirst(str(label)) + (f" ({rest.replace('_', ' ')})" if rest else "")
    return capfirst(key.replace("_", " "))


def _value(
    value: Any,
    field: models.Field[Any, Any] | None,
    model: type[models.Model] | None,
    key: str = "",
) -> str:
    if value is None or value == "" or value == []:
        return "–"
    # A model may put one of its own codes into words (e.g. a statistics category "alder=20-66").
    formatter = (getattr(model, "history_formatters", {}) if model is not None else {}).get(key)
    if formatter is not None:
        return str(formatter(value))
    if isinstance(value, bool):
        return _("ja") if value else _("nei")
    choices = _choices(field, model, key)
    if field is not None and field.is_relation and field.related_model is not None:
        names = _related_names(value, field, model, key)
        if names is not None:
            return names
    if isinstance(value, list):
        return ", ".join(
            _value(item, None, model) if not choices else _choice(item, choices) for item in value
        )
    if isinstance(value, Mapping):
        return "; ".join(
            f"{_label(str(k), _field(model, str(k)))}: {_value(v, None, None)}"
            for k, v in value.items()
        )
    if choices:
        return _choice(value, choices)
    if isinstance(value, int | float):
        return format_number(value, -6)
    text = str(value)
    if text in DETAIL_VALUES:
        return str(DETAIL_VALUES[text])
    return _text(text)


def _choices(
    field: models.Field[Any, Any] | None, model: type[models.Model] | None, key: str
) -> dict[str, str]:
    if field is not None and field.choices:
        return {str(code): str(label) for code, label in field.flatchoices}
    named = getattr(model, "history_value_choices", {}) if model is not None else {}
    choices = named.get(key)
    return {str(code): str(label) for code, label in choices.choices} if choices else {}


def _related_names(
    value: Any, field: models.Field[Any, Any], model: type[models.Model] | None, key: str
) -> str | None:
    """Ids (or unique keys) of related objects as their names; None when the values are text.

    Services record a relation by name (str(object)) or by key; a key whose object is gone
    stays as it is.
    """
    items = value if isinstance(value, list) else [value]
    if not items or not all(
        isinstance(item, int | str) and str(item).isdecimal() for item in items
    ):
        return None
    related = field.related_model
    if not (isinstance(related, type) and issubclass(related, models.Model)):
        return None
    lookup = (getattr(model, "history_lookups", {}) if model is not None else {}).get(key, "pk")
    found = {
        str(getattr(obj, lookup)): str(obj)
        for obj in related._default_manager.filter(**{f"{lookup}__in": [str(i) for i in items]})
    }
    return ", ".join(found.get(str(item), str(item)) for item in items)


def _choice(value: Any, choices: dict[str, str]) -> str:
    return choices.get(str(value), str(value))


def _text(text: str) -> str:
    """ISO dates and timestamps as local dates; "153825.0" as a number; other text as it is."""
    if len(text) >= 19 and text[4] == "-" and text[10] in " T":
        moment = parse_datetime(text)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if len(text) == 10 and text[4] == "-":
        day = parse_date(text)
        if isinstance(day, datetime.date):
            return format_date(day)
    if len(text) > 12 and text[4] == "-" and text[10:12] == ": ":
        # "2025-06-01: Tre områder er kartlagt" (a dated note)
        day = parse_date(text[:10])
        if isinstance(day, datetime.date):
            return f"{format_date(day)}: {text[12:]}"
    if _DECIMAL.match(text):
        return format_number(Decimal(text), -6)
    return text
