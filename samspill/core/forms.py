"""Form helpers: Designsystemet classes and accessible error wiring on every widget."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model

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
