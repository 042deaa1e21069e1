#!/usr/bin/env bash
# handoff-check.sh: `export training` end to end with real PyTorch (the bench's venv; not part
# of `make test`, which has no torch). `make handoff-check` runs it. Two sessions on the MNIST
# sample, each trained by cnnrepl (2 epochs, batch 32, adam, 4,000 images) and exported:
#
#  A. conv, relu, maxpool twice and a dense layer: `torchrun --nproc_per_node=2 train.py` on
#     CPU; cnnrepl imports trained.safetensors and its test accuracy must be within TOLERANCE
#     points (default 3) of cnnrepl's own training (the two shuffle differently).
#  B. the same with a batchnorm: 2 processes (gloo, batch norm over the global batch) and
#     `python train.py` in one process see the same global batches, so every epoch's loss
#     agrees within 1e-3 relative and the test accuracy within 0.5 points. (Against cnnrepl
#     its test accuracy moves by several points from run to run: the running statistics of a
#     momentum-0.99 batchnorm after 250 steps.) Then `show curve metrics.jsonl` draws the run,
#     and running train.py again resumes after its last checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${BENCH_VENV:-$HOME/.cache/cnnrepl-bench-venv}
TOLERANCE=${TOLERANCE:-3}
PY="$VENV/bin/python"
"$PY" -c "import torch" 2>/dev/null || { echo "handoff-check: needs torch in $VENV (make bench builds it)"; exit 1; }
BIN="$(swift build -c release --show-bin-path)/cnnrepl"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "handoff-check: FAILED: $*" >&2; exit 1; }

plain='data mnist
input data
conv 8 3 relu
maxpool 2
conv 16 3 relu
maxpool 2
flatten
dense 10 softmax'
normed=$(sed 's/^conv 8 3 relu$/conv 8 3 relu\nbatchnorm/' <<<"$plain")

# NAME NET: trains NET in cnnrepl, evaluates it and exports the training to $work/NAME;
# prints cnnrepl's test accuracy.
train_and_export() {
  printf '%s\n' "$2" >"$work/$1.cnn"
  printf 'run %s\nseed 7\ntrain epochs=2 batch=32 limit=4000 test=1000\neval\nexport training %s\n' \
    "$work/$1.cnn" "$work/$1" >"$work/$1-train.cnn"
  local out
  out=$("$BIN" run --threads 2 "$work/$1-train.cnn") || { echo "$out" >&2; fail "cnnrepl training of $1"; }
  [ -f "$work/$1/train.py" ] && [ -f "$work/$1/data.safetensors" ] || fail "export training wrote no folder"
  sed -n 's/^test: .*accuracy \([0-9.]*\)%$/\1/p' <<<"$out" | tail -1
}

# NAME WEIGHTS: imports WEIGHTS into NAME's net and prints its test accuracy.
accuracy_of() {
  printf 'run %s\nimport %s\neval\n' "$work/$1.cnn" "$2" >"$work/eval.cnn"
  "$BIN" run --threads 2 "$work/eval.cnn" | sed -n 's/^test: .*accuracy \([0-9.]*\)%$/\1/p' | tail -1
}

# FOLDER OUT: two CPU processes.
torchrun2() {
  (cd "$1" && OMP_NUM_THREADS=1 "$VENV/bin/torchrun" --standalone --nproc_per_node=2 train.py \
    --device cpu --out "$2" --fresh) || fail "torchrun --nproc_per_node=2 in $1"
}

# A: accuracy against cnnrepl's own training.
own=$(train_and_export plain "$plain")
[ -n "$own" ] || fail "no accuracy from cnnrepl's eval"
torchrun2 "$work/plain" "$work/plain-two"
two=$(accuracy_of plain "$work/plain-two/trained.safetensors")
[ -n "$two" ] || fail "A: cnnrepl could not evaluate torchrun's weights"
echo "A: test accuracy cnnrepl $own%, torchrun x2 $two% (tolerance $TOLERANCE points)"
python3 -c "import sys; o, t, tol = map(float, sys.argv[1:]); sys.exit(abs(o - t) > tol)" "$own" "$two" "$TOLERANCE" ||
  fail "A: torchrun's accuracy $two% is not within $TOLERANCE points of cnnrepl's $own%"

# B: one process against two, with batchnorm.
own_b=$(train_and_export normed "$normed")
torchrun2 "$work/normed" "$work/two"
(cd "$work/normed" && OMP_NUM_THREADS=2 "$PY" train.py --device cpu --out "$work/one" --fresh) ||
  fail "python train.py"
two_acc=$(accuracy_of normed "$work/two/trained.safetensors")
one_acc=$(accuracy_of normed "$work/one/trained.safetensors")
echo "B: test accuracy cnnrepl $own_b%, torchrun x2 $two_acc%, python x1 $one_acc%"
python3 - "$two_acc" "$one_acc" "$work/one/metrics.jsonl" "$work/two/metrics.jsonl" <<'PYTHON' ||
import json, sys
two, one = map(float, sys.argv[1:3])
assert abs(one - two) <= 0.5, f"1 process {one} vs 2 processes {two}: more than 0.5 points"
epochs = [[json.loads(l) for l in open(p) if '"kind": "epoch"' in l] for p in sys.argv[3:5]]
assert len(epochs[0]) == len(epochs[1]) == 2, epochs
for a, b in zip(*epochs):
    assert a["processes"] == 1 and b["processes"] == 2
    rel = abs(a["loss"] - b["loss"]) / abs(a["loss"])
    assert rel < 1e-3, f"epoch {a['epoch']}: loss {a['loss']} (1 process) vs {b['loss']} (2): {rel:.2e}"
    print(f"B: epoch {a['epoch']}: loss 1 process {a['loss']:.6f}, 2 processes {b['loss']:.6f} (rel {rel:.1e})")
PYTHON
  fail "B: 1 and 2 processes differ"

printf 'show curve %s\n' "$work/two/metrics.jsonl" >"$work/curve.cnn"
curve=$("$BIN" run "$work/curve.cnn") || { echo "$curve"; fail "show curve"; }
grep -q "2 epochs, 2 processes" <<<"$curve" || { echo "$curve"; fail "show curve did not read the run"; }
grep -q "^epoch 2/2" <<<"$curve" || { echo "$curve"; fail "show curve has no epoch lines"; }

# Resume: a run whose checkpoint says epoch 2 of 2 is done only saves the weights again.
resumed=$(cd "$work/normed" && "$PY" train.py --device cpu --out "$work/one") || fail "resume"
grep -q "resuming after phase 1, epoch 2" <<<"$resumed" || { echo "$resumed"; fail "no resume"; }
echo "handoff-check: ok"
