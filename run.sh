#!/usr/bin/env bash
# Install Rembug into .venv (first time only) and start it on http://0.0.0.0:8501
# with the embedded SQLite store (data/rembug.sqlite3) and a demo workshop (PIN 1234).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s requirements.txt .venv/.installed-runtime 2>/dev/null; then
  .venv/bin/pip install -q -r requirements.txt
  cp requirements.txt .venv/.installed-runtime
fi
.venv/bin/python -m facilitation demo --if-empty >/dev/null
exec .venv/bin/python -m streamlit run app.py "$@"
