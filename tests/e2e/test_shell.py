"""A practitioner's first minute: sign in, German and back, open a patient, dark theme."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD, make_patient, make_staff
from headway.accounts.models import Practice, Role
from headway.audit.models import AuditEntry

pytestmark = pytest.mark.e2e


@pytest.fixture
def owner(transactional_db):  # type: ignore[no-untyped-def]
    practice = Practice.objects.create(name="Alpenblick Physio")
    user = make_staff(practice, "alice@example.org", Role.OWNER, "Alice Owner")
    make_patient(practice, "Paula", "Patient")
    return user


def test_sign_in_switch_language_open_patient_toggle_dark(page, owner):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto("/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()

    page.locator("#more-menu summary").click()
    page.get_by_label("Language").select_option("de")
    page.locator("#language-submit").click()
    expect(page.get_by_role("heading", name="Patienten")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator("#more-menu summary").click()
    page.get_by_label("Sprache").select_option("en")
    page.locator("#language-submit").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()

    page.get_by_role("link", name="Patient, Paula").click()
    expect(page.get_by_role("heading", name="Paula Patient")).to_be_visible()
    assert AuditEntry.objects.filter(action_code="patient.viewed", actor=owner).count() == 1

    page.get_by_role("button", name="Switch to dark theme").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    # The button now offers the way back instead of still reading "Dark theme" (issue 13, 1.10).
    expect(page.locator("#theme-toggle")).to_have_accessible_name("Switch to light theme")
    expect(page.get_by_role("button", name="Switch to dark theme")).to_have_count(0)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(background) < 0.2
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.get_by_role("button", name="Switch to light theme").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    expect(page.locator("#theme-toggle")).to_have_accessible_name("Switch to dark theme")


def test_theme_follows_the_operating_system(browser, live_server, owner):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    context = browser.new_context(base_url=live_server.url, color_scheme="dark")
    page = context.new_page()
    page.goto("/accounts/login/")
    expect(page.locator("#theme-toggle")).to_have_accessible_name("Switch to light theme")
    assert _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) < 0.2
    context.close()


def test_keyboard_users_can_skip_to_content_and_see_focus(page, owner):  # type: ignore[no-untyped-def]
    # (The sign-in page puts focus in the email field; this page starts with nothing focused.)
    page.goto("/accounts/password-reset/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _luminance(css_color: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", css_color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_pages_load_without_csp_violations_or_script_errors(page, owner):  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("alice@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Patients")).to_be_visible()
    # htmx live search swaps the table and announces the count.
    page.get_by_label("Search by name, email or phone").fill("zzz")
    expect(page.locator("#result-count")).to_have_text("0 patients")
    page.get_by_label("Search by name, email or phone").fill("pau")
    expect(page.locator("#result-count")).to_have_text("1 patient")
    for path in ("/practice/team/", "/practice/audit/", "/accounts/two-factor/"):
        page.goto(path)
    assert problems == []
