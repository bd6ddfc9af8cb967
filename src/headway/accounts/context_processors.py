from typing import Any

from django.http import HttpRequest


def practice(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    return {
        "membership": membership,
        "practice": membership.practice if membership else None,
        "patient_record": getattr(request, "patient_record", None),
        "memberships": getattr(request, "memberships", []),
        # Staff pages warn before the idle sign-out (app.js, issue 13, 5.8): the seconds the
        # session has left from this response on.
        "session_seconds": (
            request.session.get_expiry_age() if membership and hasattr(request, "session") else None
        ),
    }
