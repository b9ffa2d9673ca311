"""Task lists of a policy (任务清单): their checks and the policy page's section."""
from ...registry import Feature
from .tasks import check_task_lists, policy_parts

FEATURE = Feature("tasks", checks=(check_task_lists,), doc_parts=policy_parts)
