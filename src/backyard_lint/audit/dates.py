"""Lenient dates: an archive's date column as people and exports write it.

Accepted: ISO 8601 dates and date-times (``2021-03-04``, ``2021-03-04T10:00:00Z``, ``2021-03``,
``2021``), dates with slashes or dots in year-first order (``2021/03/04``) or day-first order
(``04.03.2021``, ``04/03/2021``: day first, as most of the world writes it), month names
(``4 March 2021``, ``March 4, 2021``, ``Mar 2021``), e-mail and RSS dates
(``Thu, 04 Mar 2021 10:00:00 +0000``), Unix timestamps in seconds or milliseconds, and the date
and date-time values of Parquet columns. Anything else is no date (``None``): counted by the
audit, never fatal.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_YEAR_FIRST = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?=$|[t\s])")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY_MONTH = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_NUMBER = re.compile(r"\d{9,13}$")

EARLIEST = dt.date(1000, 1, 1)


def parse_date(value: object) -> dt.date | None:
    """The date ``value`` stands for, or None when it holds none that can be read."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _timestamp(float(value))
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip().lower()
    if not text:
        return None
    found = _from_text(text)
    if found is None or found < EARLIEST:
        return None
    return found


def _from_text(text: str) -> dt.date | None:
    m = _YEAR_FIRST.match(text)
    if m:
        year, month, day = m.group(1), m.group(2) or "1", m.group(3) or "1"
        return _date(int(year), int(month), int(day))
    m = _DAY_FIRST.match(text)
    if m:
        return _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = _MONTH_DAY.match(text)
    if m and m.group(1) in _MONTHS:
        return _date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
    m = _DAY_MONTH.match(text)
    if m and m.group(2) in _MONTHS:
        return _date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1) or 1))
    if _NUMBER.match(text):
        return _timestamp(float(text))
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _timestamp(seconds: float) -> dt.date | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
