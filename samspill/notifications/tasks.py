"""Background jobs (Django tasks, database backend: `samspill db_worker` runs them)."""

from django.tasks import task

from samspill.notifications.services import digest_send, event_fan_out, notification_mail_send


@task()
def event_fan_out_task(event_id: int) -> str:
    """Tell the followers of one event, after the write that recorded it has committed."""
    return f"{event_fan_out(event_id=event_id)} told"


@task()
def notification_mail(notification_id: int) -> str:
    """Mail one notification at once, off the request (the page never waits for the server)."""
    return "sent" if notification_mail_send(notification_id=notification_id) else "not needed"


@task()
def digests_send(period: str) -> str:
    """Send the daily or weekly digests (queued by cron through `samspill notifications`)."""
    summary = digest_send(period=period)
    return f"{summary.sent} mails, {summary.notifications} notifications"
