from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import BaseUserManager as DjangoBaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from acquis.accounts.enums import IdentityProvider, OrganisationKind, Role
from acquis.accounts.siret import siret_error


def validate_siret(value: str) -> None:
    error = siret_error(value)
    if error:
        raise ValidationError(error, code="invalid_siret")


class UserManager(DjangoBaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        # Accounts are created by acquis.accounts.services.user_create; this exists for Django's tooling.
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        return self.create_user(email, password, is_staff=True, is_superuser=True, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """One account per person, whatever the roles they hold (held as Memberships)."""

    email = models.EmailField("adresse électronique", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    is_active = models.BooleanField("actif", default=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)
    identity_provider = models.CharField(
        "fournisseur d'identité", max_length=32, choices=IdentityProvider.choices, default=IdentityProvider.LOCAL
    )
    oidc_subject = models.CharField("identifiant OIDC (sub)", max_length=255, blank=True)
    # Set by retention (R6411-6, acquis.accounts.retention): the row stays (the audit log points to it), the person
    # is gone from it.
    anonymised_on = models.DateField("anonymisé le", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        constraints = [
            models.UniqueConstraint(
                fields=["identity_provider", "oidc_subject"],
                condition=~Q(oidc_subject=""),
                name="unique_oidc_subject_per_provider",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email


class Organisation(models.Model):
    siret = models.CharField("SIRET", max_length=14, unique=True, validators=[validate_siret])
    name = models.CharField("raison sociale", max_length=255)
    kind = models.CharField("nature", max_length=32, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "organisation"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.siret})"


class Membership(models.Model):
    """A role held by a user, scoped to an organisation (SIRET) and a territory."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    region = models.ForeignKey("territories.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "territories.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "rôle"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="unique_active_membership",
            )
        ]

    def __str__(self) -> str:
        scope = f" — {self.organisation.name}" if self.organisation_id else ""
        return f"{self.get_role_display()}{scope}"

    @property
    def territory_label(self) -> str:
        if self.department_id:
            return str(self.department)
        if self.region_id:
            return str(self.region)
        return "France entière"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A machine client's credential, scoped to one organisation and one role. Only its hash is kept."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="api_tokens")
    role = models.CharField("rôle", max_length=32, choices=Role.choices)
    name = models.CharField("nom du client", max_length=120)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
