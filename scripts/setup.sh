#!/usr/bin/env bash
# Creates the virtualenv and installs everything the project needs, on a fresh machine.
set -euo pipefail
PY=${1:-python3.11}
VENV=${2:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --upgrade pip
# torch is pinned to the CPU wheel in pyproject.toml; an unpinned torch pulls a CUDA build.
"$VENV/bin/pip" install --quiet -e '.[dev,train,engines]'
"$VENV/bin/python" - <<'PYEOF'
import sys
import torch
if not torch.__version__.endswith("+cpu"):
    sys.exit(f"torch {torch.__version__} is not the CPU build; install torch==2.13.0 (+cpu) first")
print(f"torch {torch.__version__} (CPU build) ok")
PYEOF
# Browser tests drive Debian's chromium through Playwright; Playwright's own browser download is not used.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)) \
      || echo "warning: could not install chromium; browser tests will be skipped"
  else
    echo "warning: /usr/bin/chromium missing and cannot apt-get install it; browser tests will be skipped"
  fi
fi
mkdir -p var
# The sentence encoder's int8 ONNX export for the shipped bundle (its adapter merged in) is
# made here once, so the first `make serve` is ready in seconds instead of exporting first.
"$VENV/bin/python" -c "from pathlib import Path
from triage.features.adapter import read_adapter
from triage.features.embedding import export_onnx
print('onnx export:', export_onnx(adapter=read_adapter(Path('models/default'))))"
