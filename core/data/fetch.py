"""Getting full MNIST onto this computer: download it, or import a folder that holds it.

Downloads use torchvision's mirror list and MD5 sums (a mirror the user names
is tried first); the transfer itself is streamed by :mod:`core.data.http_fetch`, so
that progress can be reported, a Cancel works within a second and a server
cannot stall it or fill the disk. Every file is checked before it is used, and
all four are prepared in a staging folder beside their place and moved in only
once all are complete: a failure, a Cancel or a termination signal leaves
nothing behind, not even one file of the four.
"""

from __future__ import annotations

import contextlib
import gzip
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from core.base.file_errors import cause, describe_write_error, short_path
from core.base.i18n import _
from core.base.safe_files import (
    Cancelled,
    CancelledError,
    Progress,
    ReadError,
    copy_chunks,
    create_new_file,
    md5_of,
    raise_if_cancelled,
    staging_folder,
)
from core.data.http_fetch import DownloadError, NetworkLimits, fetch
from core.data.mnist import MNIST_RESOURCES, DataError, check_idx_file, raw_folder, raw_name

__all__ = ["CancelledError", "NetworkLimits", "download", "import_folder", "mirrors_to_try"]

# md5 of the uncompressed files, for importing a folder that holds those.
MNIST_RAW_MD5 = {
    "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
    "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
    "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
    "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
}
# The sizes of the real files: anything larger is not MNIST, and is refused before it is read.
MNIST_BYTES = {
    "train-images-idx3-ubyte.gz": 9_912_422,
    "train-labels-idx1-ubyte.gz": 28_881,
    "t10k-images-idx3-ubyte.gz": 1_648_877,
    "t10k-labels-idx1-ubyte.gz": 4_542,
    "train-images-idx3-ubyte": 47_040_016,
    "train-labels-idx1-ubyte": 60_008,
    "t10k-images-idx3-ubyte": 7_840_016,
    "t10k-labels-idx1-ubyte": 10_008,
}
SIZE_MARGIN_BYTES = 1 << 20
UNKNOWN_FILE_BYTES = 64 << 20  # the cap for a file not in the table above


def size_cap(name: str) -> int:
    """Return the most bytes the file ``name`` may have: its real size and a margin."""
    return MNIST_BYTES.get(name, UNKNOWN_FILE_BYTES) + SIZE_MARGIN_BYTES


def mirrors_to_try(first: Sequence[str] = ()) -> list[str]:
    """Return ``first`` (the user's mirrors), then torchvision's own."""
    from torchvision.datasets import MNIST

    return [*first, *(m for m in MNIST.mirrors if m not in first)]


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """Create ``folder`` and a staging folder in it; an OSError either meets becomes a DataError.

    (Errors inside the block are the block's to describe: they arrive as DataError.)
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with staging_folder(folder) as staging:
            yield staging
    except OSError as exc:
        raise DataError(describe_write_error(exc, folder)) from exc


def _read_failed(path: Path, exc: OSError) -> DataError:
    return DataError(
        _("Could not read {path}: {cause}.").format(path=short_path(path), cause=cause(exc, path))
    )


def _stage(
    name: str,
    source: Path,
    compressed: bool,
    staging: Path,
    destination: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> Path:
    """Decompress (or copy) ``source`` into ``staging/name`` and check it; return the staged file."""
    target = staging / name
    try:
        raw = source.open("rb")
        size = os.fstat(raw.fileno()).st_size
    except OSError as exc:
        raise _read_failed(source, exc) from exc
    opened = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else contextlib.nullcontext(raw)
    with raw, opened as reader:

        def report(_done: int) -> None:
            if progress is not None:
                progress(name, raw.tell(), size)

        try:
            with create_new_file(target) as out:
                copy_chunks(reader.read, out, cancelled, report)
        except ReadError as exc:
            raise DataError(
                _("{name} could not be decompressed ({error}); it is damaged.").format(
                    name=source.name, error=exc
                )
            ) from exc
        except OSError as exc:  # writing: the destination is at fault, never the source
            raise DataError(describe_write_error(exc, destination / name)) from exc
    check_idx_file(target, name)
    return target


def _install(
    files: dict[str, tuple[Path, bool]],
    folder: Path,
    staging: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    """Stage every file (``name: (source, compressed)``), then move all of them into ``folder``."""
    staged = {
        name: _stage(name, source, compressed, staging, folder, progress, cancelled)
        for name, (source, compressed) in files.items()
    }
    raise_if_cancelled(cancelled)
    for name, path in staged.items():
        try:
            os.replace(path, folder / name)
        except OSError as exc:
            raise DataError(describe_write_error(exc, folder / name)) from exc


def _checked_source(
    path: Path,
    expected_md5: str | None,
    message: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    """Refuse ``path`` (DataError with ``message``) if its size or MD5 is not the real file's."""
    try:
        size = path.stat().st_size
        if size > size_cap(path.name):
            raise DataError(
                _(
                    "{name} in {folder} is {size:,} bytes, larger than the MNIST file it should be. "
                    "Use the original files."
                ).format(name=path.name, folder=path.parent, size=size)
            )
        if expected_md5:
            report = None if progress is None else (lambda done: progress(path.name, done, size))
            if md5_of(path, cancelled, report) != expected_md5:
                raise DataError(message)
    except OSError as exc:
        raise _read_failed(path, exc) from exc


def import_folder(
    source: Path,
    data_dir: Path,
    resources: Sequence[tuple[str, str]] = MNIST_RESOURCES,
    raw_md5: dict[str, str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    """Copy the four MNIST files from ``source`` (``.gz`` or uncompressed) into the data dir.

    Every file is checked (size, MD5) before anything is written; the source
    folder is only read. ``progress(name, done, total)`` follows the checks and
    the copies; ``cancelled()`` returning True stops it (CancelledError), as
    does any exception, with nothing left behind.
    """
    source = Path(source)
    raw_md5 = MNIST_RAW_MD5 if raw_md5 is None else raw_md5
    if not source.is_dir():
        raise DataError(
            _("{folder} is not a folder. Choose the folder that holds the MNIST files.").format(folder=source)
        )
    files: dict[str, tuple[Path, bool]] = {}
    for gz_name, gz_md5 in resources:
        raise_if_cancelled(cancelled)
        name = raw_name(gz_name)
        gz_path, plain_path = source / gz_name, source / name
        if gz_path.is_file():
            damaged = _(
                "{name} in {folder} is damaged or not the MNIST file (MD5 differs). Download it again."
            ).format(name=gz_name, folder=source)
            _checked_source(gz_path, gz_md5, damaged, progress, cancelled)
            files[name] = (gz_path, True)
        elif plain_path.is_file():
            other = _(
                "{name} in {folder} is not the MNIST file (MD5 differs). Use the original files."
            ).format(name=name, folder=source)
            _checked_source(plain_path, None, other, progress, cancelled)
            check_idx_file(plain_path)
            _checked_source(plain_path, raw_md5.get(name), other, progress, cancelled)
            files[name] = (plain_path, False)
        else:
            raise DataError(
                _("{folder} has no {name} (nor {plain}). The folder needs all four MNIST files.").format(
                    folder=source, name=gz_name, plain=name
                )
            )
    folder = raw_folder(data_dir)
    with _staging(folder) as staging:
        _install(files, folder, staging, progress, cancelled)


def _download_one(
    gz_name: str,
    gz_md5: str,
    mirrors: Sequence[str],
    staging: Path,
    progress: Progress | None,
    cancelled: Cancelled | None,
    limits: NetworkLimits,
) -> Path:
    """Fetch ``gz_name`` from the first mirror that serves it intact; return the staged file."""
    errors = []
    part = staging / gz_name
    for mirror in mirrors:
        url = mirror.rstrip("/") + "/" + gz_name
        report = None if progress is None else (lambda done, total: progress(gz_name, done, total))
        try:
            with create_new_file(part) as out:
                fetch(url, out, size_cap(gz_name), limits, cancelled, report)
            if md5_of(part, cancelled) == gz_md5:
                return part
            errors.append(_("{url}: the file arrived damaged (MD5 differs)").format(url=url))
        except DownloadError as exc:
            errors.append(f"{url}: {exc}")
        except OSError as exc:  # writing the staged file
            raise DataError(describe_write_error(exc, staging.parent / gz_name)) from exc
        part.unlink(missing_ok=True)
    raise DataError(
        _(
            "Could not download {name}. Tried: {attempts}. "
            "Check the connection or pass another --mirror, or import the files "
            "from a folder with `python main.py data import FOLDER`."
        ).format(name=gz_name, attempts="; ".join(errors))
    )


def download(
    data_dir: Path,
    mirrors: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    resources: Sequence[tuple[str, str]] = MNIST_RESOURCES,
    limits: NetworkLimits = NetworkLimits(),  # noqa: B008 - frozen, so one shared default is safe
) -> None:
    """Download the four files from the first mirror that serves each intact.

    ``mirrors`` defaults to ``torchvision.datasets.MNIST.mirrors`` (see
    :func:`mirrors_to_try`). A partial or corrupt download is removed;
    ``cancelled()`` returning True stops it (CancelledError) within
    ``limits.poll_s``.
    """
    mirrors = mirrors_to_try() if mirrors is None else mirrors
    folder = raw_folder(data_dir)
    with _staging(folder) as staging:
        files = {
            raw_name(gz_name): (
                _download_one(gz_name, gz_md5, mirrors, staging, progress, cancelled, limits),
                True,
            )
            for gz_name, gz_md5 in resources
        }
        _install(files, folder, staging, progress, cancelled)
