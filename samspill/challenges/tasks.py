"""Background jobs (Django tasks, database backend: `samspill db_worker` runs them): the mails
of announcements and outcomes, sent off the request and at most once."""

from django.tasks import task

from samspill.challenges.services import announcement_mail_send, outcome_mail_send


@task()
def announcement_mail(announcement_id: int) -> str:
    """Mail an announcement to the challenge's followers (blind copies)."""
    return "sent" if announcement_mail_send(announcement_id=announcement_id) else "not needed"


@task()
def outcome_mail(answer_id: int) -> str:
    """Mail a supplier the outcome of its answer."""
    return "sent" if outcome_mail_send(answer_id=answer_id) else "not needed"
