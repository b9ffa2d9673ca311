"""An inspection-style scorecard and the HTML report of ``build.py check --report``.

Modelled on the national indicators (国办秘函〔2019〕19号, see DOMAIN.md):

单项否决 (veto: the site fails whatever its score)
  * a leaked secret or personal data (secrecy marks, personal data, unpublished
    documents in the output) — the review's errors of those kinds;
  * a forged publication date (the backdating warnings);
  * a homepage not updated for 2 weeks;
  * 5 or more stale columns, or 5 or more empty columns.

扣分 (deductions from 100; our reading of the indicators, one table below)
  * each broken link or missing anchor: −1 on the homepage, −0.1 elsewhere;
  * each page missing one of the 47号 meta tags (or with it empty): −0.1, at most −5;
  * each public normative document without an interpretation: −1, at most −5;
  * no search index in the output (search not working): −5.

The report is a standalone HTML file (inline styles, no script, no external
request), never written into the public site.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .review import PRIVACY_KINDS, ReviewResult

LEAK_KINDS = PRIVACY_KINDS | {"secrecy_mark", "withheld_leak", "withheld_asset"}
DEDUCTIONS = {"broken_home": 1.0, "broken_other": 0.1, "meta": 0.1, "uninterpreted": 1.0, "search": 5.0}
CAPS = {"meta": 5.0, "uninterpreted": 5.0}


@dataclass(frozen=True)
class Veto:
    name: str
    failed: bool
    detail: str


@dataclass(frozen=True)
class Deduction:
    name: str
    count: int
    points: float


@dataclass
class Scorecard:
    vetoes: list[Veto] = field(default_factory=list)
    deductions: list[Deduction] = field(default_factory=list)

    @property
    def vetoed(self) -> bool:
        return any(v.failed for v in self.vetoes)

    @property
    def score(self) -> float:
        return round(max(0.0, 100.0 - sum(d.points for d in self.deductions)), 1)

    @property
    def verdict(self) -> str:
        return "不合格（单项否决） fail (veto)" if self.vetoed else f"{self.score} 分 points"


def _errors_of(result: ReviewResult, kinds: frozenset[str] | set[str]) -> int:
    return sum(1 for p in result.report.errors if result.kind_of(p) in kinds)


def compute_vetoes(result: ReviewResult) -> list[Veto]:
    leaks = _errors_of(result, LEAK_KINDS)
    stale, empty = result.count("stale_column"), result.count("empty_column")
    last = result.facts.get("homepage_updated")
    return [
        Veto("泄露国家秘密或个人信息 leak of secrets or personal data", leaks > 0, f"{leaks} 处 findings"),
        Veto("伪造发稿日期 forged publication dates", result.count("backdated") > 0,
             f"{result.count('backdated')} 件 documents" if result.facts.get("git") else "未检查（不是 git 仓库）"
             " not checked (not a git repository)"),
        Veto("首页2周未更新 homepage not updated for 2 weeks", result.count("homepage_stale") > 0,
             f"最近更新 last update {last or '—'}"),
        Veto("5个以上栏目不更新 5 or more stale columns", stale >= 5, f"{stale} 个 columns"),
        Veto("5个以上空白栏目 5 or more empty columns", empty >= 5, f"{empty} 个 columns"),
    ]


def _points(key: str, count: int) -> float:
    points = count * DEDUCTIONS[key]
    return round(min(points, CAPS.get(key, points)), 1)


def compute_deductions(result: ReviewResult) -> list[Deduction]:
    facts = result.facts
    home, other = int(facts.get("broken_home", 0)), int(facts.get("broken_other", 0))
    meta, uninterpreted = int(facts.get("pages_missing_meta", 0)), int(facts.get("uninterpreted", 0))
    searchless = 0 if facts.get("search", True) else 1
    return [
        Deduction("首页错链断链 broken links on the homepage (−1 each)", home, _points("broken_home", home)),
        Deduction("其他页面错链断链 broken links elsewhere (−0.1 each)", other, _points("broken_other", other)),
        Deduction("页面元数据缺失 pages missing 47号 meta tags (−0.1 each, at most −5)", meta, _points("meta", meta)),
        Deduction("规范性文件无解读 normative documents without interpretation (−1 each, at most −5)", uninterpreted,
                  _points("uninterpreted", uninterpreted)),
        Deduction("站内搜索不可用 search not working (−5)", searchless, _points("search", searchless)),
    ]


def compute_scorecard(result: ReviewResult) -> Scorecard:
    """The vetoes and deductions of a review result (its ``facts`` and problem kinds)."""
    return Scorecard(compute_vetoes(result), compute_deductions(result))


def render_report(result: ReviewResult, card: Scorecard, *, title: str, as_of: dt.date,
                  built: Optional[str] = None) -> str:
    """The standalone HTML report (autoescaped Jinja2, ``templates/report.html``)."""
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    groups = [("error", "错误 errors", result.report.errors), ("warning", "警告 warnings", result.report.warnings)]
    sections = {}
    for item in result.info:
        sections.setdefault(item.section, []).append(item)
    return env.get_template("report.html").render(
        title=title, as_of=as_of, card=card, groups=groups, kind_of=result.kind_of, info=sections,
        built=built)


def write_report(path: Path, result: ReviewResult, *, title: str, as_of: dt.date,
                 built: Optional[str] = None) -> Scorecard:
    """Write the HTML report to ``path``; returns the scorecard it shows."""
    card = compute_scorecard(result)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(render_report(result, card, title=title, as_of=as_of, built=built), encoding="utf-8")
    return card


# --- text and JSON ---------------------------------------------------------------------------

JSON_KEYS = ("severity", "path", "line", "column", "key", "kind", "zh", "en")


def to_records(result: ReviewResult) -> list[dict[str, object]]:
    """The stable machine form: errors, then warnings, then information, each sorted by place.

    Every record has exactly :data:`JSON_KEYS`; ``severity`` is error, warning or info; an
    information record's ``key`` and ``kind`` are its section (scheduled, allowed, ...)."""
    records = [dict(zip(JSON_KEYS, (p.severity.value, p.path, p.line, p.column, p.key, result.kind_of(p),
                                    p.zh, p.en)))
               for p in result.report.errors + result.report.warnings]
    records += [dict(zip(JSON_KEYS, ("info", i.path, i.line, i.column, i.section, i.section, i.zh, i.en)))
                for i in sorted(result.info, key=lambda i: (i.section, i.path, i.line, i.column))]
    return records


def format_text(result: ReviewResult) -> str:
    """Findings grouped by severity (错误, 警告, 提示), one ``file:line:col: key: message`` per line."""
    lines: list[str] = []
    errors, warnings = result.report.errors, result.report.warnings
    for label, problems in (("错误 errors", errors), ("警告 warnings", warnings)):
        if problems:
            lines.append(f"== {label}: {len(problems)} ==")
            lines += [f"{p} [{result.kind_of(p)}]" for p in problems]
    if result.info:
        lines.append(f"== 提示 information: {len(result.info)} ==")
        lines += [f"{i.path}:{i.line}:{i.column}: [{i.section}] {i.zh} ({i.en})"
                  for i in sorted(result.info, key=lambda i: (i.section, i.path, i.line, i.column))]
    lines.append(f"{len(errors)} 个错误，{len(warnings)} 个警告 ({len(errors)} errors, {len(warnings)} warnings)")
    return "\n".join(lines)
