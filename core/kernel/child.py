"""The kernel process: warm up, confine itself, then answer requests until its input ends.

Requests come on the process's standard input and answers go out on its
standard output, as frames (:mod:`core.process.codec`). Both descriptors are
moved out of the way first: anything torch or NumPy print from C goes to
``/dev/null``, not into the protocol. The kernel imports torch, creates the
two tabs' sessions and runs the work of a first request once (a statement,
a tensor view, a graph and its backward, an encoded answer), so that the
learner's first Run is as fast as later ones.
"""

from __future__ import annotations

import os
import sys

from core.base import i18n
from core.base.i18n import _
from core.kernel.protocol import (
    TENSORS,
    Answered,
    Asked,
    BuildGraph,
    CheckExercise,
    DescribeModel,
    Evaluate,
    Failure,
    Progress,
    Ready,
    ResetSession,
    RunBackward,
    RunCode,
    SessionReset,
    Zeroed,
    ZeroGrad,
)
from core.process import confine
from core.process.codec import Decoder, ProtocolError, encode, read_frame

WARM_UP_CODE = "x = torch.rand(5, 3)\nx"


class Kernel:
    """The two tabs' sessions, the questions' and the exercises' sessions, and the pipe to the app."""

    def __init__(
        self, requests, replies, memory_limit: int | None = None, data_dir: str | None = None
    ) -> None:
        from core.autograd.lab import AutogradLab
        from core.kernel.exercise_runner import ExerciseRunner
        from core.tensors.playground import Playground
        from core.tensors.sandbox import Session, tutorial_support

        tutorial_support.install(data_dir)  # before the sessions read the settings they start from

        self.requests = requests
        self.replies = replies
        self.number = 0
        self.quiet = True  # no progress messages while warming up
        self.playground = Playground(Session(on_statement=self._progress))
        self.lab = AutogradLab(Session(on_statement=self._progress))
        self.questions = Playground(Session())
        self.exercises = ExerciseRunner(Session(on_statement=self._progress))
        self.decoder = Decoder([Asked])
        self.set_memory_limit(memory_limit)

    def set_memory_limit(self, limit: int | None) -> None:
        """Quote ``limit`` when learner code runs out of memory."""
        sessions = (self.playground.session, self.lab.session, self.questions.session, self.exercises.session)
        for session in sessions:
            session.memory_limit = limit

    def warm_up(self) -> None:
        """Do each kind of work once, then forget it, so that the first real request is fast.

        This also starts the CPU thread pool, whose thread stacks must exist
        before the memory cap (they count as data).
        """
        import torch

        from core.lesson.steps import AUTOGRAD_PRESETS

        i18n.preload()  # every language's messages, read while the kernel may still open files
        torch.ones(1_000_000).sum()
        encode(Answered(0, self.playground.run(WARM_UP_CODE)))
        for code in AUTOGRAD_PRESETS.values():
            encode(Answered(0, self.lab.run(code)))
            encode(Answered(0, self.lab.backward()))
        self.decoder.decode(encode(Asked(1, RunCode(WARM_UP_CODE)))[4:])
        self.playground.reset()
        self.lab.reset()
        self.quiet = False

    def send(self, reply) -> None:
        """Write one message about the current request to the app; one too large becomes a short Failure."""
        try:
            write_message(self.replies, Answered(self.number, reply))
        except ProtocolError as exc:  # nothing was written: say so in its place, keep serving
            message = _("the answer was too large to send ({error}); your variables are kept")
            message = message.format(error=exc)
            write_message(self.replies, Answered(self.number, Failure(message)))

    def serve(self) -> None:
        """Answer requests until the app closes the pipe."""
        while True:
            try:
                asked = self.decoder.decode(read_frame(self.requests))
            except EOFError:
                return
            self.number = asked.number
            i18n.set_language(asked.language)  # the app's language now: it may have changed since
            try:
                reply = self.answer(asked.request)
            except Exception as exc:  # a fault of the kernel: say so, keep serving
                reply = Failure(f"{type(exc).__name__}: {exc}")
            self.send(reply)

    def answer(self, request):
        """Return the reply to one request."""
        if isinstance(request, ResetSession):
            (self.playground if request.session == TENSORS else self.lab).reset()
            return SessionReset(request.session)
        if isinstance(request, Evaluate):
            self.questions.reset()
            return self.questions.run(request.code)
        answers = {
            RunCode: lambda: self.playground.run(request.code, request.focus),
            DescribeModel: lambda: self.playground.describe(request.name),
            CheckExercise: lambda: self.exercises.run(request.code, request.check),
            BuildGraph: lambda: self.lab.run(request.code),
            RunBackward: self.lab.backward,
            ZeroGrad: lambda: Zeroed(tuple(self.lab.zero_grad())),
        }
        if type(request) not in answers:
            raise TypeError(f"unknown request {type(request).__name__}")
        return answers[type(request)]()

    def _progress(self, line: int) -> None:
        if not self.quiet:
            self.send(Progress(line))


def write_message(fd: int, message: Answered) -> None:
    """Write ``message`` whole to the descriptor ``fd``."""
    view = memoryview(encode(message))
    while view:
        view = view[os.write(fd, view) :]


def main() -> None:
    """Run the kernel: ``argv`` holds the project root, the app's pid, the memory budget, the data folder."""
    app_pid, budget, data_dir = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] or None
    confine.limit_early(app_pid)
    unconfined = confine.confine_files(data_dir)  # before torch starts its threads
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    try:
        kernel = Kernel(requests, replies, data_dir=data_dir)
        kernel.warm_up()
        limit, missing = confine.lock_down(budget or None)
    except Exception as exc:  # tell the app why, rather than vanish
        write_message(replies, Answered(0, Failure(f"{type(exc).__name__}: {exc}")))
        raise SystemExit(1) from None
    kernel.set_memory_limit(budget if limit else None)  # the learner's share, not the whole cap
    kernel.send(Ready(os.getpid(), limit, tuple(dict.fromkeys(unconfined + missing))))
    kernel.serve()
