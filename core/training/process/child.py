"""The training process: prepare data sets and train runs, as the app asks, until its input ends.

Requests come on standard input and everything the process reports goes out
on standard output, as frames (:mod:`core.process.codec`); both descriptors are
moved out of the way first, so that nothing torch prints can corrupt them.
A reading thread takes the requests: a :class:`~core.training.process.protocol.Control`
acts on the current run at once, the rest queue for the main thread, which
trains. The data set stays loaded between runs (:class:`~core.data.cache.DataCache`).
"""

from __future__ import annotations

import logging
import os
import queue
import sys
import threading
import time
from pathlib import Path

import torch
from torch import nn

from core.base import i18n
from core.base.logs import configure_logging
from core.data.cache import DataCache
from core.data.mnist import DataError
from core.models.config import ConfigError
from core.process import confine
from core.process.codec import Decoder, encode, read_frame
from core.training.control import RunControl
from core.training.events import BatchProgress, Failed, Finished
from core.training.loop import TrainingRun
from core.training.process.protocol import (
    OUTCOMES,
    PAUSE,
    REQUESTS,
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
from core.training.warm_start import warm_start, warm_up_torch

logger = logging.getLogger(__name__)


class TrainerProcess:
    """The requests waiting, the run in progress, and the pipe back to the app."""

    def __init__(self, requests, replies: int) -> None:
        self.requests = requests
        self.replies = replies
        self.cache = DataCache()
        self.work: queue.Queue = queue.Queue()  # (request, its RunControl or None); None at the end
        self.control: RunControl | None = None  # that of the latest Train request
        self.decoder = Decoder(REQUESTS)

    def send(self, message) -> None:
        """Write one message to the app, whole (only the main thread writes)."""
        view = memoryview(encode(message))
        while view:
            view = view[os.write(self.replies, view) :]

    def read_requests(self) -> None:
        """Take requests until the app closes the pipe; then stop the run and end the queue."""
        try:
            while True:
                request = self.decoder.decode(read_frame(self.requests))
                if isinstance(request, Control):
                    self._apply(request.action)
                elif isinstance(request, LearningRate):
                    if self.control is not None:
                        self.control.set_lr(request.lr)
                elif isinstance(request, Train):
                    # Made here, not when the run starts: a Stop sent right after Train must reach it.
                    self.control = RunControl(on_hold=lambda held: self.send(Held(held)))
                    for action in request.controls:
                        self._apply(action)
                    self.work.put((request, self.control))
                else:
                    self.work.put((request, None))
        except EOFError:
            pass
        finally:
            self._apply(STOP)
            self.work.put(None)

    def _apply(self, action: str) -> None:
        control = self.control
        if control is None:
            return
        if action == PAUSE:
            control.pause()
        elif action == RESUME:
            control.resume()
        elif action == STOP:
            control.stop()
        else:
            control.set_watch_weights(action == WATCH_WEIGHTS)

    def serve(self) -> None:
        """Do the queued requests in order until the input ends."""
        while (item := self.work.get()) is not None:
            request, control = item
            if isinstance(request, Prepare):
                self.prepare(request)
            else:
                self.train(request, control)

    def prepare(self, request: Prepare) -> None:
        """Load and normalise a data set and warm torch up; a failure waits for the run to report it."""
        try:
            warm_start(self.cache, request.data, Path(request.data_dir), request.device)
        except Exception as exc:  # the run that needs this set will say what is wrong
            logger.info("Could not prepare %s in %s: %s", request.data, request.data_dir, exc)

    def train(self, request: Train, control: RunControl) -> None:
        """Train one run, sending its events (thinned), and its weights before Finished."""
        i18n.set_language(request.language)  # the app's now: it may have changed since the last run
        try:
            data = self.cache.load(request.config.data, Path(request.data_dir))
            run = TrainingRun(request.config, data, control)
        except (DataError, ConfigError) as exc:
            logger.warning("Training could not start: %s", exc)
            self.send(Failed(str(exc)))
            return
        last_sent, min_gap = 0.0, 1 / request.events_per_second
        dropped: tuple[float, ...] = ()  # the batch losses of reports not sent, for the next one sent
        for reported in run.events():
            event = reported
            if isinstance(reported, BatchProgress):
                now = time.perf_counter()
                always = reported.is_log_step or reported.batch in (1, reported.batches)
                if not always and now - last_sent < min_gap:
                    dropped += reported.batch_losses
                    continue
                last_sent = now
                event, dropped = reported.after(dropped), ()
            if isinstance(event, Finished):
                self.send(weights_of(run.model))
            self.send(event)
            if isinstance(event, OUTCOMES):
                return


def weights_of(model: nn.Module) -> Weights:
    """Return ``model``'s parameters as a Weights message (arrays on the CPU)."""
    state = model.state_dict()
    return Weights(tuple(state), tuple(t.detach().cpu().numpy() for t in state.values()))


def main() -> None:
    """Run the training process: ``argv`` holds the project root, the app's pid and the log file."""
    app_pid, log = int(sys.argv[2]), sys.argv[3]
    confine.limit_early(app_pid)  # die with the app; no core dump
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if log:
        configure_logging(Path(log))
    process = TrainerProcess(requests, replies)
    threading.Thread(target=process.read_requests, name="requests", daemon=True).start()
    process.send(Ready(os.getpid()))
    warm_up_torch(torch.device("cpu"))  # the longest part of a first run's wait; requests queue meanwhile
    process.serve()
