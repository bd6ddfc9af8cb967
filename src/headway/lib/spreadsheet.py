"""CSV files that open safely in a spreadsheet program. Every CSV export writes through here."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (CSV injection, OWASP "CSV Injection"); tab and carriage return because some programs strip
# them and then read the formula behind.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def csv_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, made inert by a leading apostrophe. Numbers
    stay numbers: a change of -71.4 % is not a formula and must still sort as a number."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer whose every cell, in every column, goes through csv_cell."""

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(value) for value in row])
