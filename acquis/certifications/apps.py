from django.apps import AppConfig


class CertificationsConfig(AppConfig):
    name = "acquis.certifications"
    verbose_name = "Certifications (RNCP)"
