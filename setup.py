"""Packs the page shell (mkdocs.yml, theme/) into the wheel; everything else is in pyproject.toml.

The shell stays at the repository root, where editors and MkDocs users expect it; a
non-editable install gets a copy in ``generator/_shell/`` (see :mod:`generator.shell`).
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHELL_FILES = ("mkdocs.yml", "theme", "generator/docs_stub", "deploy/nginx-site.conf")  # = generator.shell.SHELL_FILES


class BuildPyWithShell(build_py):
    """build_py, then copy the shell into the built package (never into the source tree)."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "generator" / "_shell"
        for name in SHELL_FILES:
            source, dest = ROOT / name, target / name
            if source.is_dir():
                shutil.copytree(source, dest, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest)


setup(cmdclass={"build_py": BuildPyWithShell})
