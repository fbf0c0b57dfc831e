from django.conf import settings
from django.db import models


class OutboundEmail(models.Model):
    """An e-mail to send, rendered when queued. ``idempotency_key`` makes queueing idempotent: the same notice
    is never queued twice.

    Delivery is at most once (``acquis.notifications.services``): an attempt is recorded and committed
    (``attempt_started_at``) before the SMTP transfer, ``sent_at`` only after the server accepted it. An e-mail
    with an attempt and no ``sent_at`` may or may not have reached the server (a worker killed mid-send): it is
    never re-sent by a task, only listed for the operator (``acquis notifications recover``)."""

    idempotency_key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    template = models.CharField(max_length=64)
    # The person the message is for, when it is about their file (pathway, congé VAE, funding): their
    # « Mes notifications » list reads these rows. Null for account e-mails (sign-up, password: they carry a
    # secret link and are not listed) and once the subject's personal data are erased (R6411-6).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    # The page of the object the message is about (a path on this site), linked from the list.
    path = models.CharField(max_length=300, blank=True, default="")
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # Set (and committed) just before a transfer to the SMTP server; cleared when the server refused it.
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    # A transient refusal (4xx, server unreachable): the next attempt is not before this instant.
    retry_after = models.DateTimeField(null=True, blank=True)
    # A permanent refusal (5xx) or too many transient ones: no task sends it any more.
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "courriel"
        ordering = ["queued_at", "id"]
        indexes = [models.Index(fields=["recipient", "-queued_at"], name="notification_recipient_idx")]

    def __str__(self) -> str:
        return f"{self.template} → {self.to}"
