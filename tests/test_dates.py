import datetime as dt

import pytest

from pressclip.dates import SEOUL, parse_date, parse_list_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("23-04-26 11:30", "2023-04-26T11:30:00+09:00"),
        ("작성일24-03-05 14:22", "2024-03-05T14:22:00+09:00"),
        ("2023.04.23.", "2023-04-23"),
        ("2024. 3. 5.", "2024-03-05"),
        ("2023-09-14 16:05:12", "2023-09-14T16:05:12+09:00"),
        ("2025년 6월 2일", "2025-06-02"),
        ("등록일 : 2024.01.29", "2024-01-29"),
        ("2019-08-02 오후 3:05:00", "2019-08-02T15:05:00+09:00"),
        ("2019-08-02 오전 12:10", "2019-08-02T00:10:00+09:00"),
        ("2024-03-05T14:22:00+09:00", "2024-03-05T14:22:00+09:00"),
        ("2024-03-05T05:22:00Z", "2024-03-05T05:22:00+00:00"),
        ("2024.03.05 (화) 10:00", "2024-03-05T10:00:00+09:00"),
    ],
)
def test_board_shapes(text, iso):
    assert parse_date(text).isoformat() == iso


def test_aware_and_seoul():
    value = parse_date("23-04-26 11:30")
    assert value.tzinfo is SEOUL and value.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.parametrize("text", ["", "조회1,494회", "2023-13-45", "내용 없음", None])
def test_no_date(text):
    assert parse_date(text) is None


def test_list_dates():
    today = dt.date(2026, 11, 25)
    assert parse_list_date("03-05", today) == "--03-05"
    assert parse_list_date("14:22", today) == "2026-11-25"
    assert parse_list_date("24-03-05", today) == "2024-03-05"
    assert parse_list_date("2024.03.05", today) == "2024-03-05"
