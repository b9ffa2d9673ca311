"""Optional parts of a policy: historical texts (``versions``), a task list (``tasks``)
and its government gazette issue (``gazette``).

Kept apart from :mod:`.policy` so that module stays the plain document record.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator

from .common import Date, Id, Model, Text, TextList, WholeNumber, bilingual

GAZETTE_PATTERN = r"^(\d{4})年第([1-9]\d*)期$"
TaskStatus = Literal["done", "in_progress", "not_started"]
TASK_STATUS_LABELS = {"done": "已完成", "in_progress": "推进中", "not_started": "未开始"}


def _gazette(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(GAZETTE_PATTERN, value.strip()):
        raise bilingual(f"政府公报期号 {value} 格式不对；请写成 YYYY年第N期，例如 2022年第5期",
                        f"gazette issue {value} is not in the form YYYY年第N期, e.g. 2022年第5期")
    return value.strip() if isinstance(value, str) else value


GazetteIssue = Annotated[str, BeforeValidator(_gazette),
                         WithJsonSchema({"type": "string", "pattern": GAZETTE_PATTERN,
                                         "description": "政府公报期号 YYYY年第N期"})]


def parse_gazette(issue: str) -> tuple[int, int]:
    """``2022年第5期`` -> (2022, 5)."""
    match = re.fullmatch(GAZETTE_PATTERN, issue)
    if not match:
        raise ValueError(issue)
    return int(match[1]), int(match[2])


class Version(Model):
    """An earlier text of the document (历史文本), in force from ``effective`` to ``until``."""

    effective: Date = Field(description="该版本施行日期 (first day this text was in force)")
    until: Date = Field(description="该版本最后施行日 (last day this text was in force)")
    by: Optional[Id] = Field(None, description="产生下一版本的文件编号，例如修改决定 (id of the document "
                                               "that produced the next version)")
    file: Text = Field(description="该版本全文的 Markdown 文件，相对于 content/，例如 "
                                   "versions/qhs-ling-12/2024-06-01.md (Markdown file of that text)")


class TaskItem(Model):
    """One row of a task list (工作台账)."""

    no: Optional[WholeNumber] = Field(None, description="序号，默认按顺序编号 (number)")
    task: Text = Field(description="重点任务 (the task)")
    lead: TextList = Field(description="牵头单位或责任单位 (lead units)")
    deadline: Text = Field(description="完成时限，例如 9月底前、全年、2022年12月31日前、持续推进 (deadline)")
    status: Optional[TaskStatus] = Field(None, description="进展：done 已完成 · in_progress 推进中 · "
                                                           "not_started 未开始 (progress)")
    evidence: TextList = Field(default_factory=list, description="佐证材料：政策文件编号或网址 "
                                                                  "(policy ids or addresses)")


class TaskList(Model):
    """A task list published with the notice (附件：重点任务清单)."""

    title: Text = Field(description="清单名称，例如 2022年全县政务公开工作重点任务清单 (title)")
    year: Optional[WholeNumber] = Field(None, description="完成时限所属年度，默认为成文日期的年份 "
                                                          "(year the deadlines refer to)")
    items: list[TaskItem] = Field(description="任务 (tasks)")

    @field_validator("items")
    @classmethod
    def _not_empty(cls, value: list) -> list:
        if not value:
            raise bilingual("任务清单不能为空；请至少填写一项任务", "a task list needs at least one task")
        return value
