"""The Content-Security-Policy of the site, sent by nginx and carried by every page.

Hosts that send no security headers (GitHub Pages, a mirror, a preview) still give a
page the policy: the theme writes :func:`meta_policy` into a ``<meta http-equiv>`` tag.
``deploy/nginx-site.conf`` sends :data:`POLICY` as a header (tests/test_safety_csp.py
compares them). Nothing from another host; no inline script but Material's own two,
by hash: ``__md_scope`` (one per page depth: "/" for 404.html, ".", "..", ... six levels
down) and the tab-anchor fix-up (tests/test_selfcontained.py lists a missing hash).
"""
from __future__ import annotations

SCRIPT_HASHES = (
    "'sha256-exqRXrW/0laiImCrTE8a70vxyyY10FJVIppytLf/dbY='",
    "'sha256-apoQPHefCNWjxbCm+HzVDOAW4CSVWhY7VylQjgOFyfk='",
    "'sha256-/K9p2JtEqCycL2fSbEonMakkteWpAHv57x2wndLqMNo='",
    "'sha256-/nhm8p50KJxvwWLggwJ1OF8Xgq5W/b3iKECITLASfOg='",
    "'sha256-0GFu787/AB2fAMyxux7Dp8eiOR0gFInKosPAeAkszqQ='",
    "'sha256-R6QAiGbHUYQHe1uKKd5diM8jOpDBBVRx5uZFSQ2tjVI='",
    "'sha256-1X2/xaGUQ6WSsplgvvqz8EPaho+fFc95pqKr7nWtorw='",
    "'sha256-tZVH26+hTWU4XeMdkd4WdKoSmEzhQGkfAN4sH5FWbko='",
    "'sha256-/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8='",
)

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", " ".join(["'self'", *SCRIPT_HASHES])),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)

#: Directives a ``<meta>`` policy cannot carry: browsers ignore them there (CSP Level 3).
HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "sandbox"})

POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES)


def meta_policy() -> str:
    """:data:`POLICY` without what a ``<meta http-equiv>`` tag cannot carry."""
    return "; ".join(f"{name} {value}" for name, value in DIRECTIVES if name not in HEADER_ONLY)
