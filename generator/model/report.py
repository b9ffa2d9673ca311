"""Annual report (政府信息公开工作年度报告): ``reports/<year>.yml``, the tables staff fill in.

The layout follows the unified format of 国办公开办函〔2021〕30号: six sections, of
which 二 (主动公开) is partly computed from the content (规章 and 行政规范性文件:
本年制发 / 本年废止 / 现行有效, see :mod:`generator.features.reports.report`) and the numbers
of 三 (依申请) and 四 (复议、诉讼) are filled in here, or taken from the year's
``requests/<year>.yml`` (:mod:`generator.model.requests`) when left out. The year is the file name.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import AfterValidator, Field, WithJsonSchema

from .common import Date, IdList, Model, Text, WholeNumber, bilingual


def _not_negative(value):
    if value < 0:
        raise bilingual(f"数字 {value} 为负数；件数和金额不能小于 0",
                        f"{value} is negative; counts and amounts cannot be below 0")
    return value


Count = Annotated[WholeNumber, AfterValidator(_not_negative)]
Amount = Annotated[Decimal, AfterValidator(_not_negative),
                   WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]})]

#: Applicant columns of the 依申请 table, in the official order: key -> heading.
APPLICANT_COLUMNS: dict[str, str] = {
    "natural": "自然人", "business": "商业企业", "research": "科研机构", "nonprofit": "社会公益组织",
    "legal": "法律服务机构", "other": "其他", "total": "总计",
}


class Applicants(Model):
    """One row of the 依申请 table: a count per applicant type and their total (申请人情况)."""

    natural: Count = Field(description="自然人 (natural persons)")
    business: Count = Field(description="法人或其他组织：商业企业 (businesses)")
    research: Count = Field(description="法人或其他组织：科研机构 (research institutions)")
    nonprofit: Count = Field(description="法人或其他组织：社会公益组织 (non-profit organisations)")
    legal: Count = Field(description="法人或其他组织：法律服务机构 (legal service providers)")
    other: Count = Field(description="法人或其他组织：其他 (other organisations)")
    total: Count = Field(description="总计：前六列之和 (total of the six columns before)")


class Withheld(Model):
    """（三）不予公开, by ground."""

    state_secret: Applicants = Field(description="1.属于国家秘密")
    prohibited_by_law: Applicants = Field(description="2.其他法律行政法规禁止公开")
    three_safeties: Applicants = Field(description="3.危及“三安全一稳定”")
    third_party: Applicants = Field(description="4.保护第三方合法权益")
    internal_affairs: Applicants = Field(description="5.属于三类内部事务信息")
    process_info: Applicants = Field(description="6.属于四类过程性信息")
    enforcement_files: Applicants = Field(description="7.属于行政执法案卷")
    inquiry_matters: Applicants = Field(description="8.属于行政查询事项")


class Unavailable(Model):
    """（四）无法提供, by reason."""

    not_held: Applicants = Field(description="1.本机关不掌握相关政府信息")
    needs_creation: Applicants = Field(description="2.没有现成信息需要另行制作")
    still_unclear: Applicants = Field(description="3.补正后申请内容仍不明确")


class NotProcessed(Model):
    """（五）不予处理, by reason."""

    petition: Applicants = Field(description="1.信访举报投诉类申请")
    repeated: Applicants = Field(description="2.重复申请")
    publications: Applicants = Field(description="3.要求提供公开出版物")
    excessive: Applicants = Field(description="4.无正当理由大量反复申请")
    confirmation: Applicants = Field(description="5.要求行政机关确认或重新出具已获取信息")


class OtherHandling(Model):
    """（六）其他处理, by reason."""

    no_correction: Applicants = Field(
        description="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    no_fee: Applicants = Field(
        description="2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    other: Applicants = Field(description="3.其他")


class Results(Model):
    """三、本年度办理结果."""

    granted: Applicants = Field(description="（一）予以公开")
    partly_granted: Applicants = Field(description="（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    withheld: Withheld = Field(description="（三）不予公开")
    unavailable: Unavailable = Field(description="（四）无法提供")
    not_processed: NotProcessed = Field(description="（五）不予处理")
    other_handling: OtherHandling = Field(description="（六）其他处理")
    total: Applicants = Field(description="（七）总计：以上各项之和")


class Applications(Model):
    """三、收到和处理政府信息公开申请情况."""

    new: Applicants = Field(description="一、本年新收政府信息公开申请数量")
    carried_over: Applicants = Field(description="二、上年结转政府信息公开申请数量")
    results: Results = Field(description="三、本年度办理结果")
    carried_forward: Applicants = Field(description="四、结转下年度继续办理")


class Outcomes(Model):
    """One group of 四: 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计."""

    upheld: Count = Field(description="结果维持")
    corrected: Count = Field(description="结果纠正")
    other: Count = Field(description="其他结果")
    pending: Count = Field(description="尚未审结")
    total: Count = Field(description="总计：前四项之和")


class Appeals(Model):
    """四、政府信息公开行政复议、行政诉讼情况."""

    review: Outcomes = Field(description="行政复议")
    direct_suit: Outcomes = Field(description="行政诉讼：未经复议直接起诉")
    suit_after_review: Outcomes = Field(description="行政诉讼：复议后起诉")


class Proactive(Model):
    """二、主动公开政府信息情况: the rows staff fill (规章 and 行政规范性文件 are computed; 行政许可
    and 行政处罚 are counted from the results tables of the records when left out)."""

    licensing: Optional[Count] = Field(
        None, description="第二十条第（五）项 行政许可：本年处理决定数量；不填则按行政许可结果表中决定日期在本年的条数计算 "
                          "(left out: counted from the permit results tables by decision date)")
    penalty: Optional[Count] = Field(
        None, description="第二十条第（六）项 行政处罚：本年处理决定数量；不填则按行政处罚结果表中决定日期在本年的条数计算 "
                          "(left out: counted from the penalty results tables by decision date)")
    coercion: Count = Field(description="第二十条第（六）项 行政强制：本年处理决定数量")
    fees: Amount = Field(description="第二十条第（八）项 行政事业性收费：本年收费金额（万元）")


class AnnualReport(Model):
    """One year's 政府信息公开工作年度报告; the file name is the year, e.g. reports/2025.yml."""

    title: Optional[Text] = Field(None, description="标题，默认为 <机构名称><年度>年政府信息公开工作年度报告")
    published: Date = Field(description="发布日期 YYYY-MM-DD，应在次年1月31日前 (date published)")
    count_by: Literal["published", "written"] = Field(
        "published", description="本年制发按哪个日期计：published 发布日期（默认）或 written 成文日期")
    organizations: IdList = Field(
        default_factory=list, description="除 site.yml 的机构外，一并统计其文件的机构编号 (more issuers to count)")
    overview: Text = Field(description="一、总体情况，Markdown 格式")
    proactive: Proactive = Field(description="二、主动公开政府信息情况（规章、行政规范性文件由系统统计）")
    applications: Optional[Applications] = Field(
        None, description="三、收到和处理政府信息公开申请情况；不填则取 requests/<年度>.yml 的数字")
    appeals: Optional[Appeals] = Field(
        None, description="四、政府信息公开行政复议、行政诉讼情况；不填则取 requests/<年度>.yml 的数字")
    problems: Text = Field(description="五、存在的主要问题及改进情况，Markdown 格式")
    other_matters: Text = Field(description="六、其他需要报告的事项，Markdown 格式")
