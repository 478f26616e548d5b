"""What went wrong with a file, in one line a learner can act on.

The operating system's own words ("[Errno 28] No space left on device") name
neither the path in a readable form nor what to do; these messages name both.
A path too long to read is shortened in the middle.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from core.base.i18n import _

SHOWN_PATH_CHARS = 160  # a path longer than this is shown with its middle left out
NO_ROOM = (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC))
NOT_ALLOWED = (errno.EACCES, errno.EPERM)


def short_path(path: str | os.PathLike[str]) -> str:
    """Return ``path`` as text, its middle replaced by an ellipsis when it is very long."""
    text = os.fspath(path)
    if len(text) <= SHOWN_PATH_CHARS:
        return text
    keep = (SHOWN_PATH_CHARS - 1) // 2
    return text[:keep] + "…" + text[-keep:]


def file_in_the_way(path: str | os.PathLike[str]) -> Path | None:
    """Return the first part of ``path`` that exists and is not a folder (a file where a folder must be)."""
    parts = Path(path).parents
    for folder in reversed(parts):
        try:
            if folder.exists() and not folder.is_dir():
                return folder
        except OSError:
            return None
    return None


def cause(  # noqa: PLR0911 - one sentence per case
    exc: OSError, path: str | os.PathLike[str] | None = None, writing: bool = False
) -> str:
    """Say in a few words why ``exc`` happened to ``path`` (default: the path the error names)."""
    path = path if path is not None else exc.filename
    code = exc.errno
    if code in NO_ROOM:
        return _("the disk is full (or the file is larger than this disk allows)")
    if code in NOT_ALLOWED:
        return _("permission denied: choose a folder you may write to")
    if code == errno.EROFS:
        return _("the disk is read-only")
    if code == errno.ENAMETOOLONG:
        return _("the path is too long (at most 255 characters per name)")
    if code == errno.ENOTDIR:
        blocker = file_in_the_way(path) if path is not None else None
        if blocker is not None:
            return _("{path} is a file, not a folder").format(path=short_path(blocker))
        return _("a part of the path is a file, not a folder")
    if code == errno.EISDIR:
        return _("it is a folder, not a file")
    if code == errno.ELOOP:
        return _("it is a symbolic link that leads back to itself (a link loop): choose the file itself")
    if code == errno.ENOENT:
        return _("its folder does not exist") if writing else _("it does not exist")
    return exc.strerror or type(exc).__name__


def describe_write_error(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """Return ``Could not write PATH: CAUSE.`` for an error met while writing ``path``."""
    path = path if path is not None else exc.filename
    return _("Could not write {path}: {cause}.").format(
        path=short_path(path or "?"), cause=cause(exc, path, writing=True)
    )


def describe_os_error(exc: OSError) -> str:
    """Return ``PATH: CAUSE.`` for an error of unknown direction (reading or writing)."""
    if exc.filename is None:
        return _("{cause}.").format(cause=cause(exc))
    return _("{path}: {cause}.").format(path=short_path(exc.filename), cause=cause(exc))
