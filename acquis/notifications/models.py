from django.db import models


class OutboundEmail(models.Model):
    """An e-mail to send, rendered when queued. ``idempotency_key`` makes queueing and sending idempotent:
    the same notice is never queued twice, and a task that runs twice sends once."""

    idempotency_key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    template = models.CharField(max_length=64)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "courriel"
        ordering = ["queued_at", "id"]

    def __str__(self) -> str:
        return f"{self.template} → {self.to}"
