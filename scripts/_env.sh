# Sourced by the other scripts: make .venv with everything ippon and its tests need.
# Re-installs only when pyproject.toml changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
py="$(command -v python3.11 || command -v python3)"
stamp=".venv/.installed"
if [ ! -x .venv/bin/python ]; then
  echo "ippon: creating .venv with $py" >&2
  "$py" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "ippon: installing ippon and its dependencies into .venv" >&2
  .venv/bin/python -m pip install -q --upgrade pip >&2
  .venv/bin/python -m pip install -q -e '.[dev]' >&2
  touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
