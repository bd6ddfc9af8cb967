"""The one-time sign-in link by email, and staying signed in on a patient's own phone."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, World, client_for
from headway.patients.models import Patient
from web.concurrency import needs_postgresql, run_together


def _link_from_mail() -> str:
    found = re.search(r"https?://\S+/accounts/login/link/\S+/", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(0).split("testserver", 1)[1]


def _ask(client, email: str):
    cache.clear()
    return client.post(reverse("login_link_request"), {"email": email})


def test_a_patient_signs_in_once_with_the_emailed_link_in_their_language(world: World, client):
    Patient.objects.filter(pk=world.patient.pk).update(preferred_language="de")
    response = _ask(client, "Paula@Example.org")
    assert "a sign-in link is on its way" in response.content.decode()
    assert mail.outbox[-1].to == ["paula@example.org"]
    assert mail.outbox[-1].subject == "Ihr Anmeldelink für Headway"
    link = _link_from_mail()
    # Opening the link (as a mail scanner would) does not sign in; the button does.
    page = client.get(link)
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    assert "paula@example.org" in page.content.decode()
    response = client.post(link, {})
    assert int(client.session["_auth_user_id"]) == world.patient_user.pk
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert client.get("/")["Location"] == reverse("portal_home")
    # Used once: the same link is dead now, also in another browser.
    client.post(reverse("logout"))
    assert client.post(link, {}).status_code == 410
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_gets_the_same_answer_and_no_mail(world: World, client):
    response = _ask(client, "nobody@example.org")
    assert "a sign-in link is on its way" in response.content.decode()
    assert mail.outbox == []


def test_a_second_request_within_a_minute_sends_no_second_mail(world: World, client):
    _ask(client, "paula@example.org")
    client.post(reverse("login_link_request"), {"email": "PAULA@example.org"})
    assert len(mail.outbox) == 1


def test_one_sender_cannot_ask_for_many_links(world: World, client):
    cache.clear()
    for n in range(8):
        client.post(reverse("login_link_request"), {"email": f"paula+{n}@example.org"})
        client.post(reverse("login_link_request"), {"email": "paula@example.org"})
    assert len(mail.outbox) == 1
    cache.clear()


def test_a_bad_address_is_named_and_a_forged_link_refused(world: World, client):
    response = client.post(reverse("login_link_request"), {"email": "not an address"})
    assert "Email" in response.content.decode() and "valid email" in response.content.decode()
    assert client.post(reverse("login_link_open", args=["forged:token"]), {}).status_code == 410


def test_staff_with_two_factor_still_give_the_code_after_the_link(world: World, client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=world.owner, name="phone", confirmed=True)
    _ask(client, "alice@example.org")
    response = client.post(_link_from_mail(), {})
    assert response["Location"].startswith(reverse("login_verify"))
    assert "_auth_user_id" not in client.session


def test_a_patient_may_stay_signed_in_on_their_phone_but_staff_may_not(world: World, client):
    client.post(
        reverse("login"), {"username": "paula@example.org", "password": PASSWORD, "stay": "on"}
    )
    assert client.session.get_expire_at_browser_close() is False
    assert client.session.get_expiry_age() == settings.PATIENT_REMEMBER_DAYS * 86400
    client.post(reverse("logout"))
    client.post(
        reverse("login"), {"username": "alice@example.org", "password": PASSWORD, "stay": "on"}
    )
    assert client.session.get_expire_at_browser_close() is True


def test_a_patient_may_turn_on_two_factor_and_then_the_link_needs_the_code(world: World):
    from web.accounts.test_two_factor import current_code, enable_two_factor

    device, _codes = enable_two_factor(client_for(world.patient_user))
    client = client_for(None)
    _ask(client, "paula@example.org")
    response = client.post(_link_from_mail(), {"stay": "on"})
    assert response["Location"].startswith(reverse("login_verify"))
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    device.t0 -= device.step  # a later minute: the setup code cannot be replayed
    device.save()
    client.post(reverse("login_verify"), {"token": current_code(device)})
    assert client.session["_auth_user_id"] == str(world.patient_user.pk)
    # The choice made before the code still holds: this patient stays signed in on the phone.
    assert client.session.get_expire_at_browser_close() is False


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_four_workers_asked_at_once_a_minute_later_send_one_link(world: World, monkeypatch):
    """Issue 12, 4.3: on the database cache, four requests at the same moment for an address
    whose earlier limit has just run out sent four mails (add() over an expired row is a read
    and then a write); the limit must hold across workers."""
    from django.db import connection

    from headway.accounts import views

    cache.clear()
    clients = [client_for(None) for _ in range(4)]
    ask = partial(clients[0].post, reverse("login_link_request"), {"email": "paula@example.org"})
    ask()
    assert len(mail.outbox) == 1
    start = time.time()
    for minute in range(1, 6):
        # A minute later: the cache's rows have run out, and the clock is in the next window.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE headway_cache SET expires = %s", [timezone.now() - timedelta(1)])
        monkeypatch.setattr(views, "_clock", lambda m=minute: start + 61 * m)
        sent = len(mail.outbox)
        answers = run_together(
            *(
                partial(c.post, reverse("login_link_request"), {"email": "paula@example.org"})
                for c in clients
            )
        )
        assert [a.status_code for a in answers] == [200] * 4, answers
        assert len(mail.outbox) == sent + 1
