from auditlog.middleware import AuditlogMiddleware
from django.http import HttpRequest

from headway.lib.http import client_ip


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, with the client address taken as the lockout takes it:
    the upstream one trusts any X-Forwarded-For header a client sends."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)
