"""Disclosure records (信息条目): ``<section>/**/<id>.md`` in any section of 法定主动公开内容
whose feature is ``records`` (机构职能, 人事信息, 规划计划, 财政预决算, 行政许可结果, …).

A record carries the standard header of a disclosed item (索引号, 发布机构, 主题分类, 发布日期,
文号) and a Markdown body. Where a table is the content, one typed block says so:
``budget`` (财政预决算), ``spending`` (三公经费), ``results`` (行政许可/处罚结果, read from a
CSV or XLSX file) or ``proposal`` (建议提案办理复文). A record has one of them at most,
except that a budget may carry its 三公经费 table beside it.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .common import Attachment, Date, Id, IdList, Image, Model, Text, TextList, WholeNumber, bilingual
from .policy import Disclosure, normalise_doc_number
from .report import Amount
from .review import ReviewAllowance

BudgetKind = Literal["budget", "final"]
#: 预算 / 决算, as pages say it.
BUDGET_KIND_LABELS = {"budget": "预算", "final": "决算"}


class Budget(Model):
    """财政预决算: one year's budget or final accounts of the government or of one department."""

    year: WholeNumber = Field(description="预决算年度，例如 2026 (fiscal year)")
    kind: BudgetKind = Field(description="budget 预算 · final 决算")
    department: Optional[Id] = Field(None, description="部门预决算的部门（机构编号）；不填为本级政府预决算 "
                                                       "(department id; leave out for the government's own)")
    approved: Optional[Date] = Field(None, description="批准或批复日期；填写时检查是否在20日内公开 "
                                                       "(date approved; when given, publication within 20 days is checked)")


class Spending(Model):
    """三公经费: the four items and their total, in 万元, for one year's budget or final accounts."""

    year: WholeNumber = Field(description="年度 (year)")
    kind: BudgetKind = Field(description="budget 预算数 · final 决算数")
    overseas_travel: Amount = Field(description="因公出国（境）费，万元 (official travel abroad)")
    vehicle_purchase: Amount = Field(description="公务用车购置费，万元 (purchase of official vehicles)")
    vehicle_operation: Amount = Field(description="公务用车运行维护费，万元 (running of official vehicles)")
    reception: Amount = Field(description="公务接待费，万元 (official hospitality)")
    total: Amount = Field(description="合计：以上四项之和，万元 (total of the four items)")
    previous_total: Optional[Amount] = Field(None, description="上年同口径合计，万元；填写时页面显示增减 "
                                                               "(last year's total, for the change)")


ResultKind = Literal["permit", "penalty"]
#: 行政许可 / 行政处罚, as pages say it.
RESULT_KIND_LABELS = {"permit": "行政许可", "penalty": "行政处罚"}


class DecisionResults(Model):
    """行政许可或行政处罚结果: a table read from a CSV or XLSX file under ``content/assets/``;
    the privacy review runs on every cell, and natural persons' names are masked."""

    kind: ResultKind = Field(description="permit 行政许可 · penalty 行政处罚")
    file: str = Field(description="CSV 或 XLSX 文件路径，相对于 content/assets/ (path under content/assets/)")
    sheet: Optional[Text] = Field(None, description="XLSX 的工作表名称，默认第一个 (sheet name; the first by default)")

    @field_validator("file")
    @classmethod
    def _table_file(cls, value: str) -> str:
        if not value.lower().endswith((".csv", ".xlsx")):
            raise bilingual(f"结果表 {value} 应为 .csv 或 .xlsx 文件；请另存为其中一种格式",
                            f"results table {value} must be a .csv or .xlsx file; save it in one of those formats")
        return value


ProposalKind = Literal["suggestion", "proposal"]
#: 人大代表建议 / 政协委员提案.
PROPOSAL_KIND_LABELS = {"suggestion": "人大代表建议", "proposal": "政协委员提案"}
ProposalResult = Literal["solved", "planned", "reference"]
#: The usual three categories of a reply (A/B/C类).
PROPOSAL_RESULT_LABELS = {"solved": "A类：所提问题已经解决或基本解决", "planned": "B类：列入计划逐步解决",
                          "reference": "C类：因条件限制留作参考"}


class Proposal(Model):
    """建议提案办理复文: the reply to one deputy's suggestion or one member's proposal."""

    kind: ProposalKind = Field(description="suggestion 人大代表建议 · proposal 政协委员提案")
    number: Text = Field(description="建议或提案编号，例如 第0123号 (number)")
    session: Optional[Text] = Field(None, description="会议，例如 县十八届人大四次会议 (session)")
    handled_by: IdList = Field(description="承办单位（机构编号），主办在前 (handling units, lead first)")
    replied: Date = Field(description="答复日期 (date of the reply)")
    result: ProposalResult = Field(description="办理结果：solved A类已解决 · planned B类列入计划 · reference C类留作参考")


class Record(Model):
    """One disclosed item (信息条目) of a section; the section is its folder."""

    title: Text = Field(description="标题 (title)")
    issuer: IdList = Field(description="发布机构（公开主体）编号，联合发布写成列表 (publishing body id, or a list)")
    published: Date = Field(description="发布日期 YYYY-MM-DD (date published)")
    updated: Optional[Date] = Field(None, description="更新日期，内容修改后填写 (date last changed)")
    index_no: Optional[Text] = Field(None, description="索引号；不填时自动生成；上级文件等栏目不生成 (index number)")
    doc_number: Optional[Text] = Field(None, description="文号 (document number), 例如 清财预〔2026〕3号")
    topics: TextList = Field(default_factory=list, description="主题分类，写成 一级\\二级 (topics)")
    keywords: TextList = Field(default_factory=list, description="关键词 (keywords)")
    summary: Optional[Text] = Field(None, description="内容概述，列表和搜索结果中显示 (a one-line summary)")
    disclosure: Disclosure = Field("proactive", description="公开属性：proactive 主动公开 · on_request 依申请公开 · withheld 不予公开")
    withheld_ground: Optional[Text] = Field(None, description="不予公开的法律依据 (legal ground for withholding)")
    valid_until: Optional[Date] = Field(None, description="有效期至，例如规划期末；此后页面标明已过期 (last day valid)")
    superseded_by: Optional[Id] = Field(None, description="替代本条目的新条目编号（同一栏目），例如新一期规划 "
                                                          "(id of the record that replaces this one)")
    attachments: list[Attachment] = Field(default_factory=list, description="附件 (attachments)")
    images: list[Image] = Field(default_factory=list, description="正文图片及替代文字 (images with alt text)")
    review: Optional[ReviewAllowance] = Field(None, description="发布前检查：本条目依法须公开的个人信息种类及理由 "
                                                              "(personal data this record may show, and why)")
    budget: Optional[Budget] = Field(None, description="财政预决算 (budget or final accounts)")
    spending: Optional[Spending] = Field(None, description="三公经费 (the three public expenses)")
    results: Optional[DecisionResults] = Field(None, description="行政许可或行政处罚结果表 (permit or penalty results)")
    proposal: Optional[Proposal] = Field(None, description="建议提案办理复文 (reply to a suggestion or proposal)")

    @field_validator("doc_number")
    @classmethod
    def _normalise(cls, value: Optional[str]) -> Optional[str]:
        return normalise_doc_number(value) if value else value

    @model_validator(mode="after")
    def _one_table(self) -> "Record":
        blocks = [name for name in ("budget", "spending", "results", "proposal") if getattr(self, name) is not None]
        if len(blocks) > 1 and set(blocks) != {"budget", "spending"}:
            raise bilingual(f"一个条目只能有一种表格（{'、'.join(blocks)}）；请拆成多个条目",
                            f"a record holds one table at most ({', '.join(blocks)}); split it into several records")
        return self

    @property
    def is_public(self) -> bool:
        return self.disclosure == "proactive"
