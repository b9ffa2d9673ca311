"""``site.yml`` and ``organizations.yml``."""
from __future__ import annotations

from typing import Optional

from pydantic import Field, field_validator

from .common import Id, Model, Text, Url, bilingual


class Contact(Model):
    address: Optional[Text] = Field(None, description="地址 (postal address of the disclosure office)")
    postcode: Optional[Text] = Field(None, description="邮政编码 (postcode)")
    phone: Optional[Text] = Field(None, description="咨询电话 (phone)")
    fax: Optional[Text] = Field(None, description="传真 (fax)")
    email: Optional[Text] = Field(None, description="电子邮箱 (email)")
    hours: Optional[Text] = Field(None, description="办公时间 (office hours)")


class SiteConfig(Model):
    """The site: names, codes, base URL, contacts, column labels (content/site.yml)."""

    name: Text = Field(description="网站名称，例如 清河县人民政府信息公开 (SiteName meta tag)")
    organization: Id = Field(description="主办机构的编号，见 organizations.yml (id of the body that runs the column)")
    base_url: Text = Field(description="网站的规范绝对地址，以 / 结尾 (canonical absolute URL ending in /)")
    site_id_code: Optional[Text] = Field(None, description="政府网站标识码 (SiteIDCode)")
    sponsor: Optional[Text] = Field(None, description="主办单位，默认为主办机构名称 (sponsor shown in the footer)")
    icp: Optional[Text] = Field(None, description="ICP备案号 (ICP licence number)")
    public_security_record: Optional[Text] = Field(None, description="公安机关备案号 (public security record)")
    contact: Optional[Contact] = Field(None, description="政府信息公开工作机构的联系方式 (contacts of the disclosure office)")
    index_no_prefix: Optional[Text] = Field(None, description="索引号前缀，默认为主办机构的 code (索引号 prefix)")
    conac_url: Optional[Url] = Field(
        None, description="党政机关网站标识的核验页面地址 (verification page of the 党政机关网站标识 badge)")
    report_error_url: Optional[Url] = Field(
        None, description="“我为政府网站找错”的地址 (address of the national error-report service)")
    column_name: Text = Field("政府信息公开", description="栏目名称 (ColumnName meta tag of generated pages)")

    @field_validator("base_url")
    @classmethod
    def _absolute_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")) or not value.endswith("/"):
            raise bilingual(f"{value} 不是以 / 结尾的绝对地址；请写成 https://www.example.gov.cn/xxgk/ 的形式",
                            f"{value} is not an absolute URL ending in /; write it like "
                            f"https://www.example.gov.cn/xxgk/")
        return value


class Organization(Model):
    """One issuing body (发文机关 / 公开主体) in organizations.yml."""

    id: Id = Field(description="机构编号：英文字母、数字和 - (id used by other files)")
    name: Text = Field(description="机构全称 (full name)")
    short_name: Optional[Text] = Field(None, description="简称 (short name)")
    code: Optional[Text] = Field(None, description="统一社会信用代码或组织机构代码，用于索引号 (credit or organisation code)")
