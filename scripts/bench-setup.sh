#!/usr/bin/env bash
# Installs the benchmark-only peers: invoice2data (with dateparser), python-docx, openpyxl and
# typst (the Typst compiler's Python bindings, which typeset bench/independent/typst_layouts.py)
# and reportlab (which draws bench/independent/reportlab_layouts.py) into the venv,
# poppler-utils (pdftotext, invoice2data's default reader), LibreOffice Writer
# (soffice, which prints bench/independent/office_layouts.py's .docx files to PDF),
# LibreOffice Calc (which prints bench/independent/sheet_layouts.py's .xlsx files to PDF) and
# wkhtmltopdf (which prints bench/independent/wkhtml_layouts.py's HTML to PDF) from
# apt, and pdfmake (bench/independent/pdfmake_layouts.py's renderer) from npm. Idempotent.
set -euo pipefail
VENV=${1:-.venv}
if ! "$VENV/bin/python" -c "import invoice2data, dateparser" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet 'invoice2data[dateparser]'
fi
if ! "$VENV/bin/python" -c "import docx" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet python-docx
fi
if ! "$VENV/bin/python" -c "import openpyxl" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet openpyxl
fi
if ! "$VENV/bin/python" -c "import typst" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet typst
fi
if ! "$VENV/bin/python" -c "import reportlab" >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet reportlab
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
apt_tool wkhtmltopdf wkhtmltopdf "the wkhtmltopdf layouts are skipped"

# Calc ships no command of its own (soffice comes with Writer), so look for its library.
calc_installed() {
  [ -e /usr/lib/libreoffice/program/libsclo.so ] && return 0
  local pkg
  for pkg in libreoffice-calc-nogui libreoffice-calc; do
    [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" = "install ok installed" ] \
      && return 0
  done
  return 1
}
if ! calc_installed; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q libreoffice-calc-nogui >/dev/null 2>&1 \
      || (apt-get update -q >/dev/null && apt-get install -y -q libreoffice-calc-nogui >/dev/null)) \
      || echo "warning: could not install libreoffice-calc-nogui; the sheet layouts are skipped"
  else
    echo "warning: LibreOffice Calc missing and apt-get unavailable; the sheet layouts are skipped"
  fi
fi

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
