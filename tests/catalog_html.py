"""A tiny DOM over html.parser for assertions by element, not by regex (catalog, Q&A, interpretation tests)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Optional

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list = field(default_factory=list)   # Node or str

    def iter(self) -> Iterator["Node"]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, cls: Optional[str] = None, **attrs: str) -> list["Node"]:
        """Descendants with this tag (``*`` for any), class and attribute values."""
        return [n for n in self.iter() if (tag == "*" or n.tag == tag)
                and (cls is None or cls in n.attrs.get("class", "").split())
                and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def find(self, tag: str, cls: Optional[str] = None, **attrs: str) -> "Node":
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag}> with class={cls} {attrs}"
        return found[0]

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text for c in self.children]
        return " ".join("".join(parts).split())

    def direct(self, tag: str) -> list["Node"]:
        return [c for c in self.children if isinstance(c, Node) and c.tag == tag]


class TreeBuilder(HTMLParser):
    """Builds a tree of ``node_class(tag, attrs)`` (shared with tests/html_tree.py)."""

    def __init__(self, node_class=None) -> None:
        super().__init__(convert_charrefs=True)
        self.node_class = node_class or Node
        self.root = self.node_class("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = self.node_class(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


def page(site_dir: Path, url: str) -> Node:
    """The parsed ``index.html`` of a site-relative URL such as ``catalog/finance/``."""
    return parse((Path(site_dir) / url / "index.html").read_text(encoding="utf-8"))
