"""The app's side of the kernel: start it early, send requests, enforce the limits, restart it.

One kernel serves both code tabs, each with its own session inside it. A
kernel is a whole Python process with torch imported, about 0.5 GB of
resident memory (see bench/RESULTS.md); two would double that on the
classroom laptops the app is made for, for the rare case where one tab's
runaway statement also resets the other tab's variables. When that happens
the other tab is told (:meth:`KernelClient.add_listener`). Requests are
served one at a time, so a Run in one tab waits for a Run in the other.

The kernel is a plain ``subprocess`` speaking a small framed protocol on its
standard input and output, not ``multiprocessing`` and not Jupyter's
kernels: ``subprocess`` lets the app choose the exact command line (isolated
Python), environment and working directory, and its pipes carry bytes that
the app decodes itself, where ``multiprocessing.Connection.recv`` would
unpickle them (and a compromised kernel could run code in the app that way).
``jupyter_client`` with ``ipykernel`` would add ZeroMQ, IPython and a second
message format for the four requests the tabs need.

Limits the app enforces from outside: wall-clock time per request (the
kernel is killed and a fresh one started), resident memory (a watchdog;
on Linux the kernel's own ``RLIMIT_DATA`` refuses allocations first), a Stop
request, and closing the app. A malformed message also kills the kernel.
"""

from __future__ import annotations

import itertools
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psutil

from core.base.paths import default_data_dir
from core.kernel.process import Ending, KernelProcess
from core.kernel.protocol import EXPECTED_REPLY, Failure, Request, session_of
from core.process.problems import (
    CLOSED,
    CRASHED,
    FAILURE,
    MEMORY,
    START_FAILED,
    STOPPED,
    TIMEOUT,
    TOO_LONG,
    UNREADABLE,
    KernelProblem,
    exit_text,
    signal_name,
)

GIB = 1024**3
MIB = 1024**2
POLL_S = 0.05  # how often a waiting request looks at the clock, the Stop flag and the memory
MEMORY_CHECK_S = 0.2
END_WAIT_S = 5.0  # a killed kernel is gone in milliseconds; this only bounds a stuck wait
RESIDENT_SLACK = 256 * MIB  # resident memory allowed beyond the budget (libraries paged in, caches)
CODE_LIMIT = 100_000  # characters of code in one request


def default_memory_budget() -> int:
    """Return the memory typed code may use: a quarter of the machine's, between 0.5 and 2 GiB."""
    return int(min(2 * GIB, max(GIB // 2, psutil.virtual_memory().total // 4)))


@dataclass(frozen=True)
class KernelConfig:
    """How the kernel is started and limited."""

    time_limit_s: float = 5.0  # per request; the sessions' own gentler loop limit is 3 s
    memory_budget: int | None = field(default_factory=default_memory_budget)
    start_timeout_s: float = 120.0  # importing torch takes seconds, more on a busy machine
    python: str = sys.executable
    os_memory_cap: bool = True  # False leaves memory to the app's watchdog alone, as on Windows
    data_dir: str | None = field(default_factory=lambda: str(default_data_dir()))  # the kernel may read it


class KernelClient:
    """Start and talk to the kernel; safe to call from any thread.

    ``start`` returns at once; requests made before the kernel is ready wait
    for it. ``request`` blocks its calling thread (a worker's, never the
    GUI's) until the reply, a limit, ``cancelled()`` or :meth:`shutdown`.
    """

    def __init__(self, config: KernelConfig | None = None) -> None:
        self.config = config or KernelConfig()
        self.generation = 0
        self._process: KernelProcess | None = None
        self._closed = False
        self._state = threading.Lock()  # guards _process, _closed, generation, listeners
        self._busy = threading.Lock()  # one request at a time
        self._numbers = itertools.count(1)
        self._listeners: list[Callable[[KernelProblem], None]] = []

    # ----- lifetime ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start a kernel in the background if none is running or starting."""
        self._current_process()

    def wait_ready(self, timeout: float) -> bool:
        """Block until a kernel is ready; False if none is within ``timeout`` seconds."""
        process = self._current_process()
        return process is not None and process.ready.wait(timeout) and not process.ended.is_set()

    def shutdown(self, timeout: float = 2.0) -> None:
        """Kill the kernel for good (requests end with ``closed``); wait up to ``timeout`` for it."""
        with self._state:
            self._closed = True
            process, self._process = self._process, None
        if process is not None:
            process.kill(CLOSED)
            process.ended.wait(timeout)

    def restart(self) -> None:
        """Replace the kernel with a fresh one: its variables, and whatever typed code changed in it, go."""
        with self._state:
            process = self._process
        if process is not None:
            process.kill(STOPPED)
            process.ended.wait(END_WAIT_S)
        self._current_process()

    @property
    def pid(self) -> int | None:
        """Return the process id of the current kernel (for tests and benchmarks)."""
        process = self._process
        return process.pid if process is not None else None

    @property
    def workdir(self) -> str | None:
        """Return the current kernel's working directory."""
        process = self._process
        return process.workdir if process is not None else None

    @property
    def last_reply_bytes(self) -> int:
        """Return the size in bytes of the current kernel's last answer (for tests and benchmarks)."""
        process = self._process
        return process.last_reply_bytes if process is not None else 0

    @property
    def running_line(self) -> int | None:
        """Return the line of the statement a request is running now (0: after the code), or None."""
        process = self._process
        return process.line if process is not None and process.current else None

    @property
    def memory_limit(self) -> int | None:
        """Return the bytes the kernel may allocate (its RLIMIT_DATA), when the OS caps them."""
        process = self._process
        return process.info.memory_limit if process is not None and process.info else None

    def add_listener(self, listener: Callable[[KernelProblem], None]) -> None:
        """Call ``listener(problem)`` (from a background thread) whenever a kernel is lost."""
        with self._state:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[KernelProblem], None]) -> None:
        """Stop calling ``listener``."""
        with self._state:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # ----- requests ---------------------------------------------------------------------------
    def request(self, request: Request, cancelled: Callable[[], bool] | None = None):
        """Send ``request`` and return its reply, or a :class:`KernelProblem` saying why there is none."""
        cancelled = cancelled or _never
        waiter = _Waiter(self, request, cancelled)
        if len(getattr(request, "code", "")) > CODE_LIMIT:
            return waiter.problem(TOO_LONG, reset=False, limit=CODE_LIMIT)
        while not self._busy.acquire(timeout=POLL_S):
            if cancelled() or self._closed:
                return waiter.problem(CLOSED if self._closed else STOPPED, reset=False)
        try:
            return waiter.run()
        finally:
            self._busy.release()

    # ----- internals --------------------------------------------------------------------------
    def _current_process(self) -> KernelProcess | None:
        with self._state:
            if self._closed:
                return None
            if self._process is None or self._process.ended.is_set():
                self._process = self._new_process()
            return self._process

    def _new_process(self) -> KernelProcess:
        self.generation += 1
        config = self.config
        budget = config.memory_budget if config.os_memory_cap else None
        process = KernelProcess(config.python, budget, self.generation, config.data_dir)
        process.on_end = self._on_process_end
        process.start()
        return process

    def _replace(self, process: KernelProcess, problem: KernelProblem) -> None:
        """Start a fresh kernel in place of ``process`` and tell the listeners, once per process."""
        with self._state:
            if self._closed or self._process is not process:
                return
            self._process = self._new_process()
            listeners = list(self._listeners)
        for listener in listeners:
            listener(problem)

    def _on_process_end(self, process: KernelProcess) -> None:
        ending = process.ending
        if (
            ending is None
            or process.current
            or ending.reason not in (None, UNREADABLE)
            or process.info is None
        ):
            return  # a waiting request reports it, the app killed it on purpose, or it never started
        if ending.reason == UNREADABLE:
            reason = UNREADABLE
        else:
            reason = MEMORY if signal_name(ending.returncode) == "SIGKILL" else CRASHED
        problem = KernelProblem(
            reason, None, None, "", True, exit_status=_exit_status(ending), detail=_detail(process)
        )
        self._replace(process, problem)


class _Waiter:
    """One request's wait for its reply, and the problem it reports when there is none."""

    def __init__(self, client: KernelClient, request: Request, cancelled: Callable[[], bool]) -> None:
        self.client = client
        self.request = request
        self.cancelled = cancelled
        self.session = session_of(request)
        self.process: KernelProcess | None = None

    def run(self):
        process = self.process = self.client._current_process()
        if process is None:
            return self.problem(CLOSED, reset=False)
        problem = self._wait_until_ready(process)
        if problem is not None:
            return problem
        process.send(next(self.client._numbers), self.request)
        return self._wait_for_reply(process)

    def _wait_until_ready(self, process: KernelProcess) -> KernelProblem | None:
        deadline = time.monotonic() + self.client.config.start_timeout_s
        while not process.ready.wait(POLL_S):
            if process.ended.is_set():
                return self.problem(START_FAILED, reset=False, detail=_detail(process))
            if self.client._closed:
                return self.problem(CLOSED, reset=False)
            if self.cancelled():
                return self.problem(STOPPED, reset=False)
            if time.monotonic() > deadline:
                process.kill(START_FAILED, "it did not become ready in time")
                return self.problem(START_FAILED, reset=False, detail="it did not become ready in time")
        return None

    def _wait_for_reply(self, process: KernelProcess):
        config = self.client.config
        deadline = time.monotonic() + config.time_limit_s
        watchdog = _MemoryWatchdog(process, config.memory_budget)
        while True:
            try:
                reply = process.replies.get(timeout=POLL_S)
            except queue.Empty:
                reason = self._limit_reached(deadline, watchdog)
                if reason == CLOSED:  # the app is closing: no restart, and no waiting
                    process.kill(CLOSED)
                    return self.problem(CLOSED, reset=True, line=process.line)
                if reason is not None:
                    process.kill(reason)
                    process.ended.wait(END_WAIT_S)
                    return self._lost(process)
                continue
            if reply is None:
                return self._lost(process)
            if isinstance(reply, Failure):
                return self.problem(FAILURE, reset=False, detail=reply.message)
            if not isinstance(reply, EXPECTED_REPLY[type(self.request)]):
                process.kill(UNREADABLE, f"a {type(reply).__name__} answered a {type(self.request).__name__}")
                process.ended.wait(END_WAIT_S)
                return self._lost(process)
            return reply

    def _limit_reached(self, deadline: float, watchdog: _MemoryWatchdog) -> str | None:
        if self.client._closed:
            return CLOSED
        if self.cancelled():
            return STOPPED
        if time.monotonic() > deadline:
            return TIMEOUT
        return MEMORY if watchdog.exceeded() else None

    def _lost(self, process: KernelProcess) -> KernelProblem:
        """Report how ``process`` ended while it served this request, and replace it."""
        ending = process.ending or Ending(UNREADABLE, None, "it did not end when killed")
        reason = ending.reason
        if reason is None:
            reason = MEMORY if signal_name(ending.returncode) == "SIGKILL" else CRASHED
        limits = {TIMEOUT: self.client.config.time_limit_s, MEMORY: self.client.config.memory_budget}
        killed_by_app = ending.reason is not None
        problem = self.problem(
            reason,
            reset=True,
            line=process.line,
            limit=limits.get(reason) if killed_by_app else None,
            exit_status=None if killed_by_app else _exit_status(ending),
            detail=_detail(process),
        )
        self.client._replace(process, problem)
        return problem

    def problem(self, reason: str, reset: bool, line: int | None = None, **extra) -> KernelProblem:
        """Return a :class:`KernelProblem` about this request."""
        lines = getattr(self.request, "code", "").splitlines()
        statement = lines[line - 1].strip() if line and line <= len(lines) else ""
        return KernelProblem(reason, self.session, line, statement, reset, **extra)


class _MemoryWatchdog:
    """Read the kernel's resident memory now and then; say when it is past the budget."""

    def __init__(self, process: KernelProcess, budget: int | None) -> None:
        self.limit = None
        self.next_check = 0.0
        self.handle = process.handle
        if budget is not None and process.ready_rss is not None:
            self.limit = process.ready_rss + budget + RESIDENT_SLACK

    def exceeded(self) -> bool:
        now = time.monotonic()
        if self.limit is None or self.handle is None or now < self.next_check:
            return False
        self.next_check = now + MEMORY_CHECK_S
        try:
            return self.handle.memory_info().rss > self.limit
        except psutil.Error:
            return False


def _exit_status(ending: Ending) -> str:
    return signal_name(ending.returncode) or exit_text(ending.returncode)


def _detail(process: KernelProcess) -> str:
    ending = process.ending
    if ending is None:
        return ""
    text = f"The kernel (process {process.pid}) {exit_text(ending.returncode)}"
    return f"{text}: {ending.detail}" if ending.detail else text + "."


def _never() -> bool:
    return False
