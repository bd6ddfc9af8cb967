from __future__ import annotations

from django.urls import reverse

from conftest import World, client_for
from headway.accounts.models import Invitation, Membership, Role


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
