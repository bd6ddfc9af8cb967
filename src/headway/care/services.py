from django.db import transaction

from headway.accounts.models import User
from headway.care.models import ClinicalNote
from headway.patients.models import Patient


@transaction.atomic
def clinical_note_create(*, patient: Patient, author: User, body: str) -> ClinicalNote:
    return ClinicalNote.objects.create(
        practice_id=patient.practice_id, patient=patient, author=author, body=body
    )
