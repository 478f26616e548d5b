#!/usr/bin/env bash
# Train the bundled LeNet (assets/models/lenet.pt) on full MNIST with the project's own CLI.
# Usage: scripts/make_pretrained.sh [MNIST folder, default ../shared/data/MNIST/raw]
set -euo pipefail
cd "$(dirname "$0")/.."
source="${1:-../shared/data/MNIST/raw}"
data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT
.venv/bin/python main.py data import "$source" --data-dir "$data_dir"
.venv/bin/python main.py train --model lenet --data full --data-dir "$data_dir" \
  --optimizer sgd --lr 0.01 --momentum 0.9 --batch-size 64 --epochs 15 --augment --seed 1 \
  --save assets/models/lenet.pt
