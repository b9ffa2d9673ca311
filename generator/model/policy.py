"""Policy documents (政策文件): ``policies/**/<id>.md``."""
from __future__ import annotations

import re
from typing import Literal, Optional

from pydantic import Field, field_validator

from .common import Attachment, Date, IdList, Image, Model, Text, TextList, Url
from .review import ReviewAllowance
from .policy_extras import GazetteIssue, TaskList, Version

Genre = Literal["regulation", "normative", "other"]
Disclosure = Literal["proactive", "on_request", "withheld"]
EventType = Literal["amended", "repealed", "expired"]

_YEAR_BRACKETS = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]")


def normalise_doc_number(value: str) -> str:
    """``鄂政办发[2022]12号`` -> ``鄂政办发〔2022〕12号`` (the form GB/T 9704 prescribes)."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", value.strip())


class Event(Model):
    """A change made by a document that is not on this site (外部文件的修改、废止、失效)."""

    date: Date = Field(description="生效日期 (date the change took effect)")
    type: EventType = Field(description="amended 修改 · repealed 废止 · expired 失效")
    by_title: Text = Field(description="作出变化的文件标题 (title of the acting document)")
    by_doc_number: Optional[Text] = Field(None, description="作出变化的文件的发文字号 (its 文号)")
    by_url: Optional[Url] = Field(None, description="作出变化的文件的地址 (its address)")


class Policy(Model):
    """One policy document (政策文件) with its metadata and relations."""

    title: Text = Field(description="标题 (title)")
    genre: Genre = Field(description="regulation 规章 · normative 行政规范性文件 · other 其他文件")
    issuer: IdList = Field(description="发文机关编号，联合发文写成列表 (issuing body id, or a list for a joint document)")
    doc_number: Optional[Text] = Field(None, description="发文字号，例如 鄂政办发〔2022〕12号 (document number)")
    registration_no: Optional[Text] = Field(None, description="统一登记号 (registration number)")
    written: Date = Field(description="成文日期 YYYY-MM-DD (date written)")
    published: Date = Field(description="发布日期 YYYY-MM-DD，不早于成文日期 (date published)")
    effective: Optional[Date] = Field(None, description="施行日期，默认为发布日期 (date in force)")
    expires: Optional[Date] = Field(None, description="有效期至：最后一个有效日 (last day in force)")
    topics: TextList = Field(default_factory=list, description="主题分类，写成 一级\\二级 (topics)")
    keywords: TextList = Field(default_factory=list, description="关键词 (keywords)")
    index_no: Optional[Text] = Field(None, description="索引号；不填时自动生成 (index number)")
    disclosure: Disclosure = Field("proactive", description="公开属性：proactive 主动公开 · on_request 依申请公开 · withheld 不予公开")
    withheld_ground: Optional[Text] = Field(None, description="不予公开的法律依据 (legal ground for withholding)")
    amends: IdList = Field(default_factory=list, description="本文件修改的文件编号 (ids this document amends)")
    repeals: IdList = Field(default_factory=list, description="本文件废止的文件编号 (ids this document repeals)")
    replaces: IdList = Field(default_factory=list, description="本文件替代的文件编号 (ids this document replaces)")
    invalidates: IdList = Field(default_factory=list, description="本文件宣布失效的文件编号 (ids declared invalid)")
    events: list[Event] = Field(default_factory=list, description="本站以外的文件对本文件的修改、废止或失效 (outside changes)")
    attachments: list[Attachment] = Field(default_factory=list, description="附件 (attachments)")
    images: list[Image] = Field(default_factory=list, description="正文图片及替代文字 (images with alt text)")
    review: Optional[ReviewAllowance] = Field(None, description="发布前检查：本文件依法须公开的个人信息种类及理由 "
                                                              "(personal data this document may show, and why)")
    versions: list[Version] = Field(default_factory=list, description="历史文本：此前各版本的施行期间和全文文件 "
                                                                     "(earlier texts of the document)")
    tasks: Optional[TaskList] = Field(None, description="随文公布的任务清单（工作台账） (task list)")
    gazette: Optional[GazetteIssue] = Field(None, description="刊登的政府公报期号，例如 2022年第5期 (gazette issue)")

    @field_validator("doc_number")
    @classmethod
    def _normalise(cls, value: Optional[str]) -> Optional[str]:
        return normalise_doc_number(value) if value else value

    @property
    def effective_date(self):
        """施行日期: ``effective``, else ``published``."""
        return self.effective or self.published

    @property
    def is_public(self) -> bool:
        return self.disclosure == "proactive"
