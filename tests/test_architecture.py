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
           "generator.mkdocs_plugin", "generator.schema", "generator.scaffold"}


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
