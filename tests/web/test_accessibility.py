"""Issue 13, section 5: what a screen reader or a keyboard gets from the pages' markup, and the
keep-alive behind the warning before the idle sign-out. The browser side is in
tests/e2e/test_accessibility.py."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import World, client_for
from web.care.test_examinations import _exam_post
from web.outcomes.helpers import treated_patient


def test_the_outcome_tables_scroll_in_labelled_focusable_regions(world: World):
    # 5.6: a table wider than the screen scrolls inside its own region; a keyboard reaches it.
    treated_patient(world.patient)
    page = client_for(world.colleague).get(reverse("patient_outcomes", args=[world.patient.pk]))
    html = page.content.decode()
    for table in ("periods", "schedule"):
        wrap = re.search(r'<div ([^>]*)><table class="striped" id="' + table + '"', html)
        assert wrap, table
        attributes = wrap.group(1)
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes
        labelled = re.search(r'aria-labelledby="([^"]+)"', attributes)
        assert labelled and f'id="{labelled.group(1)}"' in html


def test_the_pain_drawing_announces_each_region_level_and_state(world: World):
    # 5.5: a region says its name, its level and whether it is marked; the list is open.
    clinician = client_for(world.colleague)
    url = reverse("examination_create", args=[world.patient.pk])
    clinician.post(
        url, _exam_post(timezone.localdate() - timedelta(days=30), **{"pain__occiput__left": "8"})
    )
    form = clinician.get(url).content.decode()
    marked = re.search(r'<ellipse [^>]*data-key="occiput__left"[^>]*>', form)
    assert marked
    assert 'aria-pressed="true"' in marked.group(0)
    assert re.search(r'aria-label="[^"]+: 8/10"', marked.group(0))
    unmarked = re.search(r'<ellipse [^>]*data-key="occiput__right"[^>]*>', form)
    assert unmarked and 'aria-pressed="false"' in unmarked.group(0)
    assert re.search(r'<details open id="pain-list">', form)


def test_staff_pages_carry_the_idle_time_and_patients_pages_do_not(world: World):
    # 5.8: app.js times the warning from the seconds the session has left.
    staff = client_for(world.colleague).get(reverse("patient_list")).content.decode()
    seconds = re.search(r'data-session-seconds="(\d+)"', staff)
    assert seconds and int(seconds.group(1)) == settings.SESSION_COOKIE_AGE
    assert 'id="session-warning"' in staff
    portal = client_for(world.patient_user).get(reverse("portal_home")).content.decode()
    assert "data-session-seconds" not in portal


def test_keep_alive_restarts_the_idle_time(world: World):
    client = client_for(world.colleague)
    client.get(reverse("patient_list"))
    before = client.session.get_expiry_date()
    response = client.post(reverse("session_keepalive"))
    assert response.status_code == 200
    assert response.json() == {"seconds": settings.SESSION_COOKIE_AGE}
    assert client.session.get_expiry_date() >= before


def test_keep_alive_after_the_sign_out_answers_401_in_json(db):
    response = client_for(None).post(reverse("session_keepalive"))
    assert response.status_code == 401
    assert response.json() == {"error": "signed_out"}


def test_keep_alive_takes_only_post(world: World):
    assert client_for(world.colleague).get(reverse("session_keepalive")).status_code == 405
