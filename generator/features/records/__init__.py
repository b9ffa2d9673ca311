"""Disclosure records (信息条目): ``content/<section>/**/<id>.md`` in every section of the
tree whose feature is ``records`` (机构职能 … 上级文件, and a site's own): a page each, a
paginated list, an Atom feed, search results with the section as filter, open data
(JSON, CSV) and their checks. The typed tables are ``tables/``'s."""
from ...registry import Feature, Pages, Writer
from .checks import check_records
from .data import record_datasets, write_record_data
from .feeds import write_record_feeds
from .pages import build_record_pages
from .records import record_types
from .search import record_search_items
from .tables import check_tables

FEATURE = Feature("records", section_types=record_types, checks=(check_records, check_tables),
                  pages=(Pages(85, build_record_pages),),
                  writers=(Writer(write_record_feeds), Writer(write_record_data)),
                  search_items=record_search_items, datasets=record_datasets)
