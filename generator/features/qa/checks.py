"""Cross-file checks of the Q&A library (``content/qa/*.yml``)."""
from __future__ import annotations

import datetime as dt
from typing import Iterator

from ...content import Content
from ...errors import Problem
from ...validate import policy_problem


def check_qa_policies(content: Content, as_of: dt.date) -> Iterator[Problem]:
    for entry in content.of("qa").values():
        for i, doc_id in enumerate(entry.model.policies):
            yield from policy_problem(entry, ("policies", i), content, doc_id)
