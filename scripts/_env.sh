# Shared by scripts/demo and scripts/test: a project virtualenv with Guichet installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
VENV="${GUICHET_VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
PY="$VENV/bin/python"
export NO_MKDOCS_2_WARNING=1
