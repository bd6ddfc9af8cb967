"""Request helpers shared by the audit trail and the lockout, and the no-store middleware."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


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


class NoStoreMiddleware:
    """No browser or proxy keeps what Headway answers (ASVS 4.0 V8.2.1): patient pages, notes,
    exports, the API and documents alike. One rule for every response is what makes it hold for
    the next view too; the pages that are not private lose nothing by it. Static files never get
    here (WhiteNoise answers them first, with their long cache life), and a view that sets its
    own Cache-Control keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            # max-age=0, no-cache, no-store, must-revalidate, private, plus Expires.
            add_never_cache_headers(response)
        return response
