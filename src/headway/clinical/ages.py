"""Age arithmetic used by the red-flag rules (age at onset) and by every patient header."""

from datetime import date


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of life on `day` (a birthday counts on the day itself).

    A person born on 29 February turns a year older on 1 March in common years, the usual
    legal convention.
    """
    if day < date_of_birth:
        raise ValueError("day is before the date of birth")
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
