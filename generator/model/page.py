"""Free pages (政府信息公开指南, 制度, notices): ``pages/**/<id>.md``."""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from .common import Date, Model, Text, WholeNumber


class Page(Model):
    """A free page written in Markdown."""

    title: Text = Field(description="标题 (title)")
    column_type: Optional[Text] = Field(None, description="栏目类型，例如 信息公开指南 (47号 ColumnType)")
    updated: Optional[Date] = Field(None, description="更新日期 YYYY-MM-DD (date last updated)")
    order: WholeNumber = Field(100, description="在导航中的顺序，小的在前 (order in navigation)")
