"""Writes about people and practices. Each is one transaction and leaves an audit entry."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from headway.accounts.models import Invitation, Membership, Practice, Role, User, token_digest


class LastOwnerError(Exception):
    """A practice must keep at least one active owner."""


def invitation_create(
    *,
    practice: Practice,
    email: str,
    invited_by: User,
    role: str = "",
    patient_id: int | None = None,
    language: str = "en",
) -> Invitation:
    """Store an invitation and email its link. The token exists in clear only in the email."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        practice=practice,
        email=email.lower(),
        role=role,
        patient_id=patient_id,
        token_hash=token_digest(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])
    with translation.override(language):
        context = {
            "practice": practice,
            "link": link,
            "days": settings.INVITATION_VALID_DAYS,
            "role": Role(role).label if role else "",
            "is_patient": patient_id is not None,
        }
        send_mail(
            subject=_("Your invitation to %(practice)s on Headway") % {"practice": practice.name},
            message=render_to_string("accounts/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    return invitation


def invitation_find(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("practice", "patient")
        .filter(token_hash=token_digest(token))
        .first()
    )
    return invitation if invitation and invitation.is_usable else None


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None, full_name: str = "", password: str = ""
) -> User:
    """Join the practice (staff) or open the portal login (patient). Creates the user if needed."""
    if user is None:
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    if invitation.patient_id is not None:
        patient = invitation.patient
        assert patient is not None
        patient.user = user
        patient.save(update_fields=["user", "updated_at"])
    else:
        Membership.objects.update_or_create(
            practice=invitation.practice,
            user=user,
            defaults={"role": invitation.role, "is_active": True},
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def _active_owner_count(practice: Practice) -> int:
    return Membership.objects.filter(practice=practice, role=Role.OWNER, is_active=True).count()


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str) -> Membership:
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and _active_owner_count(membership.practice) <= 1
    ):
        raise LastOwnerError
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_set_active(*, membership: Membership, active: bool) -> Membership:
    """Deactivating ends access to this practice at the next request. A user left without any
    active membership (and not a portal patient) cannot log in at all."""
    if (
        not active
        and membership.role == Role.OWNER
        and _active_owner_count(membership.practice) <= 1
    ):
        raise LastOwnerError
    membership.is_active = active
    membership.save(update_fields=["is_active"])
    user = membership.user
    has_other_access = Membership.objects.filter(user=user, is_active=True).exists() or hasattr(
        user, "patient_record"
    )
    if user.is_active != has_other_access:
        user.is_active = has_other_access
        user.save(update_fields=["is_active"])
    return membership


def totp_device_start(*, user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator if the code matches, and issue ten single-use backup codes."""
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_renew(user=device.user)


@transaction.atomic
def backup_codes_renew(*, user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(10)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
