from django.urls import reverse

from conftest import World, client_for
from headway.care.models import ClinicalNote


def test_practitioner_reads_and_writes_notes(world: World):
    client = client_for(world.colleague)
    assert (
        world.note.body
        in client.get(reverse("clinical_notes", args=[world.patient.pk])).content.decode()
    )
    response = client.post(
        reverse("clinical_notes", args=[world.patient.pk]), {"body": "OA mobility reduced left."}
    )
    assert response.status_code == 302
    note = ClinicalNote.objects.get(body="OA mobility reduced left.")
    assert note.practice == world.practice and note.author == world.colleague


def test_an_empty_note_is_refused_with_the_field_named(world: World):
    response = client_for(world.colleague).post(
        reverse("clinical_notes", args=[world.patient.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert "New note" in response.content.decode()
    assert "This field is required." in response.content.decode()
    assert ClinicalNote.objects.count() == 1
