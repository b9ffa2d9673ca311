"""Policy Q&A (政策问答库): ``qa/**/<id>.yml``, questions and answers tied to policies."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, field_validator

from .common import Date, IdList, Model, Text, bilingual


class QAItem(Model):
    """One question and its answer."""

    question: Text = Field(description="问题 (the question, as a citizen would ask it)")
    answer: Text = Field(description="回答，Markdown 格式 (the answer, in Markdown)")


class QA(Model):
    """A set of questions and answers about one or more policy documents."""

    policies: IdList = Field(description="相关政策文件编号 (ids of the policies the answers are about)")
    published: Date = Field(description="发布日期 YYYY-MM-DD (date published)")
    items: list[QAItem] = Field(description="问答，每项含 question 和 answer (questions and answers)")
    title: Optional[Text] = Field(None, description="标题，默认取第一个政策文件的标题 (optional heading)")
    source: Optional[Text] = Field(None, description="答复机关：机构编号或名称 (organization id or name)")

    @field_validator("policies", "items")
    @classmethod
    def _not_empty(cls, value: list) -> list:
        if not value:
            raise bilingual("不能为空列表；请至少填写一项", "must not be an empty list; add at least one")
        return value
