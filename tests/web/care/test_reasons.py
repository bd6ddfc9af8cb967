"""The core's reasons in the reader's language, with numbers as people write them (issue 12,
point 8): the review page's criteria and red flags, the cervical screen, the referral letter."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from conftest import World, client_for
from headway.care import reasons
from headway.care.classification import classification_json, red_flags_json
from headway.care.models import ClassificationRun, Referral
from headway.clinical import messages
from headway.clinical.ichd3.classify import classify
from headway.clinical.ichd3.profile import (
    AuraSymptom,
    ClassificationInput,
    DrugClass,
    HeadacheProfile,
    Intensity,
    Nausea,
)
from headway.clinical.messages import message
from headway.clinical.screening.red_flags import RedFlagAnswers, screen_red_flags
from web.care.helpers import screen

LANGUAGES = ["de", "es", "fr"]
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

# A frequent episodic tension-type headache, the numbers stored as floats (6.0 months).
TTH = HeadacheProfile(
    attack_count=20,
    duration_min_hours=0.5,
    duration_max_hours=4.0,
    headache_days_per_month=4.0,
    months_at_this_frequency=6.0,
    bilateral=True,
    pressing_or_tightening=True,
    intensity_max=Intensity.MILD,
    aggravated_by_routine_activity=False,
    nausea=Nausea.NONE,
    vomiting=False,
    photophobia=False,
    phonophobia=False,
)

# Cluster-like, the number of attacks not known: 3.1 stays undecided and its criteria are shown.
CLUSTER = HeadacheProfile(
    duration_min_hours=0.5,
    duration_max_hours=2.0,
    attacks_per_day_min=1.0,
    attacks_per_day_max=3.0,
    unilateral=True,
    orbital_supraorbital_or_temporal=True,
    intensity_max=Intensity.SEVERE,
    cranial_autonomic_features=True,
)


def _in(client, language: str):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def _run(world: World, data: ClassificationInput, flags: RedFlagAnswers) -> ClassificationRun:
    return ClassificationRun.objects.create(
        practice_id=world.patient.practice_id,
        patient=world.patient,
        source="intake",
        run_by=world.colleague,
        result=classification_json(classify(data), ["pressing", "behind the eye"]),
        red_flags=red_flags_json(screen_red_flags(flags)),
    )


def _translated(msgid: str, language: str) -> bool:
    with translation.override(language):
        return gettext(msgid) != msgid


def test_every_core_message_has_a_wording_with_the_same_placeholders():
    for code, template in messages.TEMPLATES.items():
        if code == "parts":
            continue
        assert code in reasons.TEXTS, code
        text = reasons.TEXTS[code]
        with translation.override("en"):
            worded = [text(1), text(2)] if callable(text) else [str(text)]
        expected = set(re.findall(r"\{(\w+)\}", template.english))
        for wording in worded:
            assert set(PLACEHOLDER.findall(wording)) == expected, code
        # The English wording in the shell is the core's, so the CLI and the page agree.
        assert worded[0] == re.sub(r"\{(\w+)\}", r"%(\1)s", template.english), code


def test_every_vocabulary_a_reason_uses_has_labels():
    assert set(reasons.FEATURES) == set(messages.FEATURES)
    assert set(reasons.AURA_SYMPTOMS) == {s.value for s in AuraSymptom}
    assert set(reasons.NAUSEA) == {n.value for n in Nausea}
    assert set(reasons.DRUG_CLASSES) == {d.value for d in DrugClass}
    assert set(reasons.UCI_TESTS) == set(messages.UCI_TESTS)


@pytest.mark.parametrize(
    ("language", "one_and_a_half"), [("en", "1.5"), ("de", "1,5"), ("es", "1,5"), ("fr", "1,5")]
)
def test_numbers_are_written_as_people_write_them(language, one_and_a_half):
    with translation.override(language):
        months = reasons.message_text(message("for_months", months=6.0).as_json())
        days = reasons.message_text(message("days_a_month", days=1.5).as_json())
        half_hour = reasons.message_text(message("duration", low=0.5, high=4.0).as_json())
        answers = reasons.message_text(
            message("autonomic", autonomic=True, restlessness=None).as_json()
        )
    assert "6" in months and "6.0" not in months and "6,0" not in months
    assert one_and_a_half in days
    assert "30" in half_hour and "0.5" not in half_hour and "4.0" not in half_hour
    assert "True" not in answers and "None" not in answers
    if language == "en":
        assert months == "for 6 months"
        assert half_hour == "lasting 30 minutes to 4 hours"
        assert answers == "cranial autonomic features: yes; restlessness: not known"


def test_a_result_stored_before_the_codes_shows_its_stored_text():
    assert reasons.message_text(None, "10 episodes") == "10 episodes"
    assert reasons.message_text({"code": "gone_since"}, "as stored") == "as stored"
    assert reasons.finding_text("O1 Onset sudden: answered yes: sudden onset") == (
        "O1 Onset sudden: answered yes: sudden onset"
    )


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_the_review_page_shows_plain_numbers_and_words_in_every_language(world: World, language):
    run = _run(
        world,
        ClassificationInput(profiles=(TTH, CLUSTER)),
        RedFlagAnswers(
            age_at_onset=58, new_or_changed_headache=True, months_since_new_or_changed=2.0
        ),
    )
    url = reverse("classification_review", args=[world.patient.pk, run.pk])
    page = _in(client_for(world.colleague), language).get(url).content.decode()
    assert f'<html lang="{language}">' in page
    # The stored run keeps the English wording; the page words the message.
    stored = run.result["profiles"][0]["suggested"][0]["criteria"][0]
    assert stored["reason"] == "20 episodes, 4 days a month, for 6 months"
    shown = page[page.index('<section id="red-flags">') :]
    for program_value in ("6.0", "4.0", "2.0", "True", "False", "None", "0.5 h"):
        assert program_value not in shown, program_value
    assert "20" in shown and "58" in shown
    if language == "en":
        assert "20 episodes, 4 days a month, for 6 months" in page
        assert "lasting 30 minutes to 4 hours" in page
        assert "nausea: no; vomiting: no" in page
        assert "headache began at age 58, at or over 50" in page
        assert "new or changed headache 2 months ago, within the 3-month window" in page
        assert "attacks a day: 1 to 3" in page
        assert "cranial autonomic features: yes; restlessness: not known" in page


@pytest.mark.parametrize(
    ("language", "months"), [("de", "6 Monaten"), ("es", "6 meses"), ("fr", "6 mois")]
)
def test_the_review_page_says_6_months_in_the_readers_words(world: World, language, months):
    """Runs once the translation pass has worded the new strings (issue 12)."""
    if not _translated("for %(months)s month", language):
        pytest.skip(f"the reasons are not yet translated into {language}")
    run = _run(world, ClassificationInput(profiles=(TTH,)), RedFlagAnswers())
    url = reverse("classification_review", args=[world.patient.pk, run.pk])
    page = _in(client_for(world.colleague), language).get(url).content.decode()
    assert months in page and "6 months" not in page


@pytest.mark.parametrize(
    ("language", "dizziness"), [("de", "Schwindel"), ("es", "mareo"), ("fr", "vertige")]
)
def test_the_screen_page_words_its_reasons_in_the_readers_language(
    world: World, language, dizziness
):
    with translation.override(language):
        expected = str(reasons.vocabulary.NEUROVASCULAR_SYMPTOMS["dizziness"])
    assert dizziness.lower() in expected.lower()  # the label's translation exists already
    done = screen(world.patient, world.colleague, dizziness=True, new_pain=True)
    url = reverse("cervical_screen_detail", args=[world.patient.pk, done.pk])
    page = _in(client_for(world.colleague), language).get(url).content.decode()
    reasons_list = page.split('id="screen-reasons">')[1].split("</ul>")[0]
    assert expected in reasons_list
    assert "dizziness" not in reasons_list  # the English symptom name is not shown


def test_a_screen_stored_before_the_codes_still_shows(world: World):
    done = screen(world.patient, world.colleague, dizziness=True)
    done.reasons = [
        {"outcome": "do_not_treat", "text": "old wording: dizziness", "urgency": "routine"}
    ]
    done.not_checked = ["examination: blood pressure"]
    done.save()
    url = reverse("cervical_screen_detail", args=[world.patient.pk, done.pk])
    page = client_for(world.colleague).get(url).content.decode()
    assert "old wording: dizziness" in page and "examination: blood pressure" in page


def test_the_referral_letter_words_the_findings_in_its_language(world: World):
    done = screen(world.patient, world.colleague, dizziness=True, new_pain=True)
    referral = Referral.objects.get(patient=world.patient, screen=done)
    assert referral.findings[0]["message"]["code"] == "neuro_dissection_with_pain"
    from headway.care.views import finding_text

    with translation.override("de"):
        worded = finding_text(referral.findings[0])
        label = str(reasons.vocabulary.NEUROVASCULAR_SYMPTOMS["dizziness"])
    assert label in worded and "dizziness" not in worded
    response = client_for(world.colleague).get(
        reverse("referral_letter", args=[world.patient.pk, referral.pk]) + "?lang=de"
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
