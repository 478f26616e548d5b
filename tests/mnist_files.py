"""Tiny, learnable MNIST-format files written by the tests themselves."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import numpy as np

SHARED_RAW = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "MNIST" / "raw"
NAMES = {
    ("train", "images"): "train-images-idx3-ubyte",
    ("train", "labels"): "train-labels-idx1-ubyte",
    ("test", "images"): "t10k-images-idx3-ubyte",
    ("test", "labels"): "t10k-labels-idx1-ubyte",
}


def idx_bytes(array: np.ndarray) -> bytes:
    """Encode a uint8 array in the IDX format MNIST uses."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def digit_like(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Images whose label is written as a bright bar at a label-dependent row, plus noise."""
    rng = np.random.default_rng(seed)
    labels = (np.arange(count) % 10).astype(np.uint8)
    rng.shuffle(labels)
    images = rng.integers(0, 40, size=(count, 28, 28), dtype=np.uint8)
    for i, label in enumerate(labels):
        row = 3 + 2 * int(label)
        images[i, row : row + 2, 4:24] = 255
    return images, labels


def write_mnist_folder(
    folder: Path, train: int = 200, test: int = 50, compressed: bool = True
) -> dict[str, bytes]:
    """Write the four files into ``folder``; return their bytes as written, by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    splits = {"train": digit_like(train, 1), "test": digit_like(test, 2)}
    written = {}
    for (split, kind), name in NAMES.items():
        images, labels = splits[split]
        raw = idx_bytes(images if kind == "images" else labels)
        data, file_name = (gzip.compress(raw, mtime=0), name + ".gz") if compressed else (raw, name)
        (folder / file_name).write_bytes(data)
        written[file_name] = data
    return written


def resources_for(written: dict[str, bytes]) -> list[tuple[str, str]]:
    """Return (gz name, md5) pairs, in torchvision's resource order, for files written compressed."""
    order = [NAMES[key] + ".gz" for key in NAMES]
    return [(name, hashlib.md5(written[name]).hexdigest()) for name in order]


def raw_md5_for(written: dict[str, bytes]) -> dict[str, str]:
    """Return the md5 of each uncompressed file written, by file name."""
    return {name: hashlib.md5(data).hexdigest() for name, data in written.items()}
