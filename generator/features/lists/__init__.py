"""The list columns (现行有效, 规章, 全部, 已废止, 已失效, 尚未生效) and browsing by year, topic, issuer."""
from ...registry import Feature, Pages
from .pages import build_lists

FEATURE = Feature("lists", pages=(Pages(50, build_lists),))
