#!/usr/bin/env bash
# make bench: cnnrepl and PyTorch side by side, same MNIST data, same protocol, same run.
# Training: batch 64, Adam 1e-3, 2 threads, median epoch of 3 after a warm-up, 24,000 images.
# Inference: batch 256 over the 10,000 test images. Peak RSS from /usr/bin/time -v.
# Then the full-screen UI's cost: the same 1-epoch training typed into the real TUI (tmux,
# 80x24, live panes) and in `run` mode, alternated TUI_REPEATS times, median images/s of each.
# Environment: MNIST_DIR (default ../shared/datasets/mnist), EPOCHS (3), SKIP_TORCH=1,
# TORCH_SPEC (the PyPI requirement for the PyTorch side, default the CPU wheel),
# TUI_ONLY=1 (only the TUI figure), TUI_MODEL (keras-mnist), TUI_REPEATS (3).
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

rows=()
# keras-mnist and lenet5 are hand-written on the PyTorch side; any other preset (BENCH_MODELS)
# runs there as cnnrepl's own `export pytorch` module, the same rows and wiring.
for model in ${BENCH_MODELS:-keras-mnist lenet5 resnet-mini}; do
  echo "bench: cnnrepl $model ..."
  /usr/bin/time -v "$BIN" bench --model "$model" --data-dir "$DATA" --epochs "$EPOCHS" --threads 2 \
    >"$OUT/c.txt" 2>"$OUT/c.time"
  rows+=("cnnrepl|$model|$(field "$OUT/c.txt" train_img_s)|$(field "$OUT/c.txt" infer_img_s)|$(field "$OUT/c.txt" test_acc)|$(peak "$OUT/c.time")")
  if [ "${SKIP_TORCH:-0}" != 1 ]; then
    echo "bench: pytorch $model ..."
    module=()
    if [ "$model" != keras-mnist ] && [ "$model" != lenet5 ]; then
      printf 'preset %s\nexport pytorch %s\n' "$model" "$OUT/$model.py" >"$OUT/export.cnn"
      "$BIN" run "$OUT/export.cnn" >/dev/null
      module=(--module "$OUT/$model.py")
    fi
    /usr/bin/time -v "$VENV/bin/python" bench/torch_side.py --model "$model" "${module[@]}" \
      --data "$DATA" --epochs "$EPOCHS" --channels-last >"$OUT/t.txt" 2>"$OUT/t.time"
    rows+=("$(field "$OUT/t.txt" side)|$model|$(field "$OUT/t.txt" train_img_s)|$(field "$OUT/t.txt" infer_img_s)|$(field "$OUT/t.txt" test_acc)|$(peak "$OUT/t.time")")
  fi
done

printf '\n%-30s %-12s %12s %12s %9s %10s\n' "side" "model" "train img/s" "infer img/s" "test acc" "peak MiB"
for row in "${rows[@]}"; do
  IFS='|' read -r side model train infer acc rss <<<"$row"
  printf '%-30s %-12s %12s %12s %9s %10s\n' "$side" "$model" "$train" "$infer" "$acc" "$rss"
done

tui_throughput
