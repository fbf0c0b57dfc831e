from __future__ import annotations

from django.conf import settings
from django.db import models

from acquis.audit.enums import EventType


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002 — the signature is Django's
        raise AppendOnlyError("Le journal d'audit est en ajout seul : aucune modification n'est permise.")

    def delete(self):
        raise AppendOnlyError("Le journal d'audit est en ajout seul : aucune suppression n'est permise.")


class AuditEvent(models.Model):
    """One audited write: who did what, in which role, on which object, within which request.

    Append-only: the model refuses updates and deletes, and on PostgreSQL a trigger (migration 0002)
    refuses them too, so that even raw SQL cannot rewrite history.
    """

    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=254, blank=True)
    role = models.CharField(max_length=32, blank=True)
    # No DB-level choices: the vocabulary is EventType, checked by audit_event_record, and growing it must not
    # need a migration of this append-only table.
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    payload = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]
        verbose_name = "événement d'audit"
        verbose_name_plural = "événements d'audit"

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("Un événement d'audit enregistré ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Un événement d'audit ne peut pas être supprimé.")

    @property
    def action_label(self) -> str:
        try:
            return EventType(self.action).label
        except ValueError:
            return self.action
