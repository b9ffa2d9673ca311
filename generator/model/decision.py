"""Major administrative decisions (重大行政决策事项目录): ``decisions/<year>.yml``, one catalog a year."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import Field, model_validator

from .common import Date, Id, Model, Text, TextList, Url, WholeNumber, bilingual

Stage = Literal["listed", "consultation", "review", "decided", "evaluation"]
STAGE_LABELS: dict[str, str] = {"listed": "目录公布", "consultation": "征求意见", "review": "审议",
                                "decided": "已决策", "evaluation": "执行评估"}
LINK_KINDS = ("policy", "interpretation", "url")


class DocLink(Model):
    """A document on this site (policy or interpretation id) or elsewhere (url with a title)."""

    policy: Optional[Id] = Field(None, description="政策文件编号 (policy id)")
    interpretation: Optional[Id] = Field(None, description="政策解读编号 (interpretation id)")
    url: Optional[Url] = Field(None, description="网址，以 https:// 或 http:// 开头 (address)")
    title: Optional[Text] = Field(None, description="标题；链接网址时必填 (title; needed with url)")

    @model_validator(mode="before")
    @classmethod
    def _one_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and len([k for k in data if k in LINK_KINDS]) != 1:
            raise bilingual("每个链接只写 policy、interpretation、url 之一，例如 policy: qh-2026-004",
                            "each link has exactly one of policy, interpretation or url, e.g. policy: qh-2026-004")
        return data

    @model_validator(mode="after")
    def _url_needs_title(self) -> "DocLink":
        if self.url is not None and not self.url.startswith(("https://", "http://")):
            raise bilingual(f"网址 {self.url} 应以 https:// 或 http:// 开头",
                            f"address {self.url} must start with https:// or http://")
        if self.url is not None and not self.title:
            raise bilingual("链接网址时请用 title 写明标题", "a url link needs a title")
        return self


class Consultation(Model):
    """公开征求意见: the period, the channels, and why it is short when it is."""

    start: Date = Field(description="开始日期 (first day)")
    end: Date = Field(description="截止日期 (last day)")
    channels: TextList = Field(default_factory=list, description="意见反馈渠道，例如 电子邮件、信函、网站留言 (channels)")
    url: Optional[Url] = Field(None, description="征求意见公告的网址 (address of the call for comments)")
    reason_if_short: Optional[Text] = Field(None, description="征求意见期少于30日的理由 (why it is shorter "
                                                              "than 30 days)")


class Feedback(Model):
    """意见收集和采纳情况."""

    published: Date = Field(description="公布日期 (date published)")
    received: WholeNumber = Field(ge=0, description="收到意见条数 (comments received)")
    adopted: WholeNumber = Field(ge=0, description="采纳条数 (comments adopted)")
    not_adopted_reasons: TextList = Field(default_factory=list, description="未采纳的主要理由 "
                                                                            "(reasons for not adopting)")
    url: Optional[Url] = Field(None, description="采纳情况说明的网址 (address of the report)")


class Decision(Model):
    """One major administrative decision (重大行政决策事项)."""

    id: Id = Field(description="编号，用作网址 (id, used in the address)")
    name: Text = Field(description="决策事项名称 (name)")
    owner: Id = Field(description="承办单位：机构编号 (organization id of the body in charge)")
    basis: Text = Field(description="决策依据 (legal or policy basis)")
    planned: Text = Field(description="计划完成时间，例如 2026年第三季度 (planned time)")
    stage: Stage = Field(description="所处阶段：listed 目录公布 · consultation 征求意见 · review 审议 · "
                                     "decided 已决策 · evaluation 执行评估")
    draft: Optional[DocLink] = Field(None, description="决策草案 (the draft)")
    explanations: list[DocLink] = Field(default_factory=list, description="草案说明或解读 (explanations)")
    consultation: Optional[Consultation] = Field(None, description="公开征求意见 (public consultation)")
    feedback: Optional[Feedback] = Field(None, description="意见收集和采纳情况 (comments and adoption)")
    reviewed: Optional[Date] = Field(None, description="审议日期，例如县政府常务会议 (date reviewed)")
    decision: Optional[Id] = Field(None, description="决策文件：政策文件编号 (policy id of the decision)")


class DecisionCatalog(Model):
    """One year's catalog of major administrative decisions."""

    title: Optional[Text] = Field(None, description="目录标题，默认为 <机构>YYYY年度重大行政决策事项目录 (title)")
    published: Date = Field(description="目录公布日期 (date the catalog was published)")
    decisions: list[Decision] = Field(default_factory=list, description="决策事项 (decisions)")
