"""People and practices: who works where, in which role, and who is invited."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from headway.clinical.emergency import emergency_numbers
from headway.lib.bounds import validate_date_range


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_staff", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A login: a practice's staff member or a patient using the portal. Identified by email."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Django admin access only; unrelated to practice roles. The admin is not mounted.
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")

    def __str__(self) -> str:
        return self.full_name or self.email


class Practice(models.Model):
    """The tenant. Every row of patient data carries its practice_id."""

    name = models.CharField(_("name"), max_length=200)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Berlin")
    require_two_factor = models.BooleanField(
        _("require two-factor authentication for staff"), default=False
    )
    # How long a cervical safety screen stays current (design: 12 months by default).
    screen_valid_months = models.PositiveSmallIntegerField(
        _("months a neck screening before treatment stays current"), default=12
    )
    # Outcome baseline: the diary days before the first treatment (clinical-reference.md
    # section 5: a prospective baseline of at least 28 days).
    baseline_days = models.PositiveSmallIntegerField(
        _("days of diary before the first treatment that form the baseline"), default=28
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("practice")

    def __str__(self) -> str:
        return self.name

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.pk, None

    @property
    def emergency_number(self) -> str:
        """The emergency number(s) of the practice's country, as urgent advice names them."""
        numbers = emergency_numbers(self.time_zone)
        if len(numbers) == 1:
            return numbers[0]
        return gettext("%(first)s or %(second)s") % {"first": numbers[0], "second": numbers[1]}


class Role(models.TextChoices):
    OWNER = "owner", _("owner")
    PRACTITIONER = "practitioner", _("practitioner")
    RECEPTION = "reception", _("reception")


# Roles that may read and write clinical content (notes, screens, classifications).
CLINICAL_ROLES = frozenset({Role.OWNER, Role.PRACTITIONER})


class Membership(models.Model):
    """A staff member's place in one practice. Deactivating keeps the history of who did what."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["practice", "user"], name="one_membership_per_practice")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.practice})"

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER

    @property
    def is_clinical(self) -> bool:
        return self.role in CLINICAL_ROLES

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, None


def token_digest(token: str) -> str:
    """Invitation tokens are stored as digests so a database leak does not leak usable links."""
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An emailed link to join a practice as staff, or to open a patient's portal login."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    # Empty role with a patient set: a portal invitation for that patient.
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    patient = models.ForeignKey(
        "patients.Patient", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return self.email

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, self.patient_id


class Credential(models.Model):
    """Training or certification in a method, with its document. A technique that names the
    method can be recorded only by a practitioner holding a current credential in it."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="credentials")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials"
    )
    method = models.CharField(_("method"), max_length=120)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    issued_on = models.DateField(_("date issued"), validators=[validate_date_range])
    expires_on = models.DateField(
        _("expiry date"), null=True, blank=True, validators=[validate_date_range]
    )
    document = models.FileField(_("document"), upload_to="credentials/%Y/", blank=True)
    # The owner checks the certificate; only a verified credential lets a technique be recorded.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("credential")
        ordering = ["method", "-issued_on"]

    def __str__(self) -> str:
        return f"{self.method} ({self.issuing_body})"

    def is_current(self, today: date) -> bool:
        return (
            self.verified_at is not None
            and self.issued_on <= today
            and (self.expires_on is None or today <= self.expires_on)
        )

    def audit_scope(self) -> tuple[int | None, int | None]:
        return self.practice_id, None
