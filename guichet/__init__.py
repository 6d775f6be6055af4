"""Guichet: a bilingual catalogue of municipal services.

``guichet.model`` holds the one schema of a service and its form;
``guichet.build`` builds the site (``guichet build``); ``guichet.preview`` is ``guichet serve``;
``guichet.check`` the editor checks.
"""

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
