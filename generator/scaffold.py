"""``build.py new policy|interpretation|catalog|qa ID`` and ``build.py new record ID --section S``: a file
with every required key and a comment per key.

A YAML file (catalog, qa) starts with a ``# yaml-language-server: $schema=`` line naming
its schema in ``schema/``, so an editor with the YAML language server (VS Code's YAML
extension, and others) completes and checks it even without the workspace settings.
Markdown front matter gets no such line: no common editor runs the YAML language
server inside front matter, and ``build.py check`` is the authority there.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path

from .content import load_content
from .pipeline import CONTENT_TYPES, SECTION_TYPES
from .model.common import ID_PATTERN
from .schema import FOLDER as SCHEMA_FOLDER
from .site import all_index_numbers, index_prefix

POLICY = """---
title: "标题（必填）"                 # 标题 title
genre: normative                     # regulation 规章 · normative 行政规范性文件 · other 其他文件
issuer: {issuer}                  # 发文机关编号，见 organizations.yml；联合发文写成 [a, b]
doc_number: "清政规〔{year}〕1号"     # 发文字号（规章、规范性文件必填）
written: "{today}"                   # 成文日期 YYYY-MM-DD
published: "{today}"                 # 发布日期，不早于成文日期
# effective: "{today}"               # 施行日期，默认为发布日期
# expires: "{later}"                 # 有效期至：最后一个有效日
topics: []                           # 主题分类，例如 ["综合政务\\\\政务公开"]
keywords: []                         # 关键词
index_no: "{index_no}"               # 索引号：已按顺序分配，请勿改动
# amends: []                         # 本文件修改的文件编号
# repeals: []                        # 本文件废止的文件编号
# replaces: []                       # 本文件替代的文件编号
# invalidates: []                    # 本文件宣布失效的文件编号
---

正文（Markdown）。
"""

INTERPRETATION = """---
title: "关于《……》的解读"          # 标题 title
published: "{today}"                 # 发布日期 YYYY-MM-DD（应在文件发布后3个工作日内）
interprets: []                       # 所解读的政策文件编号，例如 [qh-2023-001]
kind: text                           # text 文字 · graphic 图解 · video 视频 · qa 问答式
source: {issuer}                  # 解读机关：机构编号或名称
---

正文（Markdown）。
"""

CATALOG = """# yaml-language-server: $schema={schema}
area: 领域名称                          # 领域，例如 财政预决算（26 个试点领域之一，或其他）
level: [county, township]              # 公开层级：county 县级 · township 乡级
items:
  - code: "0101"                       # 事项编码
    category: [一级事项, 二级事项]      # 事项类别
    content: 公开内容（要素）
    basis: 《……》第X条                 # 公开依据
    deadline: 信息形成或变更之日起20个工作日内   # 公开时限
    owner: {issuer}                   # 公开主体：机构编号，见 organizations.yml
    channels: [政府网站]               # 公开渠道和载体：标准指引的写法，例如 两微一端、社区/企事业单位/村公示栏（电子屏）
    audience: public                   # 公开对象：public 全社会 · specific 特定群体
    mode: proactive                    # 公开方式：proactive 主动 · on_request 依申请
    links: []                          # 落实本事项的信息：- policy: 编号 · - page: 编号 · - url: 网址 · - topics: [主题]
"""

QA = """# yaml-language-server: $schema={schema}
title: 政策问答标题
policies: [{policy}]                  # 相关政策文件编号（已填最新发布的一件，请改为所答的文件）
published: "{today}"                   # 发布日期 YYYY-MM-DD
source: {issuer}                    # 答复机关：机构编号或名称
items:
  - question: 问题？
    answer: |
      回答（Markdown）。
"""

RECORD = """---
title: "标题（必填）"                 # 标题 title
issuer: {issuer}                  # 发布机构编号，见 organizations.yml；联合发布写成 [a, b]
published: "{today}"                 # 发布日期 YYYY-MM-DD
{index_line}topics: []                           # 主题分类，例如 ["财政、金融、审计\\\\财政"]
keywords: []                         # 关键词
# summary: "一句话概述"              # 内容概述：列表和搜索结果中显示
# doc_number: "清财预〔{year}〕1号"   # 文号
# valid_until: "{later}"             # 有效期至，例如规划期末
# superseded_by: new-record-id       # 替代本条目的新条目编号（同一栏目）
---

正文（Markdown）。
"""

#: kind -> (folder, suffix, template, schema name)
FOLDERS = {"policy": ("policies", ".md", POLICY, "policy"),
           "interpretation": ("interpretations", ".md", INTERPRETATION, "interpretation"),
           "catalog": ("catalog", ".yml", CATALOG, "catalog"),
           "qa": ("qa", ".yml", QA, "qa")}


def write_new(content_dir: Path, kind: str, doc_id: str, today: dt.date, section: str = "") -> int:
    """Write the template; exit 2 on a bad id or section, 1 if the file exists."""
    if not re.fullmatch(ID_PATTERN, doc_id):
        print(f"编号 {doc_id} 只能由英文字母、数字和 - 组成 (an id may only hold ASCII letters, digits and -)",
              file=sys.stderr)
        return 2
    if kind == "record":
        return _write_record(content_dir, doc_id, today, section)
    folder, suffix, template, schema = FOLDERS[kind]
    path = content_dir / folder / f"{doc_id}{suffix}"
    # ids are unique across the whole folder tree, not just its top level
    existing = sorted((content_dir / folder).rglob(f"{doc_id}{suffix}")) if (content_dir / folder).is_dir() else []
    if existing:
        print(f"{existing[0]} 已存在，未改动 (already exists; nothing written)", file=sys.stderr)
        return 1
    content, _ = load_content(content_dir, str(content_dir), CONTENT_TYPES, section_types=SECTION_TYPES)
    issuer = content.site.organization if content.site else "org-id"
    index_no = _next_index_no(content, today)
    newest = max(content.policies, key=lambda i: (str(content.policies[i].model.published), i), default="policy-id")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.format(issuer=issuer, year=today.year, today=today.isoformat(),
                                    later=today.replace(year=today.year + 5).isoformat(), index_no=index_no,
                                    schema=schema_reference(path, schema),
                                    policy=newest),
                    encoding="utf-8")
    print(f"已创建 {path}：请填写标题和正文 (created {path}: fill in the title and body)", file=sys.stderr)
    return 0


def _write_record(content_dir: Path, doc_id: str, today: dt.date, section: str) -> int:
    """``content/<section>/<id>.md``: a 信息条目 of a records section of the site's tree; its 索引号
    is written now (none in a section whose ``index_numbers`` is false, e.g. 上级文件)."""
    content, _ = load_content(content_dir, str(content_dir), CONTENT_TYPES, section_types=SECTION_TYPES)
    sections = content.structure.of_feature("records") if content.structure else {}
    if section not in sections:
        known = "、".join(sections)
        print(f"请用 --section 指定信息条目栏目，为以下之一：{known} "
              f"(give the records section with --section, one of: {known.replace('、', ', ')})", file=sys.stderr)
        return 2
    existing = content.of("record").get(doc_id)
    if existing is not None:
        print(f"{content_dir / existing.rel} 已存在，未改动 (already exists; nothing written)", file=sys.stderr)
        return 1
    path = content_dir / section / f"{doc_id}.md"
    issuer = content.site.organization if content.site else "org-id"
    index_line = (f'index_no: "{_next_index_no(content, today)}"    # 索引号：已按顺序分配，请勿改动\n'
                  if sections[section].index_numbers else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(RECORD.format(issuer=issuer, year=today.year, today=today.isoformat(),
                                  later=today.replace(year=today.year + 5).isoformat(), index_line=index_line),
                    encoding="utf-8")
    print(f"已创建 {path}：请填写标题和正文 (created {path}: fill in the title and body)", file=sys.stderr)
    return 0


def schema_reference(path: Path, schema: str) -> str:
    """The schema's path relative to the new file, with forward slashes, as the modeline wants it."""
    target = SCHEMA_FOLDER / f"{schema}.schema.json"
    return Path(os.path.relpath(target, path.parent.resolve())).as_posix()


def _next_index_no(content, today: dt.date) -> str:
    numbers = all_index_numbers(content)
    prefix = index_prefix(content, _Stub(content.site.organization if content.site else ""))
    seqs = [int(n.rsplit("-", 1)[1]) for n in numbers.values()
            if n.startswith(f"{prefix}/{today.year}-") and n.rsplit("-", 1)[1].isdigit()]
    return f"{prefix}/{today.year}-{max(seqs, default=0) + 1:05d}"


class _Stub:
    def __init__(self, org: str):
        self.issuer = [org] if org else []
