from __future__ import annotations

from django.conf import settings
from django.urls import reverse

import headway.settings as production
from conftest import PASSWORD, World, client_for
from headway.accounts.models import User


def test_staff_sign_in_and_land_on_patients(world: World, client):
    response = client.post(
        reverse("login"), {"username": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/")["Location"] == reverse("patient_list")


def test_a_patient_lands_on_the_portal(world: World, client):
    client.post(reverse("login"), {"username": "paula@example.org", "password": PASSWORD})
    assert client.get("/")["Location"] == reverse("portal_home")


def test_wrong_password_is_refused_with_a_message(world: World, client):
    response = client.post(reverse("login"), {"username": "alice@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_after_five_failures_even_with_the_right_password(world: World, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice@example.org", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Account locked for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_parameter_cannot_send_the_user_off_site(world: World, client):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": "alice@example.org", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_logout_ends_the_session(world: World):
    client = client_for(world.owner)
    client.post(reverse("logout"))
    assert client.get(reverse("patient_list")).status_code == 302


def test_deactivated_user_cannot_sign_in(world: World, client):
    User.objects.filter(pk=world.colleague.pk).update(is_active=False)
    client.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2_in_production():
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_time_out_when_idle_and_cookies_are_protected():
    assert production.SESSION_COOKIE_AGE == 30 * 60
    assert production.SESSION_SAVE_EVERY_REQUEST is True
    assert production.SESSION_COOKIE_HTTPONLY is True


def test_password_reset_sends_a_working_link(world: World, client, mailoutbox):
    client.post(reverse("password_reset"), {"email": "bob@example.org"})
    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/") :].strip()
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url,
        {"new_password1": "brand-new-password-42", "new_password2": "brand-new-password-42"},
    )
    fresh = client_for(None)
    fresh.post(
        reverse("login"), {"username": "bob@example.org", "password": "brand-new-password-42"}
    )
    assert "_auth_user_id" in fresh.session


def test_password_reset_does_not_reveal_unknown_addresses(world: World, client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302 and mailoutbox == []


def test_the_email_is_matched_whatever_its_case(world: World, client):
    client.post(reverse("login"), {"username": " Alice@Example.ORG ", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(world.owner.pk)


def test_changing_the_case_does_not_reset_the_lockout_count(world: World, client):
    for index in range(settings.AXES_FAILURE_LIMIT):
        email = "alice@example.org" if index % 2 else "ALICE@example.org"
        client.post(reverse("login"), {"username": email, "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "Alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 429
