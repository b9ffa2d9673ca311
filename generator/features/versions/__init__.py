"""Historical texts of a policy (历史文本) and their comparisons (对照)."""
from ...registry import Feature, Pages
from .versions import build_version_pages, check_version_bodies, check_versions, policy_parts

FEATURE = Feature("versions", checks=(check_versions, check_version_bodies),
                  pages=(Pages(130, lambda ctx: build_version_pages(ctx.site, ctx.meta)),),
                  doc_parts=policy_parts)
