#!/usr/bin/env bash
# make bench: cnnrepl and PyTorch side by side, same MNIST data, same protocol, same run.
# Training: batch 64, Adam 1e-3, 2 threads, median epoch of 3 after a warm-up, 24,000 images.
# Inference: batch 256 over the 10,000 test images. Peak RSS from /usr/bin/time -v.
# Environment: MNIST_DIR (default ../shared/datasets/mnist), EPOCHS (3), SKIP_TORCH=1,
# TORCH_SPEC (the PyPI requirement for the PyTorch side, default the CPU wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${MNIST_DIR:-../shared/datasets/mnist}
EPOCHS=${EPOCHS:-3}
BIN="$(swift build -c release --show-bin-path)/cnnrepl"
VENV=${BENCH_VENV:-$HOME/.cache/cnnrepl-bench-venv}
TORCH_SPEC=${TORCH_SPEC:-torch==2.13.0+cpu}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

[ -d "$DATA" ] || { echo "bench: no MNIST folder at $DATA (set MNIST_DIR)"; exit 1; }

if [ "${SKIP_TORCH:-0}" != 1 ] && ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  echo "bench: installing PyTorch ($TORCH_SPEC) into $VENV ..."
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "$TORCH_SPEC" numpy
fi

peak() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
field() { sed -n 's/^RESULT //p' "$1" | python3 -c "import json,sys; print(json.load(sys.stdin)['$2'])"; }

rows=()
for model in keras-mnist lenet5; do
  echo "bench: cnnrepl $model ..."
  /usr/bin/time -v "$BIN" bench --model "$model" --data-dir "$DATA" --epochs "$EPOCHS" --threads 2 \
    >"$OUT/c.txt" 2>"$OUT/c.time"
  rows+=("cnnrepl|$model|$(field "$OUT/c.txt" train_img_s)|$(field "$OUT/c.txt" infer_img_s)|$(field "$OUT/c.txt" test_acc)|$(peak "$OUT/c.time")")
  if [ "${SKIP_TORCH:-0}" != 1 ]; then
    echo "bench: pytorch $model ..."
    /usr/bin/time -v "$VENV/bin/python" bench/torch_side.py --model "$model" --data "$DATA" \
      --epochs "$EPOCHS" --channels-last >"$OUT/t.txt" 2>"$OUT/t.time"
    rows+=("$(field "$OUT/t.txt" side)|$model|$(field "$OUT/t.txt" train_img_s)|$(field "$OUT/t.txt" infer_img_s)|$(field "$OUT/t.txt" test_acc)|$(peak "$OUT/t.time")")
  fi
done

printf '\n%-30s %-12s %12s %12s %9s %10s\n' "side" "model" "train img/s" "infer img/s" "test acc" "peak MiB"
for row in "${rows[@]}"; do
  IFS='|' read -r side model train infer acc rss <<<"$row"
  printf '%-30s %-12s %12s %12s %9s %10s\n' "$side" "$model" "$train" "$infer" "$acc" "$rss"
done
