"""建议提案办理复文: the header table of a reply (类别, 编号, 会议, 承办单位, 答复日期, 办理结果)
and its check (every handling unit is a known organization)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from markupsafe import escape

from ....errors import Problem
from ....model.record import PROPOSAL_KIND_LABELS, PROPOSAL_RESULT_LABELS
from ....views import cn_date
from .header import header_table

if TYPE_CHECKING:
    from ....content import Content, Entry


def handlers(content: "Content", proposal) -> str:
    """承办单位 by name: 主办 first, then 协办 (a single unit is just its name)."""
    names = [content.organizations[o].name if o in content.organizations else o for o in proposal.handled_by]
    if len(names) == 1:
        return names[0]
    return f"主办：{names[0]}；协办：{'、'.join(names[1:])}"


def _rows(content: "Content", proposal) -> list[tuple[str, str, str]]:
    """(heading, text, ISO date or "") of the header table; 会议 only when given."""
    rows = [("类别", PROPOSAL_KIND_LABELS[proposal.kind], ""), ("编号", proposal.number, "")]
    if proposal.session:
        rows.append(("会议", proposal.session, ""))
    rows += [("承办单位", handlers(content, proposal), ""),
             ("答复日期", cn_date(proposal.replied), proposal.replied.isoformat()),
             ("办理结果", PROPOSAL_RESULT_LABELS[proposal.result], "")]
    return rows


def proposal_html(content: "Content", entry: "Entry") -> str:
    proposal = entry.model.proposal
    return header_table("proposal-table", f"{escape(PROPOSAL_KIND_LABELS[proposal.kind])}办理情况",
                        _rows(content, proposal))


def proposal_data(content: "Content", entry: "Entry") -> dict[str, Any]:
    proposal = entry.model.proposal
    return {"columns": ["类别", "编号", "会议", "承办单位", "答复日期", "办理结果"],
            "rows": [[PROPOSAL_KIND_LABELS[proposal.kind], proposal.number, proposal.session or "",
                      handlers(content, proposal), proposal.replied.isoformat(), PROPOSAL_RESULT_LABELS[proposal.result]]]}


def check_proposal(content: "Content", entry: "Entry") -> Iterator[Problem]:
    handled_by = entry.model.proposal.handled_by
    for i, org in enumerate(handled_by):
        if org not in content.organizations and not content.is_unloaded("organization", org):
            key = ("proposal", "handled_by", i) if len(handled_by) > 1 else ("proposal", "handled_by")
            yield entry.at(*key, zh=f"承办单位 {org} 不在 organizations.yml 中；请检查拼写或先在 organizations.yml 中添加它",
                           en=f"handling unit {org} is not in organizations.yml; check the spelling or add it there")
