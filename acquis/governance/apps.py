from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "acquis.governance"
    verbose_name = "Gouvernance des certifications (CPC, GIP)"
