# cnnrepl — `make run` and `make test` work on a fresh Debian machine with Swift.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= release
APT_PACKAGES := libncurses-dev libreadline-dev libopenblas-dev libpng-dev zlib1g-dev pkg-config tmux libcurl4-openssl-dev
# Only the suite needs a browser (the `export html` page is opened in headless Chromium).
TEST_APT_PACKAGES := chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/cnnrepl

# Golden transcripts hold numbers bit for bit, and OpenBLAS picks its GEMM kernel (and blocking)
# by CPU: the suite runs with the Haswell kernel (AVX2 + FMA, on Intel and AMD alike), the one
# the goldens were recorded with. Machines without AVX2 keep OpenBLAS's own choice.
TEST_CORETYPE ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo && echo Haswell)
TEST_ENV = $(if $(TEST_CORETYPE),OPENBLAS_CORETYPE=$(TEST_CORETYPE),)

PREFIX ?= /usr/local
# The installed binary links the Swift runtime statically; those flags change every object, so
# it builds in its own folder and the test build in .build stays as it is.
INSTALL_BUILD = $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-install --product cnnrepl
DESTDIR ?=

.PHONY: deps build run test install uninstall install-check handoff-check fuzz bench accept interop-accept soak sample clean

## deps: install the Debian packages that are missing (apt-get, via sudo when not root)
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## build: release build of cnnrepl
build: deps
	$(SWIFT) build -c $(CONFIG)

## run: build and start cnnrepl on the embedded MNIST sample (ARGS="..." to pass your own)
run: build
	$(BIN) $(if $(ARGS),$(ARGS),sessions/welcome.cnn)

## test: the whole suite (unit, golden transcripts, tmux UI tests), in release mode: first the
## Python venv the ONNX tests use (scripts/python-env.sh: onnxruntime, onnx, numpy from PyPI)
## and a short seeded run of each fuzzer, then after the suite `scripts/install-check.sh` (both
## skipped with FILTER=...)
test:
	$(MAKE) build EXTRA_APT_PACKAGES="$(TEST_APT_PACKAGES)"
	bash scripts/python-env.sh
	@fuzz=0; $(if $(FILTER),,bash scripts/fuzz.sh --smoke || fuzz=1;) \
	$(TEST_ENV) $(SWIFT) test -c $(CONFIG) --parallel --num-workers 2 $(if $(FILTER),--filter $(FILTER),); \
	status=$$?; \
	$(if $(FILTER),,bash scripts/install-check.sh || status=1;) \
	if [ $$fuzz -ne 0 ]; then echo "make test: FAILED: the fuzz smoke run crashed (see 'fuzz' lines above)"; exit 1; fi; \
	exit $$status

## install: release binary with the Swift runtime linked in (runs from any folder, empty
## environment), its MNIST sample, man pages (cnnrepl.1, cnnrepl-session.7) and bash/zsh/fish
## completions under $(DESTDIR)$(PREFIX); `make uninstall` removes them
install: deps
	$(INSTALL_BUILD)
	$(SWIFT) build -c release --product generate-manual
	bash scripts/install.sh "$(DESTDIR)$(PREFIX)" "$$($(INSTALL_BUILD) --show-bin-path)/cnnrepl" \
	  "$$($(SWIFT) build -c release --show-bin-path)/generate-manual"

uninstall:
	bash scripts/install.sh --uninstall "$(DESTDIR)$(PREFIX)"

## install-check: `make install` into a temporary prefix, then the installed binary from another
## folder with `env -i` (part of `make test`)
install-check:
	bash scripts/install-check.sh

## handoff-check: `export training`, then torchrun --nproc_per_node=2 and python train.py on CPU
## in the bench's PyTorch venv, checked against cnnrepl's own training (needs torch; not in CI)
handoff-check: build
	bash scripts/handoff-check.sh

## fuzz: build the libFuzzer targets (ASan) and run each for FUZZ_SECONDS (default 60)
FUZZ_SECONDS ?= 60
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

## bench: training/inference images per second and peak RSS, side by side with PyTorch
bench: build
	bash bench/run.sh

## accept: keras-mnist, 3 epochs, mean test accuracy over 8 seeds (SEEDS=...) at least 98.3%; TORCH=1 runs the same seeds in PyTorch and needs cnnrepl within 0.2 points of its mean
accept: build
	bash bench/accept.sh

## interop-accept: PyTorch round trip of the exports (needs torch in the bench venv; not in CI)
interop-accept: build
	bash bench/pytorch-roundtrip.sh

## soak: RSS of the full-screen cnnrepl over ~8 minutes of train/stop/load cycles, typing and resizes (outside CI)
soak: build
	bash scripts/soak.sh

## sample: re-cut the embedded MNIST sample (Sources/Datasets/Resources) from ../shared/datasets/mnist
sample:
	python3 scripts/make-sample.py

clean:
	rm -rf .build
