"""The web editor at ``/admin/`` (Decap CMS), generated from the content models and the site's settings."""
from ...registry import Feature, Writer
from .checks import check_cms_bundle
from .writer import write_admin

FEATURE = Feature("cms", checks=(check_cms_bundle,), writers=(Writer(write_admin),))
