"""An answer checked against the truth the app computed: right or not, how far off, what it reveals.

The truth comes back from the kernel as the ``repr`` of a plain value (a
number, a string, a tuple), read with :func:`ast.literal_eval`, never ``eval``.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any

from core.base.i18n import _
from core.content.questions import CELLS, CHOICE, NUMBER, SHAPE, Question
from core.content.reading import Text

SHAPE_SEPARATORS = re.compile(r"[\s,，×x*]+")


class AnswerError(ValueError):
    """An answer the learner typed that cannot be read, with what to type instead."""


@dataclass(frozen=True)
class Verdict:
    """What the learner is told once they answered."""

    right: bool
    feedback: Text | None  # the misunderstanding a wrong answer reveals, if the question names it
    distance: float | None = None  # how far a number was off


def truth_code(question: Question) -> str:
    """Return the code whose last expression is the question's truth, to run in a fresh session."""
    return f"{question.setup.rstrip()}\n({question.truth})\n"


def read_truth(value_text: str) -> Any:
    """Read the truth's ``repr`` as a plain value (ValueError if it is not one)."""
    try:
        value = ast.literal_eval(value_text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ValueError(f"the truth is not a plain value: {value_text[:80]!r}") from None
    return _plain(value)


def parse_answer(question: Question, text: str) -> Any:
    """Read what the learner typed for ``question`` (AnswerError, saying what to type, if unreadable)."""
    text = text.strip()
    if question.kind == CHOICE:
        letters = "abcdefghij"[: len(question.choices)]
        key = text.lower()
        if len(key) == 1 and key in letters:
            return letters.index(key)
        if key.isdigit() and 1 <= int(key) <= len(question.choices):
            return int(key) - 1
        raise AnswerError(
            _("Type the letter of your choice ({first} to {last}).").format(first="a", last=letters[-1])
        )
    if question.kind == NUMBER:
        try:
            value = float(text.replace("，", ".").replace(",", "."))
        except ValueError:
            raise AnswerError(_("Type a number, such as 2.3 or -0.5.")) from None
        if not math.isfinite(value):
            raise AnswerError(_("Type a finite number."))
        return value
    parts = [p for p in SHAPE_SEPARATORS.split(text.strip("()[]（）【】 ")) if p]
    if question.kind == SHAPE and text.strip("()[]（）【】 ") == "":
        return ()  # a 0-dimensional tensor's shape
    if not all(p.lstrip("-").isdigit() for p in parts) or not parts:
        example = "2, 3" if question.kind == SHAPE else "0, 2"
        raise AnswerError(
            _("Type whole numbers separated by commas, such as {example}.").format(example=example)
        )
    return tuple(int(p) for p in parts) if question.kind == SHAPE else tuple(sorted({int(p) for p in parts}))


def grade(question: Question, answer: Any, truth: Any) -> Verdict:
    """Check ``answer`` (from :func:`parse_answer`) against ``truth`` (from :func:`read_truth`)."""
    if question.kind == CHOICE:
        choice = question.choices[answer]
        right = same(choice.value, truth, question.tolerance)
        return Verdict(right, None if right else (choice.feedback or question.wrong))
    if question.kind == NUMBER:
        distance = abs(float(answer) - float(truth))
        if distance <= question.tolerance:
            return Verdict(True, None, distance)
        miss = next((m for m in question.misses if same(m.value, answer, question.tolerance)), None)
        return Verdict(False, miss.feedback if miss else question.wrong, distance)
    answer, truth = _canonical(question, answer), _canonical(question, truth)
    if same(answer, truth, 0.0):
        return Verdict(True, None)
    miss = next((m for m in question.misses if same(_canonical(question, m.value), answer, 0.0)), None)
    return Verdict(False, miss.feedback if miss else question.wrong)


def same(a: Any, b: Any, tolerance: float) -> bool:
    """Tell whether two plain values agree (numbers within ``tolerance``, tuples item by item)."""
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y, tolerance) for x, y in zip(a, b, strict=True))
    numbers = (int, float)
    if (
        isinstance(a, numbers)
        and isinstance(b, numbers)
        and not isinstance(a, bool)
        and not isinstance(b, bool)
    ):
        return abs(a - b) <= tolerance
    return a == b


def problems_with(question: Question, truth: Any) -> list[str]:
    """Return what is wrong with ``question`` given the truth the app computed (empty if nothing)."""
    found = []
    if question.kind == CHOICE:
        right = [c for c in question.choices if same(c.value, truth, question.tolerance)]
        if len(right) != 1:
            found.append(f"{len(right)} choices equal the truth {truth!r}; exactly one must")
        found += [
            f"choice {c.value!r} is wrong and has no feedback"
            for c in question.choices
            if c not in right and c.feedback is None and question.wrong is None
        ]
    elif question.kind == NUMBER and (isinstance(truth, bool) or not isinstance(truth, (int, float))):
        found.append(f"the truth {truth!r} is not a number")
    elif question.kind in (SHAPE, CELLS) and not (
        isinstance(truth, tuple) and all(isinstance(i, int) for i in truth)
    ):
        found.append(f"the truth {truth!r} is not a tuple of whole numbers")
    found += [
        f"the miss {m.value!r} is the right answer"
        for m in question.misses
        if _hits(question, m.value, truth)
    ]
    if question.kind != CHOICE and question.wrong is None and not question.misses:
        found.append("a wrong answer has no feedback: give wrong or misses")
    return found


def _hits(question: Question, value: Any, truth: Any) -> bool:
    return same(_canonical(question, value), _canonical(question, truth), question.tolerance)


def _canonical(question: Question, value: Any) -> Any:
    """Return ``value`` as answers are compared: a set of cells in order, anything else as it is."""
    if question.kind == CELLS and isinstance(value, tuple):
        return tuple(sorted(set(value)))
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value
