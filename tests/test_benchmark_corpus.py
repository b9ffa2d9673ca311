"""The synthetic benchmark corpus (benchmarks/corpus.py): deterministic, valid, realistic."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.content import load_content

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import RELATIONS, generate_corpus  # noqa: E402

N, SEED = 60, 7


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "content"
    generate_corpus(root, N, SEED)
    return root


@pytest.fixture(scope="module")
def loaded(corpus: Path):
    content, problems = load_content(corpus, "content")
    return content, problems


def test_same_seed_gives_byte_identical_trees(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_corpus(again, N, SEED)
    assert _tree(again) == _tree(corpus)
    other = tmp_path / "other"
    generate_corpus(other, N, SEED + 1)
    assert _tree(other) != _tree(corpus)


def test_every_file_loads_without_problems(loaded, corpus: Path) -> None:
    content, problems = loaded
    assert problems == []
    assert len(content.policies) == N
    assert content.site is not None and content.site.organization in content.organizations
    assert len(content.organizations) >= 25
    for entry in content.policies.values():
        assert all(i in content.organizations for i in entry.model.issuer)
        assert entry.rel.startswith(f"policies/{entry.model.published.year}/")


def test_bodies_are_long_official_markdown(loaded) -> None:
    content, _ = loaded
    bodies = [e.body for e in content.policies.values()]
    assert all(1500 <= len(b) <= 4000 for b in bodies), sorted(len(b) for b in bodies)[:3]
    assert all("\n## " in "\n" + b for b in bodies)
    with_table = sum("| --- |" in b for b in bodies)
    assert N // 6 <= with_table <= N // 2


def test_metadata_is_plausible(loaded) -> None:
    content, _ = loaded
    models = [e.model for e in content.policies.values()]
    numbers = [m.doc_number for m in models if m.doc_number]
    assert len(numbers) == len(set(numbers))
    assert all("〔" in n or "令第" in n for n in numbers)
    assert all(m.published >= m.written for m in models)
    assert all(m.effective_date >= m.published for m in models)
    assert all(m.expires is None or m.expires > m.effective_date for m in models)
    assert {m.genre for m in models} >= {"normative", "other"}
    assert all(m.doc_number for m in models if m.genre != "other")
    assert any(m.topics for m in models) and any(m.keywords for m in models)


def test_relations_point_backwards_and_never_cycle(loaded) -> None:
    content, _ = loaded
    policies = content.policies
    edges: dict[str, list[str]] = {}
    for doc_id, entry in policies.items():
        targets = [t for kind in RELATIONS for t in getattr(entry.model, kind)]
        assert len(targets) == len(set(targets)), doc_id  # a target in one relation only
        for target in targets:
            assert target in policies, (doc_id, target)
            assert policies[target].model.published < entry.model.published
        edges[doc_id] = targets
    batch = [e for e in policies.values() if len(e.model.repeals) >= 3]
    assert batch and all(len(e.model.repeals) <= 10 for e in batch)
    assert sum(len(t) for t in edges.values()) >= 3
    _assert_acyclic(edges)


def _assert_acyclic(edges: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        state[node] = 1
        for target in edges.get(node, []):
            assert state.get(target) != 1, f"cycle through {node} -> {target}"
            if target not in state:
                visit(target)
        state[node] = 2

    for node in edges:
        if node not in state:
            visit(node)
