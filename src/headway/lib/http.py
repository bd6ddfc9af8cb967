"""Request helpers shared by the audit trail and the lockout."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def login_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The account a sign-in attempt is for, as django-axes counts it: lower-cased like the
    stored address, so changing the case of an email does not start a fresh count."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. X-Forwarded-For is trusted only behind our own proxy (BEHIND_PROXY),
    and then only its last hop, which the proxy appended; earlier hops are what the client said."""
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
