"""The records' cross-field and cross-file checks (located, bilingual, all at once). Field
types were checked by the model (``generator/model/record.py``); bodies, images and
attachments are checked by the core like a policy's (``generator/validate.py``)."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content
from ...errors import Problem
from ...validate import missing_org
from .records import RECORD, record_sections, section_of


def check_records(content: Content, as_of: dt.date) -> Iterator[Problem]:
    """Issuers, dates, disclosure and 替代 of every record."""
    records = content.of(RECORD)
    sections = record_sections(content.structure)
    for entry in sorted(records.values(), key=lambda e: e.path):
        m = entry.model
        for i, org in enumerate(m.issuer):
            if org not in content.organizations and not content.is_unloaded("organization", org):
                yield missing_org(entry, ("issuer", i) if len(m.issuer) > 1 else ("issuer",), org)
        if m.updated and m.updated < m.published:
            yield entry.at("updated", zh=f"更新日期 {m.updated} 早于发布日期 published {m.published}；请改正更新日期",
                           en=f"updated {m.updated} is before published {m.published}; correct updated")
        if m.valid_until and m.valid_until < m.published:
            yield entry.at("valid_until",
                           zh=f"有效期至 {m.valid_until} 早于发布日期 published {m.published}；请改正有效期至",
                           en=f"valid_until {m.valid_until} is before published {m.published}; correct valid_until")
        if m.disclosure == "withheld" and not m.withheld_ground:
            yield entry.at("disclosure", problem_key="withheld_ground",
                           zh="不予公开的条目必须写明法律依据；请添加 withheld_ground，例如 《中华人民共和国政府信息公开条例》第十四条",
                           en="a withheld record needs its legal ground; add withheld_ground, e.g. "
                              "Article 14 of the Regulations on Open Government Information")
        if m.superseded_by:
            yield from _superseded(content, entry, sections)


def _superseded(content: Content, entry, sections) -> Iterator[Problem]:
    target_id, section = entry.model.superseded_by, section_of(entry)
    target = content.of(RECORD).get(target_id)
    title = sections[section].title if section in sections else section
    if target is None:
        if content.is_unloaded(RECORD, target_id):
            return
        yield entry.at("superseded_by",
                       zh=f"找不到条目 {target_id}；superseded_by 应为本栏目（{title}）中替代本条目的条目编号（文件名去掉 .md）",
                       en=f"no record {target_id}; superseded_by names the record of this section ({section}) "
                          f"that replaces this one (its file name without .md)")
    elif section_of(target) != section:
        yield entry.at("superseded_by",
                       zh=f"条目 {target_id} 在另一栏目（{target.path}）；只能被本栏目（{title}）的条目替代，请改正 superseded_by",
                       en=f"record {target_id} is in another section ({target.path}); only a record of this section "
                          f"({section}) can replace it: correct superseded_by")
    elif target_id == entry.id:
        yield entry.at("superseded_by", zh="条目不能替代自己；请删除 superseded_by 或改为新条目的编号",
                       en="a record cannot replace itself; remove superseded_by or name the new record")
