"""The year's on-request figures (依申请公开统计): ``requests/<year>.yml``.

The same tables 三 and 四 as the annual report (国办公开办函〔2021〕30号), reusing its
models: the 依申请公开 page shows them during the year, and the annual report takes
them when it does not give its own (or is checked equal when it does).
"""
from __future__ import annotations

from typing import Optional

from pydantic import Field

from .common import Model
from .report import Appeals, Applications


class RequestFigures(Model):
    """One year's 收到和处理政府信息公开申请情况 and 行政复议、行政诉讼情况; the file name is the year."""

    applications: Applications = Field(description="三、收到和处理政府信息公开申请情况")
    appeals: Optional[Appeals] = Field(None, description="四、政府信息公开行政复议、行政诉讼情况")
