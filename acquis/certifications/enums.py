from django.db import models


class RomeLinkSource(models.TextChoices):
    """Who says a fiche leads to a ROME job: France compétences' register, or Acquis from the fiche's texts."""

    REGISTRY = "registry", "publié au registre"
    COMPUTED = "computed", "calculé par Acquis d'après l'intitulé"
