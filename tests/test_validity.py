"""Validity (有效性): one test per rule of generator/validity.py, with exact results."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.model.policy import Policy
from generator.validity import (
    CURRENT,
    STATUS_LABELS,
    Change,
    Status,
    compute_validity,
    is_published,
)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def policy(published: str, **fields) -> Policy:
    """A normative document published on ``published``; ``fields`` override the rest."""
    data = {"title": "关于印发某办法的通知", "genre": "normative", "issuer": ["county-gov"],
            "doc_number": "清政规〔2020〕1号", "written": published, "published": published}
    data.update(fields)
    return Policy.model_validate(data)


def came_into_force(target: str, date: str, upcoming: bool = False) -> Change:
    return Change(d(date), target, Status.IN_FORCE, "effective", None, None, upcoming)


def by_relation(target: str, date: str, kind: Status, relation: str, by: str,
                upcoming: bool = False) -> Change:
    return Change(d(date), target, kind, relation, by, None, upcoming)


# --- the status labels ----------------------------------------------------------------

def test_every_status_has_its_chinese_label_and_the_current_list_is_in_force_plus_amended():
    assert STATUS_LABELS == {Status.PENDING: "尚未生效", Status.IN_FORCE: "现行有效",
                             Status.AMENDED: "已修改", Status.REPEALED: "已废止",
                             Status.EXPIRED: "已失效"}
    assert Status.AMENDED.label == "已修改"
    assert str(Status.IN_FORCE) == "in_force"
    assert CURRENT == {Status.IN_FORCE, Status.AMENDED}


# --- publication ----------------------------------------------------------------------

def test_is_published_includes_the_day_of_publication():
    doc = policy("2021-03-01")
    assert is_published(doc, d("2021-03-01"))
    assert not is_published(doc, d("2021-02-28"))


def test_a_document_published_after_as_of_is_absent_from_the_result():
    result = compute_validity({"a": policy("2021-03-01"), "later": policy("2021-03-02")}, d("2021-03-01"))
    assert list(result) == ["a"]


def test_a_scheduled_acting_document_has_no_effect_until_it_is_published():
    docs = {"a": policy("2020-01-01"),
            "notice": policy("2021-06-01", effective="2021-07-01", repeals=["a"], amends=["b"]),
            "b": policy("2020-01-01")}
    before = compute_validity(docs, d("2021-05-31"))
    assert set(before) == {"a", "b"}
    for pid in ("a", "b"):
        assert before[pid].status is Status.IN_FORCE
        assert before[pid].changes == (came_into_force(pid, "2020-01-01"),)
        assert before[pid].upcoming == ()

    published = compute_validity(docs, d("2021-06-01"))
    repeal = by_relation("a", "2021-07-01", Status.REPEALED, "repeals", "notice", upcoming=True)
    assert published["a"].status is Status.IN_FORCE
    assert published["a"].upcoming == (repeal,)
    assert published["notice"].status is Status.PENDING

    in_effect = compute_validity(docs, d("2021-07-01"))
    assert (in_effect["a"].status, in_effect["a"].since) == (Status.REPEALED, d("2021-07-01"))
    assert (in_effect["b"].status, in_effect["b"].since) == (Status.AMENDED, d("2021-07-01"))


# --- coming into force ----------------------------------------------------------------

def test_a_document_in_force_since_its_effective_date():
    result = compute_validity({"a": policy("2021-03-01", effective="2021-04-01")}, d("2021-04-01"))
    a = result["a"]
    assert (a.status, a.since) == (Status.IN_FORCE, d("2021-04-01"))
    assert a.changes == (came_into_force("a", "2021-04-01"),)
    assert a.acts == () and a.upcoming == ()


def test_effective_defaults_to_published():
    a = compute_validity({"a": policy("2021-03-01")}, d("2021-03-01"))["a"]
    assert (a.status, a.since) == (Status.IN_FORCE, d("2021-03-01"))
    assert a.changes == (came_into_force("a", "2021-03-01"),)


def test_a_document_whose_effective_date_is_after_as_of_is_pending_with_coming_into_force_upcoming():
    a = compute_validity({"a": policy("2021-03-01", effective="2021-04-01")}, d("2021-03-31"))["a"]
    assert (a.status, a.since) == (Status.PENDING, d("2021-03-01"))
    expected = (came_into_force("a", "2021-04-01", upcoming=True),)
    assert a.changes == expected
    assert a.upcoming == expected


# --- relations on this site -------------------------------------------------------------

@pytest.mark.parametrize("relation, kind", [
    ("amends", Status.AMENDED),
    ("repeals", Status.REPEALED),
    ("replaces", Status.REPEALED),
    ("invalidates", Status.EXPIRED),
])
def test_a_relation_takes_effect_on_the_acting_documents_effective_date(relation, kind):
    docs = {"old": policy("2018-05-01"),
            "new": policy("2022-01-10", effective="2022-02-01", **{relation: ["old"]})}
    change = by_relation("old", "2022-02-01", kind, relation, "new")

    result = compute_validity(docs, d("2022-02-01"))
    old, new = result["old"], result["new"]
    assert (old.status, old.since) == (kind, d("2022-02-01"))
    assert old.changes == (came_into_force("old", "2018-05-01"), change)
    assert old.upcoming == ()
    assert new.acts == (change,)
    assert (new.status, new.since) == (Status.IN_FORCE, d("2022-02-01"))


@pytest.mark.parametrize("relation, kind", [
    ("amends", Status.AMENDED),
    ("repeals", Status.REPEALED),
    ("replaces", Status.REPEALED),
    ("invalidates", Status.EXPIRED),
])
def test_a_published_acting_document_not_yet_effective_makes_an_upcoming_change_only(relation, kind):
    docs = {"old": policy("2018-05-01"),
            "new": policy("2022-01-10", effective="2022-02-01", **{relation: ["old"]})}
    result = compute_validity(docs, d("2022-01-31"))
    old = result["old"]
    change = by_relation("old", "2022-02-01", kind, relation, "new", upcoming=True)
    assert (old.status, old.since) == (Status.IN_FORCE, d("2018-05-01"))
    assert old.upcoming == (change,)
    assert old.changes == (came_into_force("old", "2018-05-01"), change)
    assert result["new"].acts == (change,)


def test_amended_twice_is_amended_since_the_first_amendment():
    docs = {"a": policy("2018-01-01"),
            "m1": policy("2019-03-01", amends="a"),
            "m2": policy("2020-06-01", amends="a")}
    a = compute_validity(docs, d("2021-01-01"))["a"]
    assert (a.status, a.since) == (Status.AMENDED, d("2019-03-01"))
    assert [(c.date, c.by) for c in a.changes] == [(d("2018-01-01"), None), (d("2019-03-01"), "m1"),
                                                   (d("2020-06-01"), "m2")]


def test_an_amendment_dated_before_the_document_comes_into_force_shows_from_its_effective_date():
    docs = {"a": policy("2020-01-01", effective="2020-06-01"),
            "m": policy("2020-03-01", amends="a")}
    assert compute_validity(docs, d("2020-05-31"))["a"].status is Status.PENDING
    a = compute_validity(docs, d("2020-06-01"))["a"]
    assert (a.status, a.since) == (Status.AMENDED, d("2020-06-01"))


def test_a_batch_repeal_notice_repeals_all_three_documents():
    docs = {"a": policy("2015-01-01"), "b": policy("2016-01-01"), "c": policy("2017-01-01"),
            "cleanup": policy("2023-12-20", effective="2024-01-01", repeals=["c", "a", "b"])}
    result = compute_validity(docs, d("2024-01-01"))
    for pid in ("a", "b", "c"):
        assert (result[pid].status, result[pid].since) == (Status.REPEALED, d("2024-01-01"))
        assert result[pid].changes[-1] == by_relation(pid, "2024-01-01", Status.REPEALED, "repeals", "cleanup")
    assert [c.target for c in result["cleanup"].acts] == ["a", "b", "c"]
    assert result["cleanup"].status is Status.IN_FORCE


def test_a_retroactive_acting_document_changes_the_past_once_it_is_published():
    # 溯及既往: published in June with an effective date in January.
    docs = {"a": policy("2019-01-01"), "r": policy("2021-06-01", effective="2021-01-01", repeals="a")}
    assert compute_validity(docs, d("2021-03-01"))["a"].status is Status.IN_FORCE
    a = compute_validity(docs, d("2021-06-01"))["a"]
    assert (a.status, a.since) == (Status.REPEALED, d("2021-01-01"))


# --- events of outside bodies ------------------------------------------------------------

@pytest.mark.parametrize("event_type, kind", [
    ("amended", Status.AMENDED), ("repealed", Status.REPEALED), ("expired", Status.EXPIRED)])
def test_an_outside_event_changes_the_status_on_its_date(event_type, kind):
    event = {"date": "2022-07-01", "type": event_type, "by_title": "省人民政府关于清理规范性文件的决定"}
    docs = {"a": policy("2019-01-01", events=[event])}
    change = Change(d("2022-07-01"), "a", kind, "event", None, 0, False)

    a = compute_validity(docs, d("2022-07-01"))["a"]
    assert (a.status, a.since) == (kind, d("2022-07-01"))
    assert a.changes == (came_into_force("a", "2019-01-01"), change)

    before = compute_validity(docs, d("2022-06-30"))["a"]
    assert (before.status, before.since) == (Status.IN_FORCE, d("2019-01-01"))
    assert before.upcoming == (Change(d("2022-07-01"), "a", kind, "event", None, 0, True),)


def test_event_index_points_into_the_targets_events_list():
    events = [{"date": "2022-07-01", "type": "repealed", "by_title": "乙"},
              {"date": "2021-07-01", "type": "amended", "by_title": "甲"}]
    a = compute_validity({"a": policy("2019-01-01", events=events)}, d("2023-01-01"))["a"]
    assert [(c.date, c.kind, c.event_index) for c in a.changes[1:]] == [
        (d("2021-07-01"), Status.AMENDED, 1), (d("2022-07-01"), Status.REPEALED, 0)]
    assert (a.status, a.since) == (Status.REPEALED, d("2022-07-01"))


# --- term expiry -------------------------------------------------------------------------

def test_a_document_is_in_force_on_its_last_day_and_expired_from_the_day_after():
    docs = {"a": policy("2019-01-01", expires="2023-12-31")}
    expiry = Change(d("2024-01-01"), "a", Status.EXPIRED, "expires", None, None, False)

    last_day = compute_validity(docs, d("2023-12-31"))["a"]
    assert (last_day.status, last_day.since) == (Status.IN_FORCE, d("2019-01-01"))
    assert last_day.upcoming == (Change(d("2024-01-01"), "a", Status.EXPIRED, "expires", None, None, True),)

    after = compute_validity(docs, d("2024-01-01"))["a"]
    assert (after.status, after.since) == (Status.EXPIRED, d("2024-01-01"))
    assert after.changes == (came_into_force("a", "2019-01-01"), expiry)
    assert after.upcoming == ()


def test_expires_on_the_last_representable_day_never_expires():
    a = compute_validity({"a": policy("2019-01-01", expires="9999-12-31")}, d("2030-01-01"))["a"]
    assert a.status is Status.IN_FORCE
    assert a.changes == (came_into_force("a", "2019-01-01"),)


# --- the earliest terminal change is final -------------------------------------------------

def test_replaced_in_2014_and_declared_invalid_in_2017_stays_repealed_since_2014():
    docs = {"old": policy("2010-05-01"),
            "successor": policy("2014-03-01", replaces="old"),
            "cleanup": policy("2017-06-30", invalidates="old")}
    old = compute_validity(docs, d("2024-01-01"))["old"]
    assert (old.status, old.since) == (Status.REPEALED, d("2014-03-01"))
    assert old.changes == (came_into_force("old", "2010-05-01"),
                           by_relation("old", "2014-03-01", Status.REPEALED, "replaces", "successor"),
                           by_relation("old", "2017-06-30", Status.EXPIRED, "invalidates", "cleanup"))


def test_expired_before_it_was_declared_invalid_stays_expired_since_the_term_ran_out():
    docs = {"trial": policy("2018-01-01", expires="2019-12-31"),
            "cleanup": policy("2021-03-01", invalidates="trial")}
    trial = compute_validity(docs, d("2022-01-01"))["trial"]
    assert (trial.status, trial.since) == (Status.EXPIRED, d("2020-01-01"))
    assert [c.relation for c in trial.changes] == ["effective", "expires", "invalidates"]


def test_expired_then_repealed_later_stays_expired():
    docs = {"a": policy("2018-01-01", expires="2019-12-31"), "r": policy("2020-05-01", repeals="a")}
    a = compute_validity(docs, d("2021-01-01"))["a"]
    assert (a.status, a.since) == (Status.EXPIRED, d("2020-01-01"))
    assert a.changes[-1] == by_relation("a", "2020-05-01", Status.REPEALED, "repeals", "r")


def test_repealed_and_expired_on_the_same_day_is_repealed():
    docs = {"a": policy("2018-01-01", expires="2019-12-31"), "r": policy("2020-01-01", repeals="a")}
    a = compute_validity(docs, d("2020-01-01"))["a"]
    assert (a.status, a.since) == (Status.REPEALED, d("2020-01-01"))


def test_amended_then_repealed_is_repealed_with_the_amendment_kept_in_history():
    docs = {"a": policy("2018-01-01"), "m": policy("2019-01-01", amends="a"),
            "r": policy("2020-01-01", repeals="a")}
    a = compute_validity(docs, d("2020-01-01"))["a"]
    assert (a.status, a.since) == (Status.REPEALED, d("2020-01-01"))
    assert [c.kind for c in a.changes] == [Status.IN_FORCE, Status.AMENDED, Status.REPEALED]


def test_repealed_before_it_came_into_force_is_repealed():
    docs = {"a": policy("2020-01-01", effective="2020-12-01"), "r": policy("2020-06-01", repeals="a")}
    a = compute_validity(docs, d("2020-07-01"))["a"]
    assert (a.status, a.since) == (Status.REPEALED, d("2020-06-01"))
    assert a.upcoming == (came_into_force("a", "2020-12-01", upcoming=True),)


# --- what the engine ignores -------------------------------------------------------------

def test_a_withheld_documents_relations_still_act():
    docs = {"a": policy("2018-01-01"),
            "secret": policy("2020-01-01", disclosure="withheld", withheld_ground="《条例》第十四条",
                             repeals="a")}
    result = compute_validity(docs, d("2020-01-01"))
    assert (result["a"].status, result["a"].since) == (Status.REPEALED, d("2020-01-01"))
    assert result["a"].changes[-1].by == "secret"


def test_relations_to_unknown_ids_are_ignored():
    docs = {"a": policy("2020-01-01", repeals=["ghost"], amends="nowhere")}
    result = compute_validity(docs, d("2021-01-01"))
    assert list(result) == ["a"]
    assert result["a"].acts == ()
    assert result["a"].status is Status.IN_FORCE


def test_relations_to_a_document_not_yet_published_are_ignored():
    docs = {"a": policy("2020-01-01", repeals="b"), "b": policy("2021-01-01")}
    assert compute_validity(docs, d("2020-12-31"))["a"].acts == ()
    # Once the target is published the (odd, retroactive) repeal applies.
    b = compute_validity(docs, d("2021-01-01"))["b"]
    assert (b.status, b.since) == (Status.REPEALED, d("2020-01-01"))


def test_cycles_and_self_references_terminate():
    docs = {"a": policy("2020-01-01", repeals="b"), "b": policy("2020-02-01", repeals="a"),
            "c": policy("2020-03-01", amends="c")}
    result = compute_validity(docs, d("2021-01-01"))
    assert (result["a"].status, result["a"].since) == (Status.REPEALED, d("2020-02-01"))
    assert (result["b"].status, result["b"].since) == (Status.REPEALED, d("2020-01-01"))
    assert (result["c"].status, result["c"].since) == (Status.AMENDED, d("2020-03-01"))
    assert result["c"].acts == (by_relation("c", "2020-03-01", Status.AMENDED, "amends", "c"),)


def test_an_id_listed_twice_makes_one_change():
    docs = {"a": policy("2018-01-01"), "r": policy("2020-01-01", repeals=["a", "a"])}
    result = compute_validity(docs, d("2020-01-01"))
    assert len(result["r"].acts) == 1
    assert len(result["a"].changes) == 2


# --- determinism ---------------------------------------------------------------------------

def test_output_is_ordered_by_id_and_history_by_date_relation_and_acting_document():
    docs = {"z": policy("2018-01-01"),
            "r2": policy("2020-01-01", repeals="z"),
            "r1": policy("2020-01-01", repeals="z", amends="z"),
            "a": policy("2019-01-01", amends="z")}
    forward = compute_validity(docs, d("2021-01-01"))
    backward = compute_validity(dict(reversed(list(docs.items()))), d("2021-01-01"))
    assert forward == backward
    assert list(forward) == ["a", "r1", "r2", "z"]
    assert [(c.date.year, c.relation, c.by) for c in forward["z"].changes] == [
        (2018, "effective", None), (2019, "amends", "a"), (2020, "amends", "r1"),
        (2020, "repeals", "r1"), (2020, "repeals", "r2")]
    assert (forward["z"].status, forward["z"].since) == (Status.REPEALED, d("2020-01-01"))
