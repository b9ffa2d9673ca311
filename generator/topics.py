"""主题分类: the State Council's two-level list, plus a site's own ``topics.yml``."""
from __future__ import annotations

import difflib
from functools import lru_cache
from pathlib import Path

from .files import is_plain
from .yamlio import load_yaml

BUILTIN = Path(__file__).parent / "data" / "topics.yml"
SEPARATOR = "\\"


def _flatten(data: object) -> list[str]:
    """``{一级: [二级, ...]}`` or a list of ``一级\\二级`` strings -> every valid entry."""
    entries: list[str] = []
    if isinstance(data, dict):
        for first, seconds in data.items():
            entries.append(first)
            entries.extend(f"{first}{SEPARATOR}{second}" for second in (seconds or []))
    elif isinstance(data, list):
        for item in data:
            entries.append(item)
            if SEPARATOR in item:
                entries.append(item.split(SEPARATOR, 1)[0])
    return entries


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> tuple[str, ...]:
    located = load_yaml(path.read_text(encoding="utf-8"), str(path))
    return tuple(_flatten(located.data))


def load_topic_file(path: Path) -> tuple[str, ...]:
    return _load(path, path.stat().st_mtime) if path.is_file() else ()


def known_topics(content_root: Path) -> frozenset[str]:
    """Every topic a document may name: built-in list + ``content/topics.yml``."""
    return frozenset(load_topic_file(BUILTIN) + _content_topics(content_root))


def _content_topics(content_root: Path) -> tuple[str, ...]:
    """``content/topics.yml``; never through a symlink (an error of its own, see content.py)."""
    path = Path(content_root) / "topics.yml"
    return load_topic_file(path) if is_plain(content_root, path) else ()


def ordered_topics(content_root: Path) -> list[str]:
    """Topics in the official order (built-in first), for lists and filters."""
    seen: dict[str, None] = {}
    for topic in load_topic_file(BUILTIN) + _content_topics(content_root):
        seen.setdefault(topic, None)
    return list(seen)


def suggest_topic(topic: str, topics: frozenset[str]) -> str | None:
    close = difflib.get_close_matches(topic, sorted(topics), n=1, cutoff=0.6)
    return close[0] if close else None


def split_topic(topic: str) -> tuple[str, str | None]:
    first, _, second = topic.partition(SEPARATOR)
    return first, (second or None)
