import pytest
from django.core.management import CommandError, call_command

from conftest import client_for
from headway.accounts.models import Membership, Practice, Role


def test_operator_creates_a_practice_whose_owner_joins_by_link(db, capsys, mailoutbox):
    call_command(
        "practice_create",
        "--name",
        "Praxis Süd",
        "--owner-email",
        "Owner@Example.org",
        "--base-url",
        "https://headway.example.org",
        "--language",
        "de",
    )
    out = capsys.readouterr().out
    link = next(
        line for line in out.splitlines() if line.startswith("https://headway.example.org/")
    )
    assert mailoutbox[0].to == ["owner@example.org"] and link in mailoutbox[0].body
    client = client_for(None)
    client.post(
        link.removeprefix("https://headway.example.org"),
        {
            "full_name": "Olga Owner",
            "password1": "a-long-enough-pass",
            "password2": "a-long-enough-pass",
        },
    )
    membership = Membership.objects.get(user__email="owner@example.org")
    assert membership.role == Role.OWNER and membership.practice.name == "Praxis Süd"


def test_a_bad_email_is_refused_and_nothing_is_created(db):
    with pytest.raises(CommandError, match="--owner-email"):
        call_command(
            "practice_create", "--name", "X", "--owner-email", "nope", "--base-url", "https://x.org"
        )
    assert not Practice.objects.exists()
