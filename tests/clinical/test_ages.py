from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headway.clinical.ages import age_on


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(1980, 5, 17), date(2026, 5, 16), 45),  # the day before the birthday
        (date(1980, 5, 17), date(2026, 5, 17), 46),  # on the birthday
        (date(1980, 5, 17), date(2026, 5, 18), 46),
        (date(2000, 2, 29), date(2026, 2, 28), 25),  # leap-day birth, common year
        (date(2000, 2, 29), date(2026, 3, 1), 26),
        (date(2000, 2, 29), date(2028, 2, 29), 28),
        (date(2026, 1, 1), date(2026, 1, 1), 0),
    ],
)
def test_age_at_thresholds(born, day, age):
    assert age_on(born, day) == age


def test_day_before_birth_is_rejected():
    with pytest.raises(ValueError):
        age_on(date(2000, 1, 2), date(2000, 1, 1))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 20000))
def test_age_never_decreases_and_tracks_years(born, days):
    from datetime import timedelta

    later = born + timedelta(days=days)
    age = age_on(born, later)
    assert 0 <= age <= days // 365
    assert age_on(born, later + timedelta(days=1)) >= age
