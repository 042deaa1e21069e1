#!/usr/bin/env bash
# install-check.sh: `make install` into a temporary DESTDIR and PREFIX, then what a user of the
# installed tool sees, run from another folder with an empty environment (`env -i`):
#   - the binary needs no Swift runtime from the toolchain (ldd) and starts with no HOME, PATH
#     or TERM; `data mnist` loads the built-in sample installed beside it;
#   - --version names the licence; man pages and completions are installed and well formed;
#   - a copy of the binary without its share folder gives an error, not a crash;
#   - `make uninstall` leaves nothing behind.
# Prints `install-check: ok` or the first failure, and exits 1 on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dest="$work/dest" prefix=/opt/cnnrepl-test
root="$dest$prefix"
fail() { echo "install-check: FAILED: $*"; exit 1; }

make --no-print-directory install DESTDIR="$dest" PREFIX="$prefix" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "make install"; }
bin="$root/bin/cnnrepl"
[ -x "$bin" ] || fail "no $bin"

# No Swift runtime library from the toolchain folder (only system libraries).
if ldd "$bin" | grep -E 'libswift|libFoundation|libdispatch|/opt/swift' >"$work/ldd.txt"; then
  cat "$work/ldd.txt"; fail "the installed binary loads Swift libraries from the toolchain"
fi

elsewhere="$work/elsewhere"
mkdir -p "$elsewhere"
printf 'data mnist\ninput data\nconv 4 3 relu\nflatten\ndense 10 softmax\ntrain epochs=1 limit=256\n' \
  >"$elsewhere/try.cnn"
out=$(cd "$elsewhere" && env -i "$bin" run try.cnn 2>&1) || { echo "$out"; fail "env -i cnnrepl run"; }
grep -q "^mnist: 28x28x1, 10 classes, 6,000 train / 1,000 test" <<<"$out" ||
  { echo "$out"; fail "the installed sample did not load"; }
grep -q "^epoch 1/1" <<<"$out" || { echo "$out"; fail "no epoch line from the installed binary"; }

version=$(env -i "$bin" --version) || fail "--version"
grep -q "GPL-3.0-or-later" <<<"$version" || { echo "$version"; fail "--version names no licence"; }
help=$(env -i "$bin" --help) || fail "--help"
for option in --plain --step --share --watch --color --threads --autosave; do
  grep -q -- "$option" <<<"$help" || fail "root --help does not show $option"
done

grep -q '^\.Dt CNNREPL 1' "$root/share/man/man1/cnnrepl.1" || fail "cnnrepl.1 is not a man page"
[ -f "$root/share/man/man1/cnnrepl.run.1" ] || fail "no page for cnnrepl run"
grep -q '^\.SS "conv"' "$root/share/man/man7/cnnrepl-session.7" || fail "cnnrepl-session.7 has no conv"
if command -v groff >/dev/null; then
  groff -man -Tutf8 "$root/share/man/man7/cnnrepl-session.7" 2>"$work/groff.err" | grep -q "usage: conv" ||
    fail "cnnrepl-session.7 does not render"
fi
grep -qF "'!*.@(cnn)'" "$root/share/bash-completion/completions/cnnrepl" || fail "bash completion lacks .cnn files"
grep -q '#compdef cnnrepl' "$root/share/zsh/site-functions/_cnnrepl" || fail "zsh completion"
grep -qF "_files -g '\''*.cnn'\''" "$root/share/zsh/site-functions/_cnnrepl" || fail "zsh completion lacks .cnn files"
grep -qF "complete -c 'cnnrepl'" "$root/share/fish/vendor_completions.d/cnnrepl.fish" || fail "fish completion"

# A copied binary without its share folder: a clear error and exit 1, never an abort.
cp "$bin" "$work/lonely"
printf 'data mnist\n' >"$work/sample.cnn"
lonely=$(cd "$elsewhere" && env -i "$work/lonely" run "$work/sample.cnn" 2>&1)
status=$?
[ $status -eq 1 ] || { echo "$lonely"; fail "a binary without its sample exited $status, not 1"; }
grep -q "built-in MNIST sample" <<<"$lonely" || { echo "$lonely"; fail "no clear error without the sample"; }

make --no-print-directory uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null || fail "make uninstall"
left=$(find "$root" -type f 2>/dev/null)
[ -z "$left" ] || { echo "$left"; fail "make uninstall left files"; }
echo "install-check: ok"
