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


def test_each_demo_patient_has_a_history_through_the_workflow(db, capsys):
    from headway.care.models import (
        CervicalScreen,
        DiagnosisDecision,
        Examination,
        Referral,
        TreatmentSession,
    )

    call_command("demo", "--if-empty")
    referred = Patient.objects.get(last_name="Neumann")
    assert Referral.objects.filter(patient=referred, closed_at__isnull=True).exists()
    assert not TreatmentSession.objects.filter(patient=referred).exists()
    codes = set()
    for patient in Patient.objects.exclude(pk=referred.pk):
        assert patient.intakes.filter(status="submitted").exists()
        decision = DiagnosisDecision.objects.get(patient=patient)
        codes.add(decision.code)
        assert Examination.objects.filter(patient=patient).exists()
        sessions = TreatmentSession.objects.filter(patient=patient)
        assert sessions.exists() and all(s.is_signed for s in sessions)
        for session in sessions.prefetch_related("techniques__technique"):
            if any(t.technique.touches_neck for t in session.techniques.all()):
                assert session.screen is not None
    assert codes == {"3.1.1", "2.2", "2.3", "11.2.1"}
    assert CervicalScreen.objects.count() >= 22


def test_demo_diaries_match_each_kind_of_headache(db, capsys):
    from headway.care.models import DiagnosisDecision
    from headway.diary.models import DiaryEntry, DiaryEntryVersion

    call_command("demo", "--if-empty")
    owner = User.objects.get(email="owner@demo.headway.test")
    staff = client_for(owner)
    seen: dict[str, int] = {}
    for patient in Patient.objects.exclude(last_name="Neumann"):
        entries = DiaryEntry.objects.filter(patient=patient)
        assert entries.filter(kind="checkin").count() > 30, patient
        decided = DiagnosisDecision.objects.filter(patient=patient).exclude(code="").first()
        if decided is None or decided.code[:2] in seen:
            continue
        seen[decided.code[:2]] = patient.pk
        # Classifying the diary leads back to the patient's kind of headache.
        response = staff.post(reverse("diary_classify", args=[patient.pk]))
        page = staff.get(response["Location"]).content.decode()
        expected = {"3.": "Cluster headache", "2.": "tension-type headache"}.get(decided.code[:2])
        if expected:
            assert expected.lower() in page.lower(), (decided.code, patient)
        assert staff.get(reverse("patient_diary", args=[patient.pk])).status_code == 200
    assert {"3.", "2."} <= set(seen)
    assert DiaryEntryVersion.objects.exists()  # some attacks were completed after they ended
    portal = User.objects.get(email="patient@demo.headway.test")
    assert client_for(portal).get("/api/diary/entries").json()


def test_demo_outcomes_fill_the_charts_and_the_dashboard(db, capsys):
    import re

    from headway.outcomes.models import PeriodRollup, QuestionnaireResponse
    from headway.outcomes.services import rollups_rebuild

    call_command("demo", "--if-empty")
    practitioner = client_for(User.objects.get(email="uc@demo.headway.test"))
    html = practitioner.get(reverse("practice_dashboard")).content.decode()
    # Several diagnoses, each with responder rates and their intervals.
    assert len(re.findall(r"\d+ of \d+: \d+ % \(\d+\u2013\d+ %\)", html)) >= 3
    # A treated patient with months of diary has every chart, questionnaires included.
    patient = next(
        p
        for p in Patient.objects.all()
        if PeriodRollup.objects.filter(patient=p, index__gte=3).exists()
        and QuestionnaireResponse.objects.filter(patient=p, instrument="hit6").count() >= 2
    )
    page = practitioner.get(reverse("patient_outcomes", args=[patient.pk])).content.decode()
    # Each drawing from its own URL (issue 13, 2.1).
    assert page.count('<img src="/patients/') >= 5
    # Something is overdue or open, so the lists have something to show.
    assert "overdue" in practitioner.get(reverse("questionnaires_overdue")).content.decode()
    # The rollup the demo built through the diary sync equals a rebuild.
    before = list(
        PeriodRollup.objects.order_by("patient_id", "index").values_list(
            "patient_id", "index", "recorded_days", "headache_days", "attacks"
        )
    )
    rollups_rebuild()
    after = list(
        PeriodRollup.objects.order_by("patient_id", "index").values_list(
            "patient_id", "index", "recorded_days", "headache_days", "attacks"
        )
    )
    assert before == after
    portal = client_for(User.objects.get(email="patient@demo.headway.test"))
    assert "portal-questionnaires-due" in portal.get(reverse("portal_home")).content.decode()
