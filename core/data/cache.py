"""The data set a session trains on, loaded once and kept while its files are unchanged."""

from __future__ import annotations

import threading
from pathlib import Path

from core.data.mnist import (
    MNIST_RESOURCES,
    SAMPLE_PATH,
    MnistData,
    full_available,
    load_data,
    raw_folder,
    raw_name,
)

# A file's path, inode, size and modification time; or its path alone if it is missing.
FileStamp = tuple[str, int, int, int] | tuple[str]


def data_files(which: str, data_dir: Path) -> tuple[str, tuple[Path, ...]]:
    """Return the set ``which`` names (``auto`` resolved to ``sample`` or ``full``) and its files."""
    if which == "auto":
        which = "full" if full_available(data_dir) else "sample"
    if which == "full":
        folder = raw_folder(data_dir)
        return which, tuple(folder / raw_name(name) for name, _ in MNIST_RESOURCES)
    return which, (SAMPLE_PATH,)


def _stamp(path: Path) -> FileStamp:
    try:
        status = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), status.st_ino, status.st_size, status.st_mtime_ns)


class DataCache:
    """Hand out the same loaded data set for as long as its files stay the same.

    Loading the bundled sample takes a fraction of a second, full MNIST a few;
    both would come before a run's first curve point. The key is the set's name
    and each file's inode, size and modification time: an import or a download
    replaces the files (through a rename), and the next load reads them again.
    One set is kept at a time: full MNIST holds about 240 MB once normalised.
    Thread-safe: a caller that finds a load in progress waits for it and shares
    its result.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[object, ...] | None = None
        self._data: MnistData | None = None

    def load(self, which: str, data_dir: Path) -> MnistData:
        """Return the set ``which`` (``sample``, ``full`` or ``auto``) in ``data_dir``, or raise DataError."""
        name, files = data_files(which, Path(data_dir))
        key = (name, *(_stamp(path) for path in files))
        with self._lock:
            if key != self._key or self._data is None:
                self._key, self._data = None, None  # let the old set go before the new one is read
                self._data = load_data(name, data_dir)
                self._key = key
            return self._data

    def clear(self) -> None:
        """Forget the set kept (its memory goes once no run holds it)."""
        with self._lock:
            self._key, self._data = None, None
