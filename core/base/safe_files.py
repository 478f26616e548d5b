"""Writing files so that a failure, a Cancel or a signal never leaves half a file behind.

Every file is written under a temporary name in its own folder and renamed
into place once complete; any exception on the way (KeyboardInterrupt and a
termination signal included, see :mod:`core.process.termination`) removes it.
Temporary files are created with the user's normal permissions (the umask
applies, as for any new file), and their names stay short whatever the
target's name.

Long copies and checksums read in chunks and ask ``cancelled()`` between
chunks, so that a Cancel takes effect within one chunk.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK_BYTES = 1 << 20  # read, hashed or written between two looks at cancelled(): milliseconds
TEMP_SUFFIX = ".part"
TEMP_NAME_KEEP = 64  # characters of the target's name kept in its temporary file's name
TEMP_NAME_MAX = 1 + TEMP_NAME_KEEP + 1 + 8 + len(TEMP_SUFFIX)
DEFAULT_NAME_MAX = 255
DEFAULT_PATH_MAX = 4096

Cancelled = Callable[[], bool]
Progress = Callable[[str, int, int], None]
"""``progress(name, bytes_done, bytes_total)``; total is 0 when unknown."""


class CancelledError(Exception):
    """The caller asked a job to stop."""


class ReadError(Exception):
    """Reading the source failed (damaged, truncated, unreadable); ``__cause__`` says how."""


def raise_if_cancelled(cancelled: Cancelled | None) -> None:
    """Raise CancelledError if ``cancelled()`` says so."""
    if cancelled is not None and cancelled():
        raise CancelledError


def temp_path_for(target: Path) -> Path:
    """Return a fresh temporary name beside ``target``: hidden, short, unique."""
    return target.parent / f".{target.name[:TEMP_NAME_KEEP]}.{secrets.token_hex(4)}{TEMP_SUFFIX}"


def create_new_file(path: Path) -> BinaryIO:
    """Create ``path`` (it must not exist) for writing, with the user's normal permissions."""
    # 0o666 and the umask give the file the permissions any new file of the user gets.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    return os.fdopen(fd, "wb")


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a file that becomes ``target`` when the block ends without an exception.

    The data is flushed to disk before the rename; on any exception the
    temporary file is removed and ``target`` is left as it was. An OSError on
    the way is raised again naming ``target`` (not the temporary file).
    """
    target = Path(target)
    temp = temp_path_for(target)
    try:
        with create_new_file(temp) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes_atomically(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename."""
    with atomic_write(target) as out:
        out.write(data)


@contextlib.contextmanager
def staging_folder(parent: Path) -> Iterator[Path]:
    """Yield a fresh hidden folder in ``parent``, removed with whatever is left in it when the block ends."""
    staging = parent / f".staging-{secrets.token_hex(4)}"
    staging.mkdir()
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def copy_chunks(
    read: Callable[[int], bytes],
    out: BinaryIO,
    cancelled: Cancelled | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Copy from ``read(n)`` to ``out`` chunk by chunk; return the bytes copied.

    A failure to read raises ReadError (the source is at fault), a failure to
    write the OSError itself (the destination is).
    """
    done = 0
    while True:
        raise_if_cancelled(cancelled)
        try:
            chunk = read(CHUNK_BYTES)
        except Exception as exc:  # gzip, zlib and the OS each raise their own kind
            raise ReadError(str(exc) or type(exc).__name__) from exc
        if not chunk:
            return done
        done += len(chunk)
        out.write(chunk)
        if progress is not None:
            progress(done)


def md5_of(
    path: Path, cancelled: Cancelled | None = None, progress: Callable[[int], None] | None = None
) -> str:
    """Return the hex MD5 of the file at ``path`` (as torchvision computes it), read chunk by chunk."""
    digest = hashlib.md5(usedforsecurity=False)
    done = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK_BYTES):
            raise_if_cancelled(cancelled)
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done)
    return digest.hexdigest()


def _limit(folder: Path, name: str, default: int) -> int:
    try:
        return os.pathconf(folder, name)
    except (AttributeError, ValueError, OSError):  # no pathconf (Windows), or the OS has no such limit
        return default


def check_can_write(target: str | os.PathLike[str]) -> None:
    """Raise the OSError that writing ``target`` through :func:`atomic_write` would meet, if any.

    Checked at once, before any long work: ``target`` is not a folder, no part
    of its path is a file, every name fits the file system, and the deepest
    folder that exists takes a new file. Folders still missing are not
    created (the writer creates them).
    """
    target = Path(os.path.abspath(target))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    existing = target.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target))
    name_max = _limit(existing, "PC_NAME_MAX", DEFAULT_NAME_MAX)
    missing = target.relative_to(existing).parts
    longest = max(len(os.fsencode(part)) for part in missing)
    path_bytes = len(os.fsencode(target.parent)) + 1 + max(len(os.fsencode(target.name)), TEMP_NAME_MAX)
    if longest > name_max or path_bytes >= _limit(existing, "PC_PATH_MAX", DEFAULT_PATH_MAX):
        raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(target))
    probe = temp_path_for(existing / "probe")
    try:
        create_new_file(probe).close()
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    probe.unlink(missing_ok=True)
