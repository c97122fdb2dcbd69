"""Lenient dates: what an archive's date column may hold."""

from __future__ import annotations

import datetime as dt

import pytest

from backyard_lint.audit.dates import parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-04", dt.date(2021, 3, 4)),
        ("2021-03-04T10:00:00Z", dt.date(2021, 3, 4)),
        ("2021-03-04 23:59", dt.date(2021, 3, 4)),
        ("2021-03", dt.date(2021, 3, 1)),
        ("2021", dt.date(2021, 1, 1)),
        ("2021/3/4", dt.date(2021, 3, 4)),
        ("04.03.2021", dt.date(2021, 3, 4)),
        ("4/3/2021", dt.date(2021, 3, 4)),
        ("4 March 2021", dt.date(2021, 3, 4)),
        ("4th Mar. 2021", dt.date(2021, 3, 4)),
        ("March 4, 2021", dt.date(2021, 3, 4)),
        ("Sept 2021", dt.date(2021, 9, 1)),
        ("Thu, 04 Mar 2021 10:00:00 +0000", dt.date(2021, 3, 4)),
        (1614852000, dt.date(2021, 3, 4)),
        ("1614852000000", dt.date(2021, 3, 4)),
        (dt.datetime(2021, 3, 4, 12), dt.date(2021, 3, 4)),
        (dt.date(2021, 3, 4), dt.date(2021, 3, 4)),
    ],
)
def test_readable_dates(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", [None, "", "  ", "someday", "2021-13-45", "31/02/2021", "Smarch 4, 2021", True, [1]]
)
def test_unreadable_dates_are_none(value: object) -> None:
    assert parse_date(value) is None
