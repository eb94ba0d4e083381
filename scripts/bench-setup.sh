#!/usr/bin/env bash
# Installs the benchmark-only peers: invoice2data (with dateparser) and python-docx into the
# venv, poppler-utils (pdftotext, invoice2data's default reader) and LibreOffice Writer
# (soffice, which prints bench/independent/office_layouts.py's .docx files to PDF) from apt,
# and pdfmake (bench/independent/pdfmake_layouts.py's renderer) from npm. Idempotent.
set -euo pipefail
VENV=${1:-.venv}
if ! "$VENV/bin/python" -c "import invoice2data, dateparser" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet 'invoice2data[dateparser]'
fi
if ! "$VENV/bin/python" -c "import docx" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet python-docx
fi

# apt_tool COMMAND PACKAGE WHAT-IS-LOST: install PACKAGE unless COMMAND exists.
apt_tool() {
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q "$2" >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null)) \
      || echo "warning: could not install $2; $3"
  else
    echo "warning: $1 missing and apt-get unavailable; $3"
  fi
}
apt_tool pdftotext poppler-utils "invoice2data columns will be empty"
apt_tool soffice libreoffice-writer-nogui "the office layouts are skipped"

# pdfmake, pinned in bench/independent/pdfmake/package-lock.json, for the pdfmake layouts.
PDFMAKE_DIR="$(cd "$(dirname "$0")/.." && pwd)/bench/independent/pdfmake"
if [ ! -d "$PDFMAKE_DIR/node_modules/pdfmake" ]; then
  if command -v npm >/dev/null; then
    npm ci --prefix "$PDFMAKE_DIR" --no-audit --no-fund >/dev/null \
      || echo "warning: npm ci failed in $PDFMAKE_DIR; the pdfmake layouts are skipped"
  else
    echo "warning: npm missing; the pdfmake layouts are skipped"
  fi
fi
