"""One model per content type, and the registry the loader walks.

Adding a content type is one new module with its model plus one
:func:`register` line here.
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
from .report import Report
from .site import Organization, Site


@dataclass(frozen=True)
class ContentType:
    """A folder of documents of one model: ``<folder>/**/<id><suffix>``."""

    name: str            # singular, used in messages and schema file names
    folder: str          # folder under content/
    suffix: str          # ".md" (front matter + Markdown body) or ".yml"
    model: type[BaseModel]

    @property
    def front_matter(self) -> bool:
        return self.suffix == ".md"


TYPES: dict[str, ContentType] = {}


def register(content_type: ContentType) -> ContentType:
    TYPES[content_type.name] = content_type
    return content_type


register(ContentType("policy", "policies", ".md", Policy))
register(ContentType("interpretation", "interpretations", ".md", Interpretation))
register(ContentType("page", "pages", ".md", Page))
register(ContentType("catalog", "catalog", ".yml", CatalogArea))
register(ContentType("qa", "qa", ".yml", QA))
register(ContentType("decision", "decisions", ".yml", DecisionCatalog))
register(ContentType("report", "reports", ".yml", Report))

__all__ = ["TYPES", "ContentType", "register", "Policy", "Interpretation", "Page", "Site", "Organization", "CatalogArea", "QA", "DecisionCatalog", "Report"]
