"""The web editor at ``/admin/`` (Decap CMS), generated from the content models and the site's settings."""
