"""Landlock (Linux 5.13 and newer): which files the kernel may touch, and no TCP, no signals out.

A few system calls (``landlock_create_ruleset``, ``landlock_add_rule``,
``landlock_restrict_self``) and ``no_new_privs``, through ctypes before the
audit hook closes it. Every access right the running Linux knows is handled;
then only what the rules name is allowed:

- reading (files, folders, running nothing) beneath the installed packages,
  Python's own folders, the project and the app's data;
- everything beneath the kernel's scratch folder;
- reading and writing the few devices a process needs (``/dev/null``, NVIDIA's).

From ABI 4 on, binding and connecting TCP sockets is denied; from ABI 6 on,
signals to processes outside the kernel and abstract Unix sockets are too.
The rules hold for native code as much as for Python: they are the OS's.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass

# x86_64 and aarch64 share these numbers (the generic syscall table).
SYS_CREATE_RULESET, SYS_ADD_RULE, SYS_RESTRICT_SELF = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
PR_SET_NO_NEW_PRIVS = 38

# Filesystem rights, by the ABI that brought them.
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_V1 = (1 << 13) - 1  # execute .. make_sym
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
READ = READ_FILE | READ_DIR | EXECUTE
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
# The ABI that brought each part.
ABI_REFER, ABI_TRUNCATE, ABI_NET, ABI_IOCTL, ABI_SCOPE = 2, 3, 4, 5, 6


class RulesetAttr(ctypes.Structure):
    """``struct landlock_ruleset_attr`` (ABI 6 layout; older kernels read its first fields)."""

    _fields_ = (("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64))


class PathBeneathAttr(ctypes.Structure):
    """``struct landlock_path_beneath_attr`` (packed)."""

    _pack_ = 1
    _fields_ = (("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32))


@dataclass(frozen=True)
class Applied:
    """What Landlock enforces here: its ABI (0: none) and the parts it could not."""

    abi: int
    missing: tuple[str, ...]


def abi_version() -> int:
    """Return the Landlock ABI this Linux offers, or 0 where it has none (or it is turned off)."""
    libc = ctypes.CDLL(None, use_errno=True)
    version = libc.syscall(SYS_CREATE_RULESET, None, ctypes.c_size_t(0), CREATE_RULESET_VERSION)
    return max(int(version), 0)


def handled_fs(abi: int) -> int:
    """Return every filesystem right that ABI ``abi`` knows."""
    rights = FS_V1
    if abi >= ABI_REFER:
        rights |= REFER
    if abi >= ABI_TRUNCATE:
        rights |= TRUNCATE
    if abi >= ABI_IOCTL:
        rights |= IOCTL_DEV
    return rights


def restrict(readable: list[str], writable: list[str], devices: list[str]) -> Applied:
    """Confine this process (and the threads it starts later) to the paths given; say what held.

    Paths that do not exist are left out. Raises ``OSError`` if Linux refuses
    a step after saying it has Landlock.
    """
    abi = abi_version()
    if abi == 0:
        return Applied(0, ("files", "network", "signals"))
    libc = ctypes.CDLL(None, use_errno=True)
    fs = handled_fs(abi)
    attr = RulesetAttr(
        fs=fs,
        net=(NET_BIND_TCP | NET_CONNECT_TCP) if abi >= ABI_NET else 0,
        scoped=(SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL) if abi >= ABI_SCOPE else 0,
    )
    size = ctypes.sizeof(RulesetAttr) if abi >= ABI_SCOPE else (16 if abi >= ABI_NET else 8)
    ruleset = libc.syscall(SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), 0)
    if ruleset < 0:
        raise _error("landlock_create_ruleset")
    try:
        device_rights = READ_FILE | WRITE_FILE | (IOCTL_DEV if abi >= ABI_IOCTL else 0)
        for paths, rights in ((readable, READ), (writable, fs), (devices, device_rights)):
            for path in paths:
                _allow(libc, ruleset, path, rights)
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise _error("prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(SYS_RESTRICT_SELF, ruleset, 0) != 0:
            raise _error("landlock_restrict_self")
    finally:
        os.close(ruleset)
    missing = [name for name, needed in (("network", ABI_NET), ("signals", ABI_SCOPE)) if abi < needed]
    return Applied(abi, tuple(missing))


def _allow(libc: ctypes.CDLL, ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # not on this machine: nothing to allow
    try:
        if not os.path.isdir(path):
            rights &= READ_FILE | WRITE_FILE | TRUNCATE | IOCTL_DEV | EXECUTE  # rights a file can have
        rule = PathBeneathAttr(allowed=rights, parent_fd=fd)
        if libc.syscall(SYS_ADD_RULE, ruleset, RULE_PATH_BENEATH, ctypes.byref(rule), 0) != 0:
            raise _error(f"landlock_add_rule({path})")
    finally:
        os.close(fd)


def _error(step: str) -> OSError:
    number = ctypes.get_errno()
    return OSError(number, f"{step}: {os.strerror(number)}")
