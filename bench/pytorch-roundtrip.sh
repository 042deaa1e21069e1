#!/usr/bin/env bash
# make interop-accept: the PyTorch round trip of `export pytorch` / `save model` / `import`
# (outside CI: PyTorch is a large download). For every preset and the every-layer models of
# Tests/ReplTestSupport/InteropModels.swift: PyTorch loads the exported module and weights and
# gives cnnrepl's outputs within 1e-4; one SGD step in PyTorch, save_weights, `import` back, and
# cnnrepl gives PyTorch's new outputs within 1e-4 (Swift suite PyTorchRoundTripTests, driver
# bench/pytorch_roundtrip.py).
# Environment: BENCH_VENV (default ~/.cache/cnnrepl-bench-venv, where bench/run.sh puts torch),
# TORCH_SPEC (the PyPI requirement when torch is missing, default the CPU wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${BENCH_VENV:-$HOME/.cache/cnnrepl-bench-venv}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0+cpu}

if ! "$VENV/bin/python" -c "import torch, numpy" 2>/dev/null; then
  echo "pytorch-roundtrip: installing PyTorch ($TORCH_SPEC) into $VENV ..."
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "$TORCH_SPEC" numpy
fi
echo "pytorch-roundtrip: torch $("$VENV/bin/python" -c 'import torch; print(torch.__version__)')"
CNNREPL_TORCH_PYTHON="$VENV/bin/python" swift test -c release --filter PyTorchRoundTripTests 2>&1 |
  grep -E "pytorch |✔|✘|error|passed|failed" 
