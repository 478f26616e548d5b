"""MNIST in memory: the bundled sample or the full set, loaded and checked.

The full set lives where ``torchvision.datasets.MNIST`` expects it
(``<data dir>/MNIST/raw``), so torchvision does the parsing. Getting it there
(download or import) is :mod:`core.data.fetch`'s job.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from core.base.i18n import _
from core.base.paths import ASSETS_DIR, default_data_dir

SAMPLE_PATH = ASSETS_DIR / "mnist_sample.npz"

# (file name, md5 of the .gz) exactly as torchvision.datasets.MNIST.resources
# lists them; repeated here so that `data info` needs no torchvision import.
MNIST_RESOURCES: tuple[tuple[str, str], ...] = (
    ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
    ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
    ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
)
# An IDX file starts with two zero bytes, a type byte (0x08: unsigned bytes) and the number of dimensions.
IDX_HEADER_BYTES = 4
IDX_UNSIGNED_BYTE = 0x08
IDX_DIM_BYTES = 4  # each dimension's size, big-endian
_INPUTS_LOCK = threading.Lock()  # one thread makes a split's network inputs; another waits and shares them


class DataError(Exception):
    """A data set is missing, damaged or cannot be fetched; the message says what to do."""


def to_unit_float(images: torch.Tensor) -> torch.Tensor:
    """Turn uint8 images ``(N, 28, 28)`` into the lesson's ``(N, 1, 28, 28)`` floats in [0, 1].

    Convert, then scale in place: twice as fast as one mixed-dtype multiply.
    """
    return images.unsqueeze(1).to(torch.float32).mul_(1 / 255)


@dataclass(frozen=True)
class MnistSplit:
    """One split as a single uint8 tensor ``(N, 28, 28)`` and int64 labels ``(N,)``."""

    images: torch.Tensor
    labels: torch.Tensor
    # What network_inputs made, by device: made once, kept as long as the split.
    _inputs: dict[str, tuple[torch.Tensor, torch.Tensor]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    def network_inputs(self, device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the images as the networks read them (:func:`to_unit_float`) and the labels, on ``device``.

        Made for the whole split at the first call and kept: converting and scaling
        each batch as it was drawn cost the MLP about 5% of its speed at batch 32.
        Floats take four times the bytes (188 MB for full MNIST's training images).
        """
        key = str(device)
        with _INPUTS_LOCK:
            if key not in self._inputs:
                self._inputs[key] = (to_unit_float(self.images.to(device)), self.labels.to(device))
            return self._inputs[key]


@dataclass(frozen=True)
class MnistData:
    """The training and test splits, with a name that says which set this is."""

    name: str  # "sample" or "full"
    train: MnistSplit
    test: MnistSplit

    @property
    def description(self) -> str:
        """Say which set is in use, for the status bar and the CLI."""
        return describe_data(self.name, len(self.train), len(self.test))


def describe_data(name: str, train_size: int, test_size: int) -> str:
    """Name a data set (``sample`` or ``full``) with its sizes, in the current language."""
    if name == "sample":
        text = _("bundled MNIST sample ({train:,} train / {test:,} test)")
    else:
        text = _("full MNIST ({train:,} train / {test:,} test)")
    return text.format(train=train_size, test=test_size)


def raw_folder(data_dir: Path) -> Path:
    """Return where torchvision's MNIST keeps its files under ``data_dir``."""
    return Path(data_dir) / "MNIST" / "raw"


def raw_name(gz_name: str) -> str:
    """Return the name of an MNIST file once uncompressed."""
    return gz_name.removesuffix(".gz")


def check_idx_file(path: Path, name: str | None = None) -> None:
    """Raise DataError unless ``path`` is a complete IDX file (header matches its size).

    Messages call the file ``name`` (default: its own name).
    """
    name = name or path.name
    if not path.is_file():
        raise DataError(_("{name} is missing from {folder}.").format(name=name, folder=path.parent))
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(IDX_HEADER_BYTES)
        if len(header) < IDX_HEADER_BYTES or header[:3] != bytes([0, 0, IDX_UNSIGNED_BYTE]):
            raise DataError(
                _(
                    "{name} is not an MNIST file (its header is wrong). "
                    "Delete it and download or import MNIST again."
                ).format(name=name)
            )
        dims_count = header[3]
        dims_bytes = f.read(IDX_DIM_BYTES * dims_count)
    if len(dims_bytes) < IDX_DIM_BYTES * dims_count:
        raise DataError(
            _("{name} is truncated. Delete it and download or import MNIST again.").format(name=name)
        )
    dims = [
        int.from_bytes(dims_bytes[IDX_DIM_BYTES * i : IDX_DIM_BYTES * (i + 1)], "big")
        for i in range(dims_count)
    ]
    expected = IDX_HEADER_BYTES + IDX_DIM_BYTES * dims_count + int(np.prod(dims, dtype=np.int64))
    if size != expected:
        if size < expected:
            text = _(
                "{name} is truncated ({size:,} of {expected:,} bytes). "
                "Delete it and download or import MNIST again."
            )
        else:
            text = _(
                "{name} is longer than its header says ({size:,} of {expected:,} bytes). "
                "Delete it and download or import MNIST again."
            )
        raise DataError(text.format(name=name, size=size, expected=expected))


def full_available(data_dir: Path) -> bool:
    """Tell whether the four uncompressed files are in place (not whether they are sound)."""
    folder = raw_folder(data_dir)
    return all((folder / raw_name(name)).is_file() for name, _md5 in MNIST_RESOURCES)


def load_full(data_dir: Path) -> MnistData:
    """Load the full set through torchvision, after checking every file is complete."""
    folder = raw_folder(data_dir)
    if not full_available(data_dir):
        raise DataError(
            _(
                "Full MNIST is not in {folder}. Run `python main.py data download`, "
                "or `python main.py data import FOLDER` with the four MNIST files."
            ).format(folder=folder)
        )
    for name, _md5 in MNIST_RESOURCES:
        check_idx_file(folder / raw_name(name))
    from torchvision.datasets import MNIST

    try:
        train = MNIST(str(data_dir), train=True, download=False)
        test = MNIST(str(data_dir), train=False, download=False)
    except (RuntimeError, ValueError, TypeError, AssertionError) as exc:
        raise DataError(
            _("MNIST in {folder} could not be read ({error}). Import it again.").format(
                folder=folder, error=exc
            )
        ) from exc
    return MnistData(
        "full",
        MnistSplit(train.data, train.targets),
        MnistSplit(test.data, test.targets),
    )


def load_sample(path: Path = SAMPLE_PATH) -> MnistData:
    """Load the small real-MNIST sample bundled in ``assets/``."""
    try:
        with np.load(path) as arrays:
            parts = {key: torch.from_numpy(arrays[key].copy()) for key in arrays.files}
        train = MnistSplit(parts["train_images"], parts["train_labels"].long())
        test = MnistSplit(parts["test_images"], parts["test_labels"].long())
    except (OSError, KeyError, ValueError) as exc:
        raise DataError(
            _(
                "The bundled MNIST sample {path} is missing or damaged ({error}). "
                "Reinstall the app, or rebuild it with `python scripts/make_sample.py`."
            ).format(path=path, error=exc)
        ) from exc
    return MnistData("sample", train, test)


def load_data(which: str, data_dir: Path | None = None) -> MnistData:
    """Load ``"sample"``, ``"full"``, or ``"auto"`` (full when present, else the sample)."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    if which == "auto":
        which = "full" if full_available(data_dir) else "sample"
    if which == "sample":
        return load_sample()
    if which == "full":
        return load_full(data_dir)
    raise DataError(_("Unknown data set {name!r}: use 'sample', 'full' or 'auto'.").format(name=which))


def load_test_split(data_dir: Path) -> MnistSplit:
    """Load the test digits of the set in use (full MNIST when present, else the sample)."""
    return load_data("auto", data_dir).test
