"""The site build: the mkdocs plugin (``plugin.py``) and what it writes, from the catalogue."""
