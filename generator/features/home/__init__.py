"""The home page (首页) and the free pages (``content/pages``: 公开指南, 公开制度 …)."""
from ...registry import Feature, Pages
from .pages import free_pages, home_page

FEATURE = Feature("home", pages=(Pages(10, home_page, last=True, always=("",)), Pages(40, free_pages)))
