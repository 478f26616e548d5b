"""MNIST on disk and in memory: the bundled sample, the full set, and how to get it.

The full set lives where ``torchvision.datasets.MNIST`` expects it
(``<data dir>/MNIST/raw``), so torchvision does the parsing. Downloads use
torchvision's mirror list and MD5 sums; the transfer itself is streamed here so
that progress can be reported and a download cancelled.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
SAMPLE_PATH = ASSETS_DIR / "mnist_sample.npz"
DATA_ENV_VAR = "PYTORCH_BASICS_DATA"

# (file name, md5 of the .gz) exactly as torchvision.datasets.MNIST.resources
# lists them; repeated here so that `data info` needs no torchvision import.
MNIST_RESOURCES: tuple[tuple[str, str], ...] = (
    ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
    ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
    ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
    ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
)
# md5 of the uncompressed files, for importing a folder that holds those.
MNIST_RAW_MD5 = {
    "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
}

ProgressCallback = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)``; total is 0 when unknown."""


class DataError(Exception):
    """A data set is missing, damaged or cannot be fetched; the message says what to do."""


class Cancelled(Exception):
    """The caller asked a download or import to stop."""


@dataclass(frozen=True)
class MnistSplit:
    """One split as a single uint8 tensor ``(N, 28, 28)`` and int64 labels ``(N,)``."""

    images: torch.Tensor
    labels: torch.Tensor

    def __len__(self) -> int:
        return int(self.labels.shape[0])


@dataclass(frozen=True)
class MnistData:
    """The training and test splits, with a name that says which set this is."""

    name: str  # "sample" or "full"
    train: MnistSplit
    test: MnistSplit

    @property
    def description(self) -> str:
        """Say which set is in use, for the status bar and the CLI."""
        kind = "bundled MNIST sample" if self.name == "sample" else "full MNIST"
        return f"{kind} ({len(self.train):,} train / {len(self.test):,} test)"


def default_data_dir() -> Path:
    """Return the per-user data folder, or the one named by PYTORCH_BASICS_DATA."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("pytorch-basics", appauthor=False))


def raw_folder(data_dir: Path) -> Path:
    """Return where torchvision's MNIST keeps its files under ``data_dir``."""
    return Path(data_dir) / "MNIST" / "raw"


def _raw_name(gz_name: str) -> str:
    return gz_name.removesuffix(".gz")


def check_idx_file(path: Path) -> None:
    """Raise DataError unless ``path`` is a complete IDX file (header matches its size)."""
    name = path.name
    if not path.is_file():
        raise DataError(f"{name} is missing from {path.parent}.")
    size = path.stat().st_size
    with path.open("rb") as f:
        header = f.read(4)
        if len(header) < 4 or header[0] != 0 or header[1] != 0 or header[2] != 0x08:
            raise DataError(
                f"{name} is not an MNIST file (its header is wrong). "
                "Delete it and download or import MNIST again."
            )
        dims_count = header[3]
        dims_bytes = f.read(4 * dims_count)
    if len(dims_bytes) < 4 * dims_count:
        raise DataError(f"{name} is truncated. Delete it and download or import MNIST again.")
    dims = [int.from_bytes(dims_bytes[4 * i : 4 * i + 4], "big") for i in range(dims_count)]
    expected = 4 + 4 * dims_count + int(np.prod(dims, dtype=np.int64))
    if size != expected:
        problem = "truncated" if size < expected else "longer than its header says"
        raise DataError(
            f"{name} is {problem} ({size:,} of {expected:,} bytes). "
            "Delete it and download or import MNIST again."
        )


def full_available(data_dir: Path) -> bool:
    """Tell whether the four uncompressed files are in place (not whether they are sound)."""
    folder = raw_folder(data_dir)
    return all((folder / _raw_name(name)).is_file() for name, _ in MNIST_RESOURCES)


def load_full(data_dir: Path) -> MnistData:
    """Load the full set through torchvision, after checking every file is complete."""
    folder = raw_folder(data_dir)
    if not full_available(data_dir):
        raise DataError(
            f"Full MNIST is not in {folder}. Run `python main.py data download`, "
            "or `python main.py data import FOLDER` with the four MNIST files."
        )
    for name, _ in MNIST_RESOURCES:
        check_idx_file(folder / _raw_name(name))
    from torchvision.datasets import MNIST

    try:
        train = MNIST(str(data_dir), train=True, download=False)
        test = MNIST(str(data_dir), train=False, download=False)
    except (RuntimeError, ValueError, TypeError, AssertionError) as exc:
        raise DataError(f"MNIST in {folder} could not be read ({exc}). Import it again.") from exc
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
            f"The bundled MNIST sample {path} is missing or damaged ({exc}). "
            "Reinstall the app, or rebuild it with `python scripts/make_sample.py`."
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
    raise DataError(f"Unknown data set {which!r}: use 'sample', 'full' or 'auto'.")


def _md5(path: Path) -> str:
    from torchvision.datasets.utils import calculate_md5

    return calculate_md5(str(path))


def _install(verified: dict[str, Path], data_dir: Path, compressed: bool) -> None:
    """Decompress (or copy) verified files into the raw folder, each via a temp file and rename."""
    folder = raw_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for raw_name, source in verified.items():
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as out:
            tmp = Path(out.name)
            try:
                opener = gzip.open if compressed else open
                with opener(source, "rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
            except (OSError, EOFError) as exc:
                out.close()
                tmp.unlink(missing_ok=True)
                raise DataError(f"{source.name} could not be decompressed ({exc}); it is damaged.") from exc
        try:
            check_idx_file_named(tmp, raw_name)
        except DataError:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, folder / raw_name)


def check_idx_file_named(path: Path, name: str) -> None:
    """Check ``path`` like :func:`check_idx_file`, naming it ``name`` in messages."""
    try:
        check_idx_file(path)
    except DataError as exc:
        raise DataError(str(exc).replace(path.name, name, 1)) from None


def import_folder(
    source: Path,
    data_dir: Path,
    resources: Sequence[tuple[str, str]] = MNIST_RESOURCES,
    raw_md5: dict[str, str] | None = None,
) -> None:
    """Copy the four MNIST files from ``source`` (``.gz`` or uncompressed) into the data dir.

    Every file is checked before anything is written; the source folder is only read.
    """
    source = Path(source)
    raw_md5 = MNIST_RAW_MD5 if raw_md5 is None else raw_md5
    if not source.is_dir():
        raise DataError(f"{source} is not a folder. Choose the folder that holds the MNIST files.")
    gz_files: dict[str, Path] = {}
    plain_files: dict[str, Path] = {}
    for gz_name, gz_md5 in resources:
        raw_name = _raw_name(gz_name)
        gz_path, plain_path = source / gz_name, source / raw_name
        if gz_path.is_file():
            if _md5(gz_path) != gz_md5:
                raise DataError(
                    f"{gz_name} in {source} is damaged or not the MNIST file (MD5 differs). "
                    "Download it again."
                )
            gz_files[raw_name] = gz_path
        elif plain_path.is_file():
            check_idx_file(plain_path)
            expected = raw_md5.get(raw_name)
            if expected and _md5(plain_path) != expected:
                raise DataError(
                    f"{raw_name} in {source} is not the MNIST file (MD5 differs). Use the original files."
                )
            plain_files[raw_name] = plain_path
        else:
            raise DataError(
                f"{source} has no {gz_name} (nor {raw_name}). The folder needs all four MNIST files."
            )
    _install(gz_files, data_dir, compressed=True)
    _install(plain_files, data_dir, compressed=False)


def _fetch(
    url: str,
    target: Path,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "pytorch/vision"})
    with urllib.request.urlopen(request, timeout=30) as response, target.open("wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        done = 0
        while chunk := response.read(1 << 16):
            if cancelled and cancelled():
                raise Cancelled
            out.write(chunk)
            done += len(chunk)
            if progress:
                progress(target.name.removesuffix(".part"), done, total)


def download(
    data_dir: Path,
    mirrors: Sequence[str] | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
    resources: Sequence[tuple[str, str]] = MNIST_RESOURCES,
) -> None:
    """Download the four files from the first mirror that serves each intact.

    ``mirrors`` defaults to ``torchvision.datasets.MNIST.mirrors``. A partial or
    corrupt download is removed; ``cancelled()`` returning True stops it.
    """
    if mirrors is None:
        from torchvision.datasets import MNIST

        mirrors = MNIST.mirrors
    folder = raw_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as staging_dir:
        staging = Path(staging_dir)
        fetched: dict[str, Path] = {}
        for gz_name, gz_md5 in resources:
            errors = []
            for mirror in mirrors:
                url = mirror.rstrip("/") + "/" + gz_name
                part = staging / (gz_name + ".part")
                try:
                    _fetch(url, part, progress, cancelled)
                except Cancelled:
                    part.unlink(missing_ok=True)
                    raise
                except (urllib.error.URLError, OSError, ValueError) as exc:
                    part.unlink(missing_ok=True)
                    errors.append(f"{url}: {exc}")
                    continue
                if _md5(part) != gz_md5:
                    part.unlink(missing_ok=True)
                    errors.append(f"{url}: the file arrived damaged (MD5 differs)")
                    continue
                fetched[_raw_name(gz_name)] = part.rename(staging / gz_name)
                break
            else:
                raise DataError(
                    f"Could not download {gz_name}. Tried: " + "; ".join(errors) + ". "
                    "Check the connection or pass another --mirror, or import the files "
                    "from a folder with `python main.py data import FOLDER`."
                )
        _install(fetched, data_dir, compressed=True)
