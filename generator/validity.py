"""Validity (有效性) of policy documents at an "as of" date: status, since, dated history.

Pure: no clock, no I/O, no MkDocs. ``as_of`` is an Asia/Shanghai calendar day
chosen by the caller (see STYLE.md, "Time is a parameter").

Every relation is written once, on the acting document (CONTENT_MODEL.md); this
module turns the relations, the target's own dates (``effective``, ``expires``)
and its outside ``events`` into one :class:`Change` list per document, then reads
the status at ``as_of`` off that list. Each relation is visited once and nothing
recurses, so cycles cannot loop and the cost is linear in documents + relations
(plus sorting each document's own short history).
"""
from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .model.policy import Policy


class Status(str, enum.Enum):
    """The five statuses of DOMAIN.md "Validity"; ``value`` is the stable id."""

    PENDING = "pending"
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    EXPIRED = "expired"

    def __str__(self) -> str:  # templates and ids want "in_force", not "Status.IN_FORCE"
        return self.value

    @property
    def label(self) -> str:
        """The Chinese label shown to visitors, e.g. ``现行有效``."""
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.PENDING: "尚未生效",
    Status.IN_FORCE: "现行有效",
    Status.AMENDED: "已修改",
    Status.REPEALED: "已废止",
    Status.EXPIRED: "已失效",
}

#: The 现行有效 list: in force, whether or not amended.
CURRENT = frozenset({Status.IN_FORCE, Status.AMENDED})
#: Statuses that end a document's life; the earliest one is final.
TERMINAL = frozenset({Status.REPEALED, Status.EXPIRED})

#: Front-matter relation key on the acting document -> resulting kind of the target.
RELATION_KINDS: dict[str, Status] = {
    "amends": Status.AMENDED,
    "repeals": Status.REPEALED,
    "replaces": Status.REPEALED,      # the replaced document is repealed (被替代即废止)
    "invalidates": Status.EXPIRED,    # 宣布失效 is 已失效, not 已废止
}

#: ``Event.type`` of an outside change -> resulting kind.
EVENT_KINDS: dict[str, Status] = {
    "amended": Status.AMENDED,
    "repealed": Status.REPEALED,
    "expired": Status.EXPIRED,
}


@dataclass(frozen=True, order=True)
class Change:
    """One dated change of one document's validity."""

    date: dt.date              # day the change takes effect (Asia/Shanghai calendar day)
    target: str                # id of the document changed
    kind: Status               # resulting kind: AMENDED, REPEALED, EXPIRED or IN_FORCE
    relation: str              # amends|repeals|replaces|invalidates|expires|event|effective
    by: str | None             # acting document on this site; None for expiry/event/effective
    event_index: int | None    # index into the target's ``events`` for relation == "event"
    upcoming: bool             # date > as_of: announced, not yet in effect


@dataclass(frozen=True)
class Validity:
    """A document's status at ``as_of`` with the history that explains it."""

    status: Status
    since: dt.date | None          # the day the current status began (None only if unknown)
    changes: tuple[Change, ...]    # incoming changes, incl. coming into force and term expiry
    acts: tuple[Change, ...]       # changes this document makes to other documents
    upcoming: tuple[Change, ...]   # the subset of ``changes`` not yet in effect

    @property
    def is_current(self) -> bool:
        """Whether the document belongs in the 现行有效 list."""
        return self.status in CURRENT


def is_published(document, as_of: dt.date) -> bool:
    """Whether ``document`` (any model with ``published``: a policy, an interpretation, a
    Q&A file, a decision catalog, a report) is published on ``as_of``, its publication day
    included: the one rule of what the site shows at a date."""
    return document.published <= as_of


def compute_validity(policies: Mapping[str, Policy], as_of: dt.date) -> dict[str, Validity]:
    """Status and history at ``as_of`` of every document published by then, keyed by id.

    Documents published after ``as_of`` are scheduled: they get no entry, and the
    relations they declare have no effect, not even as upcoming changes. Relations
    to ids that are unknown or not yet published are ignored (validation reports
    unknown ids). The result is ordered by id.
    """
    published = {pid: policies[pid] for pid in sorted(policies) if is_published(policies[pid], as_of)}
    incoming: dict[str, set[Change]] = {pid: set(_own_changes(pid, p, as_of)) for pid, p in published.items()}
    outgoing: dict[str, set[Change]] = {pid: set() for pid in published}
    for pid, policy in published.items():
        for change in _relation_changes(pid, policy, as_of):
            if change.target in incoming:
                incoming[change.target].add(change)
                outgoing[pid].add(change)
    return {pid: _validity(policy, incoming[pid], outgoing[pid], as_of) for pid, policy in published.items()}


def _own_changes(pid: str, policy: Policy, as_of: dt.date) -> Iterator[Change]:
    """Changes that come from the document's own front matter: in force, expiry, events."""
    start = policy.effective_date
    yield Change(start, pid, Status.IN_FORCE, "effective", None, None, start > as_of)
    # ``expires`` is the last day in force; date.max has no day after, so it never ends.
    if policy.expires is not None and policy.expires < dt.date.max:
        end = policy.expires + dt.timedelta(days=1)
        yield Change(end, pid, Status.EXPIRED, "expires", None, None, end > as_of)
    for index, event in enumerate(policy.events):
        yield Change(event.date, pid, EVENT_KINDS[event.type], "event", None, index, event.date > as_of)


def _relation_changes(pid: str, policy: Policy, as_of: dt.date) -> Iterator[Change]:
    """Changes the document makes to others, dated on its own effective date."""
    date = policy.effective_date
    for relation, kind in RELATION_KINDS.items():
        for target in getattr(policy, relation):
            yield Change(date, target, kind, relation, pid, None, date > as_of)


def _sort_key(change: Change) -> tuple:
    """(date, relation, by), then the rest so that equal keys still sort the same way."""
    index = -1 if change.event_index is None else change.event_index
    return change.date, change.relation, change.by or "", change.target, index, change.kind.value


def _sorted(changes: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=_sort_key))


def _validity(policy: Policy, incoming: set[Change], outgoing: set[Change], as_of: dt.date) -> Validity:
    changes = _sorted(incoming)
    status, since = _status_at(policy, changes, as_of)
    upcoming = tuple(c for c in changes if c.upcoming)
    return Validity(status, since, changes, _sorted(outgoing), upcoming)


def _status_at(policy: Policy, changes: tuple[Change, ...], as_of: dt.date) -> tuple[Status, dt.date | None]:
    """Read the status at ``as_of`` off a document's sorted incoming changes.

    The earliest repeal or expiry is final: a document declared invalid after its
    term ran out stays 已失效 from that day, and one replaced and later declared
    invalid stays 已废止. On the same day a repeal outranks an expiry.
    """
    in_effect = [c for c in changes if not c.upcoming]
    terminal = [c for c in in_effect if c.kind in TERMINAL]
    if terminal:
        first = min(terminal, key=lambda c: (c.date, c.kind is not Status.REPEALED))
        return first.kind, first.date
    start = policy.effective_date
    if as_of < start:
        return Status.PENDING, policy.published   # pending since the day it was published
    amended = [c.date for c in in_effect if c.kind is Status.AMENDED]
    if amended:
        # An amendment dated before the document came into force only shows once it does.
        return Status.AMENDED, max(min(amended), start)
    return Status.IN_FORCE, start
