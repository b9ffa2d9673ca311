"""Lint: the code is clean under the ruff rules configured in pyproject.toml (run in CI with the suite)."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def ruff(*argv: str, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *argv], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_the_code_is_clean_under_the_configured_rules():
    result = ruff("--output-format", "concise", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "All checks passed!"


def test_the_configuration_catches_an_undefined_name_unused_names_and_a_semicolon(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text("import os\n\n\ndef f(x) -> Callable:\n    a = 1; return x\n", encoding="utf-8")
    result = ruff("--config", str(REPO / "pyproject.toml"), "--output-format", "concise", str(planted),
                  cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(" [*]")[0].split(" `")[0] for line in result.stdout.splitlines()
            if line.startswith("planted.py:")] == [
        "planted.py:1:8: F401", "planted.py:4:13: F821 Undefined name", "planted.py:5:5: F841 Local variable",
        "planted.py:5:10: E702 Multiple statements on one line (semicolon)"]
