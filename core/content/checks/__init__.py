"""The exercises' checks: small named functions that look at what the learner made and say whether
it does what the exercise asks.

An exercise file names its check (``check = "ones_with_strides_1_3"``); the
check is registered here with :func:`check`. There are three kinds, by what
they look at:

- ``code``: the variables the learner's code left (:class:`Work`), in the
  kernel, right after the code ran there. Such a check never believes what the
  code says about itself: it inspects the objects with functions taken before
  any learner code ran (:mod:`core.content.checks.inspect`), so a tensor
  subclass or a monkeypatched method cannot pass for the real thing.
- ``run``: a finished training run's settings and metrics (:class:`RunSummary`),
  as the training process reported them.
- ``answer``: what the learner typed, against facts the app knows
  (:class:`Answer`: the confusion matrix, the Draw tab's prediction).

A check returns :func:`passed` or raises :class:`Failed` with what was seen and
what was wanted, in the learner's words; anything else it raises means the
check could not run, which is never called a wrong answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CODE, RUN, ANSWER = "code", "run", "answer"
KINDS = (CODE, RUN, ANSWER)


class Failed(Exception):  # noqa: N818 - read as "the check failed: ..."
    """The learner's work does not do what the exercise asks; the message says what and how to fix it."""


@dataclass(frozen=True)
class Verdict:
    """A check's answer: passed, or not with the message (in the current language)."""

    passed: bool
    message: str = ""


@dataclass(frozen=True)
class Work:
    """What a code exercise's check looks at: the learner's variables and what the code printed."""

    variables: dict[str, Any]
    output: str = ""


@dataclass(frozen=True)
class RunSummary:
    """A finished training run: its settings (``TrainConfig`` fields) and its epochs' metrics."""

    settings: dict[str, Any]
    test_accuracy: tuple[float, ...]  # after each epoch, 0..1
    train_loss: tuple[float, ...]  # the mean over each epoch
    diverged: bool = False  # the loss became NaN or infinite
    stopped: bool = False  # stopped by the learner before its last epoch


@dataclass(frozen=True)
class Answer:
    """What the learner typed for an answer exercise, and the facts the app knows to check it."""

    text: str
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExerciseOutcome:
    """A code exercise's run and check in the kernel, as plain data for the app."""

    output: str  # what the code printed
    error: str | None  # why the code itself failed, explained (then it was not checked)
    passed: bool
    message: str  # the check's words: what was wrong, or well done
    could_not_run: bool = False  # the check itself failed: neither right nor wrong


Check = Callable[[Any], Verdict]
CHECKS: dict[str, tuple[str, Check]] = {}  # name -> (kind, function)


def check(name: str, kind: str) -> Callable[[Callable[[Any], Verdict]], Callable[[Any], Verdict]]:
    """Register the decorated function as the check called ``name``, of ``kind``."""

    def register(function: Callable[[Any], Verdict]) -> Callable[[Any], Verdict]:
        if name in CHECKS:
            raise ValueError(f"two checks are called {name!r}")
        CHECKS[name] = (kind, function)
        return function

    return register


def passed(message: str = "") -> Verdict:
    """Return a pass, with a word on what the learner just saw if there is one."""
    return Verdict(True, message)


def run_check(name: str, subject: Any) -> Verdict:
    """Run the check ``name`` on ``subject``: Failed becomes a verdict; anything else is raised."""
    _kind, function = CHECKS[name]
    try:
        verdict = function(subject)
    except Failed as failure:
        return Verdict(False, str(failure))
    if not isinstance(verdict, Verdict):
        raise TypeError(f"the check {name} returned {type(verdict).__name__}, not a Verdict")
    return verdict


def load_all() -> dict[str, tuple[str, Check]]:
    """Import every module of checks, so that each has registered its own; return the registry."""
    from core.content.checks import app_state, autograd, networks, tensors, training  # noqa: F401

    return CHECKS
