import zoneinfo
from collections.abc import Callable

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import user_has_device

from headway.accounts.models import Membership

# Paths a signed-in member can reach before meeting the practice's two-factor requirement.
_TWO_FACTOR_EXEMPT = ("/accounts/", "/i18n/", "/static/", "/healthz")


class PracticeMiddleware:
    """Sets request.membership (staff) or request.patient_record (portal patient).

    A user with memberships in several practices works in one at a time, chosen in the session.
    A practice that requires two-factor sends its unverified members to set it up first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.deactivate()
        request.membership = None  # type: ignore[attr-defined]
        request.patient_record = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated and not user.is_verified() and user_has_device(user):  # type: ignore[attr-defined]
            # A session that never passed the second factor (signed in before two-factor was
            # turned on, perhaps elsewhere) ends: with a device, every session must be verified.
            logout(request)
            return redirect("login")
        if user.is_authenticated:
            memberships = list(
                Membership.objects.filter(user=user, is_active=True)
                .select_related("practice")
                .order_by("created_at", "id")
            )
            chosen = request.session.get("practice_id")
            membership = next((m for m in memberships if m.practice_id == chosen), None)
            if membership is None and memberships:
                membership = memberships[0]
            request.membership = membership  # type: ignore[attr-defined]
            request.memberships = memberships  # type: ignore[attr-defined]
            if membership is None:
                from headway.patients.models import Patient

                request.patient_record = (  # type: ignore[attr-defined]
                    Patient.objects.filter(user=user, archived_at__isnull=True)
                    .select_related("practice")
                    .first()
                )
            # Instants are stored in UTC and shown in the practice's time zone (design.md §9).
            record = request.patient_record  # type: ignore[attr-defined]
            practice = membership.practice if membership else record.practice if record else None
            if practice is not None:
                timezone.activate(zoneinfo.ZoneInfo(practice.time_zone))
            if (
                membership is not None
                and membership.practice.require_two_factor
                and not user.is_verified()  # type: ignore[attr-defined]
                and not request.path.startswith(_TWO_FACTOR_EXEMPT)
            ):
                return redirect(reverse("two_factor") + "?required=1")
        return self.get_response(request)
