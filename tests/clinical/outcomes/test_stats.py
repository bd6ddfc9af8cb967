"""Proportions with Wilson 95% intervals, checked against Newcombe's published examples
(Statistics in Medicine 1998;17:857-872, table II, method 3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.stats import median, proportion


@pytest.mark.parametrize(
    ("successes", "total", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe(successes, total, low, high):
    p = proportion(successes, total)
    assert p.low == pytest.approx(low, abs=0.00006)
    assert p.high == pytest.approx(high, abs=0.00006)


def test_all_successes_reach_one_and_nothing_has_no_interval():
    assert proportion(20, 20).high == 1.0
    assert proportion(20, 20).low == pytest.approx(1 - 0.1611, abs=0.0001)
    empty = proportion(0, 0)
    assert empty.rate is None and empty.low is None and empty.high is None


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        proportion(3, 2)


@given(st.integers(0, 500), st.integers(1, 500))
def test_the_interval_holds_the_rate_and_stays_in_0_1(successes, total):
    successes = min(successes, total)
    p = proportion(successes, total)
    assert p.rate is not None and p.low is not None and p.high is not None
    assert 0.0 <= p.low <= p.rate <= p.high <= 1.0


def test_median():
    assert median([3, 1, 2]) == 2
    assert median([-50.0, -25.0, 0.0, 10.0]) == -12.5
    assert median([]) is None
