"""The one place the build's "as of" date comes from.

``--as-of`` wins, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today in
Asia/Shanghai: a document expires at midnight Beijing time wherever CI runs.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Mapping, Optional
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class AsOfError(ValueError):
    """A date that cannot be used; ``source`` is where it came from (the flag or the variable)."""

    def __init__(self, source: str, zh: str, en: str):
        self.source, self.zh, self.en = source, zh, en
        super().__init__(f"{zh} ({en})")


def resolve_as_of(flag: Optional[str] = None, environ: Mapping[str, str] = os.environ,
                  now: Optional[dt.datetime] = None) -> dt.date:
    """The as-of date: flag, else SOURCE_DATE_EPOCH, else today in Asia/Shanghai."""
    if flag:
        try:
            return dt.date.fromisoformat(flag)
        except ValueError:
            raise AsOfError("--as-of", f"--as-of 应为真实日期 YYYY-MM-DD，而不是 {flag}",
                            f"--as-of must be a real date YYYY-MM-DD, not {flag}") from None
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), SHANGHAI).date()
        except (ValueError, OverflowError, OSError):
            raise AsOfError("SOURCE_DATE_EPOCH", f"SOURCE_DATE_EPOCH 应为整数秒，而不是 {epoch}",
                            f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch}") from None
    return (now or dt.datetime.now(SHANGHAI)).astimezone(SHANGHAI).date()


def epoch_of(day: dt.date) -> int:
    """Midnight of ``day`` in Asia/Shanghai as a Unix timestamp (for SOURCE_DATE_EPOCH)."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI).timestamp())
