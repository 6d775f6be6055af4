"""Guichet: a bilingual catalogue of municipal services.

``guichet.model`` holds the one schema of a service and its form;
``guichet.build`` is the mkdocs plugin; ``guichet.check`` the editor checks.
"""

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
