"""Stand-in for ``zensical-ui`` (Zensical's bundled theme), put on the path of a Zensical run only
when the real package is not installed: zensical 0.1.3 imports it at start-up but Guichet's site
uses its own theme (``theme.name: null``), so nothing in it is ever read. See docs/build.md."""


def get_theme_dir() -> str:
    raise RuntimeError("zensical-ui is not installed; Guichet's theme does not need it (theme.name: null)")
