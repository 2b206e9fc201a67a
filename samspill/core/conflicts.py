"""Edit forms that notice lost updates: a hidden version field and a both-versions conflict view.

An edit form adds `version = VersionField()` and gets the object's version in its initial data.
When the service raises `ConflictError`, the view calls `conflict_show(form, saved=…)` with the
values now saved (the same dict it builds the form's initial data from): the form keeps what the
user typed, lists field by field what the other person saved, who and when, and now carries the
current version, so saving again is a deliberate choice. Templates render `form.conflict` through
`components/_conflict.html` (included by every `_form_fields` template).
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core.exceptions import ConflictError


class VersionField(forms.IntegerField):
    """The version the user loaded, sent back unchanged (hidden)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        kwargs.setdefault(
            "error_messages",
            {
                "required": gettext_lazy("Skjemaet er utdatert. Last siden på nytt."),
                "invalid": gettext_lazy("Skjemaet er utdatert. Last siden på nytt."),
            },
        )
        super().__init__(**kwargs)


class VersionedFormMixin:
    """Adds a required hidden `version` when the form edits an object (its initial has a version).

    Edit views build the initial data with the object's version; create views do not, so the
    same form class serves both.
    """

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "version" in getattr(self, "initial", {}):
            self.fields["version"] = VersionField()


@dataclass(frozen=True)
class FieldConflict:
    """One field where the user's value and the saved value differ."""

    label: str
    mine: str
    theirs: str


@dataclass(frozen=True)
class Conflict:
    """What the form shows after a lost-update conflict."""

    fields: list[FieldConflict] = field(default_factory=list)
    changed_by: str = ""
    changed_at: datetime.datetime | None = None


EMPTY = "–"


def _text(value: Any) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, tuple) and value and isinstance(value[0], Decimal):  # number + unit
        return f"{value[0].normalize():f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _display(form_field: forms.Field, value: Any) -> str:
    """A value as the user reads it: choice labels, objects by name, lists sorted and joined."""
    if isinstance(form_field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        values = value if isinstance(value, list | tuple | set) else [value]
        names = []
        for item in values:
            if item is None or item == "":
                continue
            if not isinstance(item, Model):
                queryset = form_field.queryset
                found = (
                    queryset.filter(pk=item).first()
                    if queryset is not None and str(item).isdecimal()
                    else None
                )
                item = found if found is not None else item
            names.append(
                form_field.label_from_instance(item) if isinstance(item, Model) else str(item)
            )
        return ", ".join(sorted(names)) or EMPTY
    if isinstance(form_field, forms.ChoiceField):
        labels = {str(key): str(label) for key, label in list(form_field.choices)}  # type: ignore[arg-type]  # flat choices here
        if isinstance(value, list | tuple):
            return ", ".join(sorted(labels.get(str(v), str(v)) for v in value)) or EMPTY
        return labels.get(str(value), _text(value)) if value not in (None, "") else EMPTY
    if isinstance(form_field, forms.DecimalField) and value not in (None, ""):
        return _text(Decimal(str(value)))
    if isinstance(form_field, forms.CharField) and isinstance(value, str):
        return value.strip() or EMPTY
    return _text(value)


def conflict_fields(form: forms.Form, *, saved: Mapping[str, Any]) -> list[FieldConflict]:
    """The visible, editable fields whose typed value differs from the saved one."""
    rows = []
    cleaned: dict[str, Any] = getattr(form, "cleaned_data", {})
    for name, form_field in form.fields.items():
        if form_field.disabled or isinstance(form_field.widget, forms.HiddenInput):
            continue
        if name not in saved:
            continue
        mine = _display(form_field, cleaned[name] if name in cleaned else form[name].value())
        theirs = _display(form_field, saved[name])
        if mine != theirs:
            rows.append(
                FieldConflict(label=str(form_field.label or name), mine=mine, theirs=theirs)
            )
    return rows


def conflict_show(
    form: forms.Form,
    error: ConflictError,
    *,
    saved: Mapping[str, Any],
    version: int,
    history: Iterable[Any] = (),
) -> None:
    """Prepare `form` to be shown again: the user's values, the saved ones, who changed it, when.

    `history` is the object's audit trail, newest first (its newest "update" or "create" names who and when).
    """
    last = next(
        (entry for entry in history if getattr(entry, "action", "") in ("update", "create")), None
    )
    form.conflict = Conflict(  # type: ignore[attr-defined]  # read by components/_conflict.html
        fields=conflict_fields(form, saved=saved),
        changed_by=str(getattr(last, "actor", None) or getattr(last, "actor_label", "") or ""),
        changed_at=getattr(last, "created_at", None),
    )
    form_version_set(form, version)
    form.add_error(None, error.message)


def form_version_set(form: forms.Form, version: int | None) -> None:
    """Let a re-shown form carry the version now saved, so the next save is a deliberate one."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data[form.add_prefix("version")] = str(version if version is not None else 0)
    form.data = data
