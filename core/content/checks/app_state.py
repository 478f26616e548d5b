"""Checks of the Draw and Results exercises: what the learner answers, against what the app shows.

The facts come from the tab: the Draw tab's probabilities for the digit on the
canvas (``probabilities``), the Results tab's confusion matrix (``confusion``,
rows the true digit, columns the prediction).
"""

from __future__ import annotations

from typing import Any

from core.base.i18n import _
from core.content.checks import ANSWER, Answer, Failed, Verdict, check, passed


def _digits(text: str, count: int) -> list[int]:
    """Read ``count`` digits (0 to 9) from what the learner typed."""
    found = [int(c) for c in text if c.isdigit()]
    if len(found) != count or any(not 0 <= d <= 9 for d in found):  # noqa: PLR2004 - the ten digits
        wanted = _("one digit, such as 7") if count == 1 else _("two digits, such as 4, 9")
        raise Failed(_("Type {wanted}.").format(wanted=wanted))
    return found


def _fact(answer: Answer, key: str, where: str) -> Any:
    value = answer.facts.get(key)
    if value is None:
        raise Failed(where)
    return value


def _probabilities(answer: Answer) -> list[float]:
    return [float(p) for p in _fact(answer, "probabilities", _("Draw a digit in the Draw tab first."))]


def _confusion(answer: Answer) -> list[list[int]]:
    where = _("Open the Results tab first, so that the model in use is evaluated on the test images.")
    return [[int(n) for n in row] for row in _fact(answer, "confusion", where)]


@check("drawn_digit_misread", ANSWER)
def drawn_digit_misread(answer: Answer) -> Verdict:
    """The digit on the canvas, which the learner says they meant, is read as another digit."""
    meant = _digits(answer.text, 1)[0]
    probabilities = _probabilities(answer)
    read = max(range(len(probabilities)), key=probabilities.__getitem__)
    if read == meant:
        raise Failed(
            _(
                "The model reads your {meant} as {meant} ({p:.0%}): it got it right. Try it off centre, very "
                "small, slanted or with a gap: the network saw only centred, thick digits."
            ).format(meant=meant, p=probabilities[read])
        )
    return passed(
        _("Your {meant} is read as {read}: a digit unlike the training images fools it.").format(
            meant=meant, read=read
        )
    )


@check("drawn_digit_unsure", ANSWER)
def drawn_digit_unsure(answer: Answer) -> Verdict:
    """The digit on the canvas is read with no probability above one half."""
    probabilities = _probabilities(answer)
    best = max(probabilities)
    if best > 0.5:  # noqa: PLR2004 - "unsure": no digit gets more than half
        raise Failed(
            _(
                "The model is {p:.0%} sure it is a {digit}; the exercise wants no digit above 50%. Draw "
                "something between two digits, such as a 4 that could be a 9."
            ).format(p=best, digit=probabilities.index(best))
        )
    return passed(
        _("No digit above {p:.0%}: softmax spreads its belief when the input fits none well.").format(p=best)
    )


@check("most_confused_pair", ANSWER)
def most_confused_pair(answer: Answer) -> Verdict:
    """The learner names the two digits the model mixes up most (both ways counted)."""
    matrix = _confusion(answer)
    pairs = {
        (a, b): matrix[a][b] + matrix[b][a] for a in range(len(matrix)) for b in range(a + 1, len(matrix))
    }
    most = max(pairs.values())
    first, second = sorted(_digits(answer.text, 2))
    named = (first, second)
    if named[0] == named[1]:
        raise Failed(_("Name two different digits."))
    if pairs.get(named, 0) != most:
        best = [f"{a}, {b}" for (a, b), n in pairs.items() if n == most]
        raise Failed(
            _(
                "{a} and {b} are mixed up {seen} times; the most mixed-up pair is mixed up {wanted} times. "
                "Look for the largest number off the diagonal, and add its mirror across the diagonal."
            ).format(a=named[0], b=named[1], seen=pairs.get(named, 0), wanted=most)
            + (" " + _("({count} pairs share the top.)").format(count=len(best)) if len(best) > 1 else "")
        )
    return passed(
        _("{a} and {b}: {n} test images, one way or the other.").format(a=named[0], b=named[1], n=most)
    )


@check("worst_digit", ANSWER)
def worst_digit(answer: Answer) -> Verdict:
    """The learner names the digit the model gets right least often."""
    matrix = _confusion(answer)
    accuracy = [row[i] / max(1, sum(row)) for i, row in enumerate(matrix)]
    named = _digits(answer.text, 1)[0]
    worst = min(accuracy)
    if accuracy[named] != worst:
        raise Failed(
            _(
                "The model gets {named} right {seen:.1%} of the time; one digit does worse, at {wanted:.1%}. "
                "Divide each row's diagonal number by the row's total."
            ).format(named=named, seen=accuracy[named], wanted=worst)
        )
    return passed(
        _("{named}: right {seen:.1%} of the time, the lowest of the ten.").format(named=named, seen=worst)
    )
