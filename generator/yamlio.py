"""YAML loading that keeps the line and column of every node and guesses no types.

Every scalar becomes a ``str`` (``0301`` stays ``"0301"``, ``no`` stays ``"no"``,
``2022-02-30`` stays a string for the model to check); an empty plain value or
``~``/``null`` becomes ``None``. The models decide what a string means, so one
place owns each conversion and its error message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import Problem

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

Path = tuple[Any, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass
class Located:
    """Plain data plus where each value (and each mapping key) stands in the file."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, or of its nearest located ancestor."""
        path = tuple(path)
        while True:
            table = self.keys if key else self.values
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]
            key = True  # an ancestor is best pointed at by its key


class YamlProblem(Exception):
    """A YAML document that cannot be read; carries located problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def _mark(node: yaml.Node, line_offset: int) -> tuple[int, int]:
    return (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


def _convert(node: yaml.Node, path: Path, out: Located, display: str, line_offset: int,
             problems: list[Problem]) -> Any:
    out.values[path] = _mark(node, line_offset)
    if isinstance(node, yaml.ScalarNode):
        if node.style in (None, "") and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, path + (i,), out, display, line_offset, problems)
                for i, child in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line, col = _mark(key_node, line_offset)
            problems.append(Problem(display, line, col, "", "键必须是简单文字；请改为 名称: 值 的形式",
                                    "a key must be plain text; write it as name: value"))
            continue
        key = key_node.value
        if key in result:
            line, col = _mark(key_node, line_offset)
            problems.append(Problem(display, line, col, _dotted(path + (key,)),
                                    f"键重复出现；请删除重复的 {key}",
                                    f"duplicate key; remove the repeated {key}"))
            continue
        out.keys[path + (key,)] = _mark(key_node, line_offset)
        result[key] = _convert(value_node, path + (key,), out, display, line_offset, problems)
    return result


def _dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


dotted = _dotted


def load_yaml(text: str, display: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise :class:`YamlProblem` with located messages."""
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        what = (exc.problem or exc.context or "syntax error").strip()
        raise YamlProblem([Problem(
            display, line, col, "",
            f"YAML 格式错误：{what}；请检查缩进、冒号后的空格和引号是否成对",
            f"malformed YAML: {what}; check the indentation, the space after each colon "
            f"and that quotes are paired")]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - scanner errors are Marked
        raise YamlProblem([Problem(display, 1 + line_offset, 1, "", f"YAML 格式错误：{exc}",
                                   f"malformed YAML: {exc}")]) from None
    located = Located(None)
    if node is not None:
        located.data = _convert(node, (), located, display, line_offset, problems)
    if problems:
        raise YamlProblem(problems)
    return located


@dataclass
class FrontMatterFile:
    meta: Located
    body: str
    body_line: int  # 1-based line of the body's first line in the file


def split_front_matter(text: str, display: str) -> FrontMatterFile:
    """Split ``---`` front matter from a Markdown body, keeping line numbers right."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise YamlProblem([Problem(display, 1, 1, "",
                                   "文件必须以 --- 开头的头部信息（front matter）开始",
                                   "the file must start with front matter opened by a line ---")])
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            meta = load_yaml("\n".join(lines[1:i]), display, line_offset=1)
            return FrontMatterFile(meta, "\n".join(lines[i + 1:]), i + 2)
    raise YamlProblem([Problem(display, 1, 1, "",
                               "头部信息没有结束；请在最后一个键之后加一行 ---",
                               "the front matter is not closed; add a line --- after its last key")])
