"""The messages between the app and its kernel: small frozen dataclasses of plain data.

The app sends a request (run code in the Tensors tab's session, build the
Autograd tab's graph, run backward, zero the gradients) and receives, first,
a :class:`Progress` for each top-level statement as it starts, then exactly
one reply: the outcome the tab shows, or :class:`Failure`. Every message
travels with the number of its request (:class:`Asked`, :class:`Answered`),
so that a late answer to an earlier request can never be taken for the
current one.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.autograd.lab import BackwardOutcome, LabOutcome
from core.base.i18n import ENGLISH
from core.content.checks import ExerciseOutcome
from core.tensors.model_summary import ModelSummary
from core.tensors.playground import PlaygroundOutcome

TENSORS = "tensors"
AUTOGRAD = "autograd"
QUESTIONS = "questions"  # the session that computes the questions' answers, fresh for each one
EXERCISES = "exercises"  # the session that runs an exercise's attempt and its check, fresh for each


@dataclass(frozen=True)
class RunCode:
    """Run code in the Tensors tab's session; show ``focus`` afterwards (else the value)."""

    code: str
    focus: str | None = None


@dataclass(frozen=True)
class DescribeModel:
    """Summarise the network in a variable of the Tensors tab's session, with its class's source."""

    name: str


@dataclass(frozen=True)
class Evaluate:
    """Run code in a fresh session of its own (a question's answer): neither tab's variables are touched."""

    code: str


@dataclass(frozen=True)
class CheckExercise:
    """Run a code exercise's attempt in a fresh session of its own, then the check it names."""

    code: str
    check: str


@dataclass(frozen=True)
class BuildGraph:
    """Run code from a fresh Autograd session and describe the graph of its output."""

    code: str


@dataclass(frozen=True)
class RunBackward:
    """Run backward through the Autograd tab's current graph, step by step."""


@dataclass(frozen=True)
class ZeroGrad:
    """Set the Autograd tab's leaf gradients to zero."""


@dataclass(frozen=True)
class ResetSession:
    """Forget every variable of one tab's session (``session`` is :data:`TENSORS` or :data:`AUTOGRAD`)."""

    session: str


@dataclass(frozen=True)
class SessionReset:
    """The session was reset."""

    session: str


@dataclass(frozen=True)
class Zeroed:
    """The leaves whose gradients were set to zero."""

    names: tuple[str, ...]


@dataclass(frozen=True)
class Ready:
    """The kernel has started and warmed up; it is waiting for requests."""

    pid: int
    memory_limit: int | None  # bytes the kernel may allocate (RLIMIT_DATA), if the OS caps them
    unconfined: tuple[str, ...] = ()  # what the OS could not confine here (files, network, ...), and why


@dataclass(frozen=True)
class Progress:
    """A top-level statement (1-based line number) is about to run; 0 once the code has run."""

    line: int


@dataclass(frozen=True)
class Failure:
    """The kernel could not answer a request (a fault of the kernel, not of the learner's code)."""

    message: str


Request = (
    RunCode | DescribeModel | Evaluate | CheckExercise | BuildGraph | RunBackward | ZeroGrad | ResetSession
)
Reply = (
    PlaygroundOutcome
    | ModelSummary
    | ExerciseOutcome
    | LabOutcome
    | BackwardOutcome
    | Zeroed
    | SessionReset
    | Failure
    | Progress
    | Ready
)


@dataclass(frozen=True)
class Asked:
    """A request from the app, numbered, with the language the app speaks (the answer's messages use it)."""

    number: int
    request: Request
    language: str = ENGLISH


@dataclass(frozen=True)
class Answered:
    """A message from the kernel about request ``number`` (0: about no request, e.g. :class:`Ready`)."""

    number: int
    reply: Reply


EXPECTED_REPLY = {
    RunCode: PlaygroundOutcome,
    Evaluate: PlaygroundOutcome,
    DescribeModel: ModelSummary,
    CheckExercise: ExerciseOutcome,
    BuildGraph: LabOutcome,
    RunBackward: BackwardOutcome,
    ZeroGrad: Zeroed,
    ResetSession: SessionReset,
}


def session_of(request: Request) -> str:
    """Return the session a request works in: a kernel lost while serving it was lost to that tab first."""
    if isinstance(request, ResetSession):
        return request.session
    if isinstance(request, Evaluate):
        return QUESTIONS
    if isinstance(request, CheckExercise):
        return EXERCISES
    return TENSORS if isinstance(request, RunCode) else AUTOGRAD
