# Issue 15, point 10: an attestation carries a verification code anyone can check on /verifier/<code>/.

import secrets

from django.db import migrations, models

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _code() -> str:
    # Same shape as services.attestations.verification_code_new (a migration does not import app code).
    raw = "".join(secrets.choice(ALPHABET) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def codes_for_issued(apps, schema_editor):
    """Attestations issued before this change get their code too (reprinting the PDF shows it)."""
    Attestation = apps.get_model("pathways", "Attestation")
    for attestation in Attestation.objects.filter(issued_on__isnull=False, verification_code__isnull=True):
        attestation.verification_code = _code()
        attestation.save(update_fields=["verification_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0004_validation_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="attestation",
            name="verification_code",
            field=models.CharField(
                blank=True, max_length=32, null=True, unique=True, verbose_name="code de vérification"
            ),
        ),
        migrations.RunPython(codes_for_issued, migrations.RunPython.noop),
    ]
