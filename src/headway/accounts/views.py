from __future__ import annotations

import logging
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from headway.accounts import services
from headway.accounts.decorators import permission_required, staff_required
from headway.accounts.forms import (
    AcceptInvitationForm,
    CredentialForm,
    EmailLoginForm,
    InvitationForm,
    LoginLinkForm,
    MembershipRoleForm,
    PracticeSettingsForm,
    StayForm,
    TokenForm,
)
from headway.accounts.models import Credential, Invitation, Membership, User, token_digest
from headway.lib.http import client_ip

logger = logging.getLogger(__name__)

_PENDING = "pending_two_factor_user"
# Sign-in links one sender's address may ask for in 10 minutes.
_LINKS_PER_IP = 5
# Wrong codes allowed at the second step before the half-finished login is thrown away.
_TOKEN_ATTEMPTS = 5


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return settings.LOGIN_REDIRECT_URL


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("login")
    if request.membership is not None:  # type: ignore[attr-defined]
        return redirect("patient_list")
    if request.patient_record is not None:  # type: ignore[attr-defined]
        return redirect("portal_home")
    return render(request, "accounts/no_access.html")


def _sign_in(request: HttpRequest, user: User, *, stay: bool) -> HttpResponse:
    """After the first factor: finish signing in, or ask for the second factor first."""
    # A password sign-in names the backend that checked it; an email link is checked by us.
    backend = getattr(user, "backend", None) or "django.contrib.auth.backends.ModelBackend"
    if user_has_device(user, confirmed=True):
        # The first factor was right; the session is not logged in until the second one is.
        request.session[_PENDING] = {
            "id": user.pk,
            "backend": backend,
            "tries": 0,
            "stay": stay,
        }
        query = urlencode({"next": _next_url(request)})
        return redirect(f"{reverse('login_verify')}?{query}")
    login(request, user, backend=backend)
    return _signed_in(request, user, stay=stay)


def _signed_in(request: HttpRequest, user: User, *, stay: bool) -> HttpResponse:
    response = redirect(_next_url(request))
    if Membership.objects.filter(user=user, is_active=True).exists():
        return response
    patient = getattr(user, "patient_record", None)
    if stay:
        request.session.set_expiry(settings.PATIENT_REMEMBER_DAYS * 86400)
    if patient is not None:
        # The portal opens in the language the practice has on file for the patient.
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            patient.preferred_language,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def login_view(request: HttpRequest) -> HttpResponse:
    form = EmailLoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _sign_in(request, form.get_user(), stay=form.cleaned_data.get("stay", False))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)})


_clock = time.time  # the rate limits' clock; a test moves it on to the next window


def _place_taken(name: str, places: int, seconds: int) -> bool:
    """Take one of `places` in the current window of `seconds`; False when all are taken.

    Each place is a key of its own claimed with add(), which is atomic on every backend (a
    plain INSERT on the database cache, SET NX on Redis), so workers racing each other cannot
    all pass. A counter would not be: incr() and add() over an expired key are a read and then
    a write on the database cache. Windows are fixed, not sliding: at most `places` a window."""
    window = int(_clock() // seconds)
    return any(cache.add(f"{name}:{window}:{n}", 1, timeout=seconds) for n in range(places))


def login_link_request(request: HttpRequest) -> HttpResponse:
    """Ask for a one-time sign-in link by email. The answer is the same whether or not the
    address has an account, so the page cannot be used to find out who is a patient."""
    form = LoginLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        # One mail a minute per address, and a few per address of the sender: the form cannot
        # be used to flood an inbox.
        if _place_taken(f"login-link-ip:{client_ip(request)}", _LINKS_PER_IP, 600) and (
            _place_taken(f"login-link:{token_digest(email)}", 1, 60)
        ):
            try:
                services.login_link_send(
                    email=email,
                    base_url=request.build_absolute_uri("/"),
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                )
            except services.EmailNotSent:
                # Said to nobody: an error only for existing accounts would reveal them.
                logger.exception("sign-in link could not be sent")
        return render(
            request,
            "accounts/login_link_sent.html",
            {"minutes": settings.LOGIN_LINK_VALID_MINUTES},
        )
    return render(request, "accounts/login_link_request.html", {"form": form})


def login_link_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email. Opening it (as mail scanners do) changes nothing; the button
    signs in, once."""
    user = services.login_link_user(token)
    if user is None:
        return render(request, "accounts/login_link_invalid.html", status=410)
    form = StayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return _sign_in(request, user, stay=form.cleaned_data["stay"])
    return render(request, "accounts/login_link_open.html", {"form": form, "account": user})


def login_verify(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(_PENDING)
    if not pending:
        return redirect("login")
    user = get_object_or_404(User, pk=pending["id"], is_active=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            del request.session[_PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return _signed_in(request, user, stay=pending.get("stay", False))
        pending["tries"] += 1
        if pending["tries"] >= _TOKEN_ATTEMPTS:
            del request.session[_PENDING]
            messages.error(request, _("Too many wrong codes. Please sign in again."))
            return redirect("login")
        request.session[_PENDING] = pending
        form.add_error("token", _("This code is not valid. Check the time on your phone."))
    return render(request, "accounts/login_verify.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    was_patient = request.patient_record is not None  # type: ignore[attr-defined]
    logout(request)
    response = redirect("login")
    if was_patient:
        # The diary's queue, offline copy and service worker go with the session (design.md
        # §2.4); the page's script clears them too, for browsers that ignore this header.
        response["Clear-Site-Data"] = '"cache", "storage"'
    return response


@require_POST
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """The warning's "Stay signed in" before the idle sign-out, and typing in a form (app.js):
    any request restarts the idle time (SESSION_SAVE_EVERY_REQUEST); this one only says so, with
    the seconds left, so the page can time its next warning (issue 13, 5.8)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "signed_out"}, status=401)
    request.session.modified = True
    return JsonResponse({"seconds": request.session.get_expiry_age()})


@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up, review and (where the practice allows) remove two-factor authentication."""
    user = request.user
    assert isinstance(user, User)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    codes: list[str] | None = None
    form = TokenForm(request.POST or None)
    device = None
    if confirmed is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None or request.GET.get("restart"):
            device = services.totp_device_start(user=user)
        if request.method == "POST" and form.is_valid():
            codes = services.totp_device_confirm(device=device, token=form.cleaned_data["token"])
            if codes is None:
                form.add_error("token", _("This code is not valid. Check the time on your phone."))
            else:
                otp_login(request, device)
                confirmed = device
                messages.success(request, _("Two-factor authentication is on."))
    remaining = StaticToken.objects.filter(device__user=user).count() if confirmed else 0
    qr_svg = (
        segno.make(device.config_url).svg_data_uri(scale=5, dark="#000", light="#fff")
        if device is not None and confirmed is None
        else ""
    )
    membership = request.membership  # type: ignore[attr-defined]
    context = {
        "confirmed": confirmed,
        "device": device,
        "form": form,
        "qr_svg": qr_svg,
        "secret": _base32(device) if device is not None and confirmed is None else "",
        "codes": codes,
        "remaining": remaining,
        "required": bool(membership and membership.practice.require_two_factor),
    }
    return render(request, "accounts/two_factor.html", context)


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@login_required
@require_POST
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not user_has_device(user, confirmed=True) or not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    codes = services.backup_codes_renew(user=user)
    remaining = len(codes)
    return render(
        request,
        "accounts/two_factor.html",
        {"confirmed": True, "codes": codes, "remaining": remaining, "form": TokenForm()},
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    if membership and membership.practice.require_two_factor:
        messages.error(request, _("Your practice requires two-factor authentication."))
        return redirect("two_factor")
    user = request.user
    assert isinstance(user, User)
    if user_has_device(user, confirmed=True) and not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    services.two_factor_disable(user=user)
    messages.success(request, _("Two-factor authentication is off."))
    return redirect("two_factor")


@staff_required
@require_POST
def practice_switch(request: HttpRequest) -> HttpResponse:
    try:
        practice_id = int(request.POST.get("practice", ""))
    except ValueError:
        raise Http404 from None
    if not any(m.practice_id == practice_id for m in request.memberships):  # type: ignore[attr-defined]
        raise Http404
    request.session["practice_id"] = practice_id
    return redirect("home")


@permission_required("practice.manage")
def team(request: HttpRequest) -> HttpResponse:
    practice = request.membership.practice  # type: ignore[attr-defined]
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        if Membership.objects.filter(practice=practice, user__email=email).exists():
            form.add_error("email", _("This person is already on the team."))
        else:
            try:
                services.invitation_create(
                    practice=practice,
                    email=email,
                    role=form.cleaned_data["role"],
                    invited_by=request.user,  # type: ignore[arg-type]
                    base_url=request.build_absolute_uri("/"),
                    language=request.LANGUAGE_CODE,
                )
            except services.EmailNotSent:
                form.add_error("email", _("The email could not be sent; nothing was saved."))
            else:
                messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
                return redirect("team")
    # Not "memberships": that name is the signed-in user's own practices (the context processor),
    # which the header's practice switcher lists; the team under it listed the practice once
    # per member (issue 13, 1.5).
    team_members = (
        Membership.objects.filter(practice=practice)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    pending = practice.invitations.filter(
        accepted_at__isnull=True, patient__isnull=True, expires_at__gt=timezone.now()
    )
    return render(
        request,
        "accounts/team.html",
        {
            "form": form,
            "team_members": team_members,
            "pending": pending,
            "role_form": MembershipRoleForm(),
        },
    )


@permission_required("practice.manage")
@require_POST
def membership_update(request: HttpRequest, membership_id: int) -> HttpResponse:
    practice = request.membership.practice  # type: ignore[attr-defined]
    membership = get_object_or_404(Membership, pk=membership_id, practice=practice)
    try:
        if "role" in request.POST:
            form = MembershipRoleForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Role: choose one of the listed roles."))
                return redirect("team")
            services.membership_change_role(
                membership=membership,
                role=form.cleaned_data["role"],
                by=request.user,  # type: ignore[arg-type]
            )
        elif request.POST.get("active") in ("0", "1"):
            services.membership_set_active(
                membership=membership,
                active=request.POST["active"] == "1",
                by=request.user,  # type: ignore[arg-type]
            )
        else:
            messages.error(request, _("Nothing to change."))
            return redirect("team")
    except services.LastOwnerError:
        messages.error(request, _("A practice needs at least one active owner."))
        return redirect("team")
    except services.NotOwnerError:
        # Another owner changed this person's role a moment earlier.
        messages.error(
            request, _("You are no longer an owner of this practice. Nothing was changed.")
        )
        return redirect("team")
    messages.success(request, _("Saved."))
    return redirect("team")


@permission_required("practice.manage")
@require_POST
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    practice = request.membership.practice  # type: ignore[attr-defined]
    invitation = get_object_or_404(Invitation, pk=invitation_id, practice=practice)
    services.invitations_revoke(practice=practice, email=invitation.email)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("team")


@permission_required("practice.manage")
def practice_settings(request: HttpRequest) -> HttpResponse:
    practice = request.membership.practice  # type: ignore[attr-defined]
    form = PracticeSettingsForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if "baseline_days" in form.changed_data:
                # Every patient's periods are counted from the baseline: rebuild them.
                from headway.outcomes.services import rollups_rebuild

                rollups_rebuild(practice=practice)
        messages.success(request, _("Saved."))
        return redirect("practice_settings")
    return render(request, "accounts/practice_settings.html", {"form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_find(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None and not (
        request.user.is_authenticated and request.user.pk == existing.pk
    ):
        # An existing account joins by signing in as itself; nobody else can take the invitation.
        return render(
            request,
            "accounts/invitation_login_first.html",
            {"invitation": invitation, "path": request.path},
        )
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (existing is not None or form.is_valid()):
        try:
            user = services.invitation_accept(
                invitation=invitation,
                user=existing,
                full_name=form.cleaned_data.get("full_name", "") if existing is None else "",
                password=form.cleaned_data.get("password1", "") if existing is None else "",
                remote_addr=client_ip(request),
            )
        except services.InvitationRefused as refusal:
            return render(
                request,
                "accounts/invitation_invalid.html",
                {"reason": str(refusal)},
                status=409,
            )
        if existing is None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session["practice_id"] = invitation.practice_id
        messages.success(request, _("Welcome to %(practice)s.") % {"practice": invitation.practice})
        return redirect("home")
    template = "accounts/invitation_join.html" if existing else "accounts/invitation_accept.html"
    return render(request, template, {"form": form, "invitation": invitation})


# Credentials ------------------------------------------------------------------------------


@staff_required
def practitioner_profile(request: HttpRequest, membership_id: int) -> HttpResponse:
    """A colleague's profile with their training and certifications. Your own profile has the
    form to add one."""
    practice = request.membership.practice  # type: ignore[attr-defined]
    member = get_object_or_404(
        Membership.objects.select_related("user"), practice=practice, pk=membership_id
    )
    own = member.user_id == request.user.pk
    form = (
        CredentialForm(
            request.POST or None,
            request.FILES or None,
            methods=services.credential_methods(practice_id=practice.pk),
        )
        if own
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            credential = form.save(commit=False)
            credential.practice = practice
            credential.user = member.user
            credential.save()
            messages.success(request, _("Credential recorded."))
            return redirect("practitioner_profile", member.pk)
    today = timezone.localdate()
    credentials = [
        (c, c.is_current(today))
        for c in Credential.objects.filter(practice=practice, user=member.user).select_related(
            "verified_by"
        )
    ]
    return render(
        request,
        "accounts/profile.html",
        {
            "member": member,
            "credentials": credentials,
            "form": form,
            "own": own,
            "can_verify": request.membership.is_owner,  # type: ignore[attr-defined]
        },
        status=400 if form is not None and form.errors else 200,
    )


@permission_required("practice.manage")
@require_POST
def credential_verify(request: HttpRequest, credential_id: int) -> HttpResponse:
    """The owner has seen the certificate: from now on the credential counts."""
    credential = get_object_or_404(
        Credential,
        practice=request.membership.practice,  # type: ignore[attr-defined]
        pk=credential_id,
    )
    services.credential_verify(credential=credential, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Credential verified."))
    member = credential.practice.memberships.get(user=credential.user)
    return redirect("practitioner_profile", member.pk)


@staff_required
def credential_document(request: HttpRequest, credential_id: int) -> FileResponse:
    """The document of a credential, for the practice's team only (no public media URL)."""
    credential = get_object_or_404(
        Credential,
        practice=request.membership.practice,  # type: ignore[attr-defined]
        pk=credential_id,
    )
    if not credential.document:
        raise Http404
    return FileResponse(
        credential.document.open("rb"),
        as_attachment=True,
        filename=credential.document.name.rsplit("/", 1)[-1],
    )
