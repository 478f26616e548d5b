"""How the kernel process is confined: its command, environment and OS limits, and an audit hook.

Parent side: :func:`kernel_command` and :func:`kernel_environment` start
Python isolated (``-I``: no PYTHON* variables, no user site-packages, no
current directory on the path; ``-B``: no bytecode files written) with a
minimal environment, in a fresh, empty working directory; its home and
temporary folder are a second fresh folder beside it (torch keeps caches
there). Both are deleted when the kernel ends.

Child side, in this order (Linux; the README's security section says what
other systems get):

1. From the start: the kernel dies with the app (``PR_SET_PDEATHSIG``) and
   writes no core dump (:func:`limit_early`, shared with the training process).
2. Before torch is imported, while it has one thread: Landlock
   (:mod:`core.process.landlock`) lets it read only Python, the installed
   packages, the project and the app's data, change files only in its own
   scratch folder, and denies TCP and signals to other processes
   (:func:`confine_files`).
3. After the warm-up, before any typed code runs (:func:`lock_down`): no file
   larger than :data:`FILE_SIZE_LIMIT`; memory capped with ``RLIMIT_DATA``
   (not ``RLIMIT_AS``: torch's CUDA build maps 3.2 GB of address space at
   import and a CUDA context reserves about twice the GPU's memory, so an
   address-space cap would break ``torch.cuda`` or cap nothing; ``RLIMIT_DATA``
   counts private writable memory, where tensors, arrays and strings live, and
   a refused allocation is an ordinary ``MemoryError`` the session explains);
   the seccomp filter (:mod:`core.process.syscall_filter`: no programs,
   processes, sockets, tracing, signals out or raised limits, on every thread);
   then the audit hook (PEP 578), which refuses the same in the learner's words
   and closes ctypes, the way from Python to raw memory.

Typed code is plain Python, so it can reach the audit hook's own data and the
kernel's objects; what holds then is the OS's part, which native code cannot
undo either, and the app trusts nothing the kernel sends back (``codec``).
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

from core.base.i18n import N_, _
from core.base.paths import PROJECT_ROOT

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
# What the audit hook refuses, by what the learner is told: (events, message).
PROCESS_EVENTS = frozenset(
    {"os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "subprocess.Popen"}
    | {"pty.spawn", "webbrowser.open", "os.startfile"}
)
NETWORK_EVENTS = frozenset({"socket.__new__", "socket.connect", "socket.bind", "socket.sendto"})
SIGNAL_EVENTS = frozenset({"os.kill", "os.killpg", "signal.pthread_kill"})
LIMIT_EVENTS = frozenset({"resource.setrlimit", "resource.prlimit"})
# Events that change files, each checked to stay inside the kernel's own folder.
FILE_EVENTS = frozenset(
    {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.chmod", "os.chown"}
    | {"os.truncate", "os.utime", "os.chdir", "shutil.rmtree", "shutil.copyfile", "shutil.move"}
    | {"shutil.copytree", "shutil.make_archive", "shutil.unpack_archive"}
)
TWO_PATHS = frozenset({"os.rename", "os.link", "shutil.copyfile", "shutil.move", "shutil.copytree"})
NO_PROCESSES = N_(
    "Typed code cannot start programs or processes ({event}): everything runs here, in one Python. "
    "A DataLoader works with num_workers=0, its default."
)
NO_NETWORK = N_(
    "Typed code cannot use the network ({event}): the playground is offline on purpose. "
    "datasets.MNIST(root, download=True) reads the app's own copy of MNIST; "
    "models are made with weights=None."
)
NO_SIGNALS = N_("Typed code cannot send signals to processes ({event}).")
NO_LIMITS = N_("Typed code cannot change the kernel's limits ({event}).")
NO_CTYPES = N_(
    "ctypes is not available to typed code ({event}): it reaches raw memory and native code. "
    "torch and NumPy do the same work safely."
)
OUTSIDE_SCRATCH = N_(
    "Typed code can change files only in its own folder, which is deleted when the kernel restarts: "
    "use a relative path such as 'model.pth'. {path} is outside it."
)
FILE_SIZE_LIMIT = 512 * 1024**2  # the largest file typed code may write (MNIST unpacked is 55 MB)
SYSTEM_READABLE = (
    "/usr/lib",
    "/usr/lib64",
    "/usr/local/lib",
    "/lib",
    "/lib64",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/usr/share/zoneinfo",
    "/sys",
    "/proc/self",
    "/proc/cpuinfo",
    "/proc/meminfo",
    "/proc/driver/nvidia",
)
DEVICES = [
    "/dev/null",
    "/dev/zero",
    "/dev/urandom",
    "/dev/random",
    "/dev/nvidiactl",
    "/dev/nvidia-uvm",
    "/dev/nvidia-uvm-tools",
    *(f"/dev/nvidia{n}" for n in range(8)),
]
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
PR_SET_PDEATHSIG = 1
APP_CHECK_S = 1.0


def kernel_command(python: str, memory_budget: int | None, data_dir: str | None = None) -> list[str]:
    """Return the command line that starts a kernel with ``python`` (``memory_budget`` in bytes).

    ``data_dir`` is the app's data folder, which the kernel may read (MNIST's files).

    The kernel finds the project where the app found it, and torch in the
    user's site-packages if the app took it from there (``-I`` leaves it out).
    """
    path = [str(PROJECT_ROOT)]
    user_site = site.getusersitepackages() if site.ENABLE_USER_SITE else None
    if user_site and user_site in sys.path:
        path.append(user_site)
    budget = str(memory_budget or 0)
    command = [python, "-I", "-B", "-c", BOOTSTRAP, os.pathsep.join(path), str(os.getpid()), budget]
    return [*command, data_dir or ""]


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


def confine_files(data_dir: str | None) -> list[str]:
    """Before torch is imported: Landlock on files, TCP and signals; return what the OS could not do.

    The kernel may read the installed packages, Python, the project and the
    app's data (``data_dir``), and change files only in its own scratch folder
    (the one holding its working directory and its home).
    """
    if not sys.platform.startswith("linux"):
        return ["files", "network", "signals", "processes"]
    from core.process import landlock, syscall_filter

    missing = []
    why = syscall_filter.available()  # imports libseccomp now, while ldconfig may still run
    if why is not None:
        missing.append(f"processes ({why})")
    try:
        applied = landlock.restrict(readable_paths(data_dir), [scratch_folder()], DEVICES)
    except OSError as exc:
        return [*missing, f"files ({exc})"]
    return [*missing, *applied.missing]


def scratch_folder() -> str:
    """Return the kernel's own folder: its working directory's parent (deleted when the kernel ends)."""
    return os.path.dirname(os.path.realpath(os.getcwd()))


def readable_paths(data_dir: str | None) -> list[str]:
    """Return what the kernel may read: Python, the installed packages, the project, the app's data."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(PROJECT_ROOT), *SYSTEM_READABLE}
    paths.update(entry for entry in sys.path if entry and os.path.isdir(entry))
    if data_dir:
        paths.add(data_dir)
    return sorted({os.path.realpath(p) for p in paths} | paths)


def lock_down(memory_budget: int | None) -> tuple[int | None, list[str]]:
    """After the warm-up: limits, the system-call filter, the audit hook; return the cap, what is missing."""
    tempfile.gettempdir()  # torch asks for it lazily; finding it writes a probe file, so do it now
    try:
        import resource
    except ImportError:  # Windows: no resource limits (see the README)
        pass
    else:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    cap = cap_memory(memory_budget) if memory_budget else None
    missing = []
    if sys.platform.startswith("linux"):
        from core.process import syscall_filter

        try:
            syscall_filter.load()
        except (ImportError, RuntimeError, OSError) as exc:
            missing.append(f"processes ({type(exc).__name__}: {exc})")
    install_audit_hook(scratch_folder())
    return cap, missing


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


def install_audit_hook(scratch: str) -> None:
    """Refuse, from now on, processes, sockets, signals, limits, ctypes and files changed outside ``scratch``.

    A second line behind the OS's (Landlock, seccomp): it says in the
    learner's words what was refused, before the OS would refuse it less clearly.
    """
    inside = scratch.rstrip(os.sep) + os.sep

    def in_scratch(path: object) -> bool:
        if isinstance(path, int) or path is None:
            return True  # a descriptor already open, or an argument that is not a path
        if not isinstance(path, (str, bytes, os.PathLike)):
            return True
        return os.path.realpath(os.path.abspath(os.fsdecode(path))).startswith(inside)

    refused = [(PROCESS_EVENTS, NO_PROCESSES), (NETWORK_EVENTS, NO_NETWORK), (SIGNAL_EVENTS, NO_SIGNALS)]
    refused.append((LIMIT_EVENTS, NO_LIMITS))

    def hook(event: str, args: tuple) -> None:
        for events, message in refused:
            if event in events:
                raise PermissionError(_(message).format(event=event))
        if event.startswith("ctypes."):
            raise PermissionError(_(NO_CTYPES).format(event=event))
        if event == "open" and _opens_for_writing(args) and not in_scratch(args[0]):
            raise PermissionError(_(OUTSIDE_SCRATCH).format(path=os.fsdecode(args[0])))
        if event in FILE_EVENTS:
            for path in args[:2] if event in TWO_PATHS else args[:1]:
                if not in_scratch(path):
                    raise PermissionError(_(OUTSIDE_SCRATCH).format(path=os.fsdecode(path)))

    sys.addaudithook(hook)


def _opens_for_writing(args: tuple) -> bool:
    _path, mode, flags = (*args, None, None)[:3]
    if isinstance(mode, str) and any(c in mode for c in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)
