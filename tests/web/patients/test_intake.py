"""The intake questionnaire: sent by the practice, filled in by the patient, read by clinicians."""

from __future__ import annotations

import html
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


# Impossible answers (issue 12, 1.6): refused on the question, by the clinical core's rules, and
# nothing of the section is saved.


def _intake_link(world: World) -> str:
    page = client_for(world.reception).post(
        reverse("intake_manage", args=[world.patient.pk]), {"send": "tablet"}
    )
    return re.search(r'value="https?://[^/"]+(/intake/[^"]+/)"', page.content.decode()).group(1)


@pytest.mark.parametrize(
    ("section", "answers", "message"),
    [
        ("general", {"headache_days_per_month": "31"}, None),
        ("general", {"headache_days_per_month": "32"}, "less than or equal to 31"),
        ("general", {"headache_days_per_month": "-1"}, "greater than or equal to 0"),
        ("general", {"months": "NaN"}, "Enter a number."),
        ("general", {"months": "Infinity"}, "Enter a number."),
        ("red_flags", {"age_at_onset": "-1"}, "greater than or equal to 0"),
        ("red_flags", {"months_since_new_or_changed": "inf"}, "Enter a number."),
        ("medication", {"triptan_days": "32"}, "less than or equal to 31"),
        ("headache_1", {"duration_shortest": "1h", "duration_longest": "1h"}, None),
        (
            "headache_1",
            {"duration_shortest": "1d", "duration_longest": "1h"},
            "This is more than the answer to “And at the longest?” (1 hour).",
        ),
        (
            "headache_1",
            {"intensity_mildest": "severe", "intensity_worst": "mild"},
            "This is more than the answer to “How strong is it at its worst?”",
        ),
        (
            "headache_1",
            {"attacks_per_day_least": "3", "attacks_per_day_most": "1"},
            "This is more than the answer to “And on a bad day?” (1).",
        ),
        (
            "headache_1",
            {"bouts": "yes", "bout_shortest_days": "30", "bout_longest_days": "10"},
            "This is more than the answer to “How many days did the longest period last?” (10).",
        ),
        # The bout figures are set aside without "bouts: yes", but cannot be impossible either.
        (
            "headache_1",
            {"bout_shortest_days": "30", "bout_longest_days": "2"},
            "This is more than the answer to “How many days did the longest period last?” (2).",
        ),
        ("medication", {"acute_days": "8", "triptan_days": "8"}, None),
        (
            "medication",
            {"acute_days": "5", "triptan_days": "8"},
            "This is more than the answer to “On how many days a month do you take any "
            "medicine for headache?” (5).",
        ),
    ],
)
def test_an_impossible_answer_is_refused_on_its_question(world: World, section, answers, message):
    link = _intake_link(world)
    response = client_for(None).post(f"{link}?section={section}", {**answers, "go": "save"})
    intake = Intake.objects.get(patient=world.patient)
    if message is None:
        assert response.status_code == 302
        assert intake.answers[section]
        return
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert intake.answers == {}


def test_days_of_one_headache_beyond_all_headache_days_are_refused_in_either_section(
    world: World,
):
    link = _intake_link(world)
    patient = client_for(None)
    patient.post(f"{link}?section=general", {"headache_days_per_month": "10", "go": "save"})
    refused = patient.post(f"{link}?section=headache_1", {"days_per_month": "20", "go": "save"})
    assert refused.status_code == 400
    assert (
        "This is more than the answer to “Your headaches: On how many days a month do you have "
        "any headache?” (10)." in html.unescape(refused.content.decode())
    )
    assert "headache_1" not in Intake.objects.get(patient=world.patient).answers
    # The other way round: the total lowered below the days of one kind already given.
    patient.post(f"{link}?section=headache_1", {"days_per_month": "8", "go": "save"})
    lowered = patient.post(
        f"{link}?section=general", {"headache_days_per_month": "5", "go": "save"}
    )
    assert lowered.status_code == 400
    assert (
        "This is less than the answer to “Headache 1: On how many days a month do you have this "
        "headache?” (8)." in html.unescape(lowered.content.decode())
    )
    answers = Intake.objects.get(patient=world.patient).answers
    assert answers["general"] == {"headache_days_per_month": 10}


def test_brainstem_aura_symptoms_are_asked_one_by_one(world: World):
    # ICHD-3 (2018) 1.2.2 needs two brainstem symptoms: the patient names each one.
    portal = client_for(world.patient_user)
    portal.post(reverse("portal_intake"))
    page = portal.get(reverse("portal_intake") + "?section=headache_1").content.decode()
    for value in ("dysarthria", "vertigo", "tinnitus", "hypacusis", "diplopia", "ataxia"):
        assert f'name="aura_symptoms" value="{value}"' in page
    assert 'value="brainstem"' not in page  # the one tick for all of them is no longer offered
    response = portal.post(
        reverse("portal_intake") + "?section=headache_1",
        {"aura": "yes", "aura_symptoms": ["visual", "vertigo", "diplopia"], "go": "save"},
    )
    assert response.status_code == 302
    answers = Intake.objects.get(patient=world.patient).answers["headache_1"]
    assert answers["aura_symptoms"] == ["visual", "vertigo", "diplopia"]
    aura = core_intake.headache_profile(answers).aura
    assert aura is not None and {s.value for s in aura.symptoms or ()} == {
        "visual",
        "vertigo",
        "diplopia",
    }


def test_an_earlier_brainstem_answer_is_kept_and_shown(world: World):
    # Stored before the brainstem symptoms were asked one by one: which ones is not known.
    portal = client_for(world.patient_user)
    portal.post(reverse("portal_intake"))
    intake = Intake.objects.get(patient=world.patient)
    intake.answers = {"headache_1": {"aura": "yes", "aura_symptoms": ["visual", "brainstem"]}}
    intake.save()
    page = portal.get(reverse("portal_intake") + "?section=headache_1").content.decode()
    assert re.search(r'name="aura_symptoms" value="brainstem"[^>]*checked', page)
    # Saving the section again without touching it keeps the answer.
    response = portal.post(
        reverse("portal_intake") + "?section=headache_1",
        {"aura": "yes", "aura_symptoms": ["visual", "brainstem"], "go": "save"},
    )
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.answers["headache_1"]["aura_symptoms"] == ["visual", "brainstem"]
    url = reverse("intake_detail", args=[world.patient.pk, intake.pk])
    shown = html.unescape(client_for(world.colleague).get(url).content.decode())
    assert "double vision, spinning, slurred speech or unsteadiness" in shown


AURA_FOLLOW_UPS = (
    "aura_symptoms",
    "aura_reversible",
    "aura_spreads",
    "aura_succession",
    "aura_5_to_60_min",
    "aura_one_side",
    "aura_positive",
    "aura_headache_within_60_min",
)


def test_the_aura_details_are_asked_only_after_yes_to_aura(world: World):
    # Issue 13, 1.9: the page hides each aura question until "yes" (app.js, data-after-yes).
    portal = client_for(world.patient_user)
    portal.post(reverse("portal_intake"))
    page = portal.get(reverse("portal_intake") + "?section=headache_1").content.decode()
    for key in AURA_FOLLOW_UPS:
        assert re.search(rf'<fieldset[^>]*id="id_{key}"[^>]*data-after-yes="aura"', page), key
    assert not re.search(r'id="id_aura"[^>]*data-after-yes', page)


@pytest.mark.parametrize("aura", ["no", "unsure"])
def test_aura_details_sent_with_no_aura_are_not_stored(world: World, aura):
    # Without JavaScript the details stay visible; answers given there contradict "no aura".
    portal = client_for(world.patient_user)
    portal.post(reverse("portal_intake"))
    response = portal.post(
        reverse("portal_intake") + "?section=headache_1",
        {"aura": aura, "aura_symptoms": ["visual"], "aura_reversible": "yes", "go": "save"},
    )
    assert response.status_code == 302
    answers = Intake.objects.get(patient=world.patient).answers["headache_1"]
    assert answers == {"aura": aura}
