"""``python -m accessibility``: see ``accessibility.cli``."""

import sys

from .cli import main

sys.exit(main())
