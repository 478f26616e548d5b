"""The tabs' engines as seen from the app: the same calls, answered by the kernel.

Each method returns what the in-process engine would (``PlaygroundOutcome``,
``LabOutcome``, ...), or a :class:`~core.process.problems.KernelProblem` when the
kernel could not answer (stopped, out of time or memory, crashed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.autograd.lab import BackwardOutcome, LabOutcome
from core.base.i18n import _
from core.content.checks import ExerciseOutcome
from core.content.grading import read_truth, truth_code
from core.content.questions import Question
from core.kernel.client import KernelClient
from core.kernel.protocol import (
    AUTOGRAD,
    TENSORS,
    BuildGraph,
    CheckExercise,
    DescribeModel,
    Evaluate,
    ResetSession,
    RunBackward,
    RunCode,
    SessionReset,
    Zeroed,
    ZeroGrad,
)
from core.process.problems import KernelProblem
from core.tensors.model_summary import ModelSummary
from core.tensors.playground import PlaygroundOutcome

Cancelled = Callable[[], bool] | None


class RemotePlayground:
    """The Tensors tab's session, in the kernel."""

    def __init__(self, kernel: KernelClient) -> None:
        self.kernel = kernel

    def run(
        self, code: str, focus: str | None = None, cancelled: Cancelled = None
    ) -> PlaygroundOutcome | KernelProblem:
        """Run ``code`` as :meth:`core.tensors.playground.Playground.run` does."""
        return self.kernel.request(RunCode(code, focus), cancelled)

    def reset(self, cancelled: Cancelled = None) -> SessionReset | KernelProblem:
        """Forget every variable."""
        return self.kernel.request(ResetSession(TENSORS), cancelled)

    def describe(self, name: str, cancelled: Cancelled = None) -> ModelSummary | KernelProblem:
        """Summarise the network in the variable ``name``, as :meth:`Playground.describe` does."""
        return self.kernel.request(DescribeModel(name), cancelled)


class RemoteAutogradLab:
    """The Autograd tab's session, in the kernel."""

    def __init__(self, kernel: KernelClient) -> None:
        self.kernel = kernel

    def run(self, code: str, cancelled: Cancelled = None) -> LabOutcome | KernelProblem:
        """Run ``code`` and describe its graph, as :meth:`core.autograd.lab.AutogradLab.run` does."""
        return self.kernel.request(BuildGraph(code), cancelled)

    def backward(self, cancelled: Cancelled = None) -> BackwardOutcome | KernelProblem:
        """Run backward, as :meth:`core.autograd.lab.AutogradLab.backward` does."""
        return self.kernel.request(RunBackward(), cancelled)

    def zero_grad(self, cancelled: Cancelled = None) -> list[str] | KernelProblem:
        """Zero the leaves' gradients; return their names."""
        reply = self.kernel.request(ZeroGrad(), cancelled)
        return list(reply.names) if isinstance(reply, Zeroed) else reply

    def reset(self, cancelled: Cancelled = None) -> SessionReset | KernelProblem:
        """Forget the variables and the graph."""
        return self.kernel.request(ResetSession(AUTOGRAD), cancelled)


class RemoteQuestions:
    """The questions' answers, computed by the kernel in a session of their own."""

    def __init__(self, kernel: KernelClient) -> None:
        self.kernel = kernel

    def truth(self, question: Question, cancelled: Cancelled = None) -> Any:
        """Run ``question``'s setup and truth from a fresh session and return the value.

        ValueError, in the learner's words, when it cannot be computed.
        """
        outcome = self.kernel.request(Evaluate(truth_code(question)), cancelled)
        if isinstance(outcome, KernelProblem):
            raise ValueError(
                _("the Python process that runs the code stopped ({reason})").format(reason=outcome.reason)
            )
        if outcome.error:
            raise ValueError(outcome.error.splitlines()[0])
        return read_truth(outcome.value_text)


class RemoteExercises:
    """Code exercises, run and checked by the kernel in a session of their own."""

    def __init__(self, kernel: KernelClient) -> None:
        self.kernel = kernel

    def check(self, code: str, check: str, cancelled: Cancelled = None) -> ExerciseOutcome | KernelProblem:
        """Run ``code`` from a fresh session and the check called ``check`` on what it left."""
        return self.kernel.request(CheckExercise(code, check), cancelled)
