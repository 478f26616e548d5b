"""Build ``assets/mnist_sample.npz``: a stratified, seeded sample of real MNIST.

    python scripts/make_sample.py [--source ../shared/data] [--train 10000] [--test 2000]

The source is a data folder holding ``MNIST/raw`` (as torchvision lays it out),
or a folder with the four files, which is imported first into a temporary one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.data import mnist
from core.data.fetch import import_folder


def stratified(split: mnist.MnistSplit, count: int, generator: torch.Generator) -> mnist.MnistSplit:
    """Take ``count // 10`` images of each digit, in a shuffled order."""
    per_class = count // 10
    picks = []
    for digit in range(10):
        where = torch.nonzero(split.labels == digit).flatten()
        picks.append(where[torch.randperm(len(where), generator=generator)[:per_class]])
    order = torch.cat(picks)
    order = order[torch.randperm(len(order), generator=generator)]
    return mnist.MnistSplit(split.images[order], split.labels[order])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="../shared/data")
    parser.add_argument("--train", type=int, default=10000)
    parser.add_argument("--test", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default=str(mnist.SAMPLE_PATH))
    args = parser.parse_args()
    source = Path(args.source)
    with tempfile.TemporaryDirectory() as tmp:
        if not mnist.full_available(source):
            import_folder(source / "MNIST" / "raw" if (source / "MNIST").is_dir() else source, Path(tmp))
            source = Path(tmp)
        full = mnist.load_full(source)
    generator = torch.Generator().manual_seed(args.seed)
    train = stratified(full.train, args.train, generator)
    test = stratified(full.test, args.test, generator)
    np.savez_compressed(
        args.out,
        train_images=train.images.numpy(),
        train_labels=train.labels.numpy().astype(np.uint8),
        test_images=test.images.numpy(),
        test_labels=test.labels.numpy().astype(np.uint8),
    )
    print(f"Wrote {args.out}: {len(train)} train and {len(test)} test images")


if __name__ == "__main__":
    main()
