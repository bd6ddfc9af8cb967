"""The emergency number urgent advice names, by the practice's time zone (issue 13, 3.5)."""

from headway.clinical.emergency import emergency_numbers


def test_france_names_the_samu_first_then_112():
    assert emergency_numbers("Europe/Paris") == ("15", "112")
    assert emergency_numbers("Indian/Reunion") == ("15", "112")


def test_elsewhere_in_europe_it_is_112():
    for zone in ("Europe/Berlin", "Europe/Madrid", "Europe/Vienna", "Europe/Zurich"):
        assert emergency_numbers(zone) == ("112",)
