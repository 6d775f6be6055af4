"""The ``guichet`` mkdocs plugin, now a thin adapter: the site is Guichet's own build.

``guichet build`` (``guichet.build.build``) checks the catalogue, renders every
page and runs an engine (mkdocs, ProperDocs or Zensical) on plain projects it
writes, with no plugin. Running ``mkdocs build`` on the project's ``mkdocs.yml``
would publish the catalogue's raw files, so this plugin (still listed there)
stops it with one line saying what to run instead. ``on_env`` keeps giving a
mkdocs environment the words' ``_()`` for any template of a city's own that
still says it (Guichet's theme does not: Zensical's MiniJinja has no ``_``).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from ..words import install as install_words

MESSAGE = ("guichet: build this site with `guichet build` (--engine mkdocs|properdocs|zensical) "
           "and preview it with `guichet serve`; mkdocs renders the pages guichet build writes")


class GuichetPlugin(BasePlugin):
    def on_config(self, config):
        raise PluginError(MESSAGE)

    def on_env(self, env, config, files):
        install_words(env)
        return env
