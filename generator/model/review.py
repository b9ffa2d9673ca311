"""The optional ``review:`` key of a policy or interpretation: personal data it may show.

A 公示 (public notice of subsidy recipients, appointments, ...) sometimes must
show what the pre-publication review otherwise blocks. The document says so
itself, with the reason, and the review lists the allowed findings instead of
failing the build.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .common import Model, Text, bilingual

AllowedKind = Literal["id_card", "id_card_15", "mobile", "bank_card"]


class ReviewAllowance(Model):
    """Personal data this document may publish, and why (both required)."""

    allow: list[AllowedKind] = Field(description="允许公开的个人信息种类：id_card 身份证号 · id_card_15 15位身份证号 · "
                                                 "mobile 手机号 · bank_card 银行卡号 (kinds allowed)")
    reason: Text = Field(description="允许公开的理由和依据，例如 依《XX办法》第X条须公示 (why, with the legal basis)")

    @field_validator("allow")
    @classmethod
    def _not_empty(cls, value: list) -> list:
        if not value:
            raise bilingual("allow 不能为空；请写明允许公开的种类，或删除 review",
                            "allow must not be empty; list the allowed kinds or remove review")
        return value
