"""The patient's diary app (a PWA: this page, its manifest and its service worker) and the
practitioner's view of a patient's diary."""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from headway.accounts.decorators import patient_required, permission_required
from headway.audit.services import audit_record
from headway.care import pain_drawing
from headway.care import services as care_services
from headway.care.models import ClassificationRun, ClassificationSource
from headway.care.vocabulary import REGIONS
from headway.diary import labels, queries, services
from headway.diary.forms import ReminderForm
from headway.diary.models import DiaryEntry, DiaryReminder, EntryKind, Trigger, device_owner_key
from headway.lib.api import max_request_bytes
from headway.patients.queries import patient_get

CLINICAL = "patients.read_clinical"

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
        # Where the server found a problem, in the patient's words.
        "fields": {
            "entry": _("the entry"),
            "day": _("the day"),
            "changed_at": _("the phone's clock"),
            "start": _("the start"),
            "end": _("the end"),
            "peak_intensity": _("the intensity"),
            "worst_intensity": _("the intensity"),
            "headache": _("headache yes or no"),
            "medications": _("the medicines"),
            "note": _("the note"),
            "self_management": _("the self-management movement"),
        },
        "corrected": _("corrected"),
        "still_going": _("still going"),
        "checkin": _("Daily check-in"),
        "attack": _("Headache"),
        "no_headache": _("no headache"),
        "headache_today": _("headache, worst %(n)s/10"),
        "peak": _("peak %(n)s/10"),
        # After saving: whether the entry is only on the phone yet or already on the server.
        "saved_here": _("Saved on this phone, will be sent when online."),
        "saved_sent": _("Saved and sent."),
        "deleted_here": _("Deleted on this phone, will be sent when online."),
        "deleted_sent": _("Deleted."),
        "end_before_start": _("End: the end is before the start."),
        "pick_intensity": _("Intensity: choose a number from 0 to 10."),
        "pick_headache": _("Headache today: choose yes or no."),
        "delete_confirm": _("Delete this entry?"),
        "none_since": _("No entries since %(day)s."),
        "no_earlier": _("No earlier entries."),
        "started": _("Started %(when)s, worst %(n)s/10."),
        "pick_end": _("End: choose a time between the start and now."),
        "load_failed": _("Your earlier entries could not be loaded."),
    }
    return render(
        request,
        "diary/diary.html",
        {
            "owner": device_owner_key(request.patient_record),  # type: ignore[attr-defined]
            # The phone splits its queue so that no request is larger (docs/diary-sync.md).
            "max_bytes": max_request_bytes() or "",
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


@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from /portal/ so that its scope is the portal. Its cache name changes whenever a
    static file's URL does (hashed names in production), so an update replaces the old cache."""
    assets = [static(path) for path in _ASSETS]
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


# The practitioner's view ---------------------------------------------------------------------

PERIODS = (3, 6, 12)


def _minutes(delta: timedelta | None) -> str:
    if delta is None:
        return ""
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def _yes(value: object) -> str:
    if value is None:
        return _("not recorded")
    return _("yes") if value else _("no")


def _labelled(mapping: labels.Labels, keys: list[str] | None) -> str:
    if keys is None:
        return _("not recorded")
    return ", ".join(str(mapping.get(k, k)) for k in keys) or pgettext("empty list", "none")


def _when(value: str | datetime) -> str:
    """An instant in the practice's time zone. One stored before the API bounded its dates (the
    year 9999, an offset of +16:00) is shown as stored rather than breaking the page."""
    try:
        instant = datetime.fromisoformat(value) if isinstance(value, str) else value
        return date_format(timezone.localtime(instant), "SHORT_DATETIME_FORMAT")
    except (OverflowError, ValueError):
        return value if isinstance(value, str) else value.isoformat(timespec="minutes")


def _medicines(data: dict[str, Any]) -> str:
    taken = []
    for medicine in data.get("medications") or []:
        kind = str(labels.DRUG_CLASSES.get(medicine["drug_class"], medicine["drug_class"]))
        parts = (kind, medicine.get("name", ""), medicine.get("dose", ""))
        taken.append(" ".join(part for part in parts if part))
    return "; ".join(taken) or pgettext("empty list", "none")


def _self_management(sm: dict[str, Any] | None) -> str:
    if sm is None:
        return _("not recorded")
    if not sm["used"]:
        return _("not used")
    return _("used; stopped the attack: %(stopped)s; after %(minutes)s min") % {
        "stopped": _yes(sm.get("stopped_attack")),
        "minutes": sm.get("minutes") or "?",
    }


def _entry_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    """One entry's answers as label and value, in the reader's language."""
    if data.get("deleted"):
        return [(_("Entry"), _("deleted by the patient"))]
    if data["kind"] == "checkin":
        rows = [(_("Headache"), _yes(data.get("headache")))]
        if data.get("headache"):
            rows.append((_("Worst intensity"), f"{data.get('worst_intensity')}/10"))
    else:
        triggers = dict(Trigger.choices)
        end = data.get("end")
        rows = [
            (_("Started"), _when(data["start"])),
            (
                _("Ended"),
                f"{_when(end)} ({_minutes(queries.duration(data))})"
                if end
                else _("still going or not recorded"),
            ),
            (_("Peak intensity"), f"{data['peak_intensity']}/10"),
            (_("Side"), str(labels.SIDES.get(data.get("side") or "", _("not recorded")))),
            (_("Where"), _labelled(REGIONS, data.get("regions") or None)),
            (_("Quality"), str(labels.QUALITIES.get(data.get("quality") or "", _("not recorded")))),
            *[(str(text), _yes(data.get(key))) for key, text in labels.SYMPTOMS.items()],
            (_("Aura"), _labelled(labels.AURA_SHOWN, data.get("aura"))),
            (_("Medicines taken"), _medicines(data)),
            (_("Self-management movement"), _self_management(data.get("self_management"))),
            (
                _("Possible triggers"),
                ", ".join(str(triggers.get(t, t)) for t in data.get("triggers") or [])
                or pgettext("empty list", "none"),
            ),
        ]
    if data.get("note"):
        rows.append((_("Note"), data["note"]))
    return rows


@permission_required(CLINICAL)
def patient_diary(request: HttpRequest, patient_id: int) -> HttpResponse:
    """The patient's diary for the practitioner: a calendar of the worst intensity per day, the
    attacks of the period, one day's entries with their corrections, and the classification."""
    patient = patient_get(request, patient_id)
    months = (
        int(request.GET["months"]) if request.GET.get("months") in {str(p) for p in PERIODS} else 6
    )
    today = timezone.localdate()
    shown = queries.months_back(today, months)
    since, until = date(*shown[0], 1), today
    entries = queries.diary_entries(patient, since=since, until=until)
    days = queries.calendar_days(entries)
    calendars = [
        {"month": date(y, m, 1), "weeks": queries.month_grid(y, m, days)} for y, m in shown
    ]
    chosen = None
    if request.GET.get("day"):
        try:
            chosen = date.fromisoformat(request.GET["day"])
        except ValueError:
            chosen = None
    day_entries = []
    if chosen is not None:
        rows = DiaryEntry.objects.filter(
            patient=patient, day=chosen, deleted=False
        ).prefetch_related("versions")
        for row in rows.order_by("changed_at"):
            day_entries.append(
                {
                    "entry": row,
                    "changed_at": _when(row.changed_at),
                    "rows": _entry_rows(row.data),
                    "versions": [
                        (_when(v.changed_at), _entry_rows(v.data)) for v in row.versions.all()
                    ],
                }
            )
    attacks = [
        {
            "entry": e,
            "start": _when(e.data["start"]),
            "duration": _minutes(queries.duration(e.data)),
            "data": e.data,
        }
        for e in reversed(entries)
        if e.kind == EntryKind.ATTACK
    ]
    audit_record(instance=patient, action_code="diary.viewed")
    return render(
        request,
        "diary/patient_diary.html",
        {
            "patient": patient,
            "referrals": care_services.referrals_open(patient),
            "calendars": calendars,
            "months": months,
            "periods": PERIODS,
            "since": since,
            "attacks": attacks,
            "chosen": chosen,
            "day_entries": day_entries,
            "recorded_days": len(days),
            "headache_days": sum(1 for d in days.values() if d.headache),
            "runs": ClassificationRun.objects.filter(
                patient=patient, source=ClassificationSource.DIARY
            ).order_by("-created_at")[:5],
            "has_entries": DiaryEntry.objects.filter(patient=patient, deleted=False).exists(),
            "sides": labels.SIDES,
        },
    )


@permission_required(CLINICAL)
@require_POST
def diary_classify(request: HttpRequest, patient_id: int) -> HttpResponse:
    """Run ICHD-3 over the whole diary; the review page shows every criterion for the
    practitioner to confirm, change or reject."""
    patient = patient_get(request, patient_id)
    history = queries.diary_history(patient)
    if history.first_day is None:
        messages.error(request, _("The diary has no entries yet."))
        return redirect("patient_diary", patient.pk)
    run = care_services.classification_run_from_diary(
        patient=patient,
        attacks=history.attacks,
        headache_days=history.headache_days,
        medication=history.medication,
        first_diary_day=history.first_day,
        today=timezone.localdate(),
        run_by=request.user,  # type: ignore[arg-type]
    )
    return redirect("classification_review", patient.pk, run.pk)


# Reminders -----------------------------------------------------------------------------------


@patient_required
def portal_reminders(request: HttpRequest) -> HttpResponse:
    patient = request.patient_record  # type: ignore[attr-defined]
    reminder = DiaryReminder.objects.filter(patient=patient).first() or DiaryReminder(
        patient=patient, time_zone=patient.practice.time_zone, enabled=False
    )
    form = ReminderForm(request.POST or None, instance=reminder)
    if request.method == "POST" and form.is_valid():
        services.reminder_save(
            patient=patient,
            enabled=form.cleaned_data["enabled"],
            at=form.cleaned_data["at"],
            time_zone=form.cleaned_data["time_zone"],
            by=request.user,  # type: ignore[arg-type]
        )
        messages.success(
            request,
            _("Reminders are on.") if form.cleaned_data["enabled"] else _("Reminders are off."),
        )
        return redirect("portal_reminders")
    return render(
        request,
        "diary/reminders.html",
        {"form": form, "reminder": reminder, "zones": sorted(zoneinfo.available_timezones())},
        status=400 if form.errors else 200,
    )


@csrf_exempt  # the email's link, and the mail program's one-click POST (RFC 8058)
def reminder_stop(request: HttpRequest, token: str) -> HttpResponse:
    """Stops the reminders without signing in; the signed link is the key. Opening the link
    only shows the button, because mail scanners open every link in a message; the button
    (or the mail program's one-click) stops them."""
    reminder = services.reminder_from_stop_token(token)
    if reminder is None:
        return render(request, "diary/reminder_stopped.html", {"invalid": True}, status=404)
    with translation.override(reminder.patient.preferred_language):
        if request.method == "POST":
            services.reminder_stop(reminder=reminder)
            return render(request, "diary/reminder_stopped.html", {"stopped": True})
        return render(request, "diary/reminder_stopped.html", {"stopped": not reminder.enabled})
