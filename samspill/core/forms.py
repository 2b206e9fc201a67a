"""Form helpers: Designsystemet classes and accessible error wiring on every widget."""

from typing import Any

from django import forms


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


class StyledForm(DesignsystemetMixin, forms.Form):
    """A plain form with Designsystemet styling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def full_clean(self) -> None:
        super().full_clean()
        self.style_fields()
