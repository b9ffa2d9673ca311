"""Static-site generator for a government information-disclosure column (政府信息公开专栏).

Data flows one way: load -> validate -> resolve -> render -> write -> check.
The core (everything but ``mkdocs_plugin``) knows nothing of MkDocs or Material.
"""
