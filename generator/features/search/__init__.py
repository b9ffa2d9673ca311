"""Site search (站内搜索): the page and the sharded index (the engine is ``generator/search/``)."""
from ...registry import Feature, Pages, Writer
from .site_search import search_page, write_index

FEATURE = Feature("search", pages=(Pages(160, lambda ctx: [search_page(ctx.site, ctx.meta)]),),
                  writers=(Writer(write_index),))
