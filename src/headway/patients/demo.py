"""A synthetic demo practice. Every name, date and note here is invented."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from auditlog.context import disable_auditlog
from django.db import transaction
from django.utils import timezone

from headway.accounts.models import Membership, Practice, Role, User
from headway.care.demo import clinical_history_create, demo_credentials, red_flag_patient_create
from headway.care.models import ClinicalNote
from headway.diary.demo import RESPONSES, diary_demo_create
from headway.outcomes.demo import questionnaires_demo_create
from headway.outcomes.services import questionnaires_schedule
from headway.patients.models import Consent, ConsentKind, Patient, Sex

DEMO_PASSWORD = "headway-demo"  # noqa: S105 - demo only, printed by `make run`
DEMO_LOGINS = [
    ("owner@demo.headway.test", "Dr. Anna Keller", Role.OWNER),
    ("uc@demo.headway.test", "Jonas Brandt", Role.PRACTITIONER),
    ("sot@demo.headway.test", "Dr. Lucía Romero", Role.PRACTITIONER),
    ("reception@demo.headway.test", "Marie Laurent", Role.RECEPTION),
]
DEMO_PATIENT_LOGIN = "patient@demo.headway.test"


@dataclass(frozen=True)
class CareType:
    """One way of working from design.md section 1, with the notes a practitioner would write."""

    key: str
    count: int
    practitioner: str
    notes: tuple[str, ...]


CARE_TYPES = (
    CareType(
        "cluster",
        7,
        "uc@demo.headway.test",
        (
            "Intake: side-locked attacks around the right eye, 45-90 min, up to 3 a day during "
            "bouts, with tearing and restlessness. Cervical safety screen done before any neck "
            "work. "
            "Upper cervical care started; patient taught the self-management movement.",
            "7-month review: patient reports fewer attacks in the current bout; diary to confirm.",
            "18-month review: one short bout after a stressful period; long-term care continues.",
        ),
    ),
    CareType(
        "tth_trigger_points",
        8,
        "uc@demo.headway.test",
        (
            "Intake: pressing band-like headache on most days, worse at the desk. Active trigger "
            "points in right sternocleidomastoid and suboccipital muscles reproduce the familiar "
            "pain.",
            "Session: trigger-point release SCM and suboccipitals, OA mobilisation; pain 6 -> 4.",
        ),
    ),
    CareType(
        "tth_sot",
        8,
        "sot@demo.headway.test",
        (
            "Intake: bilateral pressing headache and low back pain. SOT category II indicators "
            "observed; leg length difference in prone position.",
            "Session: SOT blocking category II; posture advice. Low-back measure to be repeated "
            "at 4 weeks.",
        ),
    ),
    CareType(
        "cervicogenic",
        7,
        "uc@demo.headway.test",
        (
            "Intake: one-sided headache starting in the neck, provoked by sustained posture; "
            "reduced "
            "rotation to the left with a positive flexion-rotation test. Safety screen recorded.",
            "Session: mobilisation C1-C2 and home exercises; reassess range of motion next visit.",
        ),
    ),
)

FIRST_NAMES = {
    Sex.FEMALE: [
        "Lena",
        "Sofia",
        "Claire",
        "Elena",
        "Hanna",
        "Camille",
        "Julia",
        "Marta",
        "Ines",
        "Chloé",
        "Paula",
        "Greta",
    ],
    Sex.MALE: [
        "Lukas",
        "Mateo",
        "Louis",
        "Felix",
        "Pablo",
        "Hugo",
        "Tobias",
        "Diego",
        "Théo",
        "Jan",
        "Marco",
        "Noah",
    ],
}
LAST_NAMES = [
    "Schneider",
    "García",
    "Dubois",
    "Fischer",
    "Martínez",
    "Lefèvre",
    "Weber",
    "López",
    "Moreau",
    "Becker",
    "Sánchez",
    "Girard",
    "Hoffmann",
    "Navarro",
    "Fontaine",
    "Krüger",
    "Ortega",
    "Roux",
    "Wagner",
    "Ruiz",
    "Lambert",
    "Vogel",
    "Castillo",
    "Mercier",
    "Brandt",
    "Herrera",
    "Perrin",
    "Keller",
    "Molina",
    "Faure",
    "Lehmann",
    "Vidal",
]
LANGUAGES = ["de", "de", "en", "es", "fr"]


def demo_is_needed() -> bool:
    return not Practice.objects.exists()


@transaction.atomic
def demo_practice_create(*, seed: int = 7) -> Practice:
    rng = random.Random(seed)
    today = timezone.localdate()
    with disable_auditlog():
        practice = Practice.objects.create(name="Headway Demo Practice", time_zone="Europe/Berlin")
        staff: dict[str, User] = {}
        for email, name, role in DEMO_LOGINS:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
            Membership.objects.create(practice=practice, user=user, role=role)
            staff[email] = user
        memberships = {m.user.email: m for m in practice.memberships.select_related("user")}
        demo_credentials(practice, staff, today)
        names = iter(rng.sample(LAST_NAMES, len(LAST_NAMES)))
        first_patient = None
        for care in CARE_TYPES:
            for _ in range(care.count):
                sex = (
                    Sex.MALE
                    if care.key == "cluster" and rng.random() < 0.7
                    else rng.choice([Sex.FEMALE, Sex.FEMALE, Sex.MALE])
                )
                first = rng.choice(FIRST_NAMES[sex])
                last = next(names)
                started = today - timedelta(
                    days=rng.randint(40, 600 if care.key == "cluster" else 200)
                )
                patient = Patient.objects.create(
                    practice=practice,
                    first_name=first,
                    last_name=last,
                    date_of_birth=date(
                        rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)
                    ),
                    sex=sex,
                    email=f"{first}.{last}@example.org".lower().encode("ascii", "ignore").decode(),
                    phone=f"+49 30 {rng.randint(1000000, 9999999)}",
                    preferred_language=rng.choice(LANGUAGES),
                    physician_name=f"Dr. {rng.choice(LAST_NAMES)}",
                    physician_email="praxis@example.org",
                    created_at=timezone.make_aware(datetime.combine(started, time.min)),
                )
                for kind in (ConsentKind.DATA_PROCESSING, ConsentKind.TREATMENT):
                    Consent.objects.create(
                        practice=practice,
                        patient=patient,
                        kind=kind,
                        text_version="2026-01",
                        given_on=started,
                        recorded_by=staff["reception@demo.headway.test"],
                    )
                for index, body in enumerate(care.notes):
                    offset = (0, 210, 540)[index] if care.key == "cluster" else index * 14
                    when = started + timedelta(days=offset)
                    if when > today:
                        break
                    ClinicalNote.objects.create(
                        practice=practice,
                        patient=patient,
                        author=staff[care.practitioner],
                        body=body,
                        created_at=timezone.make_aware(datetime.combine(when, time.min))
                        + timedelta(hours=9),
                    )
                clinical_history_create(
                    patient=patient,
                    care=care.key,
                    membership=memberships[care.practitioner],
                    started=started,
                    rng=rng,
                )
                # The same response drives the diary and the questionnaires (drawn first, as
                # the diary's own draw was, so the diary stays as it was).
                response = rng.choice(RESPONSES)
                diary_demo_create(
                    patient=patient, care=care.key, started=started, rng=rng, response=response
                )
                questionnaires_demo_create(
                    patient=patient,
                    care=care.key,
                    by=staff[care.practitioner],
                    response=response,
                    # Its own generator, so the patients after this one keep their data.
                    rng=random.Random(f"questionnaires-{patient.pk}"),
                )
                first_patient = first_patient or patient
        assert first_patient is not None
        referred = Patient.objects.create(
            practice=practice,
            first_name="Walter",
            last_name="Neumann",
            date_of_birth=date(1963, 4, 2),
            sex=Sex.MALE,
            preferred_language="de",
            physician_name="Dr. Ruth Sommer",
            physician_language="de",
        )
        red_flag_patient_create(
            patient=referred,
            membership=memberships["uc@demo.headway.test"],
            day=today - timedelta(days=2),
        )
        portal_user = User.objects.create_user(
            DEMO_PATIENT_LOGIN, DEMO_PASSWORD, full_name=first_patient.full_name
        )
        first_patient.user = portal_user
        first_patient.email = DEMO_PATIENT_LOGIN
        first_patient.save(update_fields=["user", "email"])
        # Something to fill in on the portal (NPRS comes with Headway's own wording).
        questionnaires_schedule(
            patient=first_patient,
            instruments_chosen=["nprs"],
            timepoints=["other"],
            due_on=today,
            by=staff["uc@demo.headway.test"],
        )
    return practice
