from django_tasks import task

from acquis.audit import context
from acquis.notifications.services import outbound_email_deliver


@task(queue_name="emails")
def send_outbound_email(*, email_id: int) -> bool:
    with context.bind(channel="task", role="system"):
        return outbound_email_deliver(email_id=email_id)
