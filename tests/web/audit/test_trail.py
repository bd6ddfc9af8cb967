from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.audit.models import AuditEntry, AuditTrailIsAppendOnly


def test_viewing_a_record_is_recorded_with_who_what_whom_and_where(world: World):
    client_for(world.reception).get(
        reverse("patient_detail", args=[world.patient.pk]), REMOTE_ADDR="203.0.113.9"
    )
    entry = AuditEntry.objects.get(action_code="patient.viewed")
    assert entry.actor == world.reception
    assert entry.patient_ref == world.patient.pk
    assert entry.practice == world.practice
    assert entry.remote_addr == "203.0.113.9"
    assert entry.timestamp is not None


def test_a_spoofed_forwarded_for_header_is_not_believed(world: World):
    client_for(world.owner).get(
        reverse("patient_detail", args=[world.patient.pk]),
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert AuditEntry.objects.get(action_code="patient.viewed").remote_addr == "203.0.113.9"


def test_a_change_is_recorded_with_old_and_new_values(world: World):
    client_for(world.owner).post(
        reverse("patient_edit", args=[world.patient.pk]),
        {
            "first_name": "Paula",
            "last_name": "Neumann",
            "date_of_birth": "1980-05-17",
            "sex": "female",
            "preferred_language": "en",
        },
    )
    entry = AuditEntry.objects.get(action_code="patient.changed")
    assert entry.actor == world.owner
    assert entry.changes["last_name"] == ["Patient", "Neumann"]


def test_creating_and_deleting_patient_data_is_recorded(world: World):
    client_for(world.colleague).post(
        reverse("clinical_notes", args=[world.patient.pk]), {"body": "Flexion-rotation test 30/44."}
    )
    created = AuditEntry.objects.get(action_code="clinicalnote.created", actor__isnull=False)
    assert created.patient_ref == world.patient.pk and created.actor == world.colleague
    world.note.delete()
    assert AuditEntry.objects.filter(
        action_code="clinicalnote.deleted", patient_ref=world.patient.pk
    ).exists()


def test_reading_clinical_notes_is_recorded(world: World):
    client_for(world.colleague).get(reverse("clinical_notes", args=[world.patient.pk]))
    assert AuditEntry.objects.filter(
        action_code="patient.notes.viewed", actor=world.colleague, patient_ref=world.patient.pk
    ).exists()


def test_the_trail_cannot_be_changed_or_deleted(world: World):
    client_for(world.owner).get(reverse("patient_detail", args=[world.patient.pk]))
    entry = AuditEntry.objects.get(action_code="patient.viewed")
    entry.object_repr = "tampered"
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEntry.objects.update(object_repr="x")
    assert AuditEntry.objects.get(pk=entry.pk).object_repr == "Paula Patient"


def test_owner_reads_the_trail_per_patient(world: World):
    client_for(world.reception).get(reverse("patient_detail", args=[world.patient.pk]))
    client_for(world.reception).get(reverse("patient_detail", args=[world.other_patient.pk]))
    page = (
        client_for(world.owner)
        .get(reverse("audit_patient", args=[world.patient.pk]))
        .content.decode()
    )
    assert "patient.viewed" in page
    assert "Paula Patient" in page
    assert "Otto Other" not in page


def test_owner_reads_the_trail_per_user(world: World):
    client_for(world.reception).get(reverse("patient_detail", args=[world.patient.pk]))
    client_for(world.colleague).get(reverse("patient_detail", args=[world.other_patient.pk]))
    response = client_for(world.owner).get(reverse("audit_trail"), {"user": world.reception.pk})
    page = response.content.decode()
    assert "Paula Patient" in page
    assert "Otto Other" not in page


def test_owner_exports_the_trail_as_csv(world: World):
    client_for(world.reception).get(
        reverse("patient_detail", args=[world.patient.pk]), REMOTE_ADDR="192.0.2.4"
    )
    response = client_for(world.owner).get(reverse("audit_export"), {"patient": world.patient.pk})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    viewed = [r for r in rows if r["action"] == "patient.viewed"]
    assert viewed[0]["actor_email"] == "rita@example.org"
    assert viewed[0]["patient_id"] == str(world.patient.pk)
    assert viewed[0]["remote_addr"] == "192.0.2.4"


def test_csv_cells_cannot_start_a_spreadsheet_formula(world: World):
    world.patient.first_name = "=HYPERLINK(1)"
    world.patient.save()
    response = client_for(world.owner).get(reverse("audit_export"))
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_column_of_the_audit_csv_can_start_a_formula(world: World, start: str):
    # An email address may legally start with "=" or "+"; the actor column is escaped as well.
    from conftest import make_staff

    sneaky = make_staff(world.practice, f"{start}cmd@example.org".strip(), "reception")
    sneaky.email = f"{start}cmd|calc@example.org"
    sneaky.save()
    world.patient.first_name = f"{start}SUM(1)"
    world.patient.save()
    client_for(sneaky).get(reverse("patient_detail", args=[world.patient.pk]))
    response = client_for(world.owner).get(reverse("audit_export"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{start}cmd|calc@example.org" in cells
    assert any(cell.startswith(f"'{start}SUM(1)") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_times_are_shown_in_the_practices_time_zone(world: World):
    import zoneinfo
    from datetime import UTC

    from django.utils import formats

    world.practice.time_zone = "America/New_York"
    world.practice.save()
    client_for(world.reception).get(reverse("patient_detail", args=[world.patient.pk]))
    stored = AuditEntry.objects.get(action_code="patient.viewed").timestamp
    local = stored.astimezone(zoneinfo.ZoneInfo("America/New_York"))
    as_local = formats.date_format(local, "SHORT_DATETIME_FORMAT")
    as_utc = formats.date_format(stored.astimezone(UTC), "SHORT_DATETIME_FORMAT")
    page = client_for(world.owner).get(reverse("audit_trail")).content.decode()
    assert as_local in page
    assert as_utc not in page


def test_opening_the_edit_form_counts_as_viewing_the_record(world: World):
    client_for(world.reception).get(reverse("patient_edit", args=[world.patient.pk]))
    assert AuditEntry.objects.filter(
        action_code="patient.viewed", actor=world.reception, patient_ref=world.patient.pk
    ).exists()


@pytest.mark.parametrize("value", ["²", "abc", "-1", "99999999999999999999999"])
def test_odd_filter_values_are_ignored_not_500(world: World, value):
    owner = client_for(world.owner)
    assert owner.get(reverse("audit_trail"), {"patient": value, "user": value}).status_code == 200
    assert owner.get(reverse("audit_export"), {"patient": value}).status_code == 200


def test_changing_practice_settings_shows_in_the_owners_trail(world: World):
    owner = client_for(world.owner)
    owner.post(
        reverse("practice_settings"),
        {
            "name": world.practice.name,
            "time_zone": "Europe/Vienna",
            "screen_valid_months": 12,
            "baseline_days": 28,
        },
    )
    page = owner.get(reverse("audit_trail")).content.decode()
    assert "practice.changed" in page and "Europe/Vienna" in page


def test_exporting_the_whole_trail_is_itself_recorded(world: World):
    response = client_for(world.owner).get(reverse("audit_export"))
    b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(action_code="audit.exported")
    assert entry.actor == world.owner and entry.practice == world.practice


def test_erasure_removes_the_portal_users_email_from_the_trail(world: World):
    client_for(world.patient_user).get(reverse("portal_home"))
    assert AuditEntry.objects.filter(actor_email="paula@example.org").exists()
    client_for(world.owner).post(
        reverse("patient_erase", args=[world.patient.pk]),
        {"confirm_name": "Paula Patient", "reason": "Asked for erasure."},
    )
    assert not AuditEntry.objects.filter(actor_email="paula@example.org").exists()
    assert AuditEntry.objects.filter(
        actor=world.patient_user, action_code="patient.portal.viewed"
    ).exists()
