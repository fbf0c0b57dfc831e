"""The closed vocabulary of audited actions. Add a member here before a service may record it."""

from django.db import models


class EventType(models.TextChoices):
    USER_CREATED = "user_created", "Compte créé"
    USER_LOGGED_IN = "user_logged_in", "Connexion"
    USER_PASSWORD_CHANGED = "user_password_changed", "Mot de passe modifié"
    USER_OIDC_LINKED = "user_oidc_linked", "Compte relié à un fournisseur d'identité"
    ORGANISATION_CREATED = "organisation_created", "Organisation créée"
    MEMBERSHIP_GRANTED = "membership_granted", "Rôle attribué"
    MEMBERSHIP_REVOKED = "membership_revoked", "Rôle retiré"
    API_TOKEN_CREATED = "api_token_created", "Jeton d'API créé"
    API_TOKEN_REVOKED = "api_token_revoked", "Jeton d'API révoqué"
    TERRITORIES_LOADED = "territories_loaded", "Référentiel des territoires chargé"
    EMAIL_QUEUED = "email_queued", "Courriel mis en file"
    EMAIL_SENT = "email_sent", "Courriel envoyé"
    LAW_CORPUS_IMPORTED = "law_corpus_imported", "Corpus juridique importé"
    CERTIFICATION_REGISTRY_IMPORTED = "certification_registry_imported", "Registre des certifications importé"
