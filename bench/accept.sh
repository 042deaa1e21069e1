#!/usr/bin/env bash
# make accept: keras-mnist, Adam 1e-3, batch 64, 3 epochs on the 24,000 shared MNIST training
# images must reach at least 98.5% on the official 10,000 test images.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${MNIST_DIR:-../shared/datasets/mnist}
BIN="$(swift build -c release --show-bin-path)/cnnrepl"
"$BIN" bench --model keras-mnist --data-dir "$DATA" --epochs 3 --threads 2 | tee /dev/stderr |
  sed -n 's/^RESULT //p' |
  python3 -c "import json,sys; a=json.load(sys.stdin)['test_acc']; print(f'test accuracy {a:.4f}'); sys.exit(0 if a >= 0.985 else 1)"
