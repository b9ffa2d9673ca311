"""Interpretations (政策解读): their pages, their index and the rules for when they are due."""
from ...registry import Feature, Pages
from .checks import check_interpretation_timing, check_normative_interpreted
from .pages import build_interpretations, interpretation_index

FEATURE = Feature("interpretations",
                  checks=(check_normative_interpreted, check_interpretation_timing),
                  pages=(Pages(30, build_interpretations), Pages(70, interpretation_index)))
