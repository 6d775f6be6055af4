"""The site build (``guichet build``, ``build.py``): Guichet renders every page and an engine puts the theme around them.

The engines' names live here, not in ``engines.py``, so the command line lists them without loading the build.
"""

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
