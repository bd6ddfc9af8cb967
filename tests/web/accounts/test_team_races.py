"""Team changes that arrive at the same moment (issue 12, 3.2 and 3.4)."""

from __future__ import annotations

from functools import partial

import pytest
from django.urls import reverse

from conftest import World, client_for, make_staff
from headway.accounts.models import Membership, Role, User
from headway.accounts.services import invitation_create
from web.concurrency import needs_postgresql, run_together

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]

ROUNDS = 8  # one round collides only sometimes; together they do nearly always


def test_two_owners_demoting_each_other_at_once_leave_one_owner(world: World):
    dora = make_staff(world.practice, "dora@example.org", Role.OWNER, "Dora Owner")
    alice_seat = Membership.objects.get(user=world.owner)
    dora_seat = Membership.objects.get(user=dora)
    alice, dora_client = client_for(world.owner), client_for(dora)
    demote_dora = reverse("membership_update", args=[dora_seat.pk])
    demote_alice = reverse("membership_update", args=[alice_seat.pk])
    for _ in range(ROUNDS):
        Membership.objects.filter(pk__in=[alice_seat.pk, dora_seat.pk]).update(role=Role.OWNER)
        answers = run_together(
            partial(alice.post, demote_dora, {"role": "practitioner"}),
            partial(dora_client.post, demote_alice, {"role": "practitioner"}),
        )
        assert not [a for a in answers if isinstance(a, Exception)], answers
        owners = Membership.objects.filter(practice=world.practice, role=Role.OWNER, is_active=True)
        assert owners.count() == 1


def test_the_same_invitation_accepted_twice_at_once_joins_once(world: World):
    form = {
        "full_name": "Nora Neu",
        "password1": "a-long-enough-pass",
        "password2": "a-long-enough-pass",
    }
    for round_ in range(ROUNDS):
        email = f"nora{round_}@example.org"
        links: list[str] = []
        invitation_create(
            practice=world.practice,
            email=email,
            role=Role.PRACTITIONER,
            invited_by=world.owner,
            base_url="http://testserver/",
            on_link=links.append,
        )
        path = links[0].removeprefix("http://testserver")
        first, second = client_for(None), client_for(None)
        answers = run_together(partial(first.post, path, form), partial(second.post, path, form))
        assert not [a for a in answers if isinstance(a, Exception)], answers
        assert [a.status_code for a in answers].count(302) == 1
        other = next(a for a in answers if a.status_code != 302)
        # Told either way: it waited for the first (409), or found the account the first had
        # just made (sign in), or came after the link was used.
        told = {
            409: "This invitation has already been accepted.",
            200: "There is already an account for",
            404: "has already been used",
        }
        assert other.status_code in told
        assert told[other.status_code] in other.content.decode()
        assert User.objects.filter(email=email).count() == 1
        assert Membership.objects.filter(user__email=email, practice=world.practice).count() == 1
