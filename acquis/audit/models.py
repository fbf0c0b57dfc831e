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
    # A pseudonymous reference ("compte n° 12") or the channel (cli, task…), never an e-mail or a name: this table
    # is append-only, so it must never hold what retention (R6411-6) has to erase. The person is read through
    # ``actor`` (actor_display), whose row retention anonymises.
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
    def actor_display(self) -> str:
        """Who acted, for the GIP's history: the account's current e-mail (erased with it), else the channel."""
        if self.actor_id is not None:
            return self.actor.email
        return self.actor_label

    @property
    def action_label(self) -> str:
        try:
            return EventType(self.action).label
        except ValueError:
            return self.action


class AuditDetail(models.Model):
    """The personal part of an audit event (a free-text note, a reason), kept apart so that retention can erase it:
    the event itself is append-only. ``subject`` names the record whose retention erases it."""

    event = models.OneToOneField(AuditEvent, on_delete=models.PROTECT, related_name="detail")
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    data = models.JSONField(default=dict, blank=True)
    erased_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["subject_type", "subject_id"])]
        verbose_name = "détail personnel d'un événement d'audit"
        verbose_name_plural = "détails personnels des événements d'audit"

    def __str__(self) -> str:
        return f"{self.event_id} ({self.subject_type}:{self.subject_id})"
