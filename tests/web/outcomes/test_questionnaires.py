"""Questionnaires on a schedule (issue 6, point 1): the default schedule from the first
treatment, paper entry scored by the core, portal fill-in in the patient's language, and the
practice's overdue list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from headway.care.models import TreatmentSession
from headway.outcomes.models import QuestionnaireResponse, ScheduledQuestionnaire
from headway.outcomes.services import AlreadyAnswered, questionnaire_unschedule


def schedule(world: World, **data):
    fields = {
        "instruments": ["hit6", "pgic"],
        "timepoints": ["baseline", "week_4", "week_12", "month_6", "month_12", "month_18"],
    }
    fields.update(data)
    return client_for(world.colleague).post(
        reverse("questionnaires_schedule", args=[world.patient.pk]), fields
    )


def test_the_default_schedule_follows_the_first_treatment(world: World):
    TreatmentSession.objects.create(
        practice=world.practice, patient=world.patient, session_date=date(2026, 1, 31)
    )
    assert schedule(world).status_code == 302
    # HIT-6 at all six timepoints; PGIC asks about change, so not at baseline.
    assert (
        ScheduledQuestionnaire.objects.filter(patient=world.patient, instrument="hit6").count() == 6
    )
    assert not ScheduledQuestionnaire.objects.filter(
        patient=world.patient, instrument="pgic", timepoint="baseline"
    ).exists()
    html = (
        client_for(world.colleague)
        .get(reverse("patient_outcomes", args=[world.patient.pk]))
        .content.decode()
    )
    # Day first (issue 13, 1.1).
    for due in ("31/01/2026", "28/02/2026", "25/04/2026", "31/07/2026", "31/01/2027", "31/07/2027"):
        assert due in html
    # Scheduling again adds nothing twice.
    schedule(world)
    assert ScheduledQuestionnaire.objects.filter(patient=world.patient).count() == 11


def test_other_date_needs_a_date(world: World):
    response = schedule(world, timepoints=["other"])
    assert response.status_code == 400
    assert "Give the date for “other date”." in response.content.decode()
    assert not ScheduledQuestionnaire.objects.exists()
    schedule(world, timepoints=["other"], due_on="2026-12-01")
    assert ScheduledQuestionnaire.objects.get(instrument="hit6").due_on == date(2026, 12, 1)


def test_staff_enter_a_paper_hit6_scored_by_the_core(world: World):
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="hit6", timepoint="baseline"
    )
    url = reverse("questionnaire_enter", args=[world.patient.pk, "hit6"]) + f"?scheduled={item.pk}"
    client = client_for(world.colleague)
    form = client.get(url).content.decode()
    # Without the licensed wording the form shows item keys and the answer scores.
    assert 'id="no-text"' in form and "Very often (11 points)" in form
    assert "Recall period: the last 4 weeks." in form
    assert "At most 0 questions may be left unanswered." in form
    answers = ["never", "rarely", "sometimes", "very_often", "always", "sometimes"]
    keys = ["pain", "social", "role", "vitality", "cognition", "distress"]
    data = dict(zip(keys, answers, strict=True))
    response = client.post(url, {**data, "completed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get(patient=world.patient)
    # clinical-reference.md section 4: 6+8+10+11+13+10 = 58, substantial impact.
    assert (saved.score, saved.band, saved.source, saved.scheduled_id) == (
        58,
        "substantial impact",
        "paper",
        item.pk,
    )
    html = client.get(reverse("patient_outcomes", args=[world.patient.pk])).content.decode()
    assert "58 (substantial impact)" in html


def test_too_many_unanswered_items_are_named_and_nothing_is_saved(world: World):
    url = reverse("questionnaire_enter", args=[world.patient.pk, "hit6"])
    response = client_for(world.colleague).post(
        url, {"pain": "never", "completed_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 400
    assert "at most 0 unanswered questions" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_a_future_date_is_refused(world: World):
    url = reverse("questionnaire_enter", args=[world.patient.pk, "nprs"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(world.colleague).post(
        url, {"pain": "4", "completed_on": tomorrow.isoformat()}
    )
    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_the_patient_fills_in_the_nprs_on_the_portal_in_their_language(world: World):
    world.patient.preferred_language = "fr"
    world.patient.save()
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="nprs", timepoint="baseline"
    )
    client = client_for(world.patient_user)
    client.cookies["django_language"] = "fr"
    home = client.get(reverse("portal_home")).content.decode()
    assert 'id="portal-questionnaires-due"' in home
    form = client.get(reverse("portal_questionnaire", args=[item.pk])).content.decode()
    assert 'lang="fr"' in form and "douleur" in form.lower()
    response = client.post(reverse("portal_questionnaire", args=[item.pk]), {"pain": "3"})
    assert response.status_code == 302
    saved = QuestionnaireResponse.objects.get(scheduled=item)
    assert (saved.score, saved.source, saved.language) == (3, "portal", "fr")
    # Answered once only.
    again = client.post(reverse("portal_questionnaire", args=[item.pk]), {"pain": "9"})
    assert again.status_code == 302
    assert QuestionnaireResponse.objects.filter(scheduled=item).count() == 1


def test_a_licensed_questionnaire_without_installed_text_is_given_on_paper(world: World):
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="hit6", timepoint="baseline"
    )
    html = (
        client_for(world.patient_user)
        .get(reverse("portal_questionnaire", args=[item.pk]))
        .content.decode()
    )
    assert 'id="paper-only"' in html


def test_another_patients_questionnaire_is_404(world: World):
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice,
        patient=world.other_patient,
        instrument="nprs",
        timepoint="baseline",
    )
    assert (
        client_for(world.patient_user)
        .get(reverse("portal_questionnaire", args=[item.pk]))
        .status_code
        == 404
    )


def test_overdue_questionnaires_are_listed_for_the_practice_only(world: World):
    long_ago = timezone.localdate() - timedelta(days=30)
    ScheduledQuestionnaire.objects.create(
        practice=world.practice,
        patient=world.patient,
        instrument="ndi",
        timepoint="other",
        due_on=long_ago,
    )
    ScheduledQuestionnaire.objects.create(
        practice=world.other_practice,
        patient=world.foreign_patient,
        instrument="ndi",
        timepoint="other",
        due_on=long_ago,
    )
    html = client_for(world.colleague).get(reverse("questionnaires_overdue")).content.decode()
    assert "Paula Patient" in html and "Fiona" not in html
    patient_page = (
        client_for(world.colleague)
        .get(reverse("patient_outcomes", args=[world.patient.pk]))
        .content.decode()
    )
    assert 'badge-alert">overdue' in patient_page
    # Answered, it leaves the list.
    QuestionnaireResponse.objects.create(
        practice=world.practice,
        patient=world.patient,
        scheduled=ScheduledQuestionnaire.objects.get(patient=world.patient),
        instrument="ndi",
        timepoint="other",
        completed_on=long_ago,
        score=10,
        raw=5,
        answered=10,
        source="paper",
    )
    assert (
        "Paula Patient"
        not in client_for(world.colleague).get(reverse("questionnaires_overdue")).content.decode()
    )


def test_a_questionnaire_can_be_taken_off_the_schedule_until_answered(world: World):
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="ndi", timepoint="week_4"
    )
    client_for(world.colleague).post(
        reverse("questionnaire_unschedule", args=[world.patient.pk, item.pk])
    )
    assert not ScheduledQuestionnaire.objects.exists()


def test_a_bad_scheduled_reference_is_404_not_a_silent_unscheduled_entry(world: World):
    url = reverse("questionnaire_enter", args=[world.patient.pk, "nprs"])
    client = client_for(world.colleague)
    for value in ("abc", "\u00b2", "99999"):
        assert client.get(url, {"scheduled": value}).status_code == 404


def test_a_scheduled_questionnaire_is_answered_once_even_when_sent_twice(world: World):
    from headway.outcomes.services import questionnaire_record

    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="nprs", timepoint="baseline"
    )
    answer = {
        "patient": world.patient,
        "instrument_key": "nprs",
        "answers": {"pain": 3},
        "completed_on": timezone.localdate(),
        "source": "portal",
        "entered_by": None,
        "scheduled": item,
    }
    questionnaire_record(**answer)
    with pytest.raises(ValueError):
        questionnaire_record(**answer)
    with pytest.raises(ValueError):
        questionnaire_record(**{**answer, "patient": world.other_patient})
    assert QuestionnaireResponse.objects.count() == 1


def test_answers_to_a_questionnaire_taken_off_the_schedule_meanwhile_are_kept(world: World):
    """The patient opened the form; the practice removed the questionnaire before the answers
    arrived (the race itself: test_questionnaire_races.py)."""
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="nprs", timepoint="baseline"
    )
    client = client_for(world.patient_user)
    url = reverse("portal_questionnaire", args=[item.pk])
    form = client.get(url).content.decode()
    ticket = form.split('name="ticket" value="', 1)[1].split('"', 1)[0]
    client_for(world.colleague).post(
        reverse("questionnaire_unschedule", args=[world.patient.pk, item.pk])
    )
    page = client.post(url, {"pain": "4", "ticket": ticket}, follow=True).content.decode()
    assert "Your answers are kept all the same." in page
    saved = QuestionnaireResponse.objects.get(patient=world.patient)
    assert (saved.instrument, saved.timepoint, saved.score, saved.scheduled) == (
        "nprs",
        "baseline",
        4,
        None,
    )
    # The ticket is for this patient and this questionnaire only.
    assert (
        client_for(world.other_patient_user).post(url, {"pain": "4", "ticket": ticket}).status_code
        == 404
    )
    assert client.post(url, {"pain": "4", "ticket": "forged"}).status_code == 404
    assert QuestionnaireResponse.objects.count() == 1


def test_an_answered_questionnaire_is_not_taken_off_even_from_an_older_page(world: World):
    item = ScheduledQuestionnaire.objects.create(
        practice=world.practice, patient=world.patient, instrument="nprs", timepoint="baseline"
    )
    stale = ScheduledQuestionnaire.objects.get(pk=item.pk)
    client_for(world.patient_user).post(
        reverse("portal_questionnaire", args=[item.pk]), {"pain": "3"}
    )
    with pytest.raises(AlreadyAnswered):
        questionnaire_unschedule(item=stale)
    page = client_for(world.colleague).post(
        reverse("questionnaire_unschedule", args=[world.patient.pk, item.pk]), follow=True
    )
    assert "Answered questionnaires stay on the record." in page.content.decode()
    assert QuestionnaireResponse.objects.get().scheduled == item


def test_the_paper_odi_shows_section_titles_in_labelled_fieldsets_and_a_percent_score(
    world: World,
):
    # Issue 13, 1.4: not "pain_intensity" and "0 (0)"; each question's radios in a fieldset
    # named by the question; the score as a percentage.
    import re

    url = reverse("questionnaire_enter", args=[world.patient.pk, "odi"])
    client = client_for(world.colleague)
    form = client.get(url).content.decode()
    visible = re.sub(r"<[^>]+>", " ", form)
    assert "pain_intensity" not in visible and "sex_life" not in visible
    assert "0 (0)" not in form
    assert re.search(
        r'<fieldset class="question" id="id_pain_intensity"[^>]*>\s*'
        r"<legend>1\. Pain intensity</legend>",
        form,
    )
    assert "<legend>10. Travelling</legend>" in form
    assert "0 points" in form and "1 point<" in form and "5 points" in form
    # 16 of 50 points = 32 % (clinical-reference.md section 4, the worked example).
    answers = dict(
        zip(
            [
                "pain_intensity",
                "personal_care",
                "lifting",
                "walking",
                "sitting",
                "standing",
                "sleeping",
                "sex_life",
                "social_life",
                "travelling",
            ],
            ["2", "2", "2", "2", "2", "2", "1", "1", "1", "1"],
            strict=True,
        )
    )
    response = client.post(url, {**answers, "completed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert QuestionnaireResponse.objects.get(patient=world.patient).score == 32
    html = client.get(reverse("patient_outcomes", args=[world.patient.pk])).content.decode()
    assert "32 % (moderate disability)" in html


def test_scheduling_one_questionnaire_says_one(world: World):
    # Issue 13, 1.11: "1 questionnaire scheduled.", not "1 questionnaires".
    client = client_for(world.colleague)
    response = client.post(
        reverse("questionnaires_schedule", args=[world.patient.pk]),
        {"instruments": ["hit6"], "timepoints": ["baseline"]},
        follow=True,
    )
    assert "1 questionnaire scheduled." in response.content.decode()
