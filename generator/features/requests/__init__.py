"""依申请公开: the guide to applying, the application form (HTML and DOCX, from one
definition) and the year's figures (``content/requests/<year>.yml``), shared with the
annual report's tables 三 and 四; both pages in search, the figures as open data (``data/requests.*``)."""
from ...model import ContentType
from ...model.requests import RequestFigures
from ...registry import Feature, Pages, Writer
from .checks import check_request_figures
from .data import request_datasets, write_request_data
from .pages import build_requests_pages, request_search_items, write_form_docx

FEATURE = Feature("requests", content_types=(ContentType("request_figures", "requests", ".yml", RequestFigures),),
                  checks=(check_request_figures,), pages=(Pages(148, build_requests_pages),),
                  writers=(Writer(write_form_docx), Writer(write_request_data)),
                  search_items=request_search_items, datasets=request_datasets)
