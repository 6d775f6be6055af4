"""``guichet serve``: the editors' preview, from memory, rebuilding only what an edit changes.

``state.Preview`` keeps the catalogue in memory and renders pages on request
with the build's own code (``guichet.build.site``) and theme; ``server``
serves them. See docs/build.md ("Preview").
"""
