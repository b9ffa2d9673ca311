"""The policy Q&A library (政策问答): the ``qa/`` page, its search results, a policy page's questions."""
from ...model import ContentType
from ...model.qa import QA
from ...registry import Feature, Pages
from .checks import check_qa_policies
from .pages import build_qa_page, policy_parts, qa_search_docs

FEATURE = Feature("qa", content_types=(ContentType("qa", "qa", ".yml", QA),), checks=(check_qa_policies,),
                  pages=(Pages(110, lambda ctx: build_qa_page(ctx.site, ctx.meta)),),
                  doc_parts=policy_parts, search_docs=qa_search_docs)
