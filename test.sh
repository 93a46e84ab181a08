#!/usr/bin/env bash
# Install the test dependencies (Python packages; Debian's chromium for the browser tests
# when running as root) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s <(cat requirements.txt requirements-dev.txt) .venv/.installed-dev 2>/dev/null; then
  .venv/bin/pip install -q -r requirements-dev.txt
  cat requirements.txt requirements-dev.txt > .venv/.installed-dev
fi
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
exec .venv/bin/python -m pytest -q -n 2 --dist loadfile "$@"
