"""Real file-system faults for the tests: a folder nobody may write to, a disk that fills up."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make ``folder`` refuse new files for the block (see :func:`make_read_only`)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_read_only(folder)
    try:
        yield folder
    finally:
        make_writable(folder)


def make_read_only(folder: Path) -> None:
    """Make ``folder`` refuse new files, even to root (then through the immutable flag); else skip."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], check=False).returncode != 0:
        pytest.skip("running as root, and this file system has no immutable flag to refuse root")


def make_writable(folder: Path) -> None:
    """Undo :func:`make_read_only`."""
    if os.geteuid() != 0:
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def file_size_limit(limit: int):
    """Return a ``preexec_fn`` that lets the child write no file beyond ``limit`` bytes: a full disk.

    Python ignores SIGXFSZ, so a write past the limit fails with EFBIG as a write to a full
    disk fails with ENOSPC.
    """

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def files_under(folder: Path) -> list[str]:
    """Every file (not folder) under ``folder``, relative to it, sorted."""
    if not folder.exists():
        return []
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())
