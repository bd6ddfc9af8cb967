from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from headway.accounts.decorators import permission_required
from headway.audit.services import audit_record
from headway.care import services
from headway.care.forms import ClinicalNoteForm
from headway.patients.queries import patient_get


@permission_required("patients.read_clinical")
def clinical_notes(request: HttpRequest, patient_id: int) -> HttpResponse:
    patient = patient_get(request, patient_id)
    form = ClinicalNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.clinical_note_create(
            patient=patient,
            author=request.user,  # type: ignore[arg-type]
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("Note saved."))
        return redirect("clinical_notes", patient.pk)
    audit_record(instance=patient, action_code="patient.notes.viewed")
    notes = patient.clinical_notes.select_related("author")
    return render(
        request,
        "care/notes.html",
        {"patient": patient, "notes": notes, "form": form},
        status=400 if form.errors else 200,
    )
