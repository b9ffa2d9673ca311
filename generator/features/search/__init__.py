"""Site search (站内搜索): the page, the sharded index and the synonyms of
``content/search_synonyms.yml`` (the engine is ``generator/search/``)."""
from ...registry import Feature, Pages, Writer
from .site_search import search_page, write_index
from .synonyms import check_synonyms

FEATURE = Feature("search", checks=(check_synonyms,), pages=(Pages(160, search_page),), writers=(Writer(write_index),))
