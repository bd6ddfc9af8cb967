"""The main pages of each role, in a browser: axe-core finds no critical or serious violation in
the light theme, the dark theme chosen by the system (prefers-color-scheme) and the dark theme
chosen with the page's own button; and at 390 px nothing is wider than the screen (issue 13,
1.8 and 5). axe-core comes from npm, installed once into tests/e2e/.axe (git-ignored)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from headway.care.models import CervicalScreen, ClassificationRun, Examination, TreatmentSession
from headway.patients.demo import DEMO_PASSWORD, DEMO_PATIENT_LOGIN, demo_practice_create
from headway.patients.models import Intake, Patient

pytestmark = pytest.mark.e2e

AXE_DIR = Path(__file__).parent / ".axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            if os.environ.get("CI"):
                pytest.fail("npm is missing in CI: .ci/run must install Debian's npm")
            pytest.skip("npm is not installed (apt-get install npm): axe-core comes from npm")
        AXE_DIR.mkdir(exist_ok=True)
        subprocess.run(  # noqa: S603 - a fixed command with the machine's npm
            [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def demo(transactional_db: None) -> dict[str, Any]:
    demo_practice_create()
    portal = Patient.objects.get(user__email=DEMO_PATIENT_LOGIN)
    referred = Patient.objects.get(last_name="Neumann")
    p = portal.pk
    exam = Examination.objects.filter(patient=portal).first()
    session = TreatmentSession.objects.filter(patient=portal).first()
    screen = CervicalScreen.objects.filter(patient=portal).first()
    intake = Intake.objects.filter(patient=portal).exclude(submitted_at=None).first()
    clinical = [
        "/outcomes/",
        "/outcomes/overdue/",
        f"/patients/{p}/",
        f"/patients/{p}/timeline/",
        f"/patients/{p}/intake/",
        f"/patients/{referred.pk}/screens/",
        f"/patients/{p}/diary/",
        f"/patients/{p}/outcomes/",
        f"/patients/{p}/examinations/",
        f"/patients/{p}/examinations/new/",
        f"/patients/{p}/plans/",
        f"/patients/{p}/sessions/new/",
        f"/patients/{p}/notes/",
    ]
    if intake:
        clinical.append(f"/patients/{p}/intake/{intake.pk}/")
    if exam:
        clinical.append(f"/patients/{p}/examinations/{exam.pk}/")
    if session:
        clinical.append(f"/patients/{p}/sessions/{session.pk}/")
    if screen:
        clinical.append(f"/patients/{p}/screens/{screen.pk}/")
    # The criteria's status colours and the red-flag badge ("referred").
    for run in ClassificationRun.objects.filter(patient__in=[portal, referred]):
        clinical.append(f"/patients/{run.patient_id}/classifications/{run.pk}/")
    return {
        "owner@demo.headway.test": [
            "/patients/",
            "/practice/team/",
            "/practice/techniques/",
            "/practice/audit/",
            "/practice/settings/",
            "/outcomes/",
            f"/patients/{p}/outcomes/",
        ],
        "uc@demo.headway.test": ["/patients/", *clinical],
        "reception@demo.headway.test": ["/patients/", f"/patients/{p}/"],
        DEMO_PATIENT_LOGIN: ["/portal/", "/portal/questionnaires/", "/portal/diary/reminders/"],
        # The diary gets its own pass: it is the app a patient opens at night.
        "diary": ["/portal/diary/"],
    }


def _signed_in(
    browser: Any, live_server: Any, email: str, axe: str = "", **context: Any
) -> Iterator[Any]:
    ctx = browser.new_context(base_url=live_server.url, locale="en-GB", **context)
    if axe:
        # An init script runs in every page before its own scripts, and the page's
        # Content-Security-Policy (script-src 'self') stays in force for the page itself.
        ctx.add_init_script(script=axe)
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_load_state()
    yield page
    # The diary syncs in the background: let its requests end before the database is flushed.
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    ctx.close()


def _axe(page: Any) -> list[str]:
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({"
        "id: v.id, impact: v.impact, help: v.help,"
        "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')"
        ".split('\\n').slice(1, 2).join(''))})))"
    )
    return [
        f"{v['impact']} {v['id']}: {v['help']} | " + " || ".join(v["nodes"])
        for v in result
        if v["impact"] in ("critical", "serious")
    ]


# (label, new_context options, press the theme button)
THEMES = [
    ("light", {"color_scheme": "light"}, False),
    ("system dark", {"color_scheme": "dark"}, False),
    ("button dark", {"color_scheme": "light"}, True),
]


def test_axe_finds_no_serious_violation(browser, live_server, demo, axe_source):
    found: list[str] = []
    for who, paths in demo.items():
        email = DEMO_PATIENT_LOGIN if who == "diary" else who
        for label, options, press in THEMES:
            for page in _signed_in(browser, live_server, email, axe_source, **options):
                if press:
                    page.locator("#theme-toggle").click()
                    assert page.locator("html").get_attribute("data-theme") == "dark"
                for path in paths:
                    page.goto(path)
                    found += [f"{who} {label} {path}: {v}" for v in _axe(page)]
    assert not found, "\n".join(found)


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    wide: list[str] = []
    for who, paths in demo.items():
        email = DEMO_PATIENT_LOGIN if who == "diary" else who
        for page in _signed_in(browser, live_server, email, viewport=PHONE):
            for path in paths:
                page.goto(path)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    wide.append(f"{who} {path}: {width} px")
    assert not wide, "\n".join(wide)
