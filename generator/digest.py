"""Stable digests of page inputs, so a cache can tell an unchanged page without rendering it.

:func:`digest` hashes a tree of plain values (str, numbers, dates, enums, lists, dicts,
dataclasses, pydantic models, loaded entries) in a form that is the same in every
process and every run. A value it cannot vouch for (a function, an object without
fields, the whole resolved site) raises :class:`Unkeyable`; the caller then simply
does not cache. That is the safety rule: a digest exists only when every input is
covered, so a cached page is never stale.

A ``functools.partial`` of a named function is covered by its name and arguments (the
function's code is in the fingerprint); a lambda is not.

A loaded :class:`~generator.content.Entry` is represented by its file and the hash
of the file's bytes (``Entry.digest``): its model and body are functions of those
bytes and of the code, and the code is part of every cache's fingerprint.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import functools
import hashlib
from typing import Any, Callable

from pydantic import BaseModel


class Unkeyable(TypeError):
    """A value whose content cannot be digested; whatever holds it is not cached."""


class Lazy:
    """A value computed only when needed, known beforehand by a token (e.g. a QR code by its URL)."""

    __slots__ = ("token", "make", "_value", "_done")

    def __init__(self, token: Any, make: Callable[[], Any]):
        self.token, self.make, self._done, self._value = token, make, False, None

    def value(self) -> Any:
        if not self._done:
            self._value, self._done = self.make(), True
        return self._value


#: Types that hold the whole site: digesting them would be slow and say nothing precise.
FORBIDDEN: tuple[type, ...] = ()


def forbid(*types: type) -> None:
    """Refuse these types inside a digest (the site and content containers register themselves)."""
    global FORBIDDEN
    FORBIDDEN = FORBIDDEN + types


def digest(*values: Any) -> str:
    """A 32-hex-digit hash of ``values``; raises :class:`Unkeyable` for values it cannot cover."""
    parts: list[str] = []
    for value in values:
        _feed(value, parts)
    return hashlib.blake2b("".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_FIELDS: dict[type, tuple[str, ...]] = {}


def _feed(value: Any, out: list[str]) -> None:  # noqa: C901 - one flat dispatch on the type
    kind = type(value)
    if kind is str:
        out.append(f"s{len(value)}:")
        out.append(value)
    elif value is None or kind is bool or kind is int or kind is float:
        out.append(f"{kind.__name__}:{value!r};")
    elif isinstance(value, str):  # Markup and other str subclasses escape differently in templates
        out.append(f"{kind.__name__}{len(value)}:")
        out.append(str(value))
    elif isinstance(value, (list, tuple)):
        out.append(f"{'[' if isinstance(value, list) else '('}{len(value)}:")
        for item in value:
            _feed(item, out)
    elif isinstance(value, dict):
        out.append(f"{{{len(value)}:")
        for key, item in value.items():
            _feed(key, out)
            _feed(item, out)
    elif isinstance(value, (set, frozenset)):
        inner = sorted(digest(item) for item in value)
        out.append(f"set{len(inner)}:" + ",".join(inner) + ";")
    elif isinstance(value, decimal.Decimal):
        out.append(f"Decimal:{value};")
    elif isinstance(value, (dt.date, dt.datetime)):
        out.append(f"{kind.__name__}:{value.isoformat()};")
    elif isinstance(value, enum.Enum):
        out.append(f"{kind.__name__}.{value.name};")
    elif isinstance(value, Lazy):
        out.append("lazy:")
        _feed(value.token, out)
    elif isinstance(value, functools.partial) and "<" not in value.func.__qualname__:
        # a named function of this package (its code is in every cache's fingerprint) and its arguments
        out.append(f"partial:{value.func.__module__}.{value.func.__qualname__}")
        _feed(value.args, out)
        _feed(value.keywords, out)
    elif FORBIDDEN and isinstance(value, FORBIDDEN):
        raise Unkeyable(f"{kind.__name__} is not digested (it holds the whole site)")
    elif hasattr(value, "digest_token"):
        _feed(value.digest_token(), out)
    elif isinstance(value, BaseModel):
        out.append(f"{kind.__name__}<")
        _feed(value.__dict__, out)
        out.append(">")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        out.append(f"{kind.__name__}<")
        for name in names:
            _feed(getattr(value, name), out)
        out.append(">")
    else:
        raise Unkeyable(f"cannot digest a {kind.__module__}.{kind.__qualname__}")
