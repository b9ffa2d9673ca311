"""公开渠道和载体: the catalog's channel vocabulary, in the words of the 26 standard guidelines.

Staff copy channels from the standard catalogs of the 基层政务公开标准指引 (``两微一端``,
``社区/企事业单位/村公示栏(电子屏)``, ``■政府网站`` …), so every wording listed in
``generator/data/channels.yml`` is accepted and shown under one canonical name. A
channel that matches nothing is kept as written and gets a warning naming the nearest
canonical channel (:mod:`generator.features.catalog.checks`): an unfamiliar word never stops a build.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .yamlio import load_yaml

CHANNELS_FILE = Path(__file__).parent / "data" / "channels.yml"
#: Checkbox marks copied with a label from a catalog table (□政府网站, ■公开查阅点, √两微一端).
_MARKS = re.compile(r"^[■□☑☐▪◼◻√✓✔]+")
_SPACE = re.compile(r"\s+")


def channel_key(value: str) -> str:
    """What two wordings must share to be the same channel: width (（）/()、／//), spaces,
    case, ``、`` between alternatives and a leading checkbox mark do not count."""
    key = unicodedata.normalize("NFKC", value).casefold()
    key = _SPACE.sub("", key).replace("、", "/")
    return _MARKS.sub("", key)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[str, ...], dict[str, str]]:
    """(canonical names in the guidelines' order, {key of every wording: canonical name})."""
    data = load_yaml(CHANNELS_FILE.read_text(encoding="utf-8"), str(CHANNELS_FILE)).data
    names = tuple(entry["name"] for entry in data)
    by_key: dict[str, str] = {}
    for entry in data:
        for wording in (entry["name"], *(entry.get("aliases") or ())):
            by_key.setdefault(channel_key(wording), entry["name"])
    return names, by_key


def canonical_channels() -> tuple[str, ...]:
    """The channels the site shows, in the order of the guidelines' checkbox row."""
    return _vocabulary()[0]


def canonical_channel(value: str) -> Optional[str]:
    """The canonical name of a channel as staff wrote it, or None for an unknown one."""
    return _vocabulary()[1].get(channel_key(value))


def nearest_channel(value: str) -> Optional[str]:
    """The canonical channel whose name or other wording is closest to an unknown one, if any is close."""
    by_key = _vocabulary()[1]
    close = difflib.get_close_matches(channel_key(value), sorted(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None
