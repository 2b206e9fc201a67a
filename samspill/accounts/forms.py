"""Login and password-reset forms with Designsystemet styling."""

from typing import Any

from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from samspill.accounts.models import User
from samspill.core.forms import DesignsystemetMixin
from samspill.core.mail import mail_send


class LoginForm(DesignsystemetMixin, AuthenticationForm):
    """Username and password."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class SamspillPasswordChangeForm(DesignsystemetMixin, PasswordChangeForm):
    """Django's form (autocomplete current-password/new-password) with Designsystemet styling."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class SamspillSetPasswordForm(DesignsystemetMixin, SetPasswordForm[User]):
    """A new password after a reset link (autocomplete new-password), styled."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()


class SamspillPasswordResetForm(DesignsystemetMixin, PasswordResetForm):
    """Django's reset form, except that a mail that cannot be sent raises MailNotSentError.

    Django's own form logs the failure and carries on, so the user reads "sent" for a mail that
    never left; the view turns the error into an honest message instead.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            html = loader.render_to_string(html_email_template_name, context)
            message.attach_alternative(html, "text/html")
        mail_send(message=message)
