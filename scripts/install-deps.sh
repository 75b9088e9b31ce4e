#!/usr/bin/env bash
# Installs exactly the Debian packages that hnn's build, tests and demo need.
# Idempotent: packages already present are skipped, and apt is not touched at all when
# nothing is missing. LLVM/MLIR are pinned to the 22.1 series.
set -euo pipefail

PKGS=(
  # build
  cmake ninja-build ccache make
  # LLVM/MLIR 22.1 (mlir-22-tools is required by MLIR's exported CMake targets)
  clang-22 lld-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  # OpenMP runtime for code lowered through MLIR's omp dialect; libFuzzer comes with clang-22
  libomp-22-dev libclang-rt-22-dev
  # unit tests
  libgtest-dev
  # lit runs on python3
  python3
  # libhnnrt reads gzip'd IDX files (Debian ships Fashion-MNIST gzip'd)
  zlib1g-dev
  # sample data used by the examples and the demo
  dataset-fashion-mnist
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  SUDO=sudo
else
  SUDO=
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
