"""How the kernel process is confined: its command, environment and OS limits, and an audit hook.

Parent side: :func:`kernel_command` and :func:`kernel_environment` start
Python isolated (``-I``: no PYTHON* variables, no user site-packages, no
current directory on the path; ``-B``: no bytecode files written) with a
minimal environment, in a fresh, empty working directory; its home and
temporary folder are a second fresh folder beside it (torch keeps caches
there). Both are deleted when the kernel ends.

Child side: from the start, the kernel dies with the app
(``PR_SET_PDEATHSIG`` on Linux; elsewhere a thread that looks for the app
once a second) and writes no core dump; once warmed up, before any
typed code runs, no file may grow (``RLIMIT_FSIZE`` 0) and its memory is
capped. The cap is ``RLIMIT_DATA``, not
``RLIMIT_AS``: an address-space cap counts every library mapping (torch's
CUDA build maps 3.2 GB of address space at import, 0.8 GB of it data: with
``RLIMIT_AS`` at 3 GB, ``import torch`` itself fails) and the address space
a CUDA context reserves (about twice the GPU's memory), so it would either
break ``torch.cuda`` or cap nothing. ``RLIMIT_DATA`` counts
only private writable memory, which is where tensors, arrays and strings
live, and a refused allocation is an ordinary ``MemoryError`` or
``RuntimeError`` that the session explains; the kernel survives. The kernel
creates no CUDA context until the learner's code asks for one.

The audit hook (PEP 578) refuses, from then on, what typed code should never
do: write files, start processes, open sockets, load native libraries from
arbitrary paths, send signals, change limits. It is a second line behind the
sandbox's checks; code that gained native execution could bypass it, which
is why the app never trusts what the kernel sends back (``codec``).
"""

from __future__ import annotations

import os
import signal
import site
import sys
import tempfile
import threading
import time
from pathlib import Path

from core.i18n import _

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = (
    "import os, sys; sys.path[:0] = sys.argv[1].split(os.pathsep); from core.kernel.child import main; main()"
)
# Variables the kernel keeps from the app's environment: which GPU to use and how many CPU threads
# (CUDA and OpenMP read them), and SYSTEMROOT, without which Python on Windows cannot start.
PASSED_VARIABLES = (
    "CUDA_VISIBLE_DEVICES",
    "CUDA_DEVICE_ORDER",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "SYSTEMROOT",
)
BLOCKED_EVENTS = frozenset(
    {
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "os.kill",
        "os.killpg",
        "signal.pthread_kill",
        "subprocess.Popen",
        "pty.spawn",
        "socket.__new__",
        "socket.connect",
        "socket.bind",
        "os.remove",
        "os.rename",
        "os.rmdir",
        "os.mkdir",
        "os.symlink",
        "os.link",
        "os.chmod",
        "os.chown",
        "os.truncate",
        "os.utime",
        "os.chdir",
        "os.putenv",
        "os.unsetenv",
        "shutil.rmtree",
        "shutil.copyfile",
        "shutil.move",
        "resource.setrlimit",
        "resource.prlimit",
        "webbrowser.open",
        "sqlite3.connect",
    }
)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
PR_SET_PDEATHSIG = 1
APP_CHECK_S = 1.0


def kernel_command(python: str, memory_budget: int | None) -> list[str]:
    """Return the command line that starts a kernel with ``python`` (``memory_budget`` in bytes).

    The kernel finds the project where the app found it, and torch in the
    user's site-packages if the app took it from there (``-I`` leaves it out).
    """
    path = [str(PROJECT_ROOT)]
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    if user_site and user_site in sys.path:
        path.append(user_site)
    budget = str(memory_budget or 0)
    return [python, "-I", "-B", "-c", BOOTSTRAP, os.pathsep.join(path), str(os.getpid()), budget]


def kernel_folders(root: str) -> tuple[str, str]:
    """Make and return the kernel's working directory and its home (for torch's caches) in ``root``."""
    workdir, home = os.path.join(root, "work"), os.path.join(root, "home")
    os.mkdir(workdir)
    os.mkdir(home)
    return workdir, home


def kernel_environment(home: str) -> dict[str, str]:
    """Return the kernel's environment: nothing of the app's but :data:`PASSED_VARIABLES`."""
    environment = {"HOME": home, "TMPDIR": home, "TEMP": home, "TMP": home, "PATH": os.defpath}
    environment.update({name: os.environ[name] for name in PASSED_VARIABLES if name in os.environ})
    return environment


# ----- in the kernel ----------------------------------------------------------------------------
def limit_early(app_pid: int) -> None:
    """Apply the limits that hold from the start: die with the app, write no core file."""
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != app_pid:  # the app ended before the line above took effect
            os._exit(1)
    else:
        threading.Thread(target=_exit_with_the_app, args=(app_pid,), daemon=True).start()
    try:
        import resource
    except ImportError:  # Windows: no resource limits (see the README)
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _exit_with_the_app(app_pid: int) -> None:
    """Where there is no PR_SET_PDEATHSIG: look once a second whether the app is still there."""
    import psutil

    while psutil.pid_exists(app_pid):
        time.sleep(APP_CHECK_S)
    os._exit(1)


def lock_down(memory_budget: int | None) -> int | None:
    """After the warm-up: no file may grow, memory is capped, the audit hook is on; return the cap."""
    tempfile.gettempdir()  # torch asks for it lazily; finding it writes a probe file, so do it now
    try:
        import resource
    except ImportError:  # Windows: no resource limits (see the README)
        resource = None
    if resource is not None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    cap = cap_memory(memory_budget) if memory_budget else None
    install_audit_hook()
    return cap


def cap_memory(budget: int) -> int | None:
    """Let this process allocate ``budget`` more bytes than it holds now; return the cap, or None.

    Linux only: elsewhere ``RLIMIT_DATA`` is missing or does not count
    ``mmap``, and the app's watchdog on the kernel's resident memory is the limit.
    """
    if not sys.platform.startswith("linux"):
        return None
    import resource

    cap = data_size() + budget
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    return cap


def data_size() -> int:
    """Return the bytes of private writable memory this process maps (Linux's VmData)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmData:"):
            return int(line.split()[1]) * 1024
    raise OSError("VmData is missing from /proc/self/status")


def install_audit_hook() -> None:
    """Refuse, from now on, file writes, processes, sockets, signals and foreign native libraries."""
    trusted = tuple(str(Path(p).resolve()) for p in {sys.prefix, sys.base_prefix, sys.exec_prefix})

    def hook(event: str, args: tuple) -> None:
        if event in BLOCKED_EVENTS:
            raise PermissionError(_("{event} is not available to typed code").format(event=event))
        if event == "open" and _opens_for_writing(args):
            raise PermissionError(_("Typed code cannot write files"))
        if event == "ctypes.dlopen" and not _trusted_library(args[0], trusted):
            raise PermissionError(_("Typed code cannot load native libraries"))

    sys.addaudithook(hook)


def _opens_for_writing(args: tuple) -> bool:
    _path, mode, flags = (*args, None, None)[:3]
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def _trusted_library(name: object, trusted: tuple[str, ...]) -> bool:
    if name is None:
        return True  # the process itself (ctypes.CDLL(None))
    text = os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name)
    if os.sep not in text and "/" not in text:
        return True  # a bare name is found only in the system's library folders
    return str(Path(text).resolve()).startswith(trusted)
