"""The standard disclosure catalog (基层政务公开标准目录): its checks, coverage warnings and pages."""
from ...model import ContentType
from ...model.catalog import CatalogArea
from ...registry import Feature, Pages
from .checks import (check_catalog_channels, check_catalog_coverage, check_catalog_links, check_catalog_owners,
                     check_catalog_topics)
from .pages import build_catalog_pages, sitemap_areas

FEATURE = Feature("catalog", content_types=(ContentType("catalog", "catalog", ".yml", CatalogArea),),
                  checks=(check_catalog_owners, check_catalog_channels, check_catalog_links, check_catalog_topics,
                          check_catalog_coverage),
                  pages=(Pages(100, lambda ctx: build_catalog_pages(ctx.site, ctx.meta)),),
                  sitemap=sitemap_areas)
