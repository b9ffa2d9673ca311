"""A tiny HTML tree for tests (html.parser only): find elements by tag, class or id and read their text."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from catalog_html import TreeBuilder


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Union["Node", str]] = field(default_factory=list)

    def text(self, skip_class: Optional[str] = None) -> str:
        """All text inside, optionally leaving out elements with class ``skip_class``."""
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not (skip_class and skip_class in child.classes):
                parts.append(child.text(skip_class))
        return "".join(parts)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: Optional[str] = None, cls: Optional[str] = None, **attrs: str) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def find(self, tag: Optional[str] = None, cls: Optional[str] = None, **attrs: str) -> "Node":
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


def parse(html: str) -> Node:
    builder = TreeBuilder(Node)
    builder.feed(html)
    return builder.root


def page(site: Path, url: str) -> Node:
    """The parsed ``<article>`` (main content) of the built page at ``url``."""
    root = parse((Path(site) / url / "index.html").read_text(encoding="utf-8"))
    articles = root.find_all("article")
    return articles[0] if articles else root


def squash(text: str) -> str:
    return " ".join(text.split())
