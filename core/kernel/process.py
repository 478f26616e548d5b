"""One kernel process, and the thread that starts it and reads everything it sends.

The thread that starts the process is the one that reads from it, and it
lives exactly as long as the process: on Linux the kernel process is told to
die with the thread that started it (``PR_SET_PDEATHSIG``), so it must not be
a short-lived worker. The thread decodes each frame as it arrives (the codec
builds plain protocol values or refuses), records progress messages and
queues replies; anything malformed kills the process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass

import psutil

from core.base.i18n import language
from core.kernel.protocol import Answered, Asked, Failure, Progress, Ready, Request
from core.process import confine
from core.process.codec import Decoder, ProtocolError, encode, read_frame
from core.process.problems import UNREADABLE

logger = logging.getLogger(__name__)
EXIT_WAIT_S = 1.0  # after its pipe closes, how long a process may take to exit before it is killed


@dataclass(frozen=True)
class Ending:
    """How a kernel process ended: killed by the app (``reason``), or by itself or the OS."""

    reason: str | None  # why the app killed it; None if it was not the app
    returncode: int | None
    detail: str  # e.g. the start error, or what was malformed


class KernelProcess:
    """Start, read, write to and kill one kernel process."""

    def __init__(
        self, python: str, memory_budget: int | None, generation: int, data_dir: str | None = None
    ) -> None:
        self.python = python
        self.data_dir = data_dir
        self.memory_budget = memory_budget
        self.generation = generation
        self.replies: queue.Queue = queue.Queue()  # replies to the current request; None at the end
        self.ready = threading.Event()
        self.ended = threading.Event()
        self.info: Ready | None = None
        self.handle: psutil.Process | None = None  # for reading its memory
        self.ready_rss: int | None = None  # resident bytes once warmed up
        self.ending: Ending | None = None
        self.workdir: str | None = None  # the working directory, empty unless typed code writes
        self._root: str | None = None  # holds the working directory and the kernel's home
        self.current = 0  # the number of the request being answered; 0 when idle
        self.line: int | None = None  # the statement the current request is at, from Progress
        self.last_reply_bytes = 0  # the size of the last answer read (for the soak test and benchmarks)
        # Called with this process, from its thread, once it has ended.
        self.on_end: Callable[[KernelProcess], None] | None = None
        self._popen: subprocess.Popen | None = None
        self._kill_reason: str | None = None
        self._detail = ""
        self._decoder = Decoder([Answered])
        self._thread = threading.Thread(target=self._run, name=f"kernel-{generation}", daemon=True)

    @property
    def pid(self) -> int | None:
        """Return the process id once the process exists."""
        return self._popen.pid if self._popen is not None else None

    def start(self) -> None:
        """Start the process from this object's own thread; returns at once."""
        self._thread.start()

    def send(self, number: int, request: Request) -> None:
        """Write request ``number``; replies to it arrive in :attr:`replies`."""
        self.line = None
        self.current = number
        popen = self._popen
        assert popen is not None and popen.stdin is not None  # started, with a pipe, before any request
        try:
            popen.stdin.write(encode(Asked(number, request, language())))
            popen.stdin.flush()
        except (OSError, ValueError):  # it has died; the reading thread reports how
            pass

    def kill(self, reason: str, detail: str = "") -> None:
        """Kill the process (at once, however busy it is), saying why."""
        if self._kill_reason is None:
            self._kill_reason, self._detail = reason, detail
        popen = self._popen
        if popen is not None:
            with contextlib.suppress(OSError):
                popen.kill()
            kill_group(popen)

    def _run(self) -> None:
        try:
            self._root = tempfile.mkdtemp(prefix="pytorch-basics-kernel-")
            workdir, home = confine.kernel_folders(self._root)
            self._popen = subprocess.Popen(
                confine.kernel_command(self.python, self.memory_budget, self.data_dir),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                cwd=workdir,
                env=confine.kernel_environment(home),
                start_new_session=True,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            self._detail = f"{type(exc).__name__}: {exc}"
            self._finish(None)
            return
        self.workdir = workdir
        if self._kill_reason is not None:  # killed while it was being started
            self.kill(self._kill_reason)
        try:
            self._read(self._popen.stdout)
        except EOFError:
            pass
        except (ProtocolError, OSError) as exc:
            self.kill(UNREADABLE, str(exc))
        try:
            returncode = self._popen.wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:  # it closed its output but runs on: it is of no use
            self.kill(UNREADABLE, "the kernel closed its output")
            returncode = self._popen.wait()
        kill_group(self._popen)  # whatever it started (where the OS let it) ends with it
        self._finish(returncode)

    def _read(self, stream) -> None:
        while True:
            frame = read_frame(stream)
            message = self._decoder.decode(frame)
            reply, number = message.reply, message.number
            if isinstance(reply, Ready):
                if self.info is not None or number != 0:
                    raise ProtocolError("a second Ready")
                self.info = reply
                if reply.unconfined:  # e.g. an older Linux: the other limits still hold
                    logger.warning("the kernel runs without these OS limits: %s", "; ".join(reply.unconfined))
                self._measure()
                self.ready.set()
            elif isinstance(reply, Failure) and number == 0 and self.info is None:
                self._detail = reply.message  # why it could not start; its exit follows
            elif number == 0 or number != self.current:
                raise ProtocolError("a message about no request that is waiting")
            elif isinstance(reply, Progress):
                self.line = reply.line
            else:
                self.last_reply_bytes = len(frame)
                self.current = 0
                self.replies.put(reply)

    def _measure(self) -> None:
        try:
            assert self._popen is not None  # measured once it has said it is ready
            self.handle = psutil.Process(self._popen.pid)
            self.ready_rss = self.handle.memory_info().rss
        except psutil.Error:  # it has just died: the reading loop will see its output end
            self.handle = None

    def _finish(self, returncode: int | None) -> None:
        for stream in (self._popen.stdin, self._popen.stdout) if self._popen else ():
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
        self.ending = Ending(self._kill_reason, returncode, self._detail)
        self.ended.set()
        self.replies.put(None)
        if self.on_end is not None:
            self.on_end(self)


def kill_group(popen: subprocess.Popen) -> None:
    """Kill the kernel's process group (its own session): any process it started dies with it.

    Linux keeps a group's number from being reused while any member lives, so
    this is safe after the kernel itself has been reaped.
    """
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(popen.pid, signal.SIGKILL)
