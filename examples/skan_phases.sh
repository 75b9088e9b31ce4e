#!/usr/bin/env bash
# S-KAN's three training phases on Fashion-MNIST, all with hnn's tools:
#   1. full training of every candidate basis and the mixing logits,
#   2. selective training: each unit keeps its 2 largest-logit candidates,
#   3. pruned training: each unit keeps 1 (a one-hot mask),
# then hnnc --kan-prune compiles the layer as its selected branches, and the
# pruned build's logits are checked against the unpruned one's.
#   bash examples/skan_phases.sh [build] [epochs per phase]
set -euo pipefail
build=${1:-build}
epochs=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/bin"
data=/usr/share/datasets/fashion-mnist
model="$root/examples/models/skan_fashion_mnist.yaml"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$bin/hnnc" "$model" --train -o "$out/skan.so"
train() { "$bin/hnn-run" train "$out/skan.so" --data "$data" --epochs "$epochs" --batch 64 --test "$data" "$@"; }

echo "== phase 1: every candidate"
train --export "$out/phase1.safetensors"
echo "== phase 2: the 2 best candidates per unit"
"$bin/hnn-run" skan-select "$out/phase1.safetensors" --keep 2 -o "$out/keep2.safetensors"
train --weights "$out/keep2.safetensors" --export "$out/phase2.safetensors"
echo "== phase 3: the best candidate per unit"
"$bin/hnn-run" skan-select "$out/phase2.safetensors" --keep 1 -o "$out/keep1.safetensors"
train --weights "$out/keep1.safetensors" --export "$out/phase3.safetensors"

echo "== pruning: the selected branches only"
"$bin/hnnc" "$model" --weights "$out/phase3.safetensors" -o "$out/full.so"
"$bin/hnnc" "$model" --weights "$out/phase3.safetensors" --kan-prune -o "$out/pruned.so"
"$bin/hnn-run" infer "$out/full.so" --weights "$out/phase3.safetensors" --input "$data/t10k-images-idx3-ubyte.gz" --limit 1000 -o "$out/full.npy"
"$bin/hnn-run" infer "$out/pruned.so" --weights "$out/phase3.safetensors" --input "$data/t10k-images-idx3-ubyte.gz" --limit 1000 \
  --expect "$out/full.npy" --rtol 1e-5 --atol 1e-5
echo "skan phases: ok"
