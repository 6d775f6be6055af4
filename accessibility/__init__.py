"""The accessibility gate: WCAG 2.2 AA, checked on every page and every form state.

pa11y-ci's job done in Python: axe-core (shipped by ``axe-playwright-python``)
in Chromium through Playwright, over every page of the built site and every
state of the forms app. Never imported by the product. See
``docs/accessibility.md``; run ``python -m accessibility --help``.
"""
