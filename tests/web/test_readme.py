"""The README describes what exists and names what is planned only as planned (issue 13, 1.14)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _paragraphs() -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", README.read_text())]


def test_the_readme_does_not_call_this_release_the_foundation():
    assert "This release is the foundation" not in README.read_text()


def test_booking_billing_and_fhir_appear_only_as_planned():
    for paragraph in _paragraphs():
        if re.search(r"\b(books appointments|booking|FHIR|billing)\b", paragraph, re.I):
            assert paragraph.startswith("Planned, not built yet"), paragraph


def test_the_readme_names_the_apps_that_exist():
    text = " ".join(README.read_text().split())
    for app in ("accounts", "patients", "care", "diary", "outcomes", "audit"):
        assert f"`{app}`" in text, app
