"""Decap CMS form fields derived from the content models (one source of truth).

Every field of a pydantic content model becomes one Decap field: the widget is read
off the field's type (a date, a closed list of values, a number, a nested model, a list
of them), the label is the Chinese part of the field's description and the hint the
whole description. References to other documents become relation pickers and
organizations a select, from the tables :data:`REFERENCES` and :data:`ORGANIZATION_FIELDS`
below; :func:`model_fields` raises :class:`UnmappedField` for a type it does not know,
so a new model field can never be left without a form field silently (tested).
"""
from __future__ import annotations

import datetime as dt
import decimal
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

#: Fields that name policy documents by id: a picker over the policies collection,
#: searched by title and 文号, storing the file name (the id).
POLICY_REFERENCES = frozenset({"amends", "repeals", "replaces", "invalidates", "interprets", "policies",
                               "policy", "decision"})
#: Fields that name an organization of organizations.yml.
ORGANIZATION_FIELDS = frozenset({"issuer", "owner"})
#: Fields holding 主题分类 entries.
TOPIC_FIELDS = frozenset({"topics"})
#: Fields holding a path under content/assets/ (when their description says so).
FILE_FIELDS = frozenset({"file"})
#: Text fields shown as a multi-line box rather than one line.
LONG_TEXT = frozenset({"answer", "content", "basis", "not_applicable", "withheld_ground", "reason_if_short"})

_LABEL_END = re.compile(r"[（(:：，,；;]| YYYY")
#: Labels of fields whose description starts with their values rather than their name.
LABELS = {"genre": "文件类别", "kind": "解读形式", "type": "变化类型", "level": "公开层级", "issuer": "发文机关",
          "owner": "公开主体", "amends": "修改的文件", "repeals": "废止的文件", "replaces": "替代的文件",
          "invalidates": "宣布失效的文件", "interprets": "解读的政策文件", "policies": "相关政策文件"}
#: The same, where one name means something else in one model (generator/model/record.py).
MODEL_LABELS = {("Record", "issuer"): "发布机构", ("Budget", "kind"): "预算或决算", ("Spending", "kind"): "预算数或决算数",
                ("Results", "kind"): "许可或处罚", ("Proposal", "kind"): "建议或提案", ("Proposal", "result"): "办理结果"}


class UnmappedField(TypeError):
    """A model field whose type has no Decap widget here: add one to :mod:`generator.features.cms.fields`."""


@dataclass(frozen=True)
class Choices:
    """What the selects offer, read from the site's own content at build time."""

    organizations: tuple[tuple[str, str], ...] = ()   # (id, name)
    topics: tuple[str, ...] = ()
    policies_collection: str = "policies"


def label_of(name: str, info: FieldInfo, owner: str = "") -> str:
    """The Chinese label: the description up to its first bracket or colon, else the key."""
    if (owner, name) in MODEL_LABELS:
        return MODEL_LABELS[(owner, name)]
    if name in LABELS:
        return LABELS[name]
    description = (info.description or "").strip()
    label = _LABEL_END.split(description, 1)[0].strip()
    return label if label and not label[0].isascii() else name


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``Optional[X]`` -> (X, True); ``Annotated[X, ...]`` -> X."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation, optional
        else:
            return annotation, optional


def _literal_options(annotation: Any, info: FieldInfo) -> list[dict[str, str]]:
    """Options of a closed list with the labels the description gives (``value 中文 · …``)."""
    words = dict(re.findall(r"([a-z_]+)\s+([^\s·，,()（）]+)", info.description or ""))
    return [{"label": f"{words[v]}（{v}）" if v in words else v, "value": v}
            for v in typing.get_args(annotation)]


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def field_for(name: str, info: FieldInfo, choices: Choices, within_optional: bool = False,
              owner: str = "") -> dict[str, Any]:
    """The Decap field of one model field. Inside an optional mapping nothing is required:
    Decap would otherwise refuse to save a document that leaves the mapping out (the content
    check still reports a mapping written half)."""
    annotation, optional = _unwrap(info.annotation)
    required = info.is_required() and not optional and not within_optional
    base: dict[str, Any] = {"name": name, "label": label_of(name, info, owner), "hint": info.description or name,
                            "required": required}
    return {**base, **_widget(name, annotation, info, choices, within_optional or not required)}


def _widget(name: str, annotation: Any, info: FieldInfo, choices: Choices, optional: bool) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is list:
        item, _ = _unwrap(typing.get_args(annotation)[0])
        return _list_widget(name, item, info, choices)
    if name in POLICY_REFERENCES:
        return _policy_picker(choices, multiple=False)
    if name in ORGANIZATION_FIELDS:
        return _organization_select(choices, multiple=False)
    if name in FILE_FIELDS and "content/assets/" in (info.description or ""):
        return {"widget": "file"}
    if annotation is dt.date:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False, "picker_utc": True}
    if typing.get_origin(annotation) is Literal:
        return {"widget": "select", "options": _literal_options(annotation, info)}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int"}
    if annotation is decimal.Decimal:
        return {"widget": "number", "value_type": "float"}
    if annotation is str:
        return {"widget": "text" if name in LONG_TEXT else "string"}
    if _is_model(annotation):
        return {"widget": "object", "collapsed": True, "fields": model_fields(annotation, choices, optional)}
    raise UnmappedField(f"{name}: no Decap widget for {annotation!r}")


def _list_widget(name: str, item: Any, info: FieldInfo, choices: Choices) -> dict[str, Any]:
    if name in POLICY_REFERENCES:
        return _policy_picker(choices, multiple=True)
    if name in ORGANIZATION_FIELDS:
        return _organization_select(choices, multiple=True)
    if name in TOPIC_FIELDS and choices.topics:
        return {"widget": "select", "multiple": True, "options": list(choices.topics)}
    if _is_model(item):
        return {"widget": "list", "collapsed": True, "fields": model_fields(item, choices)}
    if typing.get_origin(item) is Literal:
        return {"widget": "select", "multiple": True, "options": _literal_options(item, info)}
    if item is str:
        return {"widget": "list"}
    raise UnmappedField(f"{name}: no Decap widget for a list of {item!r}")


def _policy_picker(choices: Choices, multiple: bool) -> dict[str, Any]:
    return {"widget": "relation", "collection": choices.policies_collection, "multiple": multiple,
            "search_fields": ["title", "doc_number"], "value_field": "{{filename}}",
            "display_fields": ["{{title}}", "{{doc_number}}"], "options_length": 50}


def _organization_select(choices: Choices, multiple: bool) -> dict[str, Any]:
    return {"widget": "select", "multiple": multiple,
            "options": [{"label": name, "value": org_id} for org_id, name in choices.organizations]}


def model_fields(model: type[BaseModel], choices: Choices, within_optional: bool = False) -> list[dict[str, Any]]:
    """The Decap fields of every field of ``model``, in the model's order."""
    return [field_for(name, info, choices, within_optional, model.__name__) for name, info in model.model_fields.items()]


def field_names(fields: list[dict[str, Any]], prefix: str = "") -> set[str]:
    """Every dotted field name of a Decap field list, nested ones included (for the coverage test)."""
    names: set[str] = set()
    for field in fields:
        dotted = f"{prefix}{field['name']}"
        names.add(dotted)
        names |= field_names(field.get("fields", []), dotted + ".")
    return names


def model_field_names(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every dotted field name of a model, nested models included."""
    names: set[str] = set()
    for name, info in model.model_fields.items():
        dotted = f"{prefix}{name}"
        names.add(dotted)
        annotation, _ = _unwrap(info.annotation)
        if typing.get_origin(annotation) is list:
            annotation, _ = _unwrap(typing.get_args(annotation)[0])
        if _is_model(annotation) and name not in POLICY_REFERENCES:
            names |= model_field_names(annotation, dotted + ".")
    return names

