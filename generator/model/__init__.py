"""One model per content type, and :class:`ContentType`, what the loader reads.

The core reads :data:`CORE_TYPES` (the documents every site has and the site graph is
made of); a feature declares its own types (``Feature.content_types``,
``generator/registry.py``) and the pipeline hands all of them to the loader.
"""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from .catalog import CatalogArea
from .decision import DecisionCatalog
from .interpretation import Interpretation
from .page import Page
from .policy import Policy
from .qa import QA
from .report import AnnualReport
from .site import Organization, SiteConfig


@dataclass(frozen=True)
class ContentType:
    """A folder of documents of one model: ``<folder>/**/<id><suffix>``."""

    name: str            # singular, used in messages and schema file names
    folder: str          # folder under content/
    suffix: str          # ".md" (front matter + Markdown body) or ".yml"
    model: type[BaseModel]
    label: str = ""      # what editors call it (a records section's title); "" for the name

    @property
    def front_matter(self) -> bool:
        return self.suffix == ".md"


#: The content types of the core: policies (the graph of validity), interpretations and free pages.
CORE_TYPES: tuple[ContentType, ...] = (
    ContentType("policy", "policies", ".md", Policy),
    ContentType("interpretation", "interpretations", ".md", Interpretation),
    ContentType("page", "pages", ".md", Page),
)

__all__ = ["CORE_TYPES", "ContentType", "Policy", "Interpretation", "Page", "SiteConfig", "Organization", "CatalogArea", "QA", "DecisionCatalog", "AnnualReport"]
