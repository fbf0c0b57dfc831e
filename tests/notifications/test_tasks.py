from acquis.notifications.models import OutboundEmail
from acquis.notifications.services import notification_queue
from acquis.notifications.tasks import send_outbound_email


def test_queueing_twice_and_running_the_task_twice_sends_one_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notification_queue(
            to="marie@exemple.fr", template="welcome", context={"first_name": "Marie"}, idempotency_key="welcome:1"
        )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = notification_queue(
            to="marie@exemple.fr", template="welcome", context={"first_name": "Marie"}, idempotency_key="welcome:1"
        )
    assert again.pk == first.pk and callbacks == []  # nothing enqueued the second time
    assert send_outbound_email.call(email_id=first.pk) is False  # a re-run of the task sends nothing
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Bienvenue sur Acquis, le service public de la VAE"
    assert "Bonjour Marie" in message.body and "/connexion/" in message.body
    assert OutboundEmail.objects.get().sent_at is not None
