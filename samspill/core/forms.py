"""Form helpers: Designsystemet classes and accessible error wiring on every widget."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms.boundfield import BoundWidget
from django.forms.widgets import ChoiceWidget

# Ids outside a 64-bit integer make the `pk__in` query of a multiple choice fail (500), not miss.
_BIGINT = range(-(2**63), 2**63)


class DesignsystemetMixin:
    """Give every widget Designsystemet's class and point aria-describedby at its errors."""

    fields: dict[str, forms.Field]
    errors: Any

    def style_fields(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", "ds-input")
            # Read `_errors`, not `errors`: the property would validate the form too early
            # (before a subclass has set its querysets) when called from __init__.
            errors = getattr(self, "_errors", None)
            if errors and name in errors:
                widget.attrs["aria-invalid"] = "true"
                # The error text (components/_form_fields.html: "<id>_error") is read with the
                # field, after its help text ("<id>_helptext", where Django points by default).
                field_id = self[name].auto_id  # type: ignore[index]  # the concrete class is a Form
                described = [f"{field_id}_helptext"] if field.help_text else []
                widget.attrs["aria-describedby"] = " ".join([*described, f"{field_id}_error"])


class StyledForm(DesignsystemetMixin, forms.Form):
    """A plain form with Designsystemet styling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()


class ModelMultipleChoiceField[M: Model](forms.ModelMultipleChoiceField[M]):
    """Django's field, but an id beyond the database's integers is an invalid choice, not a 500."""

    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and isinstance(value, list | tuple):
            for item in value:
                text = str(item).strip()
                if text.lstrip("-").isdecimal() and int(text) not in _BIGINT:
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


# The shared form component (templates/components/_form_fields.html) ---------------------------


@dataclass(frozen=True)
class SummaryError:
    """One line of a form's error summary: the message, and the field it links to (if any)."""

    message: str
    label: str = ""
    href: str = ""


def is_choice_list(field: forms.BoundField) -> bool:
    """Checkbox lists and radio buttons: one input per choice, grouped in a fieldset."""
    widget = field.field.widget
    return isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


def field_target_id(field: forms.BoundField) -> str:
    """The id of the input a link to this field should move focus to (the first choice of a list)."""
    if is_choice_list(field):
        for choice in field.subwidgets:
            return str(choice.data["attrs"].get("id", ""))
        return ""
    return str(field.id_for_label or field.auto_id or "")


def error_summary(form: forms.BaseForm) -> list[SummaryError]:
    """Every error of a bound form, in the order of its fields, each field's linked to it.

    Errors of the whole form (and of hidden fields, such as an outdated version) come first and
    link nowhere: there is no field to correct.
    """
    if not form.is_bound or not form.errors:
        return []
    general = [SummaryError(str(message)) for message in form.non_field_errors()]
    fields = []
    for field in form:
        if not field.errors:
            continue
        if field.is_hidden:
            general += [SummaryError(str(message)) for message in field.errors]
            continue
        target = field_target_id(field)
        fields += [
            SummaryError(str(message), label=str(field.label), href=f"#{target}" if target else "")
            for message in field.errors
        ]
    return general + fields


@dataclass(frozen=True)
class ChoiceGroup:
    """A group of choices (an optgroup) rendered as a fieldset with its name as legend."""

    label: str
    choices: list[BoundWidget]


def choice_groups(field: forms.BoundField) -> list[ChoiceGroup]:
    """A checkbox/radio list's choices by group; one group without a label when ungrouped.

    Django renders groups (choices given as `(group, [(value, label), ...])`) itself only through
    its widget templates; the shared component renders each choice beside its label.
    """
    widget = field.field.widget
    assert isinstance(widget, ChoiceWidget)  # noqa: S101 - only called for choice lists
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    value = widget.format_value(field.value())
    groups: list[ChoiceGroup] = []
    for name, options, _index in widget.optgroups(field.html_name, value, attrs):
        label = str(name or "")
        choices = [BoundWidget(widget, option, field.form.renderer) for option in options]
        if groups and not label and not groups[-1].label:
            groups[-1].choices.extend(choices)  # Django makes each ungrouped choice a group
        else:
            groups.append(ChoiceGroup(label, choices))
    return groups
