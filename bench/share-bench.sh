#!/usr/bin/env bash
# Classroom throughput (issue 9): the teacher trains lenet5 on the full MNIST while sharing,
# with 0 and with WATCHERS real `cnnrepl --watch` screens (tmux, 80x24, --color never),
# alternating for ROUNDS rounds; prints each run's training images/s and the medians' ratio.
#
#   bench/share-bench.sh                    # 30 watchers, 3 rounds, 2 epochs each
#   WATCHERS=10 ROUNDS=5 bench/share-bench.sh
#
# Not part of CI (minutes of wall clock; needs tmux and the shared MNIST). The epoch seconds
# come from the teacher's own `--timings` epoch lines, so start-up and data loading are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-$(swift build -c release --show-bin-path)/cnnrepl}
DATA=${DATA:-/work/shared/datasets/mnist}
WATCHERS=${WATCHERS:-30}
ROUNDS=${ROUNDS:-3}
EPOCHS=${EPOCHS:-2}
THREADS=${THREADS:-2}
ROOT=$(mktemp -d /tmp/cnnrepl-share-bench.XXXXXX)
SERVER=cnnrepl-share-bench-$$
tm() { tmux -L "$SERVER" -f /dev/null "$@"; }
cleanup() {
  tm kill-server 2>/dev/null || true
  rm -rf "$ROOT"
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/cnnrepl-share-bench-$$"-*
}
# CPU seconds (user + system) so far of: the watchers' processes, the tmux server, and the
# teacher's publisher thread (`cnnrepl.share`).
cpu_of() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "$1" 2>/dev/null || echo 0; }
cpu_split() {
  local watchers=0 teacher share
  for p in $(tm list-panes -a -F '#{session_name} #{pane_pid}' | awk '$1 != "teacher" {print $2}'); do
    watchers=$(echo "$watchers + $(cpu_of /proc/$p/stat)" | bc)
  done
  teacher=$(tm list-panes -t teacher -F '#{pane_pid}')
  share=$(grep -l "^cnnrepl.share$" /proc/"$teacher"/task/*/comm 2>/dev/null | head -1 || true)
  echo "$watchers $(cpu_of /proc/"$(tm display -p '#{pid}')"/stat) $(cpu_of "${share%comm}stat")"
}

# One run with $1 watchers; prints the training images per second, the CPU seconds the
# watchers, the tmux server and the publisher thread used meanwhile, and the wall seconds.
run_once() {
  local watchers=$1 home="$ROOT/run-$RANDOM$RANDOM"
  SERVER=cnnrepl-share-bench-$$-$RANDOM
  mkdir -p "$home"
  local env="env HOME=$home XDG_RUNTIME_DIR=$home XDG_STATE_HOME= TERM=tmux-256color LANG=C.UTF-8"
  tm new-session -d -s teacher -x 200 -y 50 "$env $BIN --share bench --timings --color never"
  for _ in $(seq 100); do [ -S "$home/cnnrepl/bench.sock" ] && break; sleep 0.1; done
  for i in $(seq "$watchers"); do
    tm new-session -d -s "w$i" -x 80 -y 24 "$env $BIN --watch bench --color never"
  done
  # Every watcher shows the teacher's status before the training starts.
  for i in $(seq "$watchers"); do
    for _ in $(seq 100); do
      tm capture-pane -p -t "w$i" | grep -q "watching bench" && break
      sleep 0.1
    done
  done
  local start end w0 t0 s0 w1 t1 s1
  read -r w0 t0 s0 < <(cpu_split)
  start=$(date +%s.%N)
  tm send-keys -t teacher "threads $THREADS" Enter "data mnist path=$DATA" Enter \
    "preset lenet5" Enter "train epochs=$EPOCHS" Enter
  for _ in $(seq 1200); do
    tm capture-pane -p -t teacher | grep -q "training finished after" && break
    sleep 0.5
  done
  end=$(date +%s.%N)
  read -r w1 t1 s1 < <(cpu_split)
  local seconds
  seconds=$(tm capture-pane -p -t teacher -S - | grep -oE "^epoch [0-9]+/$EPOCHS .* [0-9.]+s" \
    | grep -oE "[0-9.]+s$" | tr -d s | paste -sd+ | bc)
  tm send-keys -t teacher "quit" Enter
  sleep 0.5
  tm kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SERVER"
  echo "$(echo "scale=0; $EPOCHS * 60000 / $seconds" | bc) $(echo "$w1 - $w0" | bc)" \
    "$(echo "$t1 - $t0" | bc) $(echo "$s1 - $s0" | bc) $(echo "scale=1; ($end - $start) / 1" | bc)"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

alone=()
watched=()
for round in $(seq "$ROUNDS"); do
  read -r a _ _ s0 _ < <(run_once 0)
  read -r w cw ct cs wall < <(run_once "$WATCHERS")
  alone+=("$a")
  watched+=("$w")
  echo "round $round: 0 watchers $a img/s (publisher ${s0}s CPU); $WATCHERS watchers $w img/s" \
    "(CPU in ${wall}s: watchers ${cw}s, tmux ${ct}s, publisher ${cs}s)"
done
m0=$(printf '%s\n' "${alone[@]}" | median)
mw=$(printf '%s\n' "${watched[@]}" | median)
echo "median: 0 watchers $m0 img/s, $WATCHERS watchers $mw img/s"
echo "ratio: $(echo "scale=3; $mw / $m0" | bc) (cost $(echo "scale=1; 100 - 100 * $mw / $m0" | bc)%)"
