"""Sending mail through one path that never pretends: a failure is logged and raised, never hidden.

Every module that sends mail (password reset, notifications, receipts, digests) calls
`mail_send`; callers tell the user honestly when `MailNotSentError` comes back. `mail_problems`
lists configuration errors; the deploy check (`samspill check --deploy`) reports them.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers

logger = logging.getLogger(__name__)

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Backends that keep mail on this machine: right for development and tests, wrong in production.
LOCAL_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }
)


class MailNotSentError(Exception):
    """The mail server could not be reached or refused the message."""


def mail_send(*, message: EmailMessage) -> None:
    """Send `message` through the default mailer; raise MailNotSentError (logged) if it fails."""
    try:
        sent = message.send()
    except Exception as error:
        logger.exception("Mail %r to %d recipient(s) not sent", message.subject, len(message.to))
        raise MailNotSentError(str(error)) from error
    if not sent:
        logger.error("Mail %r not sent: the mailer accepted nothing", message.subject)
        raise MailNotSentError("the mailer sent nothing")


def mail_connection_check() -> None:
    """Open (and close) a connection to the mail server; raise MailNotSentError if that fails.

    Used before an action whose only result is a mail, so the user hears about a broken mail
    server whatever they typed (a password reset must not reveal which addresses have accounts).
    """
    try:
        connection = mailers.default
        connection.open()
        connection.close()
    except Exception as error:
        logger.exception("The mail server cannot be reached")
        raise MailNotSentError(str(error)) from error


def mail_problems() -> list[str]:
    """Return why mail cannot work with the current settings (empty when it can)."""
    config = getattr(settings, "MAILERS", {}).get("default")
    if config is None:
        return ["MAILERS has no 'default' mailer."]
    backend = config.get("BACKEND", SMTP_BACKEND)
    options = config.get("OPTIONS", {})
    problems = []
    if backend == SMTP_BACKEND and not options.get("host"):
        problems.append("EMAIL_HOST is not set: the SMTP mailer has no server to send through.")
    if backend in LOCAL_BACKENDS and not settings.DEBUG:
        problems.append(
            f"EMAIL_BACKEND is {backend} with DEBUG off: mail never leaves this machine."
        )
    if options.get("use_tls") and options.get("use_ssl"):
        problems.append("EMAIL_USE_TLS and EMAIL_USE_SSL are both on; set at most one.")
    sender = settings.DEFAULT_FROM_EMAIL
    if not sender or sender.rpartition("@")[2].rstrip(">") in {"", "localhost"}:
        problems.append(
            f"DEFAULT_FROM_EMAIL is {sender!r}: set a sender address in your own domain."
        )
    return problems
