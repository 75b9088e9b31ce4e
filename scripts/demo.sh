#!/usr/bin/env bash
# The main job, end to end: compile example models with hnnc --train (an MLP,
# then the KAN that is this project's signature), train them on Fashion-MNIST
# on this machine (no Python anywhere), check their test accuracy, bake the
# exported weights into an inference build, then link a compiled model into C
# applications.
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/bin"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
data=/usr/share/datasets/fashion-mnist
results="$root/$build/demo"
mkdir -p "$results"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Compile examples/models/mlp_fashion_mnist.yaml with its train step"
echo "\$ hnnc examples/models/mlp_fashion_mnist.yaml --train -o mlp_train.so"
time "$bin/hnnc" "$root/examples/models/mlp_fashion_mnist.yaml" --train -o "$out/mlp_train.so"
"$bin/hnn-run" info "$out/mlp_train.so" | sed -n '/^training/,$p'

step "Train it on Fashion-MNIST (60000 images: 54000 to train, 6000 to validate)"
echo "\$ hnn-run train mlp_train.so --data $data --epochs 5 --batch 64 --test $data ..."
"$bin/hnn-run" train "$out/mlp_train.so" --data "$data" --epochs 5 --batch 64 --seed 1 \
  --test "$data" --checkpoint "$results/mlp.ckpt.safetensors" --log "$results/mlp_loss.csv" \
  --plot "$results/mlp_loss.svg" --export "$results/mlp_trained.safetensors" | tee "$out/train.log"
accuracy=$(sed -n 's/^test loss .* accuracy \([0-9.]*\)%.*/\1/p' "$out/train.log")
echo "loss curve: $build/demo/mlp_loss.svg (CSV: $build/demo/mlp_loss.csv)"
if ! awk -v a="${accuracy:-0}" 'BEGIN { exit !(a >= 85) }'; then
  echo "demo: test accuracy ${accuracy:-?}% is below 85%" >&2
  exit 1
fi
echo "test accuracy ${accuracy}% (>= 85%)"

step "The signature model: a Kolmogorov-Arnold network [784, 64, 10] (B-spline edges), trained the same way"
echo "\$ hnnc examples/models/kan_fashion_mnist.yaml --train -o kan_train.so"
"$bin/hnnc" "$root/examples/models/kan_fashion_mnist.yaml" --train -o "$out/kan_train.so"
"$bin/hnn-run" train "$out/kan_train.so" --data "$data" --epochs 5 --batch 64 --seed 1 \
  --test "$data" --plot "$results/kan_loss.svg" --export "$results/kan_trained.safetensors" \
  | tee "$out/kan.log"
kan_accuracy=$(sed -n 's/^test loss .* accuracy \([0-9.]*\)%.*/\1/p' "$out/kan.log")
if ! awk -v a="${kan_accuracy:-0}" 'BEGIN { exit !(a >= 85) }'; then
  echo "demo: KAN test accuracy ${kan_accuracy:-?}% is below 85%" >&2
  exit 1
fi
echo "KAN test accuracy ${kan_accuracy}% (>= 85%)"

step "The trained weights, baked into an inference-only build (hnnc --weights)"
"$bin/hnnc" "$root/examples/models/mlp_fashion_mnist.yaml" \
  --weights "$results/mlp_trained.safetensors" -o "$out/mlp_trained.so"
"$bin/hnn-run" bench "$out/mlp_trained.so" --batch 256 --iterations 20

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
