"""Standard catalog (基层政务公开事项标准目录): ``catalog/<area-id>.yml``, one area (领域) each."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from ..channels import canonical_channel, canonical_channels
from .common import Id, Model, Text, TextList, Url, WholeNumber, bilingual

Level = Literal["county", "township"]
Audience = Literal["public", "specific"]
Mode = Literal["proactive", "on_request"]

#: 公开渠道和载体: the canonical channels of generator/data/channels.yml, in the guidelines' order.
CHANNELS: tuple[str, ...] = canonical_channels()

LEVEL_LABELS = {"county": "县级", "township": "乡级"}
AUDIENCE_LABELS = {"public": "全社会", "specific": "特定群体"}
MODE_LABELS = {"proactive": "主动", "on_request": "依申请"}
LINK_KINDS = ("policy", "page", "record", "section", "url", "topics")


def _channel(value: Any) -> Any:
    """A channel in any wording of the standard guidelines -> its canonical name; an unknown one
    stays as written (``check_catalog_channels`` warns about it, the build goes on)."""
    if not isinstance(value, str):
        return value
    return canonical_channel(value) or value.strip()


Channel = Annotated[Text, BeforeValidator(_channel), WithJsonSchema({
    "type": "string", "anyOf": [{"enum": list(CHANNELS)}, {"type": "string"}],
    "description": "公开渠道和载体：标准指引的写法均可（例如 两微一端、社区/企事业单位/村公示栏（电子屏））；"
                   "未知的渠道会得到提示 (a channel; the standard guidelines' wording is accepted, "
                   "an unknown one gets a warning)"})]


def _category(value: Any) -> Any:
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list) and not 1 <= len(value) <= 2:
        raise bilingual("事项类别应写成 [一级事项] 或 [一级事项, 二级事项]",
                        "category is [first-level item] or [first-level item, second-level item]")
    return value


Category = Annotated[list[Text], BeforeValidator(_category)]


class Link(Model):
    """Where the information that fulfils an item is: exactly one of the six keys."""

    policy: Optional[Id] = Field(None, description="政策文件编号 (id of a policy on this site)")
    page: Optional[Id] = Field(None, description="页面编号 (id of a page under pages/)")
    record: Optional[Id] = Field(None, description="信息条目编号，例如 budget-2026-county (id of a record)")
    section: Optional[Id] = Field(None, description="信息条目栏目编号：链接到该栏目全部已公开条目，例如 budgets "
                                                    "(every published record of a records section)")
    url: Optional[Url] = Field(None, description="其他网址，以 https:// 或 http:// 开头 (another address)")
    topics: Optional[TextList] = Field(None, description="主题分类：链接到该主题下全部已公开文件 (every "
                                                         "published policy with one of these topics)")

    @model_validator(mode="before")
    @classmethod
    def _one_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and len([k for k in data if k in LINK_KINDS]) != 1:
            raise bilingual("每个链接只写一项：policy、page、record、section、url 或 topics 之一，例如 - policy: 2022-budget",
                            "each link has exactly one key: policy, page, record, section, url or topics, "
                            "e.g. - policy: 2022-budget")
        return data

    @model_validator(mode="after")
    def _url_scheme(self) -> "Link":
        if self.url is not None and not self.url.startswith(("https://", "http://")):
            raise bilingual(f"网址 {self.url} 应以 https:// 或 http:// 开头",
                            f"address {self.url} must start with https:// or http://")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in LINK_KINDS if getattr(self, k) is not None)


class Item(Model):
    """One item (事项) of an area, with the ten columns of the standard catalog."""

    code: Optional[Text] = Field(None, description="事项编码，例如 \"0301\" (catalog code)")
    category: Category = Field(description="[一级事项, 二级事项] (first- and second-level item)")
    content: Text = Field(description="公开内容（要素） (what is disclosed)")
    basis: Text = Field(description="公开依据 (legal basis)")
    deadline: Text = Field(description="公开时限，例如 信息形成或变更之日起20个工作日内 (deadline)")
    owner: Id = Field(description="公开主体：机构编号 (organization id of the body that discloses)")
    channels: list[Channel] = Field(description="公开渠道和载体 (channels)")
    audience: Audience = Field(description="公开对象：public 全社会 · specific 特定群体")
    mode: Mode = Field(description="公开方式：proactive 主动 · on_request 依申请")
    level: Optional[list[Level]] = Field(None, description="公开层级，默认同本领域 (county 县级 · township 乡级)")
    links: list[Link] = Field(default_factory=list, description="落实本事项的信息 (information fulfilling it)")
    max_age_days: Optional[WholeNumber] = Field(None, ge=1, description="信息超过多少天未更新即提示，默认同本领域或 365 "
                                                                 "(days before linked information counts as stale)")
    not_applicable: Optional[Text] = Field(None, description="本地未涉及此事项的说明 (why it does not apply here)")


class CatalogArea(Model):
    """One area (领域) of the standard catalog and its items."""

    area: Text = Field(description="领域名称，例如 财政预决算 (area name; one of the 26 pilot areas, or another)")
    level: list[Level] = Field(description="公开层级 [county, township] (levels that disclose)")
    items: list[Item] = Field(default_factory=list, description="事项 (items)")
    not_applicable: Optional[Text] = Field(None, description="未涉及事项说明 (why this area, or part of it, "
                                                             "does not apply here)")
    order: WholeNumber = Field(100, description="在目录中的顺序，小的在前 (order in the catalog)")
    max_age_days: Optional[WholeNumber] = Field(None, ge=1, description="本领域信息超过多少天未更新即提示，默认 365 "
                                                                 "(days before linked information counts as stale)")

    @model_validator(mode="after")
    def _items_or_reason(self) -> "CatalogArea":
        if not self.items and not self.not_applicable:
            raise bilingual("领域没有事项；请添加 items，或用 not_applicable 说明本地未涉及的原因",
                            "the area has no items; add items, or say why it does not apply with not_applicable")
        return self
