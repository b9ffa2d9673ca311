"""What a build will write, computed entirely before anything is written (a leaf)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .model import CORE_TYPES

if TYPE_CHECKING:
    from .cache import BuildCache
    from .content import Content
    from .errors import Report
    from .model import ContentType
    from .output import OutputPage
    from .registry import DataFile, Feature, FeedLink
    from .search import SearchDoc
    from .site import Site


@dataclass
class Plan:
    """The checked content, the resolved site and its pages, and the features that made them."""

    content: "Content"
    site: "Site"
    pages: list["OutputPage"]
    report: "Report"
    features: tuple["Feature", ...] = ()
    output_keys: dict[str, str] = field(default_factory=dict)  # output file -> page-cache key
    reused: int = 0                                             # pages taken from the page cache
    built_in: Optional[Path] = None                             # the temporary folder of the build
    cache: Optional["BuildCache"] = None                        # the build cache, when the build has one

    @property
    def feeds(self) -> list["FeedLink"]:
        """The site-wide feeds every page head announces (from the features that have them)."""
        return [link for f in self.features if f.head_feeds for link in f.head_feeds(self.site)]

    @property
    def content_types(self) -> tuple["ContentType", ...]:
        """Every content type of this build: the core's, then each feature's (those that follow
        the site's section tree too)."""
        return (*CORE_TYPES, *(t for f in self.features for t in f.content_types),
                *(t for f in self.features if f.section_types and self.content.structure
                  for t in f.section_types(self.content.structure)))

    def search_items(self) -> list["SearchDoc"]:
        """Ready search results the features add (records, with their section as the filter)."""
        return [doc for f in self.features if f.search_items for doc in f.search_items(self.site)]

    def data_files(self) -> list["DataFile"]:
        """The open-data files the features write beyond the policies' (records, requests)."""
        return [item for f in self.features if f.datasets for item in f.datasets(self.site)]

    def search_entries(self) -> list[tuple[str, str, str, list[str]]]:
        """Search results the features add beyond the core content types (Q&A entries)."""
        return [doc for f in self.features if f.search_docs for doc in f.search_docs(self.site)]
