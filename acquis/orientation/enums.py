from django.db import models


class OperatorKind(models.TextChoices):
    # Conseil en évolution professionnelle (L6111-6): free career advice, the first door for a VAE project.
    CEP = "cep", "Conseil en évolution professionnelle (CEP)"
    # Point relais conseil / centre de conseil VAE of the regional public orientation service (R6411-1).
    VAE_CENTRE = "vae_centre", "Centre de conseil VAE"
    # An organisation on the GIP's list of accompaniers (R6412-2), reached through its Organisation.
    ACCOMPANIER = "accompanier", "Accompagnateur VAE (liste du GIP)"


class Reception(models.TextChoices):
    ON_SITE = "on_site", "Sur place"
    REMOTE = "remote", "À distance"
    BOTH = "both", "Sur place et à distance"
