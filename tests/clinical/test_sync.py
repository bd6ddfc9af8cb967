"""The conflict rule for a diary entry changed on two devices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.sync import Outcome, Version, resolve

T0 = datetime(2026, 11, 20, 3, 12, tzinfo=UTC)
PHONE = Version(T0, {"peak_intensity": 8, "note": "woke me up"})
WEB = Version(T0 + timedelta(minutes=40), {"peak_intensity": 7, "note": "woke me up at 3"})


def test_a_new_entry_is_created():
    assert resolve(None, PHONE) is Outcome.CREATED


def test_the_same_version_again_changes_nothing():
    assert resolve(PHONE, Version(T0, dict(PHONE.payload))) is Outcome.UNCHANGED


def test_the_later_change_wins_whichever_arrives_first():
    assert resolve(PHONE, WEB) is Outcome.UPDATED
    assert resolve(WEB, PHONE) is Outcome.KEPT_IN_HISTORY


def test_a_change_one_second_later_wins_and_one_second_earlier_does_not():
    later = Version(T0 + timedelta(seconds=1), {"peak_intensity": 6})
    earlier = Version(T0 - timedelta(seconds=1), {"peak_intensity": 6})
    assert resolve(PHONE, later) is Outcome.UPDATED
    assert resolve(PHONE, earlier) is Outcome.KEPT_IN_HISTORY


def test_same_second_different_content_is_settled_the_same_way_in_either_order():
    a = Version(T0, {"peak_intensity": 5})
    b = Version(T0, {"peak_intensity": 9})
    first = resolve(a, b)
    second = resolve(b, a)
    assert {first, second} == {Outcome.UPDATED, Outcome.KEPT_IN_HISTORY}


payloads = st.dictionaries(st.sampled_from(["peak_intensity", "note", "side"]), st.integers(0, 10))
times = st.integers(0, 10_000).map(lambda s: T0 + timedelta(seconds=s))


@given(times, payloads, times, payloads)
def test_whatever_the_order_of_arrival_the_same_version_ends_up_as_the_entry(t1, p1, t2, p2):
    one, two = Version(t1, p1), Version(t2, p2)
    kept_if_one_first = two if resolve(one, two) is Outcome.UPDATED else one
    kept_if_two_first = one if resolve(two, one) is Outcome.UPDATED else two
    assert kept_if_one_first.fingerprint == kept_if_two_first.fingerprint
    assert kept_if_one_first.changed_at == kept_if_two_first.changed_at
