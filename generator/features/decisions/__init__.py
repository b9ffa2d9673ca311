"""Major administrative decisions (重大行政决策): catalogs, consultations, their checks and pages."""
from ...model import ContentType
from ...model.decision import DecisionCatalog
from ...registry import Feature, Pages
from .decisions import (build_decision_pages, check_decision_catalogs, check_decision_consultations,
                        check_decision_facts)

FEATURE = Feature("decisions", content_types=(ContentType("decision", "decisions", ".yml", DecisionCatalog),),
                  checks=(check_decision_catalogs, check_decision_consultations, check_decision_facts),
                  pages=(Pages(120, lambda ctx: build_decision_pages(ctx.site, ctx.meta)),))
