"""Request helpers shared by the audit trail and the lockout."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. X-Forwarded-For is trusted only behind our own proxy (BEHIND_PROXY),
    and then only its last hop, which the proxy appended; earlier hops are what the client said."""
    if settings.BEHIND_PROXY:
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
