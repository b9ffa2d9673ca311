"""Interpretations (政策解读): ``interpretations/**/<id>.md``."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from .common import Attachment, Date, IdList, Image, Model, Text
from .review import ReviewAllowance

Kind = Literal["text", "graphic", "video", "qa"]


class Interpretation(Model):
    """An interpretation of one or more policy documents."""

    title: Text = Field(description="标题 (title)")
    published: Date = Field(description="发布日期 YYYY-MM-DD (date published)")
    interprets: IdList = Field(description="所解读的政策文件编号 (ids of the policies interpreted)")
    kind: Kind = Field("text", description="text 文字 · graphic 图解 · video 视频 · qa 问答式")
    source: Text = Field(description="解读机关：机构编号或名称 (organization id or name)")
    images: list[Image] = Field(default_factory=list, description="图片及替代文字 (images with alt text)")
    attachments: list[Attachment] = Field(default_factory=list, description="附件 (attachments)")
    review: Optional[ReviewAllowance] = Field(None, description="发布前检查：本文件依法须公开的个人信息种类及理由 "
                                                              "(personal data this document may show, and why)")

#: How an interpretation explains its policy, as its page and the policy page say it.
KIND_LABELS = {"text": "文字解读", "graphic": "图解", "video": "视频解读", "qa": "问答式解读"}
