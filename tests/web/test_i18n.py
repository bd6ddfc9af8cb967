"""Every user-facing string is translated into de, es and fr (design.md section 10)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.urls import reverse

import headway
from conftest import World, client_for

LOCALE = Path(headway.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_catalogue_is_complete_and_not_fuzzy(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_placeholders_survive_translation(language):
    import re

    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    pattern = re.compile(r"%\(\w+\)[sd]")
    broken = []
    for entry in catalogue.translated_entries():
        translations = (
            [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        )
        for text in translations:
            if set(pattern.findall(entry.msgid)) - {"%(counter)s"} != set(pattern.findall(text)) - {
                "%(counter)s"
            }:
                broken.append(entry.msgid)
    assert broken == []


def test_catalogue_covers_the_templates():
    """A string added to a template but not collected by `make messages` fails here."""
    import re

    catalogue = {e.msgid for e in polib.pofile(str(LOCALE / "de" / "LC_MESSAGES" / "django.po"))}
    templates = Path(headway.__file__).parent / "templates"
    missing = []
    for path in templates.rglob("*.html"):
        for msgid in re.findall(r'{% translate "([^"]+)" %}', path.read_text()):
            # The translate tag looks a literal "%" up as "%%", as makemessages stores it.
            if msgid.replace("%", "%%") not in catalogue:
                missing.append((path.name, msgid))
    assert missing == []


@pytest.mark.parametrize(
    ("language", "heading"), [("de", "Patienten"), ("es", "Pacientes"), ("fr", "Patients")]
)
def test_the_language_switcher_changes_the_interface(world: World, language, heading):
    client = client_for(world.reception)
    response = client.post(
        reverse("set_language"), {"language": language, "next": reverse("patient_list")}
    )
    assert response.status_code == 302
    page = client.get(reverse("patient_list")).content.decode()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page


@pytest.mark.parametrize("language", ["de", "es", "fr"])
def test_catalogue_compiles_cleanly(language):
    import shutil
    import subprocess

    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


@pytest.mark.parametrize(
    ("language", "heading"), [("de", "Serverfehler"), ("fr", "Erreur du serveur")]
)
def test_the_server_error_page_is_translated(language, heading):
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        page = render_to_string("500.html")
    assert f"<h1>{heading}</h1>" in page and f'lang="{language}"' in page
