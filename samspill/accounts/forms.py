"""Login form with Designsystemet styling."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm

from samspill.core.forms import DesignsystemetMixin


class LoginForm(DesignsystemetMixin, AuthenticationForm):
    """Username and password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()
