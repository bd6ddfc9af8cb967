"""Daily diary reminders: the patient's time and time zone, their language, queued as background
tasks that queue the next one, and a one-click stop."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import World, client_for
from headway.diary import services
from headway.diary.models import DiaryReminder
from headway.lib.dates import next_local_time
from headway.patients.models import Patient
from web.diary.helpers import attack, post

pytestmark = pytest.mark.django_db


def _set(world: World, **fields: str):
    data = {"enabled": "on", "at": "20:00", "time_zone": "Europe/Madrid"} | fields
    return client_for(world.patient_user).post("/portal/diary/reminders/", data)


def _queued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.order_by("run_after"))


def test_a_patient_chooses_a_time_in_their_zone_and_a_task_is_queued_for_it(world: World):
    response = _set(world)
    assert response.status_code == 302
    reminder = DiaryReminder.objects.get(patient=world.patient)
    assert reminder.next_at > timezone.now()
    assert reminder.next_at == next_local_time(time(20, 0), "Europe/Madrid", timezone.now())
    [task] = _queued()
    assert task.run_after == reminder.next_at
    assert task.args_kwargs["args"] == [reminder.pk, reminder.next_at.isoformat()]


def test_a_wrong_time_zone_is_named_and_nothing_is_saved(world: World):
    response = _set(world, time_zone="Mars/Olympus")
    assert response.status_code == 400
    assert "Time zone" in response.content.decode()
    assert "choose a time zone from the list" in response.content.decode()
    assert not DiaryReminder.objects.exists() and not _queued()


def _due(world: World, *, minutes_ago: int = 1) -> DiaryReminder:
    _set(world)
    reminder = DiaryReminder.objects.get(patient=world.patient)
    due = timezone.now() - timedelta(minutes=minutes_ago)
    DiaryReminder.objects.filter(pk=reminder.pk).update(next_at=due)
    DBTaskResult.objects.update(
        run_after=due, args_kwargs={"args": [reminder.pk, due.isoformat()], "kwargs": {}}
    )
    return DiaryReminder.objects.get(pk=reminder.pk)


# The worker closes its database connections between tasks, as a long-running process should;
# inside a test's transaction that would end the test's own connection on PostgreSQL.
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_it_in_the_patients_language_and_queues_tomorrows(world: World):
    Patient.objects.filter(pk=world.patient.pk).update(preferred_language="es")
    reminder = _due(world)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    [message] = mail.outbox
    assert message.to == ["paula@example.org"]
    assert message.subject == "Su diario de dolor de cabeza: ¿qué tal hoy?"
    stop = re.search(r"https?://\S+/diary/reminders/stop/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    reminder.refresh_from_db()
    assert reminder.last_sent_at is not None and reminder.next_at > timezone.now()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1
    assert DBTaskResult.objects.filter(status="READY", run_after=reminder.next_at).count() == 1


def test_no_reminder_when_the_day_is_already_recorded(world: World):
    reminder = _due(world)
    today = reminder.next_at.astimezone(timezone.get_fixed_timezone(60)).date()
    post(client_for(world.patient_user), [attack(day=str(today))])
    outcome = services.reminder_deliver(
        reminder_id=reminder.pk, due=reminder.next_at.isoformat(), base_url="http://x"
    )
    assert outcome == "already_recorded" and mail.outbox == []


def test_a_changed_time_makes_the_old_task_do_nothing(world: World):
    reminder = _due(world)
    old_due = reminder.next_at.isoformat()
    _set(world, at="07:30")
    assert services.reminder_deliver(reminder_id=reminder.pk, due=old_due, base_url="x") == (
        "superseded"
    )
    assert mail.outbox == []


def test_a_reminder_hours_late_is_dropped_but_the_next_is_queued(world: World):
    reminder = _due(world, minutes_ago=5 * 60)
    outcome = services.reminder_deliver(
        reminder_id=reminder.pk, due=reminder.next_at.isoformat(), base_url="x"
    )
    assert outcome == "too_late" and mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.next_at > timezone.now()


def test_one_click_stops_them_without_signing_in(world: World, client):
    reminder = _due(world)
    link = "/diary/reminders/stop/" + services.reminder_stop_token(reminder) + "/"
    # Opening the link (as a mail scanner does) only shows the button.
    page = client.get(link)
    assert page.status_code == 200 and 'id="reminders-stop"' in page.content.decode()
    reminder.refresh_from_db()
    assert reminder.enabled is True
    # The button, or the mail program's one-click POST (RFC 8058), needs no CSRF token.
    client.handler.enforce_csrf_checks = True
    stopped = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert stopped.status_code == 200 and "Reminders stopped" in stopped.content.decode()
    reminder.refresh_from_db()
    assert reminder.enabled is False and reminder.next_at is None
    assert services.reminder_deliver(reminder_id=reminder.pk, due="any", base_url="x") == "stopped"
    assert "Reminders stopped" in client.get(link).content.decode()
    assert client.get("/diary/reminders/stop/forged/").status_code == 404


def test_turning_them_off_in_the_portal_clears_the_next(world: World):
    _set(world)
    _set(world, enabled="")
    reminder = DiaryReminder.objects.get(patient=world.patient)
    assert reminder.enabled is False and reminder.next_at is None


def test_staff_have_no_reminder_page(world: World):
    assert client_for(world.owner).get("/portal/diary/reminders/").status_code == 404


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # Berlin is UTC+1 in winter and UTC+2 from 29 March 2026: 20:00 stays 20:00 local.
        (datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 3, 28, 19, tzinfo=UTC)),
        (datetime(2026, 3, 28, 20, tzinfo=UTC), datetime(2026, 3, 29, 18, tzinfo=UTC)),
        (datetime(2026, 10, 24, 19, tzinfo=UTC), datetime(2026, 10, 25, 19, tzinfo=UTC)),
    ],
)
def test_the_local_time_is_kept_across_daylight_saving(after, expected):
    assert next_local_time(time(20, 0), "Europe/Berlin", after) == expected


def test_a_failed_mail_does_not_end_the_reminders(world: World, monkeypatch):
    import smtplib

    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("mail server away")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    reminder = _due(world)
    outcome = services.reminder_deliver(
        reminder_id=reminder.pk, due=reminder.next_at.isoformat(), base_url="http://x"
    )
    assert outcome == "send_failed"
    reminder.refresh_from_db()
    assert reminder.next_at > timezone.now()
    assert DBTaskResult.objects.filter(run_after=reminder.next_at).count() == 1
