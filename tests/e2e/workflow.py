"""Steps of the practitioner's workflow in the browser, by element names and ids only, so the
same steps run in every language."""

from __future__ import annotations

from typing import Any

from conftest import PASSWORD

SECTIONS = ("general", "headache_1", "red_flags", "neck", "medication", "low_back", "goals")


def sign_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/patients/**")


def answer(page: Any, name: str, value: Any) -> None:
    field = page.locator(f'[name="{name}"]').first
    tag = field.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '')")
    if tag == "select:select-one":
        page.locator(f'select[name="{name}"]').select_option(str(value))
    elif tag.endswith(":radio"):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    elif tag.endswith(":checkbox") and isinstance(value, bool):
        page.locator(f'input[name="{name}"]').set_checked(value)
    elif tag.endswith(":checkbox"):
        for item in value:
            page.locator(f'input[name="{name}"][value="{item}"]').check()
    else:
        field.fill(str(value))


def fill_intake(page: Any, link: str, answers: dict[str, dict[str, Any]]) -> None:
    """The patient's side: every section in turn, then send."""
    page.goto(link)
    page.on("dialog", lambda dialog: dialog.accept())
    for section in SECTIONS:
        page.wait_for_url(f"**section={section}**" if section != "general" else "**/intake/**")
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        for name, value in answers.get(section, {}).items():
            answer(page, name, value)
        if section == SECTIONS[-1]:
            page.locator("#intake-submit").click()
        else:
            page.locator("#intake-next").click()
    page.locator("#intake-done").wait_for()


def tablet_link(page: Any, patient_id: int) -> str:
    page.goto(f"/patients/{patient_id}/intake/")
    page.locator("#intake-tablet").click()
    return str(page.locator("#intake-link-text").input_value())


def review(page: Any, patient_id: int) -> None:
    page.goto(f"/patients/{patient_id}/intake/")
    page.locator("table a[href*='/intake/']").first.click()
    page.locator("#review-intake").click()
    page.locator("#red-flags").wait_for()


def decide(page: Any, code: str, decision: str, reason: str, new_code: str = "") -> None:
    block = page.locator(f"#suggestion-{code.replace('.', '')}")
    block.locator("summary").click()
    block.locator(f'input[name="decision"][value="{decision}"]').check()
    if new_code:
        block.locator('input[name="code"]').fill(new_code)
    block.locator('textarea[name="reason"]').fill(reason)
    block.locator("button[type=submit]").click()
    page.locator(f"#suggestion-{code.replace('.', '')} .decision").wait_for()


def screen_all_clear(page: Any, patient_id: int, **found: str) -> None:
    """A complete screen with nothing found, except the items given (name=value)."""
    page.goto(f"/patients/{patient_id}/screens/")
    # Only what the page offers: the C-spine rule appears after a "yes" to recent trauma.
    for radio in page.locator('.screen-form input[type=radio][value="no"]:visible').all():
        radio.check()
    for name in ("cranial_nerves_normal", "gait_and_coordination_normal"):
        page.locator(f'input[name="{name}"][value="yes"]').check()
    page.locator("#id_systolic_bp").fill("126")
    page.locator("#id_diastolic_bp").fill("82")
    for name, value in found.items():
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.locator("#screen-submit").click()
    page.locator("#screen-outcome").wait_for()


def examine(page: Any, patient_id: int, spots: list[str], fields: dict[str, Any]) -> str:
    """Mark regions on the drawing (each tap raises the intensity), record findings, save.
    Returns the candidate muscles shown while drawing."""
    page.goto(f"/patients/{patient_id}/examinations/new/")
    for key in spots:
        # Each tap asks for the candidates again; wait for the answer to this tap.
        with page.expect_response(lambda response: "candidates" in response.url):
            page.locator(f'.body-chart .spot[data-key="{key}"]').first.click()
    page.locator("#candidates ol").wait_for()
    candidates = str(page.locator("#candidates").inner_text())
    for name, value in fields.items():
        answer(page, name, value)
    page.locator("#exam-submit").click()
    page.locator("#trigger-points").wait_for()
    return candidates


def session(page: Any, patient_id: int, rows: list[dict[str, Any]], fields: dict[str, Any]) -> None:
    page.goto(f"/patients/{patient_id}/sessions/new/")
    for index, row in enumerate(rows):
        for name, value in row.items():
            answer(page, f"t-{index}-{name}", value)
    for name, value in fields.items():
        answer(page, name, value)
    page.locator("#session-save").click()


def sign(page: Any) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#note-sign").click()
    page.locator("#note-signed").wait_for()
