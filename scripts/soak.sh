#!/usr/bin/env bash
# make soak (outside CI): the real full-screen cnnrepl in tmux for SOAK_SECONDS (default 480):
#  1. the first half: train/stop/save model/reset/load model/preset cycles;
#  2. the second half: one long training while text is typed without pause and the terminal is
#     resized every few seconds.
# The process's resident memory (VmRSS) is sampled every second into a CSV; at the end a text
# curve and a verdict per phase: flat when the peak RSS of the phase's last quarter of samples is
# within 10% of the peak of its first quarter (peaks, not medians: RSS swings between training
# and idle, and how many samples of each fall in a quarter is chance; a leak raises the peaks).
# The first WARMUP seconds (default 20: data loading, first buffers) are left out.
# Environment: SOAK_SECONDS, WARMUP, SOAK_CSV (default soak-rss.csv in a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${SOAK_SECONDS:-480}
WARMUP=${WARMUP:-20}
BIN="$(swift build -c release --show-bin-path)/cnnrepl"
WORK=$(mktemp -d)
CSV=${SOAK_CSV:-$WORK/soak-rss.csv}
SOCK="cnnrepl-soak-$$"
T="tmux -L $SOCK -f /dev/null"
cleanup() { $T kill-server 2>/dev/null || true; }
trap cleanup EXIT

$T new-session -d -s soak -x 80 -y 24 \
  "sh -c 'echo \$\$ > $WORK/pid; exec env HOME=$WORK XDG_STATE_HOME= TERM=tmux-256color LANG=C.UTF-8 $BIN --autosave 50'; echo EXIT=\$?; sleep 600"
for _ in $(seq 50); do [ -s "$WORK/pid" ] && break; sleep 0.1; done
PID=$(cat "$WORK/pid")
send() { $T send-keys -t soak -l "$1"; $T send-keys -t soak Enter; }
screen() { $T capture-pane -p -t soak; }

echo "seconds,rss_kib,phase" >"$CSV"
PHASE=cycles
echo "$PHASE" >"$WORK/phase"
(
  start=$(date +%s)
  while kill -0 "$PID" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo "")
    [ -n "$rss" ] && echo "$(($(date +%s) - start)),$rss,$(cat "$WORK/phase")" >>"$CSV"
    sleep 1
  done
) &
SAMPLER=$!

sleep 1
send "data mnist"
sleep 3
end=$((SECONDS + SECONDS_TOTAL / 2))
cycles=0
while [ $SECONDS -lt $end ]; do
  send "reset"
  send "preset lenet5"
  send "train epochs=1 limit=3000 batch=32"
  sleep 2
  send "stop"
  sleep 0.5
  send "save model $WORK/m.safetensors force=yes"
  send "reset"
  send "load model $WORK/m.safetensors"
  send "preset keras-mnist"
  send "eval"
  sleep 1
  cycles=$((cycles + 1))
done
echo "soak: $cycles train/stop/save/reset/load cycles"

echo typing >"$WORK/phase"
send "reset"
send "preset keras-mnist"
send "train epochs=100"
end=$((SECONDS + SECONDS_TOTAL / 2))
sizes=("120 40" "80 24" "60 20" "100 30")
i=0
while [ $SECONDS -lt $end ]; do
  for word in "conv 8 3 relu" "show fmap 1" "dense 10"; do
    $T send-keys -t soak -l "$word"
    sleep 0.3
    $T send-keys -t soak C-u
  done
  read -r w h <<<"${sizes[$((i % 4))]}"
  $T resize-window -t soak -x "$w" -y "$h"
  i=$((i + 1))
done
screen | tail -4
send "stop"
sleep 1
send "quit"
sleep 2
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true

python3 - "$CSV" "$WARMUP" <<'PY'
import csv, statistics, sys
rows = [r for r in csv.DictReader(open(sys.argv[1]))]
warmup = int(sys.argv[2])
samples = [(int(r["seconds"]), int(r["rss_kib"]) / 1024, r["phase"]) for r in rows]
kept = [s for s in samples if s[0] >= warmup]
if len(kept) < 8:
    print("soak: too few samples"); sys.exit(1)
width = 50
top = max(s[1] for s in samples)
buckets = 16
print(f"\nRSS over {samples[-1][0]} s ({len(samples)} samples, MiB; each row a {len(samples)//buckets or 1}-sample median)")
step = max(1, len(samples) // buckets)
for i in range(0, len(samples), step):
    chunk = samples[i:i + step]
    m = statistics.median(c[1] for c in chunk)
    print(f"{chunk[0][0]:5d}s {chunk[0][2]:7s} {m:7.1f} |" + "#" * round(m / top * width))
verdicts = []
for phase in dict.fromkeys(s[2] for s in kept):
    part = [s for s in kept if s[2] == phase]
    q = max(1, len(part) // 4)
    first = statistics.median(s[1] for s in part[:q])
    last = statistics.median(s[1] for s in part[-q:])
    peak_first, peak_last = max(s[1] for s in part[:q]), max(s[1] for s in part[-q:])
    change = (last - first) / first
    peak_change = (peak_last - peak_first) / peak_first
    verdicts.append(abs(peak_change) <= 0.10)
    print(f"{phase}: first quarter median {first:.1f} / peak {peak_first:.1f} MiB, "
          f"last quarter median {last:.1f} / peak {peak_last:.1f} MiB, "
          f"change median {change:+.1%} / peak {peak_change:+.1%}")
print("verdict: " + ("flat" if all(verdicts) else "NOT flat")
      + " (each phase's last-quarter peak within ±10% of its first-quarter peak)")
print(f"csv: {sys.argv[1]}")
PY
