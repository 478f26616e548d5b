"""Which questions a learner answered, and whether right the first time: on disk, trusted once checked.

One small JSON file in the app's data folder, written whole or not at all
(a crash mid-write leaves the last good file). A file that cannot be read or
holds anything unexpected is set aside, with one line in the log, and progress
starts again: it never stops the app from opening.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from core.base.safe_files import write_bytes_atomically

PROGRESS_FILE = "question-progress.json"
FORMAT = 1
MAX_BYTES = 5_000_000

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answered:
    """One question's or exercise's record: right at the first try, how many answers, right at all."""

    first_try_right: bool
    attempts: int
    passed: bool = False  # right at least once (an exercise is done)


class Progress:
    """The answers recorded in ``path`` (read when made, written at each :meth:`record`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.answered: dict[str, Answered] = _read(path)

    def record(self, question_id: str, right: bool) -> Answered:
        """Count one answer to ``question_id`` and write the file (see :meth:`note`)."""
        now = self.note(question_id, right)
        self.save()
        return now

    def note(self, question_id: str, right: bool) -> Answered:
        """Count one answer in memory; the first answer decides ``first_try_right``."""
        before = self.answered.get(question_id)
        now = Answered(
            right if before is None else before.first_try_right,
            (before.attempts if before else 0) + 1,
            right or (before is not None and before.passed),
        )
        self.answered[question_id] = now
        return now

    def reset(self) -> None:
        """Forget every answer, and write the file."""
        self.answered = {}
        self.save()

    def save(self) -> None:
        """Write the answers in memory, whole or not at all (OSError if the folder cannot be written)."""
        save_answers(self.path, dict(self.answered))


def save_answers(path: Path, answered: dict[str, Answered]) -> None:
    """Write ``answered`` to ``path`` as a progress file, atomically (a copy taken in one thread may be
    written in another)."""
    data = {
        "format": FORMAT,
        "answered": {
            key: {"first_try_right": a.first_try_right, "attempts": a.attempts, "passed": a.passed}
            for key, a in sorted(answered.items())
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"))


def _read(path: Path) -> dict[str, Answered]:
    try:
        if not path.exists():
            return {}
        if path.stat().st_size > MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(path.read_text(encoding="utf-8"))
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("answered"), dict)
        ):
            raise ValueError("not a progress file of this version")
        answered = {}
        for key, value in data["answered"].items():
            first, attempts = value.get("first_try_right"), value.get("attempts")
            passed = value.get("passed", first)  # files written before exercises: right once if at first
            if (
                not isinstance(first, bool)
                or not isinstance(passed, bool)
                or not isinstance(attempts, int)
                or isinstance(attempts, bool)
            ):
                raise ValueError(f"the record of {key!r} is damaged")
            answered[str(key)] = Answered(first, max(1, attempts), passed or first)
    except (OSError, UnicodeDecodeError, ValueError, AttributeError) as exc:
        logger.warning("Question progress in %s could not be read (%s); it starts again", path, exc)
        _set_aside(path)
        return {}
    return answered


def _set_aside(path: Path) -> None:
    """Keep a damaged file beside the new one (``.damaged``), for a teacher who wants to look."""
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".damaged"))
