"""The questions in a terminal (``python main.py quiz``): the same files, the same feedback as the app."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from core.base.i18n import _
from core.content.grading import AnswerError, Verdict, grade, parse_answer, same
from core.content.progress import Progress
from core.content.questions import CHOICE, NUMBER, Question

JUST_SHOW = ("?", "？")
LETTERS = "abcdefghij"


def run_quiz(
    questions: Sequence[Question],
    compute: Callable[[Question], Any],
    progress: Progress | None = None,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> tuple[int, int]:
    """Ask each question, then show what the app computed; return (right at the first try, answered).

    ``compute`` returns a question's truth (ValueError if it cannot). Input that
    ends (Ctrl+D, a closed pipe) ends the quiz where it is.
    """
    right = answered = 0
    for number, question in enumerate(questions, 1):
        say("")
        say(
            _("Question {number} of {total} ({where})").format(
                number=number, total=len(questions), where=question.where
            )
        )
        try:
            truth = compute(question)
        except ValueError as exc:
            say(
                _("This question was skipped: its answer could not be computed ({reason}).").format(
                    reason=exc
                )
            )
            continue
        say(question.prompt.shown())
        for letter, choice in zip(LETTERS, question.choices, strict=False):
            say(f"  {letter}) {choice.text.shown()}")
        try:
            verdict = _answer(question, truth, ask, say)
        except EOFError:
            say("")
            break
        if verdict is not None:
            answered += 1
            right += verdict.right
            if progress is not None:
                progress.record(question.id, verdict.right)
        say(_("The app computed: {value}").format(value=shown_truth(question, truth)))
        say(question.explain.shown())
    say("")
    say(_("Right at the first try: {right} of {answered} answered.").format(right=right, answered=answered))
    return right, answered


def _answer(
    question: Question, truth: Any, ask: Callable[[str], str], say: Callable[[str], None]
) -> Verdict | None:
    """Read answers until one can be graded; None if the learner asked to just see the result."""
    while True:
        text = ask(_("Your answer (? shows the result without answering): "))
        if text.strip() in JUST_SHOW:
            return None
        try:
            answer = parse_answer(question, text)
        except AnswerError as exc:
            say(str(exc))
            continue
        verdict = grade(question, answer, truth)
        say(verdict_text(question, verdict))
        return verdict


def verdict_text(question: Question, verdict: Verdict) -> str:
    """Return what the learner reads after answering: right, or wrong with why (and how far off)."""
    if verdict.right:
        return _("Right.")
    lines = [_("Not quite.")]
    if question.kind == NUMBER and verdict.distance is not None:
        lines.append(
            _("Your answer is {distance:.3g} away from the result.").format(distance=verdict.distance)
        )
    if verdict.feedback is not None:
        lines.append(verdict.feedback.shown())
    return " ".join(lines)


def shown_truth(question: Question, truth: Any) -> str:
    """Return the truth as the learner reads it: a choice's text, or the value."""
    if question.kind == CHOICE:
        for letter, choice in zip(LETTERS, question.choices, strict=False):
            if same(choice.value, truth, question.tolerance):
                return f"{letter}) {choice.text.shown()}"
    return str(truth)
