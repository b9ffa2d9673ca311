"""Where the page shell is: the default MkDocs configuration, the theme it names, and the
production server's site configuration (``serve`` sends its security headers).

In a repository checkout they are ``mkdocs.yml`` and ``theme/`` at its root; an installed
package (a wheel) carries a copy of them in ``generator/_shell/`` (written by ``setup.py``
at build time), so ``disclosure build`` works with no checkout, only a content folder.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: The copy a wheel carries: mkdocs.yml, theme/ and generator/docs_stub/, laid out as in
#: the repository, so the paths in mkdocs.yml (relative to it) hold in both places.
PACKAGED = PACKAGE / "_shell"
CHECKOUT = PACKAGE.parent
#: What setup.py copies into :data:`PACKAGED`: paths relative to the repository root.
SHELL_FILES = ("mkdocs.yml", "theme", "generator/docs_stub", "deploy/nginx-site.conf")


def shell_root() -> Path:
    """The folder holding mkdocs.yml and theme/: the packaged copy if there is one."""
    return PACKAGED if (PACKAGED / "mkdocs.yml").is_file() else CHECKOUT


def default_config() -> Path:
    """The MkDocs configuration ``build``, ``check`` and ``serve`` use unless told otherwise."""
    return shell_root() / "mkdocs.yml"


def theme_dir() -> Path:
    """The theme overrides and assets (part of the build cache's code fingerprint)."""
    return shell_root() / "theme"
