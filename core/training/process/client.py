"""The app's side of the training process: start it, hand it runs, read what it reports.

Why a process of its own, when the core trains as well in a thread: measured
on this project's 2-core machine (``bench/bench_gui.py``, MLP on the bundled
sample, each GUI run against the headless runs on either side of it), training
in a thread of the app's process reached 0.944-0.962 of headless speed over
five runs of 12-24 pairs, and the same run in a process of its own, with the
same live plots, 0.974 and 0.975. A thread shares Python's GIL with the
window: every time the window calls Python (several hundred times a second
while the plots repaint: pyqtgraph's axes and view boxes are Python
objects that Qt asks for their bounds at each paint), the training thread
waits for the GIL at the end of its current torch operation, and both of its
cores sit idle meanwhile. A process shares only the cores.

The process imports torch once, keeps the data set loaded between runs,
and is started before the app imports torch or Qt (``main.py``), so that a
first run does not wait for either. Only plain data comes back (the kernel's
frames), and the weights of a finished run as arrays.
"""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from core.base import i18n
from core.base.i18n import _
from core.base.logs import log_file
from core.base.paths import PROJECT_ROOT
from core.models.config import TrainConfig
from core.process.codec import Decoder, ProtocolError, encode, read_frame
from core.process.problems import exit_text
from core.training.events import BatchProgress, Failed, Stopped, TrainingEvent
from core.training.process.protocol import (
    IGNORE_WEIGHTS,
    OUTCOMES,
    PAUSE,
    REPLIES,
    RESUME,
    STOP,
    WATCH_WEIGHTS,
    Control,
    Held,
    LearningRate,
    Prepare,
    Ready,
    Train,
    Weights,
)

BOOTSTRAP = (
    "import os, sys; sys.path[:0] = sys.argv[1].split(os.pathsep); "
    "from core.training.process.child import main; main()"
)
EXIT_WAIT_S = 1.0  # once its output has ended, how long the process may take to exit before it is killed
SHUTDOWN_WAIT_S = 0.5  # after its input closes, how long it may take to end: a run stops after its batch
_LOST = object()  # in the reply queue: the process ended


class TrainerClient:
    """One training process at a time, started on demand and again after it was lost.

    Thread-safe, and never blocks its caller but in :meth:`train`: the GUI
    thread prepares and controls runs, a worker thread iterates a run.
    Requests made while the process is being started wait in order and go
    as soon as it exists. One run at a time.
    """

    def __init__(self, python: str = sys.executable) -> None:
        self.python = python
        self._lock = threading.Lock()
        self._popen: subprocess.Popen | None = None
        self._pending: list[bytes] = []  # requests made while the process is being started
        self._replies: queue.Queue = queue.Queue()
        self._ended = threading.Event()
        self._ended.set()  # no process yet
        self._ending = ""
        self._closed = False
        self._control: RemoteControl | None = None  # the run in progress
        self.ready = threading.Event()
        self.pid: int | None = None

    # ----- the process ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Tell whether a process is up (or starting)."""
        return not self._ended.is_set()

    def start(self) -> None:
        """Start the process if none runs; returns at once."""
        with self._lock:
            if self.running or self._closed:
                return
            self._ended.clear()
            self.ready.clear()
            self._pending = []
            self._replies = queue.Queue()
            self._ending = ""
            # The thread that starts the process reads it and lives as long as it: on Linux
            # the process dies with the thread that started it (PR_SET_PDEATHSIG).
            threading.Thread(target=self._run, name="trainer", daemon=True).start()

    def shutdown(self) -> None:
        """End the process for good: close its input (a run stops after its batch), kill it if it lingers."""
        with self._lock:
            self._closed = True
            popen = self._popen
        if popen is not None and popen.stdin is not None:
            with contextlib.suppress(OSError):
                popen.stdin.close()
        if not self._ended.wait(SHUTDOWN_WAIT_S) and popen is not None:
            with contextlib.suppress(OSError):
                popen.kill()
        self._ended.wait(EXIT_WAIT_S)

    def _run(self) -> None:
        log = log_file()
        try:
            popen = subprocess.Popen(
                [self.python, "-B", "-c", BOOTSTRAP, str(PROJECT_ROOT), str(os.getpid()), str(log or "")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except OSError as exc:
            self._ending = f"it could not start ({exc})"
            self._end()
            return
        with self._lock:
            self._popen = popen
            if self._closed:  # shut down while it was being started
                popen.kill()
            self._write(b"".join(self._pending))
            self._pending = []
        self._read(popen)
        try:
            returncode = popen.wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:  # its output is closed, yet it runs on: of no use
            popen.kill()
            returncode = popen.wait()
        self._ending = self._ending or exit_text(returncode)
        self._end()

    def _read(self, popen: subprocess.Popen) -> None:
        decoder = Decoder(REPLIES)
        stdout = popen.stdout
        assert stdout is not None  # started with a pipe
        try:
            while True:
                message = decoder.decode(read_frame(stdout))
                if isinstance(message, Ready):
                    self.pid = message.pid
                    self.ready.set()
                elif isinstance(message, Held):
                    control = self._control
                    if control is not None:
                        control.set_held(message.held)
                else:
                    self._replies.put(message)
        except EOFError:
            pass
        except (ProtocolError, OSError) as exc:
            self._ending = f"it sent something unreadable ({exc})"
            popen.kill()

    def _end(self) -> None:
        with self._lock:
            if self._popen is not None:
                for stream in (self._popen.stdin, self._popen.stdout):
                    if stream is not None:
                        with contextlib.suppress(OSError):
                            stream.close()
            self._popen = None
            if self._control is not None:
                self._control.set_held(False)
            self._replies.put(_LOST)
            self._ended.set()

    def send(self, message: object) -> None:
        """Send a request now, or as soon as the process exists; dropped if it has ended."""
        frame = encode(message)
        with self._lock:
            if self._popen is not None:
                self._write(frame)
            elif self.running:
                self._pending.append(frame)

    def _write(self, frames: bytes) -> None:
        if not frames:
            return
        popen = self._popen
        assert popen is not None and popen.stdin is not None  # written only while the process exists
        try:
            popen.stdin.write(frames)
            popen.stdin.flush()
        except (OSError, ValueError):  # it has ended; the reading thread reports how
            pass

    # ----- requests ---------------------------------------------------------------------------
    def prepare(self, data: str, data_dir: Path, device: str) -> None:
        """Have the process load ``data`` and warm up ahead of a run (starting it if needed)."""
        self.start()
        self.send(Prepare(data, str(data_dir), device))

    def train(
        self, config: TrainConfig, data_dir: Path, events_per_second: float, control: RemoteControl
    ) -> Iterator[TrainingEvent | Weights]:
        """Train one run in the process and yield what it reports, ending with its outcome.

        ``control`` carries the run's stop and pause requests, made before or
        during the run. If the process ends meanwhile, the last item is a Failed
        that says so. Call from a worker thread: this blocks between reports.
        """
        self.start()
        replies = self._replies
        while not replies.empty():  # what an abandoned run left behind
            if replies.get_nowait() is _LOST:
                replies.put(_LOST)
                break
        self._control = control
        control.attach(self, partial(Train, config, str(data_dir), events_per_second, i18n.language()))
        reached = (1, 0)  # the epoch and batch of the last progress reported
        while True:
            item = replies.get()
            if item is _LOST and self._closed:  # the app is closing: the run was stopped
                yield Stopped(*reached)
                return
            if item is _LOST:
                yield Failed(
                    _(
                        "The training process ended unexpectedly, and the run with it. "
                        "Train again: a fresh process starts."
                    ),
                    f"The training process ended: {self._ending}",  # for the log, in English
                )
                return
            if isinstance(item, BatchProgress):
                reached = (item.epoch, item.batch)
            yield item
            if isinstance(item, OUTCOMES):
                return


class RemoteControl:
    """One run's stop and pause requests, passed on to the training process (RunControls, as RunControl's).

    Requests made before the run reaches the process go with it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._client: TrainerClient | None = None
        self._stop = threading.Event()
        self._pause = threading.Event()
        self._held = threading.Event()
        self._lr: float | None = None  # the learning rate asked for last
        self._watch_weights = False

    def set_watch_weights(self, watch: bool) -> None:
        """Ask for the first layer's weights live (a few times a second, and at each epoch's end),
        or only at the run's start and end."""
        with self._lock:
            self._watch_weights = watch
            if self._client is not None:
                self._client.send(Control(WATCH_WEIGHTS if watch else IGNORE_WEIGHTS))

    def set_lr(self, lr: float) -> None:
        """Ask the run to train with learning rate ``lr`` from its next batch on."""
        with self._lock:
            self._lr = float(lr)
            if self._client is not None:
                self._client.send(LearningRate(self._lr))

    def attach(self, client: TrainerClient, train: Callable[[tuple[str, ...]], Train]) -> None:
        """Start the run: send ``train(the actions asked for so far)`` to ``client``; the later
        requests follow it as they come (under one lock, so none is lost or overtaken)."""
        with self._lock:
            self._client = client
            actions: tuple[str, ...] = (WATCH_WEIGHTS,) if self._watch_weights else ()
            if self._stop.is_set():
                actions += (STOP,)
            elif self._pause.is_set():
                actions += (PAUSE,)
            client.send(train(actions))
            if self._lr is not None:
                client.send(LearningRate(self._lr))

    def _request(self, action: str) -> None:
        with self._lock:
            if self._client is not None:
                self._client.send(Control(action))

    def stop(self) -> None:
        """Ask the run to stop after the current batch (also ends a pause)."""
        self._stop.set()
        self._pause.clear()
        self._request(STOP)

    def pause(self) -> None:
        """Ask the run to wait after the current batch until resumed or stopped."""
        self._pause.set()
        self._request(PAUSE)

    def resume(self) -> None:
        """Let a paused run go on."""
        self._pause.clear()
        self._request(RESUME)

    @property
    def stop_requested(self) -> bool:
        """Tell whether a stop was asked for."""
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        """Tell whether the run should be waiting."""
        return self._pause.is_set()

    @property
    def held(self) -> bool:
        """Tell whether the run waits in a pause right now, as the process last said."""
        return self._held.is_set()

    def wait_until_held(self, timeout: float) -> bool:
        """Block until the run waits in a pause, at most ``timeout`` seconds; tell whether it does."""
        return self._held.wait(timeout)

    def set_held(self, held: bool) -> None:
        """Record what the process said about the pause (the client's reading thread calls this)."""
        if held:
            self._held.set()
        else:
            self._held.clear()
