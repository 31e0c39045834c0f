"""Background work of the outbox: one task per message."""

from django_tasks import default_task_backend, task

from . import delivery


@task()
def deliver_email(email_id: int) -> str:
    """Send one outbox row (see `outbox.delivery`); on a provider error, schedule the next
    attempt as a deferred task where the backend can defer (else `send_queued_emails`)."""
    outcome = delivery.deliver(email_id)
    if outcome.status == "retry" and default_task_backend.supports_defer:
        deliver_email.using(run_after=outcome.retry_at).enqueue(email_id)
    return outcome.status
