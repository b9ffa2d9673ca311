"""Annual reports (政府信息公开工作年度报告): their checks, the computed 主动公开 table, the pages."""
from ...model import ContentType
from ...model.report import AnnualReport
from ...registry import Feature, Pages
from .checks import (check_report_decisions, check_report_due, check_report_numbers, check_report_organizations,
                     check_report_tables, check_report_years)
from .pages import build_report_pages

FEATURE = Feature("reports", content_types=(ContentType("report", "reports", ".yml", AnnualReport),),
                  checks=(check_report_years, check_report_due, check_report_organizations, check_report_numbers,
                          check_report_tables, check_report_decisions),
                  pages=(Pages(150, lambda ctx: build_report_pages(ctx.site, ctx.meta)),))
