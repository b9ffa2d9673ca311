"""The government gazette (政府公报): the ``gazette/`` page and a policy page's issue link."""
from ...registry import Feature, Pages
from .gazette import build_gazette_page, policy_parts

FEATURE = Feature("gazette", pages=(Pages(140, lambda ctx: build_gazette_page(ctx.site, ctx.meta)),),
                  doc_parts=policy_parts)
