from __future__ import annotations

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD, World, client_for


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enable_two_factor(client) -> tuple[TOTPDevice, list[str]]:
    client.get(reverse("two_factor"))
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("two_factor"), {"token": current_code(device)})
    codes = response.context["codes"]
    return device, codes


def test_setup_shows_a_qr_code_and_confirms_with_a_code(world: World):
    client = client_for(world.colleague)
    page = client.get(reverse("two_factor")).content.decode()
    assert "data:image/svg+xml" in page and 'id="totp-secret"' in page
    device, codes = enable_two_factor(client)
    device.refresh_from_db()
    assert device.confirmed and len(codes) == 10


def test_a_wrong_setup_code_is_refused(world: World):
    client = client_for(world.colleague)
    client.get(reverse("two_factor"))
    response = client.post(reverse("two_factor"), {"token": "000000"})
    assert "This code is not valid" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_sign_in_asks_for_the_code_after_the_password(world: World):
    device, _codes = enable_two_factor(client_for(world.colleague))
    client = client_for(None)
    response = client.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    assert response["Location"].startswith(reverse("login_verify"))
    assert "_auth_user_id" not in client.session
    assert client.post(reverse("login_verify"), {"token": "123456"}).status_code == 200
    assert "_auth_user_id" not in client.session
    # django-otp throttles after a wrong code, and a code used at setup cannot be replayed:
    # clear the throttle and move the device on one step, as a later minute would.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset(commit=False)
    device.t0 -= device.step
    device.save()
    client.post(reverse("login_verify"), {"token": current_code(device)})
    assert client.session["_auth_user_id"] == str(world.colleague.pk)


def test_a_backup_code_works_once(world: World):
    _device, codes = enable_two_factor(client_for(world.colleague))
    first = client_for(None)
    first.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    first.post(reverse("login_verify"), {"token": codes[0]})
    assert "_auth_user_id" in first.session
    second = client_for(None)
    second.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    second.post(reverse("login_verify"), {"token": codes[0]})
    assert "_auth_user_id" not in second.session


def test_too_many_wrong_codes_end_the_attempt(world: World):
    enable_two_factor(client_for(world.colleague))
    client = client_for(None)
    client.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    for _ in range(5):
        response = client.post(reverse("login_verify"), {"token": "000000"})
    assert response["Location"] == reverse("login")
    assert client.get(reverse("login_verify"))["Location"] == reverse("login")


def test_owner_can_require_two_factor_for_staff(world: World):
    owner = client_for(world.owner)
    owner.post(
        reverse("practice_settings"),
        {
            "name": world.practice.name,
            "time_zone": "Europe/Berlin",
            "require_two_factor": "on",
            "screen_valid_months": 12,
            "baseline_days": 28,
        },
    )
    world.practice.refresh_from_db()
    assert world.practice.require_two_factor
    colleague = client_for(world.colleague)
    response = colleague.get(reverse("patient_list"))
    assert response["Location"].startswith(reverse("two_factor"))
    enable_two_factor(colleague)
    assert colleague.get(reverse("patient_list")).status_code == 200
    # Turning it off is refused while the practice requires it.
    colleague.post(reverse("two_factor_disable"))
    assert TOTPDevice.objects.filter(user=world.colleague, confirmed=True).exists()


def test_an_unknown_time_zone_is_refused_naming_the_field(world: World):
    response = client_for(world.owner).post(
        reverse("practice_settings"), {"name": "X", "time_zone": "Mars/Olympus"}
    )
    assert "Time zone</a>:" in response.content.decode()
    world.practice.refresh_from_db()
    assert world.practice.name == "Alpenblick Physio"


def test_a_session_from_before_two_factor_is_ended(world: World):
    old_session = client_for(None)
    old_session.post(reverse("login"), {"username": "bob@example.org", "password": PASSWORD})
    assert old_session.get(reverse("patient_list")).status_code == 200
    enable_two_factor(client_for(world.colleague))
    # The old, never-verified session can neither work nor manage two-factor.
    assert old_session.post(reverse("two_factor_backup_codes"))["Location"] == reverse("login")
    assert old_session.get(reverse("patient_list"))["Location"].startswith(reverse("login"))
    assert TOTPDevice.objects.filter(user=world.colleague, confirmed=True).exists()


def test_backup_codes_need_a_verified_session(world: World):
    client = client_for(world.colleague)
    _device, codes = enable_two_factor(client)
    fresh = client.post(reverse("two_factor_backup_codes")).context["codes"]
    assert len(fresh) == 10 and set(fresh).isdisjoint(codes)
