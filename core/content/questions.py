"""Questions asked before a result shows: the schema, and reading it from a teacher's TOML file.

A question file holds ``[[question]]`` tables; each text is a table with one
entry per language (``prompt = { en = "...", zh_CN = "..." }``). What the right
answer is, the file never says: ``setup`` is the code the learner has run at
that moment and ``truth`` an expression the app evaluates after it, so the
question and what PyTorch computes cannot disagree. A choice is right when its
``value`` equals the truth; every other choice carries ``feedback`` that names
the misunderstanding it reveals. A file that cannot be used is reported with its
name and the line or question at fault, and the other files still load.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.base.i18n import N_, _
from core.base.paths import ASSETS_DIR
from core.content.reading import ContentError, EntryReader, Text, read_tables

QUESTIONS_DIR = ASSETS_DIR / "questions"
CHOICE, NUMBER, SHAPE, CELLS = "choice", "number", "shape", "cells"
KINDS = (CHOICE, NUMBER, SHAPE, CELLS)
# Where a question may be asked: a lesson cell, or a moment in a tab.
TABS = ("tensors", "autograd", "train", "draw", "results", "optimizers")
TAB_PLACES = {
    "tensors": N_("the Tensors tab"),
    "autograd": N_("the Autograd tab"),
    "train": N_("the Train tab"),
    "draw": N_("the Draw tab"),
    "results": N_("the Results tab"),
}


@dataclass(frozen=True)
class Choice:
    """One answer offered; ``feedback`` says what choosing it reveals when it is wrong."""

    value: Any
    text: Text
    feedback: Text | None = None


@dataclass(frozen=True)
class Miss:
    """A wrong number or shape a learner is likely to give, and the misunderstanding behind it."""

    value: Any
    feedback: Text


@dataclass(frozen=True)
class Question:
    """A prediction asked before a result shows."""

    id: str
    source: str  # the file it came from
    kind: str
    prompt: Text
    explain: Text  # shown with the real result, whatever was answered
    setup: str
    truth: str
    cell: int | None = None
    tab: str | None = None
    moment: str | None = None
    choices: tuple[Choice, ...] = ()
    misses: tuple[Miss, ...] = ()
    tolerance: float = 0.0
    wrong: Text | None = None  # for a wrong number or shape that no miss names

    @property
    def where(self) -> str:
        """Return where it is asked, in the current language: ``lesson cell 12`` or ``the Autograd tab``."""
        if self.cell is not None:
            return _("lesson cell {number}").format(number=self.cell)
        return _(TAB_PLACES[self.tab or ""])


@dataclass(frozen=True)
class QuestionSet:
    """Every question that loaded, and one message for each file that could not."""

    questions: tuple[Question, ...]
    problems: tuple[str, ...] = field(default=())

    def for_cell(self, number: int) -> tuple[Question, ...]:
        """Return the questions asked before cell ``number``'s result."""
        return tuple(q for q in self.questions if q.cell == number)

    def by_id(self, question_id: str) -> Question | None:
        """Return the question called ``question_id``, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


def load_questions(folder: Path = QUESTIONS_DIR) -> QuestionSet:
    """Read every ``*.toml`` in ``folder``; a file that cannot be used is skipped with a message."""
    questions: list[Question] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            read = read_question_file(path)
            for question in read:
                if question.id in seen:
                    raise ContentError(
                        _("{file}: the id {id!r} is used twice; give each question its own id.").format(
                            file=path.name, id=question.id
                        )
                    )
                seen.add(question.id)
        except ContentError as exc:
            problems.append(str(exc))
            continue
        questions.extend(read)
    return QuestionSet(tuple(questions), tuple(problems))


def read_question_file(path: Path) -> list[Question]:
    """Read one question file (ContentError, naming the file and the place, if it cannot be used)."""
    tables = read_tables(path, "question")
    return [_question(table, path.name, number) for number, table in enumerate(tables, 1)]


def _question(table: Any, file: str, number: int) -> Question:
    reader = _Reader(table, file, number)
    kind = reader.choice_of("kind", KINDS)
    cell, tab = reader.optional(int, "cell"), reader.optional(str, "tab")
    if (cell is None) == (tab is None):
        reader.fail(
            _("give either cell (1 to 26) or tab (one of {tabs}), not both").format(tabs=", ".join(TABS))
        )
    if cell is not None and not 1 <= cell <= 26:  # noqa: PLR2004 - the lesson's 26 cells
        reader.fail(_("cell must be 1 to 26, not {value}").format(value=cell))
    if tab is not None and tab not in TABS:
        reader.fail(_("tab must be one of {tabs}, not {value!r}").format(tabs=", ".join(TABS), value=tab))
    choices = tuple(reader.choices()) if kind == CHOICE else ()
    if kind == CHOICE and len(choices) < 2:  # noqa: PLR2004 - a choice needs something to choose from
        reader.fail(_("a choice question needs at least two [[question.choices]]"))
    tolerance = reader.optional(float, "tolerance") or 0.0
    if not math.isfinite(tolerance) or tolerance < 0:
        reader.fail(_("tolerance must be a number of 0 or more"))
    return Question(
        id=reader.required(str, "id"),
        source=file,
        kind=kind,
        prompt=reader.text("prompt"),
        explain=reader.text("explain"),
        setup=reader.optional(str, "setup") or "",
        truth=reader.required(str, "truth"),
        cell=cell,
        tab=tab,
        moment=reader.optional(str, "moment") if tab is not None else None,
        choices=choices,
        misses=tuple(reader.misses()),
        tolerance=tolerance,
        wrong=reader.text("wrong") if "wrong" in table else None,
    )


class _Reader(EntryReader):
    """A [[question]] table's fields, with its choices and misses."""

    def choices(self) -> list[Choice]:
        tables = self.table.get("choices")
        if not isinstance(tables, list):
            self.fail(_("a choice question needs at least two [[question.choices]]"))
        out = []
        for table in tables:
            if not isinstance(table, dict) or "value" not in table:
                self.fail(_("every choice needs a value"))
            feedback = self.text("feedback", table) if "feedback" in table else None
            out.append(Choice(_literal(table["value"]), self.text("text", table), feedback))
        return out

    def misses(self) -> list[Miss]:
        tables = self.table.get("misses", [])
        if not isinstance(tables, list):
            self.fail(_("misses must be a list of [[question.misses]]"))
        out = []
        for table in tables:
            if not isinstance(table, dict) or "value" not in table:
                self.fail(_("every miss needs a value"))
            out.append(Miss(_literal(table["value"]), self.text("feedback", table)))
        return out


def _literal(value: Any) -> Any:
    """Return a TOML value as the truth would be compared with it (arrays as tuples)."""
    if isinstance(value, list):
        return tuple(_literal(item) for item in value)
    return value
