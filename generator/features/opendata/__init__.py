"""Open data (公共数据开放): JSON with its schema, CSV, the ``opendata/`` page, a policy page's JSON-LD."""
from ...registry import Feature, Pages, Writer
from .opendata import write_open_data
from .page import datasets_page, policy_parts

FEATURE = Feature("opendata", pages=(Pages(90, datasets_page),), writers=(Writer(write_open_data),),
                  doc_parts=policy_parts)
