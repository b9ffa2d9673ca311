"""Field types shared by the content models, and bilingual error conversion."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..errors import Problem
from ..yamlio import Located, dotted

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def bilingual(zh: str, en: str) -> PydanticCustomError:
    """An error whose message is written in both languages by the model itself."""
    return PydanticCustomError("bilingual", "{en}", {"zh": zh, "en": en})


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not re.fullmatch(DATE_PATTERN, value.strip()):
        raise bilingual(f"日期格式应为 YYYY-MM-DD，例如 2022-05-24，而不是 {value!r}",
                        f"a date is written YYYY-MM-DD, e.g. 2022-05-24, not {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise bilingual(f"日期 {value} 不存在；请改为日历上真实存在的日期",
                        f"{value} is not a real date; use a day that exists in the calendar") from None


Date = Annotated[dt.date, BeforeValidator(_parse_date),
                 WithJsonSchema({"type": "string", "pattern": DATE_PATTERN,
                                 "description": "YYYY-MM-DD (Asia/Shanghai)"})]


def _parse_id(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(ID_PATTERN, value):
        raise bilingual(f"编号 {value!r} 只能由英文字母、数字和 - 组成",
                        f"id {value!r} may only hold ASCII letters, digits and -")
    return value


Id = Annotated[str, BeforeValidator(_parse_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise bilingual("不能为空；请填写内容", "must not be empty; fill it in")
    return value


Text = Annotated[str, BeforeValidator(_text)]

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _url(value: Any) -> Any:
    """An address a page links to: http(s) or relative, nothing a browser would run or open
    elsewhere (javascript:, data:, file:). Blanks and control characters are refused too: a
    browser drops them before reading the scheme (``java\tscript:``)."""
    value = _text(value)
    if isinstance(value, str):
        scheme = _SCHEME.match(value)
        if re.search(r"[\x00-\x20\x7f]", value) or (scheme and scheme.group(1).lower() not in ("http", "https")):
            raise bilingual(f"地址 {value} 不可用：只能写 https:// 或 http:// 开头的网址，或站内相对地址；"
                            f"请改为 https://www.example.gov.cn/… 的形式",
                            f"address {value} is not allowed: only an https:// or http:// URL or a relative "
                            f"address; write it like https://www.example.gov.cn/…")
    return value


Url = Annotated[str, BeforeValidator(_url), WithJsonSchema({"type": "string", "format": "uri-reference"})]
# A single value may be written without list brackets (``issuer: county-gov``); the schema says so too.
IdList = Annotated[list[Id], BeforeValidator(_one_or_many),
                   WithJsonSchema({"anyOf": [{"type": "string", "pattern": ID_PATTERN},
                                             {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}]})]
TextList = Annotated[list[Text], BeforeValidator(_one_or_many),
                     WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]})]
# YAML is read without type guessing, so a number arrives as text ("3"); pydantic converts it.
WholeNumber = Annotated[int, WithJsonSchema({"anyOf": [{"type": "integer"},
                                                       {"type": "string", "pattern": r"^-?\d+$"}]})]


class Model(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Attachment(Model):
    file: str = Field(description="附件路径，相对于 content/assets/ (path under content/assets/)")
    title: Text = Field(description="附件名称 (title shown in the attachment list)")


class Image(Model):
    file: str = Field(description="图片路径，相对于 content/assets/ (path under content/assets/)")
    alt: Text = Field(description="替代文字，供读屏软件朗读 (alt text read by screen readers)")


# --- pydantic errors -> located bilingual problems ---------------------------------

_TYPE_WORDS = {
    "string_type": ("文字", "text"),
    "list_type": ("列表（每行以 - 开头）", "a list (lines starting with -)"),
    "dict_type": ("键值对（名称: 值）", "a mapping (name: value)"),
    "model_type": ("键值对（名称: 值）", "a mapping (name: value)"),
    "model_attributes_type": ("键值对（名称: 值）", "a mapping (name: value)"),
    "bool_parsing": ("true 或 false", "true or false"),
    "bool_type": ("true 或 false", "true or false"),
    "int_parsing": ("整数", "a whole number"),
    "int_type": ("整数", "a whole number"),
}


def _allowed_values(model: type[BaseModel], loc: tuple) -> list[str]:
    """The names of the fields a mapping at ``loc`` may hold (for 'did you mean')."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None and getattr(current, "model_fields", None) is not None:
            continue  # a key of a mapping of models (sections.yml: ``sections: {id: {...}}``)
        current = _inner_model(field.annotation) if field else None
    return sorted(getattr(current, "model_fields", {}) or [])


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    return _inner_model(meta) if meta not in (None, annotation) else None


def _field_description(model: type[BaseModel], loc: tuple) -> str:
    current: Any = model
    description = ""
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return ""
        description = field.description or ""
        current = _inner_model(field.annotation)
    return description


def problems_from_validation(exc: ValidationError, model: type[BaseModel], where: Located,
                             display: str, prefix: tuple = ()) -> list[Problem]:
    """Turn pydantic's errors into located, bilingual :class:`Problem` objects."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        # pydantic reports unions per member ("str", "list[...]"); keep the real path.
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in ("str", "list"))))
        key = dotted(loc)
        kind = err["type"]
        value = err.get("input")
        if kind == "missing":
            line, col = where.where(prefix + loc[:-1])
            desc = _field_description(model, loc)
            hint = f"（{desc}）" if desc else ""
            zh, en = (f"缺少必填键 {loc[-1]}；请添加 {loc[-1]}: …{hint}",
                      f"required key {loc[-1]} is missing; add {loc[-1]}: …")
        elif kind == "extra_forbidden":
            line, col = where.where(prefix + loc, key=True)
            close = difflib.get_close_matches(str(loc[-1]), _allowed_values(model, loc), n=1, cutoff=0.6)
            if close:
                zh = f"未知的键 {loc[-1]}；是否应为 {close[0]}？"
                en = f"unknown key {loc[-1]}; did you mean {close[0]}?"
            else:
                allowed = "、".join(_allowed_values(model, loc))
                zh = f"未知的键 {loc[-1]}；请删除它，或改为以下之一：{allowed}"
                en = f"unknown key {loc[-1]}; remove it or use one of: {allowed.replace('、', ', ')}"
        elif kind in ("literal_error", "enum"):
            line, col = where.where(prefix + loc)
            expected = err.get("ctx", {}).get("expected", "")
            options = re.findall(r"'([^']*)'", expected) or [expected]
            zh = f"值 {value} 不在允许范围内；请改为以下之一：{'、'.join(options)}"
            en = f"{value} is not an allowed value; use one of: {', '.join(options)}"
        elif kind == "bilingual":
            line, col = where.where(prefix + loc)
            zh, en = err["ctx"]["zh"], err["ctx"]["en"]
        elif kind in _TYPE_WORDS:
            line, col = where.where(prefix + loc)
            words = _TYPE_WORDS[kind]
            zh, en = f"应为{words[0]}；请按此格式填写", f"expected {words[1]}; write it in that form"
        else:  # any other pydantic check: keep its English, say it in Chinese too
            line, col = where.where(prefix + loc)
            zh, en = f"取值不合要求：{err['msg']}", err["msg"]
        problems.append(Problem(display, line, col, key, zh, en))
    return problems
