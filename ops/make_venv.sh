#!/usr/bin/env bash
# Create a virtual environment with Python X.Y: from PATH, else from pyenv's versions.
set -euo pipefail
venv=$1 version=$2
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys; assert sys.version.startswith('$version')"; then
  exit 0
fi
for candidate in "python$version" "$HOME"/.pyenv/versions/"$version".*/bin/python"$version"; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "" 2>/dev/null; then
    "$candidate" -m venv --clear "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip wheel
    exit 0
  fi
done
echo "Python $version is needed for $venv (Rasa 3.6 runs only on Python <= 3.10)." >&2
echo "Install it (for example with pyenv: pyenv install $version) and run make again." >&2
exit 1
