#!/usr/bin/env bash
# The Python the interop tests shell out to: a venv with onnxruntime, onnx and numpy from PyPI.
# Idempotent and quiet: when the venv already imports all three it returns at once.
# Environment: CNNREPL_PY_VENV (default ~/.cache/cnnrepl-py).
set -euo pipefail
VENV=${CNNREPL_PY_VENV:-$HOME/.cache/cnnrepl-py}
PACKAGES=(onnxruntime onnx numpy)

if "$VENV/bin/python" -c "import onnxruntime, onnx, numpy" 2>/dev/null; then
  exit 0
fi
echo "python-env: installing ${PACKAGES[*]} into $VENV ..."
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "${PACKAGES[@]}"
"$VENV/bin/python" -c "import onnxruntime, onnx, numpy" >/dev/null
