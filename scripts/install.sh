#!/usr/bin/env bash
# install.sh ROOT BIN GENERATE_MANUAL   installs cnnrepl under ROOT (= $(DESTDIR)$(PREFIX))
# install.sh --uninstall ROOT           removes exactly what install put there
#
# Layout (what the installed binary expects; it finds its MNIST sample at BIN/../share):
#   ROOT/bin/cnnrepl                                   release build, Swift runtime linked in
#   ROOT/share/cnnrepl/mnist-sample/*.gz               the built-in MNIST sample
#   ROOT/share/man/man1/cnnrepl*.1                     from the command-line definitions
#   ROOT/share/man/man7/cnnrepl-session.7              the session language (`help CMD`)
#   ROOT/share/bash-completion/completions/cnnrepl
#   ROOT/share/zsh/site-functions/_cnnrepl
#   ROOT/share/fish/vendor_completions.d/cnnrepl.fish
#   ROOT/share/doc/cnnrepl/{LICENSE,README.md}
set -euo pipefail
cd "$(dirname "$0")/.."

files() {  # every installed path, relative to ROOT (man pages listed from the staging folder)
  echo bin/cnnrepl
  for f in Sources/Datasets/Resources/mnist-sample/*.gz; do echo "share/cnnrepl/mnist-sample/$(basename "$f")"; done
  echo share/man/man7/cnnrepl-session.7
  echo share/bash-completion/completions/cnnrepl
  echo share/zsh/site-functions/_cnnrepl
  echo share/fish/vendor_completions.d/cnnrepl.fish
  echo share/doc/cnnrepl/LICENSE
  echo share/doc/cnnrepl/README.md
}

if [ "${1:-}" = --uninstall ]; then
  root=${2:?usage: install.sh --uninstall ROOT}
  while read -r f; do rm -f "$root/$f"; done < <(files)
  rm -f "$root"/share/man/man1/cnnrepl.1 "$root"/share/man/man1/cnnrepl.*.1
  rmdir "$root/share/cnnrepl/mnist-sample" "$root/share/cnnrepl" "$root/share/doc/cnnrepl" 2>/dev/null || true
  echo "uninstalled cnnrepl from $root"
  exit 0
fi

root=${1:?usage: install.sh ROOT BIN GENERATE_MANUAL}
bin=${2:?the release binary}
generate_manual=${3:?the generate-manual tool}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Man pages: cnnrepl.1 (and one per subcommand) from the argument definitions, through
# swift-argument-parser's generate-manual; cnnrepl-session.7 from the session's command registry.
mkdir -p "$stage/man1"
"$generate_manual" "$bin" --multi-page --output-directory "$stage/man1" \
  --authors "the cnnrepl authors" >/dev/null
rm -f "$stage/man1/cnnrepl.session-manual.1"  # a hidden subcommand: the page below instead
"$bin" session-manual >"$stage/cnnrepl-session.7"
"$bin" --generate-completion-script bash >"$stage/cnnrepl.bash"
"$bin" --generate-completion-script zsh >"$stage/_cnnrepl"
"$bin" --generate-completion-script fish >"$stage/cnnrepl.fish"

install -d "$root/bin" "$root/share/cnnrepl/mnist-sample" "$root/share/man/man1" "$root/share/man/man7" \
  "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d" "$root/share/doc/cnnrepl"
install -m 755 "$bin" "$root/bin/cnnrepl"
strip "$root/bin/cnnrepl" 2>/dev/null || true  # symbols only: the binary stays the same code
install -m 644 Sources/Datasets/Resources/mnist-sample/*.gz "$root/share/cnnrepl/mnist-sample/"
install -m 644 "$stage"/man1/*.1 "$root/share/man/man1/"
install -m 644 "$stage/cnnrepl-session.7" "$root/share/man/man7/"
install -m 644 "$stage/cnnrepl.bash" "$root/share/bash-completion/completions/cnnrepl"
install -m 644 "$stage/_cnnrepl" "$root/share/zsh/site-functions/_cnnrepl"
install -m 644 "$stage/cnnrepl.fish" "$root/share/fish/vendor_completions.d/cnnrepl.fish"
install -m 644 LICENSE README.md "$root/share/doc/cnnrepl/"
echo "installed cnnrepl $("$root/bin/cnnrepl" --version | head -1) in $root (man cnnrepl, man 7 cnnrepl-session)"
