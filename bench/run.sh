#!/usr/bin/env bash
# make bench: cnnrepl and PyTorch side by side on a zoo of networks, same data (MNIST, or a
# synthetic CIFAR-10-format set), same protocol, same run.
# Training: batch 64, Adam 1e-3, 2 threads, median epoch of 3 after a warm-up, 24,000 images.
# Inference: batch 256 over the 10,000 test images. Peak RSS from /usr/bin/time -v.
# Then the full-screen UI's cost: the same 1-epoch training typed into the real TUI (tmux,
# 80x24, live panes) and in `run` mode, alternated TUI_REPEATS times, median images/s of each.
# Environment: MNIST_DIR (default ../shared/datasets/mnist), EPOCHS (3), SKIP_TORCH=1, ZOO (the
# networks, below), CIFAR_DIR (where the synthetic CIFAR-10 folder is written once),
# TORCH_SPEC (the PyPI requirement for the PyTorch side, default the CPU wheel),
# TUI_ONLY=1 (only the TUI figure), SKIP_TUI=1 (no TUI figure), TUI_MODEL (keras-mnist), TUI_REPEATS (3),
# THREADS (2: the zoo's thread count on both sides; the TUI figure always uses 2).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${MNIST_DIR:-../shared/datasets/mnist}
EPOCHS=${EPOCHS:-3}
THREADS=${THREADS:-2}
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

# The TUI against `run` mode: one script, `--timings` puts `N img/s` on the epoch line (test=0:
# training only). The TUI replays it at 80x24 in tmux and trains in the background with every
# pane live; the line is read off the screen once `training finished` shows.
tui_throughput() {
  local model=${TUI_MODEL:-keras-mnist} repeats=${TUI_REPEATS:-3} script="$OUT/tui.cnn"
  local data_abs sock="cnnrepl-bench-$$" run_rates=() tui_rates=() run_cpu=() tui_cpu=()
  data_abs=$(cd "$DATA" && pwd)
  printf 'data mnist path=%s\npreset %s\ntrain epochs=1 batch=64 test=0\n' "$data_abs" "$model" >"$script"
  mkdir -p "$OUT/home"
  rate() { grep -o '[0-9]* img/s' | head -1 | cut -d' ' -f1; }
  for i in $(seq "$repeats"); do
    echo "bench: TUI vs run, $model, round $i/$repeats ..."
    /usr/bin/time -f '%U %S' -o "$OUT/run.cpu" "$BIN" run --timings --threads 2 "$script" >"$OUT/run.txt"
    run_rates+=("$(grep '^epoch 1/1' "$OUT/run.txt" | rate)")
    run_cpu+=("$(awk '{printf "%.2f", $1 + $2}' "$OUT/run.cpu")")
    rm -f "$OUT/tui.pid"
    tmux -L "$sock" -f /dev/null new-session -d -s bench -x 80 -y 24 \
      "sh -c 'echo \$\$ > $OUT/tui.pid; exec env HOME=$OUT/home XDG_STATE_HOME= TERM=tmux-256color LANG=C.UTF-8 $BIN --timings --threads 2 $script'"
    local screen="" waited=0
    until grep -q 'training finished' <<<"$screen" || [ "$waited" -ge 600 ]; do
      sleep 1; waited=$((waited + 1))
      screen=$(tmux -L "$sock" capture-pane -p -t bench 2>/dev/null || true)
    done
    tui_rates+=("$(grep '^epoch 1/1' <<<"$screen" | rate)")
    # CPU seconds of the whole process (user + system) when the training ended, as for `run`.
    tui_cpu+=("$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$(cat "$OUT/tui.pid")/stat")")
    tmux -L "$sock" send-keys -t bench quit Enter
    sleep 1
    tmux -L "$sock" kill-server 2>/dev/null || true
  done
  median() { printf '%s\n' "$@" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR ? a[int((NR+1)/2)] : 0)}'; }
  local run_median tui_median
  run_median=$(median "${run_rates[@]}")
  tui_median=$(median "${tui_rates[@]}")
  printf '\nfull-screen UI cost (%s, 1 epoch, batch 64, 2 threads, 80x24 tmux, median of %s)\n' "$model" "$repeats"
  printf '  run mode: %s img/s   (rounds: %s; CPU s: %s)\n' "$run_median" "${run_rates[*]}" "${run_cpu[*]}"
  printf '  TUI:      %s img/s   (rounds: %s; CPU s: %s)\n' "$tui_median" "${tui_rates[*]}" "${tui_cpu[*]}"
  python3 -c "r=$tui_median/max($run_median,1); print(f'  TUI/run:  {r:.1%} images/s (target >= 95%; wall clock, so only on a quiet machine)')"
  # CPU time does not depend on what else runs: the UI's whole cost in CPU, load or not.
  local run_c tui_c
  run_c=$(median "${run_cpu[@]}")
  tui_c=$(median "${tui_cpu[@]}")
  python3 -c "print(f'  CPU:      run {$run_c:.2f} s, TUI {$tui_c:.2f} s for the same work: run/TUI {$run_c/max($tui_c,0.01):.1%}')"
}

if [ "${TUI_ONLY:-0}" = 1 ]; then
  tui_throughput
  exit 0
fi

# The zoo: NAME:DATA, NAME a preset or bench/zoo/NAME.cnn; DATA mnist or cifar10 (a synthetic
# CIFAR-10-format folder bench/make-cifar.py writes, 10,000 training and 2,000 test images).
# The PyTorch side runs cnnrepl's own `export pytorch` module of every network but the two
# hand-written ones, the same rows and wiring.
ZOO=${ZOO:-keras-mnist:mnist lenet5:mnist resnet-mini:mnist separable-mnist:mnist \
inception-mini:mnist autoencoder:mnist vgg-cifar:cifar10 allconv-cifar:cifar10 \
wide-kernels-cifar:cifar10 mobilenet-cifar:cifar10 resnet-cifar:cifar10}
CIFAR=${CIFAR_DIR:-$HOME/.cache/cnnrepl-bench-cifar10}
if grep -q cifar10 <<<"$ZOO" && [ ! -f "$CIFAR/test_batch.bin" ]; then
  python3 bench/make-cifar.py "$CIFAR"
fi

results=()
for entry in $ZOO; do
  model=${entry%%:*} set=${entry##*:}
  folder=$DATA
  [ "$set" = cifar10 ] && folder=$CIFAR
  source=$model
  [ -f "bench/zoo/$model.cnn" ] && source="bench/zoo/$model.cnn"
  echo "bench: cnnrepl $model on $set ..."
  /usr/bin/time -v "$BIN" bench --model "$source" --data "$set" --data-dir "$folder" \
    --epochs "$EPOCHS" --threads "$THREADS" >"$OUT/c.txt" 2>"$OUT/c.time" || { cat "$OUT/c.txt" "$OUT/c.time"; exit 1; }
  line="$model|$set|$(field "$OUT/c.txt" train_img_s)|$(field "$OUT/c.txt" infer_img_s)|$(field "$OUT/c.txt" test_acc)|$(peak "$OUT/c.time")"
  if [ "${SKIP_TORCH:-0}" != 1 ]; then
    echo "bench: pytorch $model on $set ..."
    module=()
    if [ "$model" != keras-mnist ] && [ "$model" != lenet5 ]; then
      if [ -f "bench/zoo/$model.cnn" ]; then
        printf 'run %s\nexport pytorch %s\n' "$(pwd)/bench/zoo/$model.cnn" "$OUT/$model.py" >"$OUT/export.cnn"
      else
        printf 'preset %s\nexport pytorch %s\n' "$model" "$OUT/$model.py" >"$OUT/export.cnn"
      fi
      "$BIN" run "$OUT/export.cnn" >/dev/null
      module=(--module "$OUT/$model.py")
    fi
    /usr/bin/time -v "$VENV/bin/python" bench/torch_side.py --model "$model" "${module[@]}" \
      --data "$folder" --epochs "$EPOCHS" --threads "$THREADS" --channels-last >"$OUT/t.txt" 2>"$OUT/t.time" || { cat "$OUT/t.txt" "$OUT/t.time"; exit 1; }
    side=$(field "$OUT/t.txt" side)
    line="$line|$(field "$OUT/t.txt" train_img_s)|$(field "$OUT/t.txt" infer_img_s)|$(field "$OUT/t.txt" test_acc)|$(peak "$OUT/t.time")"
  fi
  results+=("$line")
done

# One row per network: both sides and the ratios (cnnrepl / PyTorch for speed, PyTorch /
# cnnrepl for memory: above 1 is cnnrepl ahead in every ratio column).
echo
echo "cnnrepl beside ${side:-PyTorch} ($THREADS thread(s), batch 64, Adam 1e-3; training: median of $EPOCHS epochs; inference: batch 256)"
printf '%-19s %-7s | %9s %9s %6s | %9s %9s %6s | %5s %5s %6s | %6s %6s\n' \
  network data "train c" "train pt" ratio "infer c" "infer pt" ratio "MiB c" "MiB pt" "mem" "acc c" "acc pt"
for row in "${results[@]}"; do
  IFS='|' read -r model set ct ci ca cm tt ti ta tm <<<"$row"
  python3 - "$model" "$set" "$ct" "$ci" "$ca" "$cm" "${tt:-0}" "${ti:-0}" "${ta:-0}" "${tm:-0}" <<'PY'
import sys
m, s, ct, ci, ca, cm, tt, ti, ta, tm = sys.argv[1:]
ratio = lambda a, b: f"{float(a) / float(b):.2f}x" if float(b) > 0 else "-"
print(f"{m:<19} {s:<7} | {float(ct):9.0f} {float(tt):9.0f} {ratio(ct, tt):>6} | "
      f"{float(ci):9.0f} {float(ti):9.0f} {ratio(ci, ti):>6} | {cm:>5} {tm:>5} {ratio(tm, cm):>6} | "
      f"{float(ca):6.4f} {float(ta):6.4f}")
PY
done
[ "${SKIP_TUI:-0}" = 1 ] || tui_throughput
