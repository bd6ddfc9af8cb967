"""English as written in the practices Headway serves (Germany, Spain, France and elsewhere in
Europe): day before month and the 24-hour clock, as in British English (Django's en_GB, but with
"14:30" instead of "2:30 p.m."). Django's own "en" is American (month first, a.m./p.m.), which
staff and patients in a German practice misread ("11/12" is 11 December to them). Issue 13, 1.1.
"""

DATE_FORMAT = "j M Y"  # 29 Nov 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j M Y, H:i"  # 29 Nov 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "j F"  # 29 November
SHORT_DATE_FORMAT = "d/m/Y"  # 29/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 29/11/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first: the date and time inputs of the forms send and show ISO dates (type="date").
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
