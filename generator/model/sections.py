"""The column's sections (栏目): ``generator/data/sections.yml``, overridable by an optional
``content/sections.yml`` (see docs/CONTENT.md, Sections). The views (navigation, home,
sitemap) are lists checked by ``generator/sections.py``; these models check the rest."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import Field

from .common import Model, Text, WholeNumber


class Section(Model):
    """One section, declared once: what it is called, where it is, which feature fills it."""

    title: Text = Field(description="栏目名称 (the section's title: list page, navigation, site map)")
    url: str = Field(description="站内地址，例如 lists/current/；以 * 结尾表示一组页面，例如 pages/* "
                                 "(site-relative URL; ending in * for a set of pages, e.g. pages/*)")
    feature: Text = Field(description="填充该栏目的功能，例如 lists (the feature that fills it, e.g. lists)")
    stale_days: Optional[WholeNumber] = Field(None, description="信息条目栏目：多少天无新条目视为不更新 "
                                                                "(records sections: days without a new record: stale)")
    index_numbers: bool = Field(True, description="信息条目栏目：是否为未填写索引号的条目生成索引号；上级文件为 false "
                                                  "(records sections: number records without index_no; false for 上级文件)")


class SectionChange(Model):
    """What ``content/sections.yml`` may change of a declared section."""

    title: Optional[Text] = Field(None, description="新的栏目名称，各处都用它 (a new title, used everywhere)")
    hidden: bool = Field(False, description="true：在导航、首页和网站地图中都不显示 (true: listed nowhere)")
    feature: Optional[Text] = Field(None, description="新增栏目时写 records：本站自设的信息条目栏目（特色栏目），"
                                                      "条目放在 content/<栏目编号>/ 下 (records: declares a new records "
                                                      "section of this site, its records under content/<id>/)")
    stale_days: Optional[WholeNumber] = Field(None, description="信息条目栏目：多少天无新条目视为不更新 "
                                                                "(records sections: days without a new record: stale)")
    index_numbers: Optional[bool] = Field(None, description="信息条目栏目：是否生成索引号 "
                                                            "(records sections: whether records get index numbers)")


class SectionTree(Model):
    """The default structure (``generator/data/sections.yml``)."""

    sections: dict[str, Section] = Field(description="每个栏目一次 (every section, once)")
    navigation: list[Any] = Field(description="导航 (the navigation)")
    home: list[Any] = Field(description="首页栏目 (the home page's columns)")
    sitemap: list[Any] = Field(description="网站地图 (the site map page)")


class SectionOverride(Model):
    """``content/sections.yml``: rename or hide sections; reorder or replace a view."""

    sections: dict[str, SectionChange] = Field(default_factory=dict, description="改名或隐藏 (rename or hide)")
    navigation: Optional[list[Any]] = Field(None, description="导航，替换默认的 (replaces the default navigation)")
    home: Optional[list[Any]] = Field(None, description="首页栏目，替换默认的 (replaces the default home columns)")
    sitemap: Optional[list[Any]] = Field(None, description="网站地图，替换默认的 (replaces the default site map)")
