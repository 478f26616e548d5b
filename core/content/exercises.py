"""Exercises that check themselves: the schema, and reading it from a teacher's TOML file.

An exercise file holds ``[[exercise]]`` tables, in the questions' format
(:mod:`core.content.reading`: every text ``{ en = "...", zh_CN = "..." }``). Each
says in which tab it is done, its goal, where the learner starts, the name of
its check (:mod:`core.content.checks`), three hints from general to specific and
a model solution, shown only after an attempt. ``[[exercise.attempts]]`` are
wrong attempts a teacher expects, each with words its message must contain:
the tests run every solution (it must pass) and every attempt (it must fail
with those words).

What a start, a solution and an attempt hold depends on the check's kind:
code (a string) for ``code``; a table of training settings for ``run``
(``{ model = "mlp", epochs = 2 }``); for ``answer``, an attempt is the typed
answer and the solution a text in both languages saying how to find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.base.i18n import _
from core.base.paths import ASSETS_DIR
from core.content.checks import ANSWER, CODE, KINDS, RUN, load_all
from core.content.reading import ContentError, EntryReader, Text, read_tables

EXERCISES_DIR = ASSETS_DIR / "exercises"
TABS = ("tensors", "autograd", "train", "draw", "results")
HINTS = 3
# The training settings a run exercise may set, and what each must be.
RUN_SETTINGS = {
    "model": str,
    "activation": str,
    "epochs": int,
    "lr": float,
    "batch_size": int,
    "optimizer": str,
    "momentum": float,
    "data": str,
    "seed": int,
}


@dataclass(frozen=True)
class Attempt:
    """A wrong attempt a teacher expects, and words the check's message for it must contain."""

    value: Any
    says: str


@dataclass(frozen=True)
class Exercise:
    """A task the learner does, and how the app knows it is done."""

    id: str
    source: str  # the file it came from
    tab: str
    kind: str  # the check's kind: code, run or answer
    title: Text
    goal: Text
    start: Any
    check: str
    hints: tuple[Text, ...]
    solution: Any
    attempts: tuple[Attempt, ...] = ()


@dataclass(frozen=True)
class ExerciseSet:
    """Every exercise that loaded, and one message for each file that could not."""

    exercises: tuple[Exercise, ...]
    problems: tuple[str, ...] = ()

    def by_id(self, exercise_id: str) -> Exercise | None:
        """Return the exercise called ``exercise_id``, or None."""
        return next((e for e in self.exercises if e.id == exercise_id), None)

    def for_tab(self, tab: str) -> tuple[Exercise, ...]:
        """Return the exercises done in ``tab``."""
        return tuple(e for e in self.exercises if e.tab == tab)


def load_exercises(folder: Path = EXERCISES_DIR) -> ExerciseSet:
    """Read every ``*.toml`` in ``folder``; a file that cannot be used is skipped with a message."""
    exercises: list[Exercise] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            read = read_exercise_file(path)
            for exercise in read:
                if exercise.id in seen:
                    raise ContentError(
                        _("{file}: the id {id!r} is used twice; give each exercise its own id.").format(
                            file=path.name, id=exercise.id
                        )
                    )
                seen.add(exercise.id)
        except ContentError as exc:
            problems.append(str(exc))
            continue
        exercises.extend(read)
    return ExerciseSet(tuple(exercises), tuple(problems))


def read_exercise_file(path: Path) -> list[Exercise]:
    """Read one exercise file (ContentError, naming the file and the place, if it cannot be used)."""
    tables = read_tables(path, "exercise")
    return [_exercise(table, path.name, number) for number, table in enumerate(tables, 1)]


def _exercise(table: Any, file: str, number: int) -> Exercise:
    reader = EntryReader(table, file, number, "exercise")
    tab = reader.choice_of("tab", TABS)
    name = reader.required(str, "check")
    checks = load_all()
    if name not in checks:
        reader.fail(_("there is no check called {name!r}").format(name=name))
    kind = checks[name][0]
    hints = table.get("hints")
    if not isinstance(hints, list) or len(hints) != HINTS:
        reader.fail(_("hints must be a list of {count} texts, from general to specific").format(count=HINTS))
    attempts = table.get("attempts", [])
    if not isinstance(attempts, list):
        reader.fail(_("attempts must be a list of [[exercise.attempts]]"))
    return Exercise(
        id=reader.required(str, "id"),
        source=file,
        tab=tab,
        kind=kind,
        title=reader.text("title"),
        goal=reader.text("goal"),
        start=_value(reader, kind, table.get("start", "" if kind != RUN else {}), "start"),
        check=name,
        hints=tuple(reader.text(str(index), {str(index): hint}) for index, hint in enumerate(hints, 1)),
        solution=reader.text("solution")
        if kind == ANSWER
        else _value(reader, kind, table.get("solution"), "solution"),
        attempts=tuple(_attempt(reader, kind, attempt) for attempt in attempts),
    )


def _attempt(reader: EntryReader, kind: str, table: Any) -> Attempt:
    if not isinstance(table, dict) or "value" not in table or not isinstance(table.get("says"), str):
        reader.fail(_("every attempt needs a value and the words its message says (says)"))
    return Attempt(_value(reader, kind, table["value"], "attempts.value"), table["says"])


def _value(reader: EntryReader, kind: str, value: Any, key: str) -> Any:
    """Check a start, solution or attempt against what the check's kind takes."""
    if kind in (CODE, ANSWER):
        if not isinstance(value, str):
            reader.fail(_("{key} must be text").format(key=key))
        return value
    assert kind == RUN and kind in KINDS
    if not isinstance(value, dict):
        reader.fail(
            _('{key} must be a table of training settings, such as {{ model = "mlp" }}').format(key=key)
        )
    for setting, given in value.items():
        wanted = RUN_SETTINGS.get(setting)
        if wanted is None:
            reader.fail(
                _("{key} sets {setting!r}; the settings are {allowed}").format(
                    key=key, setting=setting, allowed=", ".join(RUN_SETTINGS)
                )
            )
        number = wanted is float and isinstance(given, int) and not isinstance(given, bool)
        if not isinstance(float(given) if number else given, wanted) or isinstance(given, bool):
            reader.fail(
                _("{key}.{setting} must be {kind}").format(key=key, setting=setting, kind=wanted.__name__)
            )
    return {k: float(v) if RUN_SETTINGS[k] is float else v for k, v in value.items()}
