"""The architecture of generator/ (docs/ARCHITECTURE.md), held by import-linter contracts
in pyproject.toml: the core imports no feature and no MkDocs, the pipeline is the only
importer of the features, features are independent, and no import cycle exists."""
from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib

import generator
from conftest import REPO

CONTRACTS = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
#: The modules that drive a build and may import what the core may not.
DRIVERS = {"generator.pipeline", "generator.builder", "generator.cli", "generator.serve",
           "generator.mkdocs_plugin", "generator.schema", "generator.scaffold", "generator.__main__"}


def contract(name_start: str) -> dict:
    return next(c for c in CONTRACTS["contracts"] if c["name"].startswith(name_start))


def test_every_import_linter_contract_is_kept():
    done = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                           "lint_imports_command()", "--no-cache"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 4 kept, 0 broken." in done.stdout


def test_every_top_level_module_is_either_core_a_driver_or_the_features():
    """A new module must be placed: in the core contract's list, or among the drivers."""
    core = set(contract("The core imports")["source_modules"])
    found = {f"generator.{m.name}" for m in pkgutil.iter_modules(generator.__path__)}
    assert found - core - DRIVERS == {"generator.features"}
    assert core <= found


def test_no_function_level_import_of_the_generator_outside_the_command_line():
    """Imports inside functions were how the old layout dodged its cycles; only ``cli.py``
    keeps some, to load a command's modules when it runs."""
    late = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        if path.name == "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))):
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").startswith("generator")):
                    late.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert late == []


def test_features_reach_the_registry_only_through_their_feature_list():
    """``generator/features/__init__.py`` names every feature package once."""
    listed = (REPO / "generator" / "features" / "__init__.py").read_text(encoding="utf-8")
    packages = sorted(p.name for p in (REPO / "generator" / "features").iterdir()
                      if (p / "__init__.py").is_file())
    assert all(listed.count(f"    {name}.FEATURE,") == 1 for name in packages), packages


def test_one_class_per_name():
    """Two classes of one name (two ``Site``, ``Report``, ``Entry``, ``Progress`` before) make
    every import a question; each name is one class now."""
    seen: dict[str, str] = {}
    twice = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                if node.name in seen:
                    twice.append((node.name, seen[node.name], where))
                seen[node.name] = where
    assert twice == []


def test_a_new_content_type_is_one_package_and_one_line(scratch_site):
    """The worked example of docs/ARCHITECTURE.md, run: a feature declared in one place,
    added to the feature list, is loaded, checked with the as-of date and built."""
    import datetime as dt

    from generator.features import FEATURES
    from generator.model import ContentType
    from generator.model.common import Date, Model, Text
    from generator.output import OutputPage, PageContext
    from generator.pipeline import plan_build
    from generator.registry import Feature, Pages
    from generator.render import render
    from generator.validity import is_published

    class Proposal(Model):
        title: Text
        number: Text
        published: Date
        reply: Text

    def proposal_pages(ctx: PageContext) -> list[OutputPage]:
        pages = []
        for entry in sorted(ctx.site.content.of("proposal").values(), key=lambda e: e.id):
            if is_published(entry.model, ctx.site.as_of):
                url = f"suggestions/{entry.id}/"
                fragment = render("page.html", url, title=entry.model.title, updated=entry.model.published)
                pages.append(OutputPage(url, entry.model.title, fragment, entry.model.reply,
                                        ctx.meta(column="建议提案办理", column_type="建议提案",
                                                 title=entry.model.title, date=entry.model.published)))
        return pages

    def check_numbers(content, as_of):
        seen = {}
        for entry in sorted(content.of("proposal").values(), key=lambda e: e.id):
            if entry.model.number in seen:
                yield entry.at("number", zh=f"编号 {entry.model.number} 与 {seen[entry.model.number]} 重复；请改正",
                               en=f"number {entry.model.number} repeats {seen[entry.model.number]}; correct it")
            seen[entry.model.number] = entry.id

    proposals = Feature("proposals", content_types=(ContentType("proposal", "suggestions", ".yml", Proposal),),
                        checks=(check_numbers,), pages=(Pages(145, proposal_pages),))
    proposal = "title: 关于加强农村道路养护的建议\nnumber: '{n}'\npublished: 2024-06-01\nreply: 已纳入年度计划。\n"
    scratch_site.write("suggestions/a.yml", proposal.format(n="12"))
    scratch_site.write("suggestions/b.yml", proposal.format(n="13"))
    plan = plan_build(scratch_site.root, dt.date(2026, 11, 21), "content", (*FEATURES, proposals))
    assert plan.report.ok, plan.report.format()
    page = next(p for p in plan.pages if p.url == "suggestions/a/")
    assert page.title == "关于加强农村道路养护的建议" and page.markdown == "已纳入年度计划。"
    assert [p.url for p in plan.pages if p.url.startswith("suggestions/")] == ["suggestions/a/", "suggestions/b/"]

    scratch_site.write("suggestions/b.yml", proposal.format(n="12"))
    plan = plan_build(scratch_site.root, dt.date(2026, 11, 21), "content", (*FEATURES, proposals))
    assert [str(p) for p in plan.report.errors] == [
        "content/suggestions/b.yml:2:9: number: 编号 12 与 a 重复；请改正 (number 12 repeats a; correct it)"]
