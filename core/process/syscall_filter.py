"""seccomp (Linux): the system calls the kernel may not make, whatever code asks, Python or native.

A filter through libseccomp (the ``pyseccomp`` package) that allows every
system call but these, which fail with ``EPERM``:

- starting programs or processes: ``execve``, ``execveat``, ``fork``,
  ``vfork``, ``clone`` without ``CLONE_THREAD`` (threads stay possible;
  ``clone3``, whose flags a filter cannot read, says ``ENOSYS``, so the C
  library falls back to ``clone``);
- sockets of any kind (``socket``, ``socketpair``);
- tracing or reading other processes (``ptrace``, ``process_vm_*``,
  ``pidfd_*``), and signals to any process but the kernel itself;
- raising its own limits (``setrlimit``, ``prlimit64`` that sets one);
- what no learner's code needs and escapes are made of: namespaces, mounts,
  ``bpf``, ``io_uring``, ``userfaultfd``, ``perf_event_open``, kernel keys
  and modules.

The filter is synchronised to every thread the process has (``TSYNC``), so it
can be loaded after the warm-up started torch's thread pool, and it needs
``no_new_privs``, which it sets. A system call of another architecture (the
32-bit ones) kills the process, libseccomp's default.
"""

from __future__ import annotations

import contextlib
import errno
import os

CLONE_THREAD = 0x00010000
DENIED = (
    "execve",
    "execveat",
    "fork",
    "vfork",
    "socket",
    "socketpair",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "pidfd_open",
    "pidfd_getfd",
    "pidfd_send_signal",
    "setrlimit",
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "bpf",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "userfaultfd",
    "perf_event_open",
    "keyctl",
    "add_key",
    "request_key",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "acct",
)


def available() -> str | None:
    """Return None if a filter can be loaded here, else why not (for the log)."""
    try:
        import pyseccomp  # noqa: F401 - it finds libseccomp as it is imported
    except (ImportError, RuntimeError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def load() -> None:
    """Load the filter into this process and all its threads; raises ``OSError`` if Linux refuses."""
    import pyseccomp as seccomp

    pid = os.getpid()
    refused = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)
    rules.set_attr(seccomp.Attr.CTL_NNP, 1)
    for name in DENIED:
        _add(rules, refused, name)
    _add(rules, seccomp.ERRNO(errno.ENOSYS), "clone3")
    _add(rules, refused, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, CLONE_THREAD, 0))
    _add(rules, refused, "prlimit64", seccomp.Arg(2, seccomp.NE, 0))  # setting a limit; reading one is fine
    _add(rules, refused, "kill", seccomp.Arg(0, seccomp.NE, pid))
    _add(rules, refused, "tgkill", seccomp.Arg(0, seccomp.NE, pid))
    _add(rules, refused, "rt_sigqueueinfo", seccomp.Arg(0, seccomp.NE, pid))
    _add(rules, refused, "rt_tgsigqueueinfo", seccomp.Arg(0, seccomp.NE, pid))
    rules.load()


def _add(rules, action: int, name: str, *args) -> None:
    with contextlib.suppress(ValueError, OSError):  # a call this architecture does not have
        rules.add_rule(action, name, *args)
