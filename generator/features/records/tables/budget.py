"""财政预决算 and 三公经费: the header table of a budget or final accounts, the table of the
three public expenses, and their checks.

* **20 days** (预算法 第十四条): a budget or final accounts approved by the people's congress
  (or, for a department, approved by the finance bureau) is made public within twenty days
  of the approval. When ``budget.approved`` is given, ``published`` must fall on it or
  within 20 calendar days after it; a later or an earlier date is a warning at
  ``published`` (the site may publish late, but it should know).
* **The sum**: 三公经费's ``total`` is the sum of its four items, exactly (an error naming
  both numbers: a published table that does not add up is a published mistake).

Amounts are 万元, shown with two decimals (rounded half up); the change against
``previous_total`` is shown when given.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Iterator, Optional

from markupsafe import escape

from ....errors import Problem
from ....model.record import BUDGET_KIND_LABELS
from ....views import cn_date
from .header import header_table

if TYPE_CHECKING:
    from ....content import Content, Entry

#: The statutory limit between approval and publication, in calendar days.
PUBLISH_WITHIN_DAYS = 20
#: The four items of 三公经费, in the order of the official tables.
SPENDING_ITEMS = (("overseas_travel", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                  ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费"))
_CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """万元 with two decimals: 12.3 -> 12.30."""
    return str(value.quantize(_CENT, rounding=ROUND_HALF_UP))


def _org_name(content: "Content", org_id: Optional[str]) -> str:
    org = content.organizations.get(org_id) if org_id else None
    return org.name if org else (org_id or "")


# --- 财政预决算 --------------------------------------------------------------------------------

def budget_label(budget) -> str:
    """部门预算 / 部门决算 / 政府预算 / 政府决算."""
    return ("部门" if budget.department else "政府") + BUDGET_KIND_LABELS[budget.kind]


def _budget_unit(content: "Content", budget) -> str:
    if budget.department:
        return _org_name(content, budget.department)
    own = _org_name(content, content.site.organization) if content.site else ""
    return f"本级政府（{own}）" if own else "本级政府"


def _budget_rows(content: "Content", entry: "Entry") -> list[tuple[str, str, Optional[str]]]:
    """(heading, text, ISO date or None) of the header table."""
    budget, published = entry.model.budget, entry.model.published
    rows = [("年度", f"{budget.year}年", None), ("类别", budget_label(budget), None),
            ("部门", _budget_unit(content, budget), None)]
    if budget.approved:
        rows.append(("批准日期", cn_date(budget.approved), budget.approved.isoformat()))
    rows.append(("公开日期", cn_date(published), published.isoformat()))
    return rows


def budget_html(content: "Content", entry: "Entry") -> str:
    budget = entry.model.budget
    return header_table("budget-table", f"{budget.year}年{escape(budget_label(budget))}", _budget_rows(content, entry))


def budget_data(content: "Content", entry: "Entry") -> dict[str, Any]:
    budget, published = entry.model.budget, entry.model.published
    return {"columns": ["年度", "类别", "部门", "批准日期", "公开日期"],
            "rows": [[str(budget.year), budget_label(budget), _budget_unit(content, budget),
                      budget.approved.isoformat() if budget.approved else "", published.isoformat()]]}


def check_budget(content: "Content", entry: "Entry") -> Iterator[Problem]:
    budget, published = entry.model.budget, entry.model.published
    if budget.department and budget.department not in content.organizations \
            and not content.is_unloaded("organization", budget.department):
        yield entry.at("budget", "department",
                       zh=f"机构 {budget.department} 不在 organizations.yml 中；请检查拼写或先在 organizations.yml 中添加它",
                       en=f"organization {budget.department} is not in organizations.yml; check the spelling or "
                          f"add it there")
    if budget.approved is None:
        return
    days = (published - budget.approved).days
    if days < 0:
        yield entry.at("published", warning=True,
                       zh=f"发布日期 {published} 早于批准日期 {budget.approved}；预决算经批准后才能公开，请核对 published "
                          f"和 budget.approved",
                       en=f"published {published} is before the approval on {budget.approved}; a budget is made "
                          f"public after its approval: check published and budget.approved")
    elif days > PUBLISH_WITHIN_DAYS:
        yield entry.at("published", warning=True,
                       zh=f"发布日期 {published} 在批准日期 {budget.approved} 之后 {days} 天，超过20日：《预算法》第十四条"
                          f"规定预算、决算应在批准或批复后二十日内向社会公开；请核对 published 和 budget.approved，"
                          f"确属逾期的，今后应在批准后20日内公开",
                       en=f"published {published} is {days} days after the approval on {budget.approved}, more "
                          f"than 20: article 14 of the Budget Law requires budgets and final accounts to be made "
                          f"public within twenty days of their approval; check published and budget.approved, "
                          f"and if it was late, publish within 20 days of approval from now on")


# --- 三公经费 -----------------------------------------------------------------------------------

def items_sum(spending) -> Decimal:
    return sum((getattr(spending, key) for key, _ in SPENDING_ITEMS), Decimal(0))


def _change(spending) -> str:
    """比上年增减: 增加 1.20（5.00%）, 减少 …, 持平."""
    diff = spending.total - spending.previous_total
    if diff == 0:
        return "持平"
    word = "增加" if diff > 0 else "减少"
    text = f"{word} {money(abs(diff))}"
    if spending.previous_total > 0:
        text += f"（{money(abs(diff) / spending.previous_total * 100)}%）"
    return text


def _spending_rows(spending) -> list[tuple[str, str]]:
    rows = [(label, money(getattr(spending, key))) for key, label in SPENDING_ITEMS]
    rows.append(("合计", money(spending.total)))
    if spending.previous_total is not None:
        rows += [("上年合计", money(spending.previous_total)), ("比上年增减", _change(spending))]
    return rows


def spending_caption(spending) -> str:
    return f"{spending.year}年“三公”经费{BUDGET_KIND_LABELS[spending.kind]}（单位：万元）"


def spending_html(entry: "Entry") -> str:
    spending = entry.model.spending
    body = "".join(f'<tr><th scope="row">{escape(h)}</th><td>{escape(v)}</td></tr>\n' for h, v in _spending_rows(spending))
    return (f'<table class="doc-header spending-table">\n<caption>{escape(spending_caption(spending))}</caption>\n'
            f'<thead><tr><th scope="col">项目</th><th scope="col">金额（万元）</th></tr></thead>\n'
            f"<tbody>\n{body}</tbody>\n</table>")


def spending_data(entry: "Entry") -> dict[str, Any]:
    return {"columns": ["项目", "金额（万元）"], "rows": [list(row) for row in _spending_rows(entry.model.spending)]}


def check_spending(entry: "Entry") -> Iterator[Problem]:
    spending = entry.model.spending
    total = items_sum(spending)
    if spending.total != total:
        parts = "+".join(str(getattr(spending, key)) for key, _ in SPENDING_ITEMS)
        yield entry.at("spending", "total",
                       zh=f"合计 {spending.total} 万元不等于四项之和 {total} 万元（{parts}）；请改正合计或各项金额",
                       en=f"total {spending.total} (10,000 yuan) is not the sum of the four items, {total} ({parts}); "
                          f"correct the total or the items")


def check_pair(entry: "Entry") -> Iterator[Problem]:
    """A budget's 三公经费 beside it is of the same year and kind (the 2026 budget's, not the 2025 accounts')."""
    budget, spending = entry.model.budget, entry.model.spending
    if budget.year != spending.year or budget.kind != spending.kind:
        yield entry.at("spending", "year",
                       zh=f"三公经费为 {spending.year}年{BUDGET_KIND_LABELS[spending.kind]}，而本条目是 {budget.year}年"
                          f"{BUDGET_KIND_LABELS[budget.kind]}；请改正 spending 的 year 或 kind，或拆成两个条目",
                       en=f"spending is for {spending.year} ({spending.kind}) but the record is the {budget.year} "
                          f"{budget.kind}; correct spending's year or kind, or split it into two records")
