from django.core.management import call_command
from django.urls import reverse

from conftest import client_for
from headway.accounts.models import Membership, Role, User
from headway.care.models import ClinicalNote
from headway.patients.models import Patient


def test_demo_creates_a_practice_that_covers_each_way_of_working(db, capsys):
    call_command("demo", "--if-empty")
    out = capsys.readouterr().out
    assert "owner@demo.headway.test" in out and "patient@demo.headway.test" in out
    roles = sorted(Membership.objects.values_list("role", flat=True))
    assert roles == sorted([Role.OWNER, Role.PRACTITIONER, Role.PRACTITIONER, Role.RECEPTION])
    assert 28 <= Patient.objects.count() <= 32
    notes = " ".join(ClinicalNote.objects.values_list("body", flat=True))
    for phrase in (
        "Upper cervical care",
        "sternocleidomastoid",
        "SOT category",
        "flexion-rotation",
        "18-month",
    ):
        assert phrase in notes
    portal = User.objects.get(email="patient@demo.headway.test")
    assert client_for(portal).get(reverse("portal_home")).status_code == 200


def test_demo_is_not_added_twice(db, capsys):
    call_command("demo", "--if-empty")
    call_command("demo", "--if-empty")
    assert Patient.objects.count() <= 32
    assert "already has data" in capsys.readouterr().out
