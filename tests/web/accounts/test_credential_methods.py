"""A credential's method is chosen from the practice's technique catalogue, and practitioners
can read the catalogue (issue 13, 1.12)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World, client_for
from headway.accounts.models import Credential
from headway.care.models import Technique

pytestmark = pytest.mark.django_db


def _post(world: World, method: str):
    membership = world.colleague.memberships.get()
    return client_for(world.colleague).post(
        reverse("practitioner_profile", args=[membership.pk]),
        {"method": method, "issuing_body": "Academy", "issued_on": "2024-03-01"},
    )


def test_the_method_is_chosen_from_the_methods_the_catalogue_asks_for(world: World):
    Technique.objects.create(
        practice=world.practice, kind="upper_cervical", credential_method="Upper cervical therapy"
    )
    Technique.objects.create(practice=world.practice, kind="sot_blocking", credential_method="SOT")
    # Another practice's methods are not offered.
    Technique.objects.create(
        practice=world.other_practice, kind="sot_blocking", credential_method="Secret method"
    )
    membership = world.colleague.memberships.get()
    page = (
        client_for(world.colleague)
        .get(reverse("practitioner_profile", args=[membership.pk]))
        .content.decode()
    )
    assert '<select name="method"' in page
    assert '<option value="Upper cervical therapy">' in page and '<option value="SOT">' in page
    assert "Secret method" not in page
    assert _post(world, "SOT").status_code == 302
    assert Credential.objects.get().method == "SOT"


def test_a_method_the_catalogue_does_not_name_is_refused(world: World):
    Technique.objects.create(practice=world.practice, kind="sot_blocking", credential_method="SOT")
    response = _post(world, "Upper cervical")  # free text that matches nothing
    assert response.status_code == 400
    assert "Method</a>: Select a valid choice." in response.content.decode()
    assert not Credential.objects.exists()


def test_without_methods_in_the_catalogue_the_form_says_who_adds_them(world: World):
    membership = world.colleague.memberships.get()
    page = (
        client_for(world.colleague)
        .get(reverse("practitioner_profile", args=[membership.pk]))
        .content.decode()
    )
    assert "names no method that needs a credential yet" in page


def test_a_practitioner_reads_the_catalogue_but_cannot_change_it(world: World):
    practitioner = client_for(world.colleague)
    page = practitioner.get(reverse("techniques")).content.decode()
    assert 'id="technique-list"' in page and "upper cervical therapy" in page
    assert 'id="catalogue-read-only"' in page
    assert "?edit=" not in page and '<form method="post" novalidate>' not in page
    response = practitioner.post(
        reverse("techniques"), {"name": "Mine", "kind": "other", "is_active": "on"}
    )
    assert response.status_code == 403
    assert not Technique.objects.filter(name="Mine").exists()
    # The owner still edits it; reception does not see it.
    assert "?edit=" in client_for(world.owner).get(reverse("techniques")).content.decode()
    assert client_for(world.reception).get(reverse("techniques")).status_code == 403
