"""The intake questionnaire: sent by the practice, filled in by the patient, read by clinicians."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.clinical import intake as core_intake
from headway.patients import intake as questions
from headway.patients.models import Intake

pytestmark = pytest.mark.django_db


def _link_from(mail_body: str) -> str:
    match = re.search(r"https?://[^/\s]+(/intake/[^\s]+/)", mail_body)
    assert match, mail_body
    return match.group(1)


def _send_link(world: World, mailoutbox) -> str:
    response = client_for(world.reception).post(
        reverse("intake_manage", args=[world.patient.pk]), {"send": "email"}
    )
    assert response.status_code == 302
    return _link_from(mailoutbox[-1].body)


def test_every_question_the_rules_read_is_asked():
    source = Path(core_intake.__file__).read_text()
    read = set(re.findall(r'section\.get\("(\w+)"\)', source))
    asked = {q.key for q in questions.HEADACHE_QUESTIONS}
    assert read <= asked, read - asked
    red_flags = {q.key for q in questions.RED_FLAGS.questions}
    assert set(core_intake.RED_FLAG_QUESTIONS) == red_flags


def test_reception_emails_the_link_and_the_patient_fills_in_a_draft(world: World, mailoutbox):
    link = _send_link(world, mailoutbox)
    assert mailoutbox[-1].to == ["paula@example.org"]
    patient = client_for(None)
    page = patient.get(link)
    assert page.status_code == 200
    assert "How many different kinds of headache do you have?" in page.content.decode()
    response = patient.post(
        link + "?section=general",
        {"kinds": "2", "headache_days_per_month": "8", "months": "14", "go": "next"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?section=headache_1")
    intake = Intake.objects.get(patient=world.patient)
    assert intake.headache_kinds == 2
    assert intake.answers["general"] == {"kinds": "2", "headache_days_per_month": 8, "months": 14}
    # Two kinds of headache: two headache sections, then the rest.
    page = patient.get(link + "?section=headache_2").content.decode()
    assert "Headache 2" in page and "Step 3 of 8" in page


def test_a_wrong_answer_names_the_question_and_nothing_is_saved(world: World, mailoutbox):
    link = _send_link(world, mailoutbox)
    response = client_for(None).post(
        link + "?section=general", {"headache_days_per_month": "40", "go": "next"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "On how many days a month do you have any headache?" in page
    assert "less than or equal to 31" in page
    assert Intake.objects.get(patient=world.patient).answers == {}


def test_submitting_closes_the_link(world: World, mailoutbox):
    link = _send_link(world, mailoutbox)
    patient = client_for(None)
    response = patient.post(link + "?section=goals", {"goals": "Fewer attacks", "go": "submit"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    intake = Intake.objects.get(patient=world.patient)
    assert intake.is_submitted and intake.answers["goals"] == {"goals": "Fewer attacks"}
    assert patient.get(link).status_code == 404


def test_an_expired_or_unknown_link_is_not_found(world: World, mailoutbox):
    link = _send_link(world, mailoutbox)
    Intake.objects.update(link_expires_at=timezone.now() - timedelta(minutes=1))
    assert client_for(None).get(link).status_code == 404
    assert client_for(None).get("/intake/not-a-token/").status_code == 404


def test_a_new_link_replaces_the_old_one(world: World, mailoutbox):
    first = _send_link(world, mailoutbox)
    second = _send_link(world, mailoutbox)
    assert client_for(None).get(first).status_code == 404
    assert client_for(None).get(second).status_code == 200
    assert Intake.objects.filter(patient=world.patient).count() == 1


def test_the_tablet_link_is_shown_with_a_qr_code(world: World):
    page = (
        client_for(world.owner)
        .post(reverse("intake_manage", args=[world.patient.pk]), {"send": "tablet"})
        .content.decode()
    )
    assert "<svg" in page and "/intake/" in page


def test_the_patient_fills_it_in_on_the_portal(world: World):
    portal = client_for(world.patient_user)
    assert portal.post(reverse("portal_intake")).status_code == 302
    response = portal.post(
        reverse("portal_intake") + "?section=red_flags",
        {"sudden_onset": "no", "age_at_onset": "22", "go": "save"},
    )
    assert response.status_code == 302
    intake = Intake.objects.get(patient=world.patient)
    assert intake.answers["red_flags"] == {"sudden_onset": "no", "age_at_onset": 22}


def test_the_link_opens_in_the_patients_language(world: World, mailoutbox):
    world.patient.preferred_language = "de"
    world.patient.save()
    link = _send_link(world, mailoutbox)
    page = client_for(None).get(link).content.decode()
    assert 'lang="de"' in page
    # The question is there, in German (the exact words are the translator's).
    assert 'name="kinds"' in page
    assert "How many different kinds of headache do you have?" not in page


def test_clinicians_read_the_answers_reception_and_outsiders_do_not(world: World, mailoutbox):
    link = _send_link(world, mailoutbox)
    client_for(None).post(link + "?section=goals", {"goals": "Sleep through", "go": "submit"})
    intake = Intake.objects.get(patient=world.patient)
    url = reverse("intake_detail", args=[world.patient.pk, intake.pk])
    page = client_for(world.colleague).get(url)
    assert page.status_code == 200 and "Sleep through" in page.content.decode()
    assert client_for(world.reception).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    foreign = reverse("intake_detail", args=[world.foreign_patient.pk, intake.pk])
    assert client_for(world.owner).get(foreign).status_code == 404


def test_a_tablet_link_shows_earlier_answers_only_in_the_same_sitting(world: World):
    staff = client_for(world.reception)
    page = staff.post(reverse("intake_manage", args=[world.patient.pk]), {"send": "tablet"})
    link = re.search(r'value="https?://[^/"]+(/intake/[^"]+/)"', page.content.decode()).group(1)
    tablet = client_for(None)
    tablet.post(link + "?section=red_flags", {"neoplasm_history": "yes", "go": "save"})
    checked = 'name="neoplasm_history" value="yes" id="id_neoplasm_history_0" checked'
    assert checked in tablet.get(link + "?section=red_flags").content.decode()
    # Someone else with the link (the receptionist who issued it) does not see the answer,
    elsewhere = staff.get(link + "?section=red_flags").content.decode()
    assert checked not in elsewhere and "This part was answered before" in elsewhere
    # and a section left empty there keeps it.
    staff.post(link + "?section=red_flags", {"sudden_onset": "no", "go": "next"})
    answers = Intake.objects.get(patient=world.patient).answers["red_flags"]
    assert answers == {"neoplasm_history": "yes", "sudden_onset": "no"}
