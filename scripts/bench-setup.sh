#!/usr/bin/env bash
# Installs the benchmark-only peers: invoice2data (with dateparser) into the venv and
# poppler-utils (pdftotext, invoice2data's default reader) from apt. Idempotent.
set -euo pipefail
VENV=${1:-.venv}
if ! "$VENV/bin/python" -c "import invoice2data, dateparser" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet 'invoice2data[dateparser]'
fi
if ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q poppler-utils >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null && apt-get install -y -q poppler-utils >/dev/null)) \
      || echo "warning: could not install poppler-utils; invoice2data columns will be empty"
  else
    echo "warning: pdftotext missing and apt-get unavailable; invoice2data columns will be empty"
  fi
fi
