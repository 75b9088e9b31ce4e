#!/usr/bin/env bash
# The main job, end to end: compile an example model with hnnc, inspect it,
# link it into a C application and run it there.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/bin"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Compile examples/models/mlp.mlir to a shared library"
echo "\$ hnnc examples/models/mlp.mlir -o mlp.so"
time "$bin/hnnc" "$root/examples/models/mlp.mlir" -o "$out/mlp.so"

step "What the library exports"
"$bin/hnn-run" info "$out/mlp.so"

step "The same model as an object file and C header, linked into an app"
"$bin/hnnc" "$root/examples/models/mlp.mlir" --emit=obj --prefix=mlp_ -o "$out/mlp.o" --header="$out/mlp.h"
"$bin/hnnc" "$root/examples/models/mlp.mlir" --emit=obj --prefix=mlp2_ -o "$out/mlp2.o" --header="$out/mlp2.h"
cc -std=c11 -O2 "$root/examples/app/static_app.c" "$out/mlp.o" "$out/mlp2.o" -I"$out" -I"$root" \
  -I"$root/examples/app" "$root/$build/lib/libhnnrt.a" \
  -L/usr/lib/llvm-22/lib -lomp -Wl,-rpath,/usr/lib/llvm-22/lib -ldl -lm -o "$out/static_app"
"$out/static_app"

step "Loaded at run time and run from four threads"
cc -std=c11 -O2 "$root/examples/app/dynamic_app.c" -I"$root" -I"$root/examples/app" \
  -L"$root/$build/lib" -lhnnrt -Wl,-rpath,"$root/$build/lib" -lpthread -lm -o "$out/dynamic_app"
"$out/dynamic_app" "$out/mlp.so"

step "A model file (YAML): blocks, BatchNorm, named parameters"
echo "\$ hnnc examples/models/cnn_fashion_mnist.yaml -o cnn.so"
"$bin/hnnc" "$root/examples/models/cnn_fashion_mnist.yaml" -o "$out/cnn.so"
"$bin/hnn-run" info "$out/cnn.so" | sed -n '1,6p;/parameters:/p;/FLOPs/p'
"$bin/hnn-run" bench "$out/cnn.so" --batch 64 --iterations 5

step "Mistakes in a model file are reported where they are"
sed 's/type: linear, name: fc,/type: lienar, name: fc,/' \
  "$root/examples/models/cnn_fashion_mnist.yaml" > "$out/typo.yaml"
"$bin/hnnc" "$out/typo.yaml" -o "$out/typo.so" 2>&1 | sed "s|$out/||" || true

step "Every stage of the pipeline is inspectable"
echo "\$ hnnc examples/models/mlp.mlir --emit=linalg | head"
"$bin/hnnc" "$root/examples/models/mlp.mlir" --emit=linalg | head -n 12
echo
echo "demo: ok"
