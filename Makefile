# hnn — top-level entry points. `make demo` and `make check` install what is
# missing (Debian packages), configure, build, then run.

BUILD     ?= build
BUILDTYPE ?= Release
JOBS      ?= $(shell nproc)
CC_       ?= clang-22
CXX_      ?= clang++-22

export CCACHE_BASEDIR := $(CURDIR)

.PHONY: all deps configure build check demo docs bench clean help

all: build

help:
	@echo "make demo    install deps, build, run the example end to end"
	@echo "make check   install deps, build, run every test (lit + unit)"
	@echo "make build   configure and build into $(BUILD)/"
	@echo "make docs    regenerate docs/generated/ from the ODS definitions"
	@echo "make bench   benchmarks against PyTorch (bench/results/)"

deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -G Ninja -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILDTYPE) \
	  -DCMAKE_C_COMPILER=$(CC_) -DCMAKE_CXX_COMPILER=$(CXX_) -DLLVM_ENABLE_ASSERTIONS=ON

configure: deps $(BUILD)/build.ninja

build: configure
	ninja -C $(BUILD) -j $(JOBS)

check: build
	@bash scripts/run-tests.sh $(BUILD)

demo: build
	@bash scripts/demo.sh $(BUILD)

bench: build
	@py=$$(bash bench/setup-venv.sh $(BUILD)/bench-venv); \
	  HNN_BUILD=$(CURDIR)/$(BUILD) $${py:-python3} bench/run.py && \
	  HNN_BUILD=$(CURDIR)/$(BUILD) $${py:-python3} bench/train.py

docs: build
	ninja -C $(BUILD) hnn-docs
	mkdir -p docs/generated
	cp $(BUILD)/docs/HNNOps.md $(BUILD)/docs/HNNPasses.md docs/generated/

clean:
	rm -rf $(BUILD)
