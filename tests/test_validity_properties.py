"""Properties of validity that must hold for any set of documents and any dates."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model.policy import Policy
from generator.validity import CURRENT, TERMINAL, Status, compute_validity

BASE = dt.date(2020, 1, 1)
IDS = [f"d{i}" for i in range(8)]
# "ghost" is never a document; "late" is the id of the document added after as_of.
TARGETS = IDS + ["ghost", "late"]
RELATIONS = ("amends", "repeals", "replaces", "invalidates")


def day(offset: int) -> str:
    return (BASE + dt.timedelta(days=offset)).isoformat()


@st.composite
def policies(draw, published=st.integers(0, 60)) -> Policy:
    """One document; effective is never before published (see the monotonicity test)."""
    pub = draw(published)
    data: dict = {"title": "测试文件", "genre": "normative", "issuer": ["county-gov"],
                  "doc_number": "清政规〔2020〕1号", "written": day(pub), "published": day(pub)}
    start = pub
    if draw(st.booleans()):
        start = pub + draw(st.integers(0, 20))
        data["effective"] = day(start)
    if draw(st.booleans()):
        data["expires"] = day(start + draw(st.integers(0, 30)))
    for relation in RELATIONS:
        data[relation] = draw(st.lists(st.sampled_from(TARGETS), max_size=2))
    data["events"] = draw(st.lists(st.builds(
        lambda offset, kind: {"date": day(offset), "type": kind, "by_title": "外部文件"},
        st.integers(0, 90), st.sampled_from(["amended", "repealed", "expired"])), max_size=2))
    return Policy.model_validate(data)


worlds = st.dictionaries(st.sampled_from(IDS), policies(), max_size=len(IDS))
dates = st.integers(-5, 100).map(lambda offset: BASE + dt.timedelta(days=offset))


@settings(max_examples=150, deadline=None)
@given(worlds, dates)
def test_exactly_one_status_per_published_document_per_date(docs, as_of):
    result = compute_validity(docs, as_of)
    assert set(result) == {pid for pid, p in docs.items() if p.published <= as_of}
    for pid, validity in result.items():
        assert isinstance(validity.status, Status)
        assert validity.since is not None and validity.since <= as_of
        in_effect = [c for c in validity.changes if not c.upcoming]
        terminal = [c for c in in_effect if c.kind in TERMINAL]
        # The status agrees with the history it is read from.
        assert (validity.status in TERMINAL) == bool(terminal)
        if validity.status is Status.PENDING:
            assert as_of < docs[pid].effective_date
        assert all(c.target == pid for c in validity.changes)
        assert validity.upcoming == tuple(c for c in validity.changes if c.date > as_of)


@settings(max_examples=150, deadline=None)
@given(worlds, dates, dates)
def test_once_repealed_or_expired_it_stays_so_and_pending_never_follows_in_force(docs, first, second):
    d1, d2 = sorted((first, second))
    earlier, later = compute_validity(docs, d1), compute_validity(docs, d2)
    for pid, validity in earlier.items():
        if validity.status in TERMINAL:
            assert (later[pid].status, later[pid].since) == (validity.status, validity.since)
        if validity.status in CURRENT:
            assert later[pid].status is not Status.PENDING


@settings(max_examples=150, deadline=None)
@given(worlds, dates, st.data())
def test_adding_a_document_published_after_as_of_changes_nothing(docs, as_of, data):
    after = (as_of - BASE).days + 1
    late = data.draw(policies(published=st.integers(after, after + 30)))
    assert compute_validity(docs, as_of) == compute_validity({**docs, "late": late}, as_of)


@settings(max_examples=150, deadline=None)
@given(worlds, dates)
def test_every_act_appears_in_its_targets_changes_and_every_change_by_a_document_in_its_acts(docs, as_of):
    result = compute_validity(docs, as_of)
    for pid, validity in result.items():
        for act in validity.acts:
            assert act.by == pid
            assert act in result[act.target].changes
        for change in validity.changes:
            if change.by is not None:
                assert change in result[change.by].acts
