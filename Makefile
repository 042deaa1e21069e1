# cnnrepl — `make run` and `make test` work on a fresh Debian machine with Swift.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= release
APT_PACKAGES := libncurses-dev libreadline-dev libopenblas-dev libpng-dev zlib1g-dev pkg-config tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build -c $(CONFIG) --show-bin-path)/cnnrepl

.PHONY: deps build run test fuzz bench accept interop-accept soak sample clean

## deps: install the Debian packages that are missing (apt-get, via sudo when not root)
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
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
## and a short seeded run of each fuzzer (skipped with FILTER=...); swift test's summary stays last
test: build
	bash scripts/python-env.sh
	@fuzz=0; $(if $(FILTER),,bash scripts/fuzz.sh --smoke || fuzz=1;) \
	$(SWIFT) test -c $(CONFIG) --parallel --num-workers 2 $(if $(FILTER),--filter $(FILTER),); \
	status=$$?; \
	if [ $$fuzz -ne 0 ]; then echo "make test: FAILED: the fuzz smoke run crashed (see 'fuzz' lines above)"; exit 1; fi; \
	exit $$status

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
