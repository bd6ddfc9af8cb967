"""Staff forms out of bounds (issue 12, points 2.1 and 2.5): an invitation to an address longer
than mail allows, and a credential dated in year 1, are form errors naming the field; nothing
is saved or sent. The invitation test also runs on PostgreSQL, where the address once reached
the database and gave a 500."""

from __future__ import annotations

import html

from django.urls import reverse

from conftest import World, client_for
from headway.accounts.models import Credential, Invitation


def test_an_invitation_email_over_254_characters_is_a_form_error(world: World, mailoutbox):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"  # 259 characters
    assert len(email) > 254
    response = client_for(world.owner).post(
        reverse("team"), {"email": email, "role": "practitioner"}
    )
    assert response.status_code == 200  # the team page again, with the error
    assert "Email</a>: Ensure this value has at most 254 characters" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_credential_dated_in_year_1_is_a_form_error(world: World):
    from headway.care.models import Technique

    Technique.objects.create(
        practice=world.practice, kind="upper_cervical", credential_method="Upper cervical therapy"
    )
    membership = world.colleague.memberships.get()
    response = client_for(world.colleague).post(
        reverse("practitioner_profile", args=[membership.pk]),
        {
            "method": "Upper cervical therapy",
            "issuing_body": "Academy",
            "issued_on": "0001-01-01",
            "expires_on": "9999-12-31",
        },
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    # Once: the model's own range check does not repeat the form's.
    assert page.count("Date issued</a>: give a date from 1900 to 2100") == 1
    assert "Expiry date</a>: give a date from 1900 to 2100" in page
    assert not Credential.objects.exists()
