"""Take the personal data out of the events recorded before the audit log was pseudonymised (security review M2):
the actor's e-mail becomes « compte n° <id> », an e-mail's recipient leaves the payload (it stays on the e-mail's
own row, which retention erases), and free-text notes and reasons move to AuditDetail, erasable with their subject.

The one rewrite the append-only log ever gets: on PostgreSQL the trigger is lifted for this transaction only
(ALTER TABLE takes an exclusive lock, so no other writer sees the table without it)."""

from django.db import migrations

# Free text about a person, by action: the payload key moved to AuditDetail.
PERSONAL_KEYS = {"candidacy_litigation_set": "note", "feasibility_date_corrected": "reason"}


def forwards(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditDetail = apps.get_model("audit", "AuditDetail")
    postgresql = schema_editor.connection.vendor == "postgresql"
    table = AuditEvent._meta.db_table
    if postgresql:
        schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER audit_auditevent_append_only")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET actor_label = 'compte n° ' || actor_id WHERE actor_id IS NOT NULL"  # noqa: S608
        )
        events = AuditEvent.objects.filter(action__in=["email_queued", *PERSONAL_KEYS]).values_list(
            "pk", "action", "object_type", "object_id", "payload"
        )
        for pk, action, object_type, object_id, payload in events.iterator():
            payload = dict(payload or {})
            key = PERSONAL_KEYS.get(action, "to")
            if key not in payload:
                continue
            value = payload.pop(key)
            if key != "to" and value:
                AuditDetail.objects.create(
                    event_id=pk, subject_type=object_type, subject_id=object_id, data={key: value}
                )
            cursor.execute(
                f"UPDATE {table} SET payload = %s WHERE id = %s",  # noqa: S608
                [schema_editor.connection.ops.adapt_json_value(payload, None), pk],
            )
    if postgresql:
        schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER audit_auditevent_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_personal_data_retention")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
