from django_tasks import task

from acquis.audit import context
from acquis.notifications.services import AlreadySent, outbound_email_deliver


@task(queue_name="emails")
def send_outbound_email(*, email_id: int) -> bool:
    """Idempotent: returns whether this run sent the e-mail."""
    with context.bind(channel="task", role="system"):
        try:
            outbound_email_deliver(email_id=email_id)
        except AlreadySent:
            return False
    return True
