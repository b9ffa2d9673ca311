"""Policy documents (政策文件): one page each. Their checks are the core's
(``generator/validate.py``): validity and the site graph rest on them."""
from ...registry import Feature, Pages
from .pages import build_policy_pages

FEATURE = Feature("policies", pages=(Pages(20, build_policy_pages),))
