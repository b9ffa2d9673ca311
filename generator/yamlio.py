"""YAML loading that keeps the line and column of every node and guesses no types.

Every scalar becomes a ``str`` (``0301`` stays ``"0301"``, ``no`` stays ``"no"``,
``2022-02-30`` stays a string for the model to check); an empty plain value or
``~``/``null`` becomes ``None``. The models decide what a string means, so one
place owns each conversion and its error message.

Content has no use for anchors and aliases, and they are how a few kilobytes
expand into gigabytes ("billion laughs") or into a cycle: the tree is composed
here from the parser's events, so an anchor, an alias or nesting deeper than
:data:`MAX_DEPTH` is a located problem before anything is expanded.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

import yaml

from .errors import Problem

try:  # libyaml is much faster; the pure-Python loader gives the same nodes.
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

Path = tuple[Any, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}

# The deepest content file (a catalog) nests 7 levels. 50 leaves room for any
# real structure while keeping every recursive step after parsing (conversion,
# pydantic validation, error location) far below Python's recursion limit of
# 1,000 frames; deeper input is a typo (unpaired brackets) or an attack.
MAX_DEPTH = 50


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


def _mark(node: yaml.Node | yaml.Event, line_offset: int) -> tuple[int, int]:
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


_SIGILS = {"while scanning an alias": ("*", "别名", "an alias"),
           "while scanning an anchor": ("&", "锚点", "an anchor")}


def _syntax_problem(exc: yaml.MarkedYAMLError, display: str, line_offset: int) -> Problem:
    if exc.context in _SIGILS and exc.context_mark:  # e.g. "title: **重要**", Markdown emphasis
        sigil, zh, en = _SIGILS[exc.context]
        mark = exc.context_mark
        return Problem(display, mark.line + 1 + line_offset, mark.column + 1, "",
                       f"以 {sigil} 开头的值会被 YAML 当作{zh}；请给整个值加引号",
                       f"a value starting with {sigil} is read by YAML as {en}; put the whole value in quotes")
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
    col = (mark.column + 1) if mark else 1
    what = (exc.problem or exc.context or "syntax error").strip()
    return Problem(display, line, col, "",
                   f"YAML 格式错误：{what}；请检查缩进、冒号后的空格和引号是否成对",
                   f"malformed YAML: {what}; check the indentation, the space after each colon "
                   f"and that quotes are paired")


def _refusal(event: yaml.Event, display: str, line_offset: int) -> Optional[Problem]:
    """The problem of an alias or an anchor, which content never needs."""
    line, col = _mark(event, line_offset)
    if isinstance(event, yaml.AliasEvent):
        return Problem(display, line, col, "",
                       f"不支持 YAML 别名 *{event.anchor}：内容文件不使用锚点和别名；"
                       f"请在此处写出完整的值，若 * 是文字的一部分请给整个值加引号",
                       f"YAML alias *{event.anchor} is not supported: content files use no anchors "
                       f"or aliases; write the value out in full here, or quote the whole value "
                       f"if * is part of the text")
    anchor = getattr(event, "anchor", None)
    if anchor is None:
        return None
    return Problem(display, line, col, "",
                   f"不支持 YAML 锚点 &{anchor}：内容文件不使用锚点和别名；"
                   f"请删除 &{anchor}，若 & 是文字的一部分请给整个值加引号",
                   f"YAML anchor &{anchor} is not supported: content files use no anchors or "
                   f"aliases; remove &{anchor}, or quote the whole value if & is part of the text")


def _too_deep(event: yaml.Event, display: str, line_offset: int) -> Problem:
    line, col = _mark(event, line_offset)
    return Problem(display, line, col, "",
                   f"嵌套超过 {MAX_DEPTH} 层；内容文件不需要这么深的结构，请检查括号是否成对、缩进是否正确",
                   f"nested deeper than {MAX_DEPTH} levels; no content file needs that depth: check "
                   f"that brackets are paired and the indentation is right")


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _BaseLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _compose(text: str, display: str, line_offset: int) -> Optional[yaml.Node]:
    """The single document's node tree, built from events without expanding anything.

    Every anchor and alias is reported (scanning goes on, building stops);
    nesting past :data:`MAX_DEPTH` stops at once. Memory stays bounded by the
    text: no alias is ever followed.
    """
    problems: list[Problem] = []
    stack: list[yaml.Node] = []
    root: Optional[yaml.Node] = None
    documents = 0
    for event in _events(text):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                                  "but found another document", event.start_mark)
            continue
        if not isinstance(event, (yaml.NodeEvent, yaml.CollectionEndEvent)):
            continue
        refused = _refusal(event, display, line_offset) if isinstance(event, yaml.NodeEvent) else None
        if refused:
            problems.append(refused)
        if isinstance(event, yaml.CollectionEndEvent):
            node = stack.pop()
            node.end_mark = event.end_mark
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(problems + [_too_deep(event, display, line_offset)])
            kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
            stack.append(kind(event.tag, [], event.start_mark, None, flow_style=event.flow_style))
            continue
        else:
            node = yaml.ScalarNode(getattr(event, "tag", None), getattr(event, "value", ""),
                                   event.start_mark, event.end_mark, style=getattr(event, "style", None))
        if problems:
            continue  # keep scanning for further anchors and aliases; the tree is not used
        if not stack:
            root = node
        elif isinstance(stack[-1], yaml.SequenceNode):
            stack[-1].value.append(node)
        elif stack[-1].value and len(stack[-1].value[-1]) == 1:
            stack[-1].value[-1] = (stack[-1].value[-1][0], node)
        else:
            stack[-1].value.append((node,))  # a key, waiting for its value
    if problems:
        raise YamlProblem(problems)
    return root


def load_yaml(text: str, display: str, line_offset: int = 0) -> Located:
    """Parse one YAML document; raise :class:`YamlProblem` with located messages."""
    problems: list[Problem] = []
    try:
        node = _compose(text, display, line_offset)
    except yaml.MarkedYAMLError as exc:
        raise YamlProblem([_syntax_problem(exc, display, line_offset)]) from None
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
