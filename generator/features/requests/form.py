"""The 政府信息公开申请表, defined once and made twice: the printable HTML page and the DOCX.

The fields are those 《政府信息公开条例》第二十九条 asks an application to contain: the
applicant's name or organisation, proof of identity and contacts; a description of the
information (name, 文号 or other features that let the office find it); the form
wanted (medium, how it is delivered); the date and the signature. Both outputs read
:data:`FORM`, so they cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import docx
from docx.shared import Cm, Pt

FORM_TITLE = "政府信息公开申请表"
DOCX_NAME = "application-form.docx"


@dataclass(frozen=True)
class FormField:
    """One field: its key (the HTML id), its label, its choices (tick boxes) or lines to write on."""

    key: str
    label: str
    choices: tuple[str, ...] = ()
    lines: int = 1
    hint: str = ""


@dataclass(frozen=True)
class FormGroup:
    """A group of fields under one heading (a ``<fieldset>`` and a table of the DOCX)."""

    key: str
    legend: str
    fields: tuple[FormField, ...]


FORM: tuple[FormGroup, ...] = (
    FormGroup("applicant", "申请人信息", (
        FormField("kind", "申请人类型", choices=("公民", "法人或者其他组织")),
        FormField("name", "姓名或者名称", hint="公民填写姓名；法人或者其他组织填写全称"),
        FormField("representative", "法定代表人或者负责人", hint="法人或者其他组织填写"),
        FormField("id_type", "身份证明类型", choices=("居民身份证", "护照", "统一社会信用代码证书", "其他")),
        FormField("id_number", "证件号码"),
        FormField("phone", "联系电话"),
        FormField("email", "电子邮箱"),
        FormField("address", "通信地址"),
        FormField("postcode", "邮政编码"),
    )),
    FormGroup("information", "申请公开的政府信息", (
        FormField("description", "政府信息的名称、文号或者便于查询的其他特征性描述", lines=5,
                  hint="请尽量写明文件名称、文号、制作机关和大致时间"),
    )),
    FormGroup("delivery", "获取政府信息的方式", (
        FormField("medium", "载体形式", choices=("纸质", "电子")),
        FormField("means", "获取途径", choices=("邮寄", "电子邮件", "传真", "当面领取")),
    )),
    FormGroup("signature", "签名", (
        FormField("date", "申请日期", hint="年　月　日"),
        FormField("signed", "申请人签名或者盖章", lines=2),
    )),
)

BOX = "□"


def form_docx(organization: str, stamp: dt.date) -> bytes:
    """The form as a DOCX: a table per group, empty cells to write in, □ before each choice.

    The bytes depend only on the organization and ``stamp``: the core properties' dates
    are ``stamp`` and every zip member carries the same fixed time, so two builds of the
    same content give the same file."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(11)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    document.add_heading(FORM_TITLE, level=1)
    document.add_paragraph(f"受理机关：{organization}")
    for group in FORM:
        document.add_heading(group.legend, level=2)
        table = document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for field in group.fields:
            cells = table.add_row().cells
            cells[0].text = field.label
            cells[0].width, cells[1].width = Cm(6), Cm(11)
            cells[1].text = "　".join(f"{BOX}{c}" for c in field.choices) if field.choices else "\n" * (field.lines - 1)
            if field.hint:
                cells[1].add_paragraph(field.hint).runs[0].font.size = Pt(9)
    document.add_paragraph("请附身份证明复印件。本表可到受理机关领取，也可以自行打印。")
    _fix_properties(document, organization, stamp)
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue(), stamp)


def _fix_properties(document, organization: str, stamp: dt.date) -> None:
    when = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = FORM_TITLE, organization, organization
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.comments = ""


def _fixed_zip(data: bytes, stamp: dt.date) -> bytes:
    """The same members, in the same order, each dated ``stamp`` (python-docx dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
