"""``site.yml`` and ``organizations.yml``."""
from __future__ import annotations

import re

from typing import Literal, Optional

from pydantic import Field, field_validator, model_validator

from .common import Id, Model, Text, Url, bilingual


class Contact(Model):
    address: Optional[Text] = Field(None, description="地址 (postal address of the disclosure office)")
    postcode: Optional[Text] = Field(None, description="邮政编码 (postcode)")
    phone: Optional[Text] = Field(None, description="咨询电话 (phone)")
    fax: Optional[Text] = Field(None, description="传真 (fax)")
    email: Optional[Text] = Field(None, description="电子邮箱 (email)")
    hours: Optional[Text] = Field(None, description="办公时间 (office hours)")


Backend = Literal["github", "gitea", "forgejo"]


def _https_url(value: Optional[str]) -> Optional[str]:
    if value is not None and not value.startswith("https://"):
        raise bilingual(f"{value} 不是 https:// 开头的地址；登录和接口地址必须使用 HTTPS",
                        f"{value} is not an https:// address; the login and API addresses must use HTTPS")
    return value


class CmsSettings(Model):
    """The web editor at /admin/ (Decap CMS): which forge holds the repository, and how clerks log in."""

    backend: Backend = Field(description="代码托管平台：github GitHub · gitea Gitea · forgejo Forgejo (the forge)")
    repo: Text = Field(description="仓库，写成 所有者/仓库名，例如 qinghe/xxgk (repository as owner/name)")
    branch: Text = Field("main", description="发布分支 (the branch the site is built from)")
    base_url: Optional[Text] = Field(None, description="登录服务地址：自建 OAuth 服务或 Gitea/Forgejo 的地址 "
                                                       "(address of the OAuth service or of the forge)")
    api_root: Optional[Text] = Field(None, description="接口地址，例如 https://git.example.gov.cn/api/v1 "
                                                       "(API root of a self-hosted forge)")
    app_id: Optional[Text] = Field(None, description="Gitea/Forgejo 中登记的 OAuth 应用的客户端编号 "
                                                     "(client id of the OAuth application)")
    auth_endpoint: Optional[Text] = Field(None, description="登录服务的路径，默认 auth (path of the OAuth service)")
    editorial_workflow: bool = Field(True, description="编辑工作流：修改先成为合并请求，经检查和审核后发布 "
                                                      "(edits open a pull request that CI checks before publication)")

    @field_validator("base_url", "api_root")
    @classmethod
    def _https(cls, value: Optional[str]) -> Optional[str]:
        return _https_url(value)

    @field_validator("repo")
    @classmethod
    def _owner_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", value):
            raise bilingual(f"仓库 {value} 应写成 所有者/仓库名，例如 qinghe/xxgk",
                            f"repository {value} is written owner/name, e.g. qinghe/xxgk")
        return value

    @model_validator(mode="after")
    def _forge_needs(self) -> "CmsSettings":
        if not self.base_url:
            raise bilingual("请填写 base_url：本单位自建的登录服务（GitHub）或代码托管平台（Gitea/Forgejo）的地址；"
                            "不填时编辑器会经由境外第三方服务登录",
                            "fill in base_url: your own login service (GitHub) or your forge (Gitea/Forgejo); "
                            "without it the editor would log in through a third-party service")
        if self.backend in ("gitea", "forgejo") and not (self.api_root and self.app_id):
            raise bilingual(f"{self.backend} 需要 api_root 和 app_id：请填写自建平台的接口地址和 OAuth 应用的客户端编号"
                            "（见 docs/CMS.md）",
                            f"{self.backend} needs api_root and app_id: the forge's API root and the OAuth "
                            "application's client id (see docs/CMS.md)")
        if self.backend == "gitea" and self.editorial_workflow:
            raise bilingual("Gitea 后端不支持编辑工作流：请改用 forgejo 后端，或写 editorial_workflow: false 并把 "
                            "branch 设为需经合并请求才能进入发布分支的草稿分支（见 docs/CMS.md）",
                            "the gitea backend has no editorial workflow: use the forgejo backend, or write "
                            "editorial_workflow: false with branch set to a drafts branch that reaches the "
                            "published branch only through pull requests (see docs/CMS.md)")
        return self


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
    request_url: Optional[Url] = Field(
        None, description="政府信息公开申请的在线提交地址（由政府运营的服务），http:// 或 https:// 开头；"
                          "不填则依申请公开页面只说明现场、邮寄、传真等提交方式 (online submission service)")
    column_name: Text = Field("政府信息公开", description="栏目名称 (ColumnName meta tag of generated pages)")
    cms: Optional[CmsSettings] = Field(None, description="网页编辑器（/admin/）的设置；不填则不生成编辑器 "
                                                         "(web editor settings; without them no /admin/ is built)")

    @field_validator("request_url")
    @classmethod
    def _absolute_request_url(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not value.startswith(("https://", "http://")):
            raise bilingual(f"{value} 不是 https:// 或 http:// 开头的绝对地址；请填写在线申请服务的完整网址",
                            f"{value} is not an absolute https:// or http:// address; write the full address "
                            f"of the online request service")
        return value

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
