"""The as-of date comes from one place: --as-of, else SOURCE_DATE_EPOCH, else today in Asia/Shanghai."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.clock import AsOfError, epoch_of, resolve_as_of

UTC = dt.timezone.utc
# 17:30 UTC on 21 November is 01:30 on 22 November in Shanghai (UTC+8).
LATE_EVENING_UTC = dt.datetime(2026, 11, 21, 17, 30, tzinfo=UTC)


def epoch(iso: str) -> str:
    return str(int(dt.datetime.fromisoformat(iso).timestamp()))


def test_the_flag_wins_over_source_date_epoch_and_the_clock():
    environ = {"SOURCE_DATE_EPOCH": epoch("2023-01-20T00:00:00+08:00")}
    assert resolve_as_of("2022-05-24", environ, now=LATE_EVENING_UTC) == dt.date(2022, 5, 24)


def test_source_date_epoch_wins_over_the_clock_and_is_read_in_shanghai():
    environ = {"SOURCE_DATE_EPOCH": epoch("2023-01-31T16:30:00+00:00")}
    assert resolve_as_of(None, environ, now=LATE_EVENING_UTC) == dt.date(2023, 2, 1)


def test_without_flag_or_epoch_it_is_today_in_shanghai_not_in_utc():
    assert resolve_as_of(None, {}, now=LATE_EVENING_UTC) == dt.date(2026, 11, 22)
    assert resolve_as_of(None, {}, now=LATE_EVENING_UTC.replace(hour=15, minute=59)) == dt.date(2026, 11, 21)


def test_an_empty_source_date_epoch_counts_as_unset():
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": ""}, now=LATE_EVENING_UTC) == dt.date(2026, 11, 22)


def test_a_bad_source_date_epoch_says_what_it_must_be():
    with pytest.raises(AsOfError) as error:
        resolve_as_of(None, {"SOURCE_DATE_EPOCH": "2026-11-21"})
    assert str(error.value) == ("SOURCE_DATE_EPOCH 应为整数秒，而不是 2026-11-21 "
                                "(SOURCE_DATE_EPOCH must be whole seconds, not 2026-11-21)")


def test_an_impossible_flag_date_says_what_it_must_be():
    with pytest.raises(AsOfError) as error:
        resolve_as_of("2022-02-30", {})
    assert str(error.value) == ("--as-of 应为真实日期 YYYY-MM-DD，而不是 2022-02-30 "
                                "(--as-of must be a real date YYYY-MM-DD, not 2022-02-30)")


def test_epoch_of_is_midnight_in_shanghai_and_round_trips():
    day = dt.date(2026, 11, 22)
    assert epoch_of(day) == int(dt.datetime(2026, 11, 21, 16, 0, tzinfo=UTC).timestamp())
    assert resolve_as_of(None, {"SOURCE_DATE_EPOCH": str(epoch_of(day))}) == day


def test_the_command_line_rejects_a_bad_source_date_epoch_with_exit_2(scratch_site, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert scratch_site.run("check") == 2
    assert capsys.readouterr().err == (
        "build.py: SOURCE_DATE_EPOCH 应为整数秒，而不是 yesterday "
        "(SOURCE_DATE_EPOCH must be whole seconds, not yesterday)\n")
