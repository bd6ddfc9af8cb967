"""Writes about people and practices. Each is one transaction and leaves an audit entry."""

from __future__ import annotations

import secrets
import smtplib
from collections.abc import Callable, Iterable
from datetime import timedelta

from auditlog.context import set_actor
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from headway.accounts.models import (
    Credential,
    Invitation,
    Membership,
    Practice,
    Role,
    User,
    token_digest,
)


class LastOwnerError(Exception):
    """A practice must keep at least one active owner."""


class NotOwnerError(Exception):
    """The owner asking for a team change stopped being one while the request was on its way."""


class InvitationRefused(Exception):
    """The invitation cannot be used by this account; the message says why, translated."""


class EmailNotSent(Exception):
    """The mail server refused or could not be reached; nothing was saved."""


@transaction.atomic
def invitation_create(
    *,
    practice: Practice,
    email: str,
    invited_by: User | None,
    base_url: str,
    role: str = "",
    patient_id: int | None = None,
    language: str = "en",
    on_link: Callable[[str], object] | None = None,
) -> Invitation:
    """Store an invitation and email its link. The token exists in clear only in the email.

    One usable invitation per address and practice: a new one replaces any still pending, so
    an old link can never grant a role the owner has since changed their mind about.
    """
    email = email.lower()
    invitations_revoke(practice=practice, email=email)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        practice=practice,
        email=email,
        role=role,
        patient_id=patient_id,
        token_hash=token_digest(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = base_url.rstrip("/") + reverse("invitation_accept", args=[token])
    if on_link is not None:
        on_link(link)  # the operator's bootstrap command prints it as well
    with translation.override(language):
        context = {
            "practice": practice,
            "link": link,
            "days": settings.INVITATION_VALID_DAYS,
            "role": Role(role).label if role else "",
            "is_patient": patient_id is not None,
        }
        try:
            send_mail(
                subject=_("Your invitation to %(practice)s on Headway")
                % {"practice": practice.name},
                message=render_to_string("accounts/email/invitation.txt", context),
                from_email=None,
                recipient_list=[invitation.email],
            )
        except (smtplib.SMTPException, OSError) as error:
            # Raising inside the transaction rolls the invitation back with it.
            raise EmailNotSent from error
    return invitation


_LOGIN_LINK_SALT = "headway.accounts.login-link"


def _login_link_state(user: User) -> str:
    # The link carries the last sign-in; signing in changes it, so a link works once.
    return user.last_login.isoformat() if user.last_login else ""


def login_link_send(*, email: str, base_url: str, language: str) -> bool:
    """Email a one-time sign-in link if an active account has this address. Says nothing to
    the caller's visitor either way (no account probing); returns whether a mail went out."""
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        return False
    patient = getattr(user, "patient_record", None)
    if patient is not None:
        language = patient.preferred_language
    token = signing.dumps({"u": user.pk, "s": _login_link_state(user)}, salt=_LOGIN_LINK_SALT)
    link = base_url.rstrip("/") + reverse("login_link_open", args=[token])
    minutes = settings.LOGIN_LINK_VALID_MINUTES
    with translation.override(language):
        try:
            send_mail(
                subject=_("Your sign-in link for Headway"),
                message=render_to_string(
                    "accounts/email/login_link.txt", {"link": link, "minutes": minutes}
                ),
                from_email=None,
                recipient_list=[user.email],
            )
        except (smtplib.SMTPException, OSError) as error:
            raise EmailNotSent from error
    return True


def login_link_user(token: str) -> User | None:
    """The account a sign-in link opens, or None when it is forged, expired or already used."""
    try:
        claim = signing.loads(
            token, salt=_LOGIN_LINK_SALT, max_age=settings.LOGIN_LINK_VALID_MINUTES * 60
        )
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=claim.get("u"), is_active=True).first()
    if user is None or claim.get("s") != _login_link_state(user):
        return None
    return user


def invitations_revoke(*, practice: Practice, email: str) -> int:
    """End every pending invitation of this address to this practice (saved one by one, so
    each revocation is in the audit trail)."""
    now = timezone.now()
    pending = Invitation.objects.filter(
        practice=practice, email=email.lower(), accepted_at__isnull=True, expires_at__gt=now
    )
    count = 0
    for invitation in pending:
        invitation.expires_at = now
        invitation.save(update_fields=["expires_at"])
        count += 1
    return count


def invitation_find(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("practice", "patient")
        .filter(token_hash=token_digest(token))
        .first()
    )
    return invitation if invitation and invitation.is_usable else None


def _invitation_check(invitation: Invitation, user: User) -> None:
    if invitation.patient_id is None:
        if Membership.objects.filter(practice=invitation.practice, user=user).exists():
            # Also when deactivated: only the owner reactivates, never an old link.
            raise InvitationRefused(
                _("This account already belongs to the practice's team. Ask the owner.")
            )
        return
    patient = invitation.patient
    if patient is None or patient.user_id is not None:
        raise InvitationRefused(_("This patient record already has a portal login."))
    if hasattr(user, "patient_record") or user.memberships.exists():
        raise InvitationRefused(
            _("This account is already in use. Ask the practice to invite another email address.")
        )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    full_name: str = "",
    password: str = "",
    remote_addr: str | None = None,
) -> User:
    """Join the practice (staff) or open the portal login (patient). Creates the user if needed."""
    # The same link submitted twice at once (a double click, two tabs): the second waits here
    # for the first and then finds the invitation used, instead of creating the account again.
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None or current.accepted_at is not None:
        raise InvitationRefused(
            _(
                "This invitation has already been accepted. Sign in with its email address "
                "and your password."
            )
        )
    if not current.is_usable:
        raise InvitationRefused(
            _("This invitation has expired or was withdrawn. Ask the practice for a new one.")
        )
    if user is None:
        user = User.objects.create_user(invitation.email, password, full_name=full_name)
    _invitation_check(invitation, user)
    # The request had nobody signed in when it started; the audit entries of this acceptance
    # belong to the person accepting. (Last audit writes of the request: it redirects next.)
    with set_actor(user, remote_addr=remote_addr):
        if invitation.patient is not None:
            invitation.patient.user = user
            invitation.patient.save(update_fields=["user", "updated_at"])
        else:
            Membership.objects.create(practice=invitation.practice, user=user, role=invitation.role)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return user


def _active_owner_count(practice: Practice) -> int:
    return Membership.objects.filter(practice=practice, role=Role.OWNER, is_active=True).count()


def _team_lock(membership: Membership, by: User | None) -> Membership:
    """Take the practice's team lock and return the membership as it is now. Two owners
    demoting each other at the same moment would each still count the other as an owner and
    leave the practice with none; the second change waits here, then counts again. `by`, when
    given, must still be an active owner once the lock is held."""
    # NO KEY: rows that merely point at the practice (every patient record) are not held up.
    Practice.objects.select_for_update(no_key=True).filter(pk=membership.practice_id).first()
    if (
        by is not None
        and not Membership.objects.filter(
            practice_id=membership.practice_id, user=by, role=Role.OWNER, is_active=True
        ).exists()
    ):
        raise NotOwnerError
    return Membership.objects.select_related("practice", "user").get(pk=membership.pk)


@transaction.atomic
def membership_change_role(
    *, membership: Membership, role: str, by: User | None = None
) -> Membership:
    membership = _team_lock(membership, by)
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and _active_owner_count(membership.practice) <= 1
    ):
        raise LastOwnerError
    membership.role = role
    membership.save(update_fields=["role"])
    invitations_revoke(practice=membership.practice, email=membership.user.email)
    return membership


@transaction.atomic
def membership_set_active(
    *, membership: Membership, active: bool, by: User | None = None
) -> Membership:
    """Deactivating ends access to this practice at the next request. A user left without any
    active membership (and not a portal patient) cannot log in at all."""
    membership = _team_lock(membership, by)
    if (
        not active
        and membership.role == Role.OWNER
        and _active_owner_count(membership.practice) <= 1
    ):
        raise LastOwnerError
    membership.is_active = active
    membership.save(update_fields=["is_active"])
    invitations_revoke(practice=membership.practice, email=membership.user.email)
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


@transaction.atomic
def credential_verify(*, credential: Credential, by: User) -> Credential:
    credential.verified_by = by
    credential.verified_at = timezone.now()
    credential.save(update_fields=["verified_by", "verified_at"])
    return credential


# The methods a credential can be in are those the practice's technique catalogue asks for. The
# catalogue lives in a higher app (care), which registers its list here from its AppConfig:
# a lower app never imports a higher one (design.md section 3).
_credential_method_sources: list[Callable[[int], Iterable[str]]] = []


def credential_methods_register(source: Callable[[int], Iterable[str]]) -> None:
    if source not in _credential_method_sources:
        _credential_method_sources.append(source)


def credential_methods(*, practice_id: int) -> list[str]:
    """The methods the practice's catalogue names, once each whatever their case, sorted."""
    names: dict[str, str] = {}
    for source in _credential_method_sources:
        for name in source(practice_id):
            if name.strip():
                names.setdefault(name.strip().casefold(), name.strip())
    return sorted(names.values(), key=str.casefold)
