"""The patient's diary app (a PWA: this page, its manifest and its service worker) and the
practitioner's view of a patient's diary."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from headway.accounts.decorators import patient_required
from headway.care import pain_drawing
from headway.care.vocabulary import REGIONS
from headway.diary import labels
from headway.diary.models import Trigger, device_owner_key

# What the service worker keeps for offline use: the app's page and its static files. Never
# an API answer: diary entries stay on the device only until they are sent (docs/diary-offline.md).
_ASSETS = (
    "headway/theme.js",
    "headway/app.css",
    "headway/app.js",
    "headway/diary.js",
    "headway/favicon.svg",
    "headway/icon-192.png",
    "vendor/pico-2.1.1.min.css",
    "vendor/htmx-2.0.8.min.js",
)


def _choices(mapping: labels.Labels) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in mapping.items()]


@patient_required
def diary_home(request: HttpRequest) -> HttpResponse:
    """The app's one page. It holds no entries: the script draws them from the API when online
    and from the device's queue of unsent entries when not."""
    head_views = [
        view for view in pain_drawing.views_with([]) if view["view"].key in ("front", "back")
    ]
    strings = {
        "waiting": _("waiting to be sent"),
        "all_sent": _("All entries are sent."),
        "n_waiting": _("Entries waiting to be sent: %(n)s. They are sent when you are online."),
        "offline": _("You are offline. Entries are kept on this phone and sent later."),
        "signed_out": _("Please sign in again to send your entries; they stay on this phone."),
        "sending": _("Sending…"),
        "rejected": _("Not saved: %(problem)s. Open it to correct it."),
        "corrected": _("corrected"),
        "still_going": _("still going"),
        "checkin": _("Daily check-in"),
        "attack": _("Headache"),
        "no_headache": _("no headache"),
        "headache_today": _("headache, worst %(n)s/10"),
        "peak": _("peak %(n)s/10"),
        "saved": _("Saved."),
        "end_before_start": _("End: the end is before the start."),
        "pick_intensity": _("Intensity: choose a number from 0 to 10."),
        "pick_headache": _("Headache today: choose yes or no."),
        "delete_confirm": _("Delete this entry?"),
        "none": _("No entries in the last 60 days."),
        "load_failed": _("Your earlier entries could not be loaded."),
    }
    return render(
        request,
        "diary/diary.html",
        {
            "owner": device_owner_key(request.patient_record),  # type: ignore[attr-defined]
            "strings": strings,
            "intensities": range(11),
            "intensity_hints": labels.INTENSITY_HINTS,
            "sides": _choices(labels.SIDES),
            "qualities": _choices(labels.QUALITIES),
            "symptoms": _choices(labels.SYMPTOMS),
            "aura": _choices(labels.AURA),
            "drug_classes": _choices(labels.DRUG_CLASSES),
            "medicine_names": labels.MEDICINE_NAMES,
            "triggers": Trigger.choices,
            "regions": [(r, str(REGIONS[r])) for r in REGIONS],
            "head_views": head_views,
        },
    )


def _assets() -> list[str]:
    return [static(path) for path in _ASSETS]


@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /portal/ so that its scope is the portal. Its cache name changes whenever a
    static file's URL does (hashed names in production), so an update replaces the old cache."""
    assets = _assets()
    version = hashlib.sha256(json.dumps([assets, settings.LANGUAGE_CODE]).encode()).hexdigest()[:12]
    body = render_to_string(
        "diary/sw.js",
        {
            "assets": json.dumps(assets),
            "shell": json.dumps(reverse("diary_home")),
            "version": version,
        },
    )
    return HttpResponse(body, content_type="text/javascript")


def manifest(request: HttpRequest) -> JsonResponse:
    """The install manifest, in the reader's language."""
    return JsonResponse(
        {
            "name": _("Headway headache diary"),
            "short_name": _("Diary"),
            "start_url": reverse("diary_home"),
            "scope": reverse("portal_home"),
            "display": "standalone",
            "background_color": "#13171f",
            "theme_color": "#13171f",
            "icons": [
                {"src": static("headway/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("headway/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {"src": static("headway/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            ],
        },
        content_type="application/manifest+json",
    )
