"""A patient sending answers while the practice takes the questionnaire off the schedule
(issue 12, 3.3): the answers are never lost."""

from __future__ import annotations

import re
from functools import partial

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.outcomes.models import QuestionnaireResponse, ScheduledQuestionnaire
from web.concurrency import needs_postgresql, run_together

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]

ROUNDS = 8  # either may come first; over the rounds both orders and overlaps occur


def test_answers_sent_while_the_practice_unschedules_are_kept(world: World):
    patient, staff = client_for(world.patient_user), client_for(world.colleague)
    for round_ in range(ROUNDS):
        item = ScheduledQuestionnaire.objects.create(
            practice=world.practice, patient=world.patient, instrument="nprs", timepoint="baseline"
        )
        url = reverse("portal_questionnaire", args=[item.pk])
        form = patient.get(url).content.decode()  # the patient opens the form...
        assert 'id="answers-form"' in form
        hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        hidden.pop("csrfmiddlewaretoken", None)
        answers = run_together(
            partial(patient.post, url, {**hidden, "pain": "3"}),  # ...and sends it
            partial(
                staff.post, reverse("questionnaire_unschedule", args=[world.patient.pk, item.pk])
            ),
        )
        assert not [a for a in answers if isinstance(a, Exception)], answers
        assert [a.status_code for a in answers] == [302, 302]
        saved = QuestionnaireResponse.objects.filter(patient=world.patient).order_by("-id")
        assert saved.count() == round_ + 1  # this round's answers are stored
        answer = saved[0]
        assert (answer.instrument, answer.timepoint, answer.score) == ("nprs", "baseline", 3)
        # Either the practice was refused (the answered questionnaire stays, linked to its
        # answers) or it came first and the answers are kept on their own.
        still = ScheduledQuestionnaire.objects.filter(pk=item.pk).first()
        assert answer.scheduled_id == (still.pk if still else None)
