from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World, client_for, make_staff
from headway.accounts.models import Invitation, Membership, Role
from headway.accounts.services import (
    InvitationRefused,
    NotOwnerError,
    invitation_accept,
    membership_change_role,
)


def invitation_path(mail) -> str:
    line = next(line for line in mail.body.splitlines() if "/accounts/invitation/" in line)
    return line[line.index("/accounts/") :].strip()


def test_owner_invites_a_practitioner_who_joins(world: World, mailoutbox):
    client_for(world.owner).post(
        reverse("team"), {"email": "Dora@Example.org", "role": "practitioner"}
    )
    assert mailoutbox[0].to == ["dora@example.org"]
    invitation = Invitation.objects.get(email="dora@example.org")
    assert invitation.token_hash not in mailoutbox[0].body  # only the digest is stored
    newcomer = client_for(None)
    response = newcomer.post(
        invitation_path(mailoutbox[0]),
        {
            "full_name": "Dora Neu",
            "password1": "a-long-enough-pass",
            "password2": "a-long-enough-pass",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="dora@example.org")
    assert membership.practice == world.practice and membership.role == Role.PRACTITIONER
    assert newcomer.get(reverse("patient_list")).status_code == 200
    # The link works once.
    assert client_for(None).get(invitation_path(mailoutbox[0])).status_code == 404


def test_invitation_refuses_mismatched_passwords(world: World, mailoutbox):
    client_for(world.owner).post(
        reverse("team"), {"email": "dora@example.org", "role": "reception"}
    )
    response = client_for(None).post(
        invitation_path(mailoutbox[0]),
        {
            "full_name": "Dora",
            "password1": "a-long-enough-pass",
            "password2": "something-else-entirely",
        },
    )
    assert "Repeat the password</a>: The two passwords differ." in response.content.decode()
    assert not Membership.objects.filter(user__email="dora@example.org").exists()


def test_an_invalid_role_or_email_is_refused_naming_the_field(world: World, mailoutbox):
    page = (
        client_for(world.owner)
        .post(reverse("team"), {"email": "nope", "role": "admin"})
        .content.decode()
    )
    assert "Email</a>: Enter a valid email address." in page
    assert "Role</a>: Select a valid choice." in page
    assert mailoutbox == []


def test_owner_changes_a_role(world: World):
    membership = world.colleague.memberships.get()
    client_for(world.owner).post(
        reverse("membership_update", args=[membership.pk]), {"role": "reception"}
    )
    membership.refresh_from_db()
    assert membership.role == Role.RECEPTION
    # The change takes effect at once: notes are closed to the former practitioner.
    assert (
        client_for(world.colleague)
        .get(reverse("clinical_notes", args=[world.patient.pk]))
        .status_code
        == 403
    )


def test_owner_deactivates_an_account(world: World):
    membership = world.reception.memberships.get()
    client = client_for(world.reception)
    client_for(world.owner).post(
        reverse("membership_update", args=[membership.pk]), {"active": "0"}
    )
    world.reception.refresh_from_db()
    assert not world.reception.is_active
    assert client.get(reverse("patient_list")).status_code in (302, 404)


def test_the_last_owner_cannot_step_down(world: World):
    membership = world.owner.memberships.get()
    client = client_for(world.owner)
    response = client.post(
        reverse("membership_update", args=[membership.pk]), {"role": "reception"}, follow=True
    )
    membership.refresh_from_db()
    assert membership.role == Role.OWNER
    assert "at least one active owner" in response.content.decode()


def test_reception_cannot_manage_the_team(world: World):
    membership = world.colleague.memberships.get()
    response = client_for(world.reception).post(
        reverse("membership_update", args=[membership.pk]), {"active": "0"}
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).is_active


def test_a_new_invitation_replaces_a_pending_one(world: World, mailoutbox):
    owner = client_for(world.owner)
    owner.post(reverse("team"), {"email": "dave@example.org", "role": "reception"})
    owner.post(reverse("team"), {"email": "dave@example.org", "role": "owner"})
    first, second = invitation_path(mailoutbox[0]), invitation_path(mailoutbox[1])
    assert client_for(None).get(first).status_code == 404
    form = {
        "full_name": "Dave",
        "password1": "a-long-enough-pass",
        "password2": "a-long-enough-pass",
    }
    client_for(None).post(second, form)
    assert Membership.objects.get(user__email="dave@example.org").role == Role.OWNER


def test_an_old_link_cannot_undo_a_deactivation(world: World, mailoutbox):
    owner = client_for(world.owner)
    owner.post(reverse("team"), {"email": "dave@example.org", "role": "practitioner"})
    form = {
        "full_name": "Dave",
        "password1": "a-long-enough-pass",
        "password2": "a-long-enough-pass",
    }
    client_for(None).post(invitation_path(mailoutbox[0]), form)
    membership = Membership.objects.get(user__email="dave@example.org")
    # A second invitation is sent, then the owner deactivates Dave: the pending link dies.
    Membership.objects.filter(pk=membership.pk).update(is_active=True)
    from headway.accounts import services

    services.invitation_create(
        practice=world.practice,
        email="dave@example.org",
        invited_by=world.owner,
        base_url="http://testserver/",
        role="owner",
    )
    owner.post(reverse("membership_update", args=[membership.pk]), {"active": "0"})
    dave = client_for(membership.user)
    assert dave.get(invitation_path(mailoutbox[1])).status_code == 404
    membership.refresh_from_db()
    assert not membership.is_active and membership.role == Role.PRACTITIONER


def test_an_existing_member_cannot_use_an_invitation_to_change_role(world: World, mailoutbox):
    from headway.accounts import services

    services.invitation_create(
        practice=world.practice,
        email="rita@example.org",
        invited_by=world.owner,
        base_url="http://testserver/",
        role="owner",
    )
    response = client_for(world.reception).post(invitation_path(mailoutbox[0]))
    assert response.status_code == 409
    assert world.reception.memberships.get().role == Role.RECEPTION


def test_owner_withdraws_a_pending_invitation(world: World, mailoutbox):
    owner = client_for(world.owner)
    owner.post(reverse("team"), {"email": "dave@example.org", "role": "reception"})
    invitation = Invitation.objects.get(email="dave@example.org")
    owner.post(reverse("invitation_revoke", args=[invitation.pk]))
    assert client_for(None).get(invitation_path(mailoutbox[0])).status_code == 404
    owner.get(reverse("team"))  # shows and consumes the confirmation messages
    assert "dave@example.org" not in owner.get(reverse("team")).content.decode()


def test_a_failed_email_saves_no_invitation(world: World, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = client_for(world.owner).post(
        reverse("team"), {"email": "dave@example.org", "role": "reception"}
    )
    assert "Email</a>: The email could not be sent; nothing was saved." in response.content.decode()
    assert not Invitation.objects.filter(email="dave@example.org").exists()


def test_another_practices_invitation_cannot_be_withdrawn(world: World):
    from headway.accounts import services

    invitation = services.invitation_create(
        practice=world.other_practice,
        email="x@example.org",
        invited_by=world.outsider,
        base_url="http://testserver/",
        role="reception",
    )
    assert (
        client_for(world.owner).post(reverse("invitation_revoke", args=[invitation.pk])).status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.is_usable


def test_an_owner_demoted_meanwhile_is_told_and_changes_nothing(world: World):
    """What the second of two owners demoting each other sees once the first has won (the
    race itself: test_team_races.py)."""
    dora = make_staff(world.practice, "dora@example.org", Role.OWNER, "Dora Owner")
    alice_seat = Membership.objects.get(user=world.owner)
    dora_seat = Membership.objects.get(user=dora)
    membership_change_role(membership=dora_seat, role=Role.PRACTITIONER, by=world.owner)
    with pytest.raises(NotOwnerError):
        membership_change_role(membership=alice_seat, role=Role.PRACTITIONER, by=dora)
    page = client_for(world.owner).post(
        reverse("membership_update", args=[alice_seat.pk]), {"role": "practitioner"}, follow=True
    )
    assert "A practice needs at least one active owner." in page.content.decode()
    assert Membership.objects.get(pk=alice_seat.pk).role == Role.OWNER


def test_an_invitation_accepted_meanwhile_is_refused_with_a_reason(world: World, mailoutbox):
    """The second of two submissions of one link, which loaded the invitation before the first
    accepted it (the race itself: test_team_races.py)."""
    client_for(world.owner).post(
        reverse("team"), {"email": "dora@example.org", "role": "reception"}
    )
    invitation = Invitation.objects.get(email="dora@example.org")
    stale = Invitation.objects.get(pk=invitation.pk)
    user = invitation_accept(invitation=invitation, user=None, full_name="Dora", password="x" * 12)
    with pytest.raises(InvitationRefused, match="already been accepted"):
        invitation_accept(invitation=stale, user=user)
    assert Membership.objects.filter(user=user).count() == 1


def test_the_practice_switcher_on_the_team_page_lists_each_of_my_practices_once(world: World):
    # Issue 13, 1.5: it listed the shown practice once per team member.
    Membership.objects.create(practice=world.other_practice, user=world.owner, role=Role.OWNER)
    page = client_for(world.owner).get(reverse("team")).content.decode()
    switcher = page[
        page.index('id="practice-select"') : page.index(
            "</select>", page.index('id="practice-select"')
        )
    ]
    assert switcher.count("<option") == 2
    assert switcher.count(world.practice.name) == 1
    assert switcher.count(world.other_practice.name) == 1
    # The team table still lists every member.
    for user in (world.owner, world.colleague, world.reception):
        assert user.email in page


def test_a_member_of_one_practice_sees_no_switcher_on_the_team_page(world: World):
    page = client_for(world.owner).get(reverse("team")).content.decode()
    assert 'id="practice-select"' not in page
