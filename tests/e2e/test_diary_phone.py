"""The diary on a phone (390 px), issue 13: a list that stays short with earlier days on request
(1.13), an attack left open asked about on the next open (1.13), focus that moves into a form and
back (5.4), and focus rings of at least 3:1 in light and dark (5.3)."""

from __future__ import annotations

import re
import uuid
import zoneinfo
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from conftest import PASSWORD, make_patient
from headway.accounts.models import Practice, User
from headway.diary import services
from headway.diary.models import DiaryEntry
from headway.diary.schemas import EntryIn

ZONE = "Europe/Berlin"  # the practice's time zone (the default), and the phone's


@pytest.fixture
def patient(transactional_db):
    practice = Practice.objects.create(name="Alpenblick Praxis", time_zone=ZONE)
    user = User.objects.create_user("nora@example.org", PASSWORD)
    return make_patient(
        practice, "Nora", "Night", user=user, date_of_birth=date(1990, 3, 1), email=user.email
    )


def _now() -> datetime:
    return datetime.now(zoneinfo.ZoneInfo(ZONE)).replace(microsecond=0)


def _store(patient: Any, entries: list[dict[str, Any]]) -> None:
    context = {"date_of_birth": patient.date_of_birth}
    services.diary_entries_upsert(
        patient=patient, entries=[EntryIn.model_validate(e, context=context) for e in entries]
    )


def _checkin(days_ago: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "changed_at": _now().isoformat(),
        "kind": "checkin",
        "day": str(_now().date() - timedelta(days=days_ago)),
        "headache": False,
    }


def _open_attack(start: datetime, peak: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "changed_at": start.isoformat(),
        "kind": "attack",
        "day": str(start.date()),
        "start": start.isoformat(),
        "peak_intensity": peak,
    }


@pytest.fixture
def phone(browser, live_server, transactional_db):
    # After the database: its pages are closed before the test's rows are flushed, so no
    # request of a closing page meets the flush on the shared test connection.
    contexts = []

    def open_diary(color_scheme: str = "light") -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            timezone_id=ZONE,
            viewport={"width": 390, "height": 844},
            has_touch=True,
            color_scheme=color_scheme,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/accounts/login/")
        page.locator("#id_username").fill("nora@example.org")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#id_password").press("Enter")
        page.wait_for_url("**/portal/")
        page.goto("/portal/diary/")
        page.locator("#sync-status").get_by_text("All entries are sent.").wait_for()
        return page

    yield open_diary
    for context in contexts:
        # A sync the test set off may still be running on the server: let it answer first, so
        # it does not meet the flush of the test's rows.
        for open_page in context.pages:
            open_page.wait_for_load_state("networkidle")
        context.close()


def _entries_shown(page: Any) -> int:
    return int(page.locator("#entry-list button.entry").count())


def test_the_list_shows_two_weeks_and_earlier_days_on_request(phone, patient):
    from playwright.sync_api import expect

    # Forty days of check-ins and one from three months before: before, all of them (60 days)
    # were listed at once, 5,400 px on a phone.
    _store(patient, [_checkin(days_ago) for days_ago in range(1, 41)] + [_checkin(100)])
    page = phone()
    assert _entries_shown(page) == 13  # the last 14 days: today (nothing yet) and 13 before
    assert page.evaluate("document.documentElement.scrollHeight") < 2600
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    earlier = page.get_by_role("button", name="Show earlier days")
    earlier.tap()
    expect(page.locator("#entry-list button.entry")).to_have_count(27)
    earlier.tap()
    expect(page.locator("#entry-list button.entry")).to_have_count(40)
    # Beyond the 60 days fetched at first: the phone asks for more, and skips the empty weeks.
    earlier.tap()
    expect(page.locator("#entry-list button.entry")).to_have_count(41)
    assert page.locator("#show-earlier").is_hidden()
    oldest = str(_now().date() - timedelta(days=100))
    focused = page.evaluate("document.activeElement.getAttribute('data-id')")
    assert DiaryEntry.objects.get(client_id=focused).day.isoformat() == oldest


def test_an_attack_left_open_is_asked_about_when_the_app_opens(phone, patient):
    start = _now() - timedelta(hours=5)
    recent = _now() - timedelta(hours=1)
    _store(patient, [_open_attack(start, 6), _open_attack(recent, 4)])
    page = phone()
    prompt = page.locator("#open-attack")
    prompt.get_by_text("Has this headache ended? When?").wait_for()
    # Asked about the attack of five hours ago; the one of an hour ago may well still be going.
    assert "worst 6/10" in prompt.inner_text()

    page.get_by_role("button", name="No, it is still going").tap()
    assert prompt.is_hidden()
    assert page.evaluate("document.activeElement.id") == "log-attack"
    page.reload()  # the next time the app opens, it asks again
    prompt.get_by_text("Has this headache ended? When?").wait_for()

    ended = page.locator("#ended-at")
    ended.fill((start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the end").tap()
    prompt.get_by_role("alert").get_by_text("End: choose a time between the start").wait_for()
    assert DiaryEntry.objects.get(data__peak_intensity=6).data.get("end") is None

    end = start + timedelta(hours=2)
    ended.fill(end.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the end").tap()
    page.locator("#sync-status").get_by_text("Saved and sent.").wait_for()
    assert prompt.is_hidden()
    stored = DiaryEntry.objects.get(data__peak_intensity=6).data["end"]
    assert datetime.fromisoformat(stored) == end.replace(second=0)
    assert DiaryEntry.objects.get(data__peak_intensity=4).data.get("end") is None


def test_ended_just_now_closes_the_attack(phone, patient):
    _store(patient, [_open_attack(_now() - timedelta(hours=30), 8)])
    page = phone()
    page.get_by_role("button", name="Yes, it ended just now").tap()
    page.locator("#sync-status").get_by_text("Saved and sent.").wait_for()
    end = datetime.fromisoformat(DiaryEntry.objects.get().data["end"])
    assert abs((end - _now()).total_seconds()) < 120
    assert page.locator("#open-attack").is_hidden()


def _active(page: Any) -> str:
    return str(
        page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a.id || a.getAttribute('data-id') || a.tagName; })()"
        )
    )


def test_focus_moves_into_the_form_and_back_to_the_button_that_opened_it(phone, patient):
    from playwright.sync_api import expect

    page = phone()
    page.focus("#log-attack")
    page.keyboard.press("Enter")
    assert _active(page) == "attack-title"  # not the start button, hidden now
    page.keyboard.press("Tab")
    assert _active(page) == "peak-0"  # the next Tab reaches the first control
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.locator("#attack-save").focus()
    page.keyboard.press("Enter")
    page.locator("#sync-status").get_by_text("Saved and sent.").wait_for()
    assert _active(page) == "log-attack"
    assert DiaryEntry.objects.get().data["peak_intensity"] == 3

    page.focus("#log-checkin")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Daily check-in"
    page.locator("#checkin-form .cancel").click()
    assert _active(page) == "log-checkin"

    entry_id = str(DiaryEntry.objects.get().client_id)
    page.locator(f'button.entry[data-id="{entry_id}"]').focus()
    page.keyboard.press("Enter")
    assert _active(page) == "attack-title"
    page.locator('label[for="peak-5"]').click()
    page.locator("#attack-save").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#attack-form")).to_be_hidden()
    page.locator("#entry-list").get_by_text("peak 5/10").wait_for()
    assert _active(page) == entry_id  # the corrected entry's button, drawn anew


_RING_AND_BACKGROUND = """element => {
  const style = getComputedStyle(element);
  // The ring is drawn outside the control (outline-offset), over what is behind it.
  let node = element.parentElement, background = "rgba(0, 0, 0, 0)";
  while (node && node.nodeType === 1) {
    const colour = getComputedStyle(node).backgroundColor;
    const clear = /rgba\\(.*, 0\\)$/.test(colour) || colour === "transparent";
    if (!clear) { background = colour; break; }
    node = node.parentElement;
  }
  return [style.outlineStyle, style.outlineWidth, style.outlineColor, background];
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    return parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _ring_contrast(page: Any, selector: str) -> float:
    style, width, ring, background = page.locator(selector).evaluate(_RING_AND_BACKGROUND)
    assert style != "none" and float(width.rstrip("px")) >= 2, (selector, style, width)
    offset = page.locator(selector).evaluate("e => getComputedStyle(e).outlineOffset")
    assert float(offset.rstrip("px")) > 0, (selector, offset)
    br, bg, bb, _ = _rgba(background)
    r, g, b, alpha = _rgba(ring)
    # A half-transparent ring is seen over the page: blend it before measuring.
    shown = (
        r * alpha + br * (1 - alpha),
        g * alpha + bg * (1 - alpha),
        b * alpha + bb * (1 - alpha),
    )
    light, dark = sorted((_luminance(shown), _luminance((br, bg, bb))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _check_rings(page: Any) -> dict[str, float]:
    ratios = {}
    page.focus("#log-attack")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the intensity tiles
    ratios["intensity tile"] = _ring_contrast(page, 'label[for="peak-0"]')
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "More details"
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    ratios["more details"] = _ring_contrast(page, "#attack-details summary")
    page.keyboard.press("Escape")
    page.locator("#attack-form .cancel").click()
    page.focus("#log-checkin")
    page.keyboard.press("Enter")
    page.focus("#headache-no")
    page.keyboard.press("ArrowRight")  # to "Yes" by keyboard, as a keyboard user would
    ratios["yes tile"] = _ring_contrast(page, 'label[for="headache-yes"]')
    page.locator("#checkin-form .cancel").click()
    return ratios


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_diary_focus_rings_reach_3_to_1_in_light_and_dark(phone, patient, scheme):
    page = phone(color_scheme=scheme)
    ratios = _check_rings(page)
    assert min(ratios.values()) >= 3, ratios
    # The other theme chosen with the page's own button (the dimmer diary background at night).
    page.locator("#theme-toggle").click()
    ratios = _check_rings(page)
    assert min(ratios.values()) >= 3, ratios
