#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ (address sanitizer + coverage) and runs each one.
#
#   scripts/fuzz.sh --smoke            2,000 seeded runs per target from the committed seeds
#                                      (part of `make test`; the corpus is not kept)
#   scripts/fuzz.sh [--seconds N]      a campaign: N seconds per target (default $FUZZ_SECONDS
#                                      or 60), growing the corpus kept in Fuzz/.work/corpus
#   scripts/fuzz.sh ... FuzzIDX ...    only the named targets
#
# Prints one line per target (runs, seconds, corpus files, crashes) and exits 1 if any target
# crashed, leaked, hung or failed to build. A crashing input is saved under
# Fuzz/.work/artifacts/<target>/; reproduce it with Fuzz/.build/release/<target> FILE.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/Fuzz"
ALL_TARGETS=(FuzzParser FuzzCommands FuzzScript FuzzIDX FuzzCIFAR FuzzSafeTensors)
SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
SMOKE=0
SMOKE_RUNS="${FUZZ_SMOKE_RUNS:-2000}"
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ;;
    --seconds) SECONDS_PER_TARGET="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    Fuzz*) TARGETS+=("$1") ;;
    *) echo "fuzz.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

# The link gives the root package the identity `cnnrepl` whatever the clone's folder is called.
mkdir -p "$FUZZ/.deps" && ln -sfn ../.. "$FUZZ/.deps/cnnrepl"
echo "fuzz: building ${#TARGETS[@]} targets with -sanitize=fuzzer,address (release)"
# SwiftPM passes --sanitize values as separate -sanitize= flags, of which swiftc keeps only the
# last; the combined -Xswiftc flag comes after them and wins. --sanitize fuzzer is still needed:
# it stops SwiftPM renaming `main`, which libFuzzer provides.
build_log="$(mktemp)"
if ! (cd "$FUZZ" && swift build -c release --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address \
  >"$build_log" 2>&1); then
  grep -E "error:" "$build_log" | head -20
  echo "fuzz: BUILD FAILED (full log: $build_log)"
  exit 1
fi
rm -f "$build_log"

# Sandboxed sessions write only below this folder; it goes away when the script ends. The
# binaries are copied there so a rebuild during a long campaign cannot pull them away.
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/cnnrepl-fuzz.XXXXXX")"
trap 'rm -rf "$SCRATCH"' EXIT
BIN="$SCRATCH/bin"
mkdir -p "$BIN"
for target in "${TARGETS[@]}"; do cp "$FUZZ/.build/release/$target" "$BIN/"; done
export TMPDIR="$SCRATCH"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$FUZZ/lsan.supp:print_suppressions=0"

failed=0
for target in "${TARGETS[@]}"; do
  case "$target" in
    FuzzParser) options=(-max_len=512 "-dict=$FUZZ/commands.dict") ;;  # a few lines: many runs
    FuzzCommands|FuzzScript) options=(-max_len=4096 "-dict=$FUZZ/commands.dict") ;;
    *) options=(-max_len=16384) ;;
  esac
  seeds="$FUZZ/corpus/$target"
  [ "$target" = FuzzParser ] && seeds="$FUZZ/corpus/FuzzCommands"  # the same command lines
  artifacts="$FUZZ/.work/artifacts/$target"
  mkdir -p "$artifacts"
  if [ $SMOKE -eq 1 ]; then
    corpus="$SCRATCH/corpus-$target"
    mkdir -p "$corpus"
    options+=(-runs="$SMOKE_RUNS" -seed=1)
  else
    corpus="$FUZZ/.work/corpus/$target"
    mkdir -p "$corpus"
    options+=(-max_total_time="$SECONDS_PER_TARGET")
  fi
  log="$SCRATCH/$target.log"
  start=$(date +%s)
  (cd "$SCRATCH" && "$BIN/$target" "${options[@]}" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" \
    >"$log" 2>&1)
  status=$?
  elapsed=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  files=$(find "$corpus" -type f | wc -l)
  if [ $status -eq 0 ]; then
    printf 'fuzz %-16s %8s runs %5ss  corpus %5s files  crashes 0\n' \
      "$target" "${runs:-?}" "$elapsed" "$files"
  else
    failed=$((failed + 1))
    printf 'fuzz %-16s %8s runs %5ss  corpus %5s files  CRASHED (exit %s)\n' \
      "$target" "${runs:-?}" "$elapsed" "$files" "$status"
    grep -E "ERROR|SUMMARY|Test unit written|fatal|Fatal" "$log" | head -8 | sed 's/^/    /'
    cp "$log" "$artifacts/last.log"
    echo "    full log: $artifacts/last.log"
  fi
done
echo "fuzz: ${#TARGETS[@]} targets, $((${#TARGETS[@]} - failed)) clean, $failed crashed"
[ $failed -eq 0 ]
