"""Credential documents are checked by their content, not only by their name (issue 12, 4.4)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import World, client_for
from headway.accounts.models import Credential
from headway.care.models import Technique

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.fixture(autouse=True)
def catalogue(world: World) -> None:
    # A credential's method is chosen from the methods the catalogue asks for (issue 13, 1.12).
    Technique.objects.create(
        practice=world.practice, kind="upper_cervical", credential_method="Upper cervical therapy"
    )


def upload(world: World, name: str, content: bytes):
    membership = world.colleague.memberships.get()
    return client_for(world.colleague).post(
        reverse("practitioner_profile", args=[membership.pk]),
        {
            "method": "Upper cervical therapy",
            "issuing_body": "Academy",
            "issued_on": "2024-03-01",
            "expires_on": "2027-03-01",
            "document": SimpleUploadedFile(name, content, "application/octet-stream"),
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("cert.pdf", PDF), ("cert.png", PNG), ("cert.jpg", JPEG), ("CERT.JPEG", JPEG)],
)
def test_a_real_pdf_png_or_jpeg_is_accepted(world: World, name: str, content: bytes):
    assert upload(world, name, content).status_code == 302
    assert Credential.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("cert.pdf", b"<html><script>alert(1)</script></html>"),
        ("cert.pdf", b"MZ\x90\x00 a Windows program"),
        ("cert.png", JPEG),  # a JPEG named .png: the name and the content disagree
        ("cert.jpg", PDF),
        ("cert.jpeg", b"\xff\xd8"),  # cut short
        ("cert.pdf", b" %PDF-1.7"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    world: World, name: str, content: bytes
):
    response = upload(world, name, content)
    assert response.status_code == 400
    assert "the file&#x27;s content is not a PDF, PNG or JPEG file" in response.content.decode()
    assert Credential.objects.count() == 0
