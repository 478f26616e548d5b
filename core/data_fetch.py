"""Getting full MNIST onto this computer: download it, or import a folder that holds it.

Downloads use torchvision's mirror list and MD5 sums; the transfer itself is
streamed here so that progress can be reported and a download cancelled.
Every file is checked before it is put in place, through a temp file and a
rename, so a failure never leaves a half-written data set behind.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

from core.data import MNIST_RESOURCES, DataError, check_idx_file, raw_folder, raw_name
from core.i18n import _

# md5 of the uncompressed files, for importing a folder that holds those.
MNIST_RAW_MD5 = {
    "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
}

ProgressCallback = Callable[[str, int, int], None]
"""``progress(file_name, bytes_done, bytes_total)``; total is 0 when unknown."""


class CancelledError(Exception):
    """The caller asked a download to stop."""


def _md5(path: Path) -> str:
    from torchvision.datasets.utils import calculate_md5

    return calculate_md5(str(path))


def _install(verified: dict[str, Path], data_dir: Path, compressed: bool) -> None:
    """Decompress (or copy) verified files into the raw folder, each via a temp file and rename."""
    folder = raw_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in verified.items():
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".part") as out:
            tmp = Path(out.name)
            try:
                opener = gzip.open if compressed else open
                with opener(source, "rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
            except (OSError, EOFError) as exc:
                out.close()
                tmp.unlink(missing_ok=True)
                raise DataError(
                    _("{name} could not be decompressed ({error}); it is damaged.").format(
                        name=source.name, error=exc
                    )
                ) from exc
        try:
            check_idx_file(tmp, name)
        except DataError:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, folder / name)


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
        raise DataError(
            _("{folder} is not a folder. Choose the folder that holds the MNIST files.").format(folder=source)
        )
    gz_files: dict[str, Path] = {}
    plain_files: dict[str, Path] = {}
    for gz_name, gz_md5 in resources:
        name = raw_name(gz_name)
        gz_path, plain_path = source / gz_name, source / name
        if gz_path.is_file():
            if _md5(gz_path) != gz_md5:
                raise DataError(
                    _(
                        "{name} in {folder} is damaged or not the MNIST file (MD5 differs). "
                        "Download it again."
                    ).format(name=gz_name, folder=source)
                )
            gz_files[name] = gz_path
        elif plain_path.is_file():
            check_idx_file(plain_path)
            expected = raw_md5.get(name)
            if expected and _md5(plain_path) != expected:
                raise DataError(
                    _(
                        "{name} in {folder} is not the MNIST file (MD5 differs). Use the original files."
                    ).format(name=name, folder=source)
                )
            plain_files[name] = plain_path
        else:
            raise DataError(
                _("{folder} has no {name} (nor {plain}). The folder needs all four MNIST files.").format(
                    folder=source, name=gz_name, plain=name
                )
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
                raise CancelledError
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
    corrupt download is removed; ``cancelled()`` returning True stops it
    (CancelledError).
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
                except CancelledError:
                    part.unlink(missing_ok=True)
                    raise
                except (urllib.error.URLError, OSError, ValueError) as exc:
                    part.unlink(missing_ok=True)
                    errors.append(f"{url}: {exc}")
                    continue
                if _md5(part) != gz_md5:
                    part.unlink(missing_ok=True)
                    errors.append(_("{url}: the file arrived damaged (MD5 differs)").format(url=url))
                    continue
                fetched[raw_name(gz_name)] = part.rename(staging / gz_name)
                break
            else:
                raise DataError(
                    _(
                        "Could not download {name}. Tried: {attempts}. "
                        "Check the connection or pass another --mirror, or import the files "
                        "from a folder with `python main.py data import FOLDER`."
                    ).format(name=gz_name, attempts="; ".join(errors))
                )
        _install(fetched, data_dir, compressed=True)
