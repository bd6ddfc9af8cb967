"""Every user-facing string is translated into de, es and fr (design.md section 10)."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

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
        if not entry.msgid_plural:
            if set(pattern.findall(entry.msgid)) - {"%(counter)s"} != set(
                pattern.findall(entry.msgstr)
            ) - {"%(counter)s"}:
                broken.append(entry.msgid)
            continue
        # A singular may leave the count out ("the last month"): every form uses only the
        # placeholders of the English forms, and the last (plural) form all of the plural's.
        english = set(pattern.findall(entry.msgid)) | set(pattern.findall(entry.msgid_plural))
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        if any(not set(pattern.findall(text)) <= english for text in forms) or set(
            pattern.findall(forms[-1])
        ) - {"%(counter)s"} != set(pattern.findall(entry.msgid_plural)) - {"%(counter)s"}:
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


# Issue 13, section 3: the words a native speaker would notice ------------------------------


def _msgstrs(language: str) -> list[tuple[str, str]]:
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    pairs = []
    for entry in catalogue.translated_entries():
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        pairs += [(entry.msgid, text) for text in texts]
    return pairs


def test_german_never_says_ueberweisung():
    """A manual therapist in Germany cannot issue an Überweisung (issue 13, 3.1)."""
    import re

    wrong = [
        (msgid, text)
        for msgid, text in _msgstrs("de")
        if re.search(r"überw(eis|ies)", text, re.IGNORECASE)
    ]
    assert wrong == []
    with translation.override("de"):
        assert gettext("Referral letter") == "Schreiben zur ärztlichen Abklärung"
        assert gettext("Reason for referral") == "Grund der ärztlichen Abklärung"


# The published ICHD-3 names (docs/terminology.md lists the source of each).
ICHD3_NAMES = [
    ("de", "2.1", "Selten auftretender episodischer Kopfschmerz vom Spannungstyp"),
    ("de", "2.2", "Häufig auftretender episodischer Kopfschmerz vom Spannungstyp"),
    (
        "de",
        "2.2.1",
        "Häufig auftretender episodischer Kopfschmerz vom Spannungstyp mit perikranieller "
        "Schmerzempfindlichkeit",
    ),
    ("de", "2.3", "Chronischer Kopfschmerz vom Spannungstyp"),
    ("de", "8.2.2", "Kopfschmerz zurückzuführen auf einen Triptanübergebrauch"),
    ("de", "8.2.4", "Kopfschmerz zurückzuführen auf einen Opioidübergebrauch"),
    ("es", "2.1", "Cefalea episódica infrecuente de tipo tensional"),
    ("es", "2.2", "Cefalea episódica frecuente de tipo tensional"),
    ("es", "2.3", "Cefalea crónica de tipo tensional"),
    ("es", "3.1", "Cefalea en racimos"),
    ("fr", "3.1", "Céphalée en grappe"),
    ("fr", "3.1.2", "Céphalée en grappe chronique"),
    ("fr", "2.2", "Céphalée de tension épisodique fréquente"),
]


@pytest.mark.parametrize(("language", "code", "name"), ICHD3_NAMES)
def test_diagnoses_carry_the_published_ichd3_names(language, code, name):
    from headway.care.vocabulary import DIAGNOSES

    with translation.override(language):
        assert str(DIAGNOSES[code]) == name


def test_no_catalogue_calls_the_pseudonymised_export_anonymous():
    """The export keeps a pseudonym: pseudonymised, not anonymised (issue 13, 3.3)."""
    for language in ("de", "es", "fr"):
        assert [t for _, t in _msgstrs(language) if "nonim" in t or "nonym" in t.lower()] == []
    with translation.override("de"):
        assert "pseudonymisiert" in gettext("Export pseudonymised CSV").lower()


@pytest.mark.parametrize(
    ("language", "sex", "technique", "psoas"),
    [("de", "divers", "andere", "keine"), ("es", "otro", "otra", "ninguna")],
)
def test_shared_words_take_their_context(language, sex, technique, psoas):
    """ "other" is "divers" only for sex in German; Spanish agrees with the noun (3.4)."""
    from headway.care.models import PsoasTension, TechniqueKind
    from headway.patients.models import Sex

    with translation.override(language):
        assert str(Sex.OTHER.label) == sex
        assert str(PsoasTension.NONE.label) == psoas
        other = next(c for c in TechniqueKind if c.value == "other")
        assert str(other.label) == technique


def test_french_typography():
    """French: the apostrophe U+2019 and a narrow no-break space before ; : ? ! (3.6)."""
    import re

    plain_space = [t for _, t in _msgstrs("fr") if re.search(r"[ \u00a0][;:?!]", t)]
    no_space = [t for _, t in _msgstrs("fr") if re.search(r"[^\W\d_»)][;:?!](\s|$)", t)]
    straight = [t for _, t in _msgstrs("fr") if re.search(r"\w'\w", t)]
    assert (plain_space, no_space, straight) == ([], [], [])


@pytest.mark.parametrize(
    ("language", "english", "translated"),
    [
        ("es", "Median change", "Mediana del cambio"),
        ("es", "Days with acute headache medicine", "Días con medicación para las crisis"),
        ("de", "Self-management movement", "Selbsthilfeübung"),
        ("de", "Headache now", "Ich habe jetzt Kopfschmerzen"),
        ("de", "Recall period: %(recall)s.", "Bezugszeitraum: %(recall)s."),
        ("fr", "Recall period: %(recall)s.", "Période évaluée\u202f: %(recall)s."),
        ("fr", "Self-management movement", "Exercice d\u2019autosoin"),
        ("fr", "Daily check-in", "Suivi du jour"),
        ("fr", "worst %(n)s/10", "intensité maximale %(n)s/10"),
    ],
)
def test_single_fixes_of_the_review(language, english, translated):
    with translation.override(language):
        assert gettext(english) == translated


@pytest.mark.parametrize(
    ("time_zone", "language", "number"),
    [("Europe/Berlin", "de", "112"), ("Europe/Paris", "fr", "15 ou 112")],
)
def test_urgent_advice_names_the_emergency_number_of_the_country(
    world: World, mailoutbox, time_zone, language, number
):
    """The patient is told which number to call, not "the emergency number" (3.5)."""
    import re

    world.patient.practice.time_zone = time_zone
    world.patient.practice.save()
    client_for(world.reception).post(
        reverse("intake_manage", args=[world.patient.pk]), {"send": "email"}
    )
    link = re.search(r"https?://[^/\s]+(/intake/[^\s]+/)", mailoutbox[-1].body)
    assert link
    patient = client_for(None)
    patient.cookies["django_language"] = language
    page = patient.post(link.group(1) + "?section=goals", {"goals": "x", "go": "submit"})
    assert page.status_code == 200
    advice = re.search(r'<p id="urgent-advice">([^<]*)</p>', page.content.decode())
    assert advice, page.content.decode()
    assert re.search(rf"\b{number}\b", advice.group(1)), advice.group(1)
    # The German practice names 112 alone, never the French 15.
    assert (" 15 " in advice.group(1)) is (time_zone == "Europe/Paris")
