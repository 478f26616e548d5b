"""The lesson's log, as the terminal and the Train tab print it for a run's events.

The lesson prints ``epoch N`` and a line of stars as an epoch begins, a
``[N/5] Loss: ..., Acc: ...`` line every 300 batches, ``Finish N epoch ...`` and
``Test Loss ...`` at its end, then an empty line. These lines keep the
lesson's exact format in every language; only the note on why a smaller data
set prints fewer of them is translated.
"""

from __future__ import annotations

import math

from core.base.i18n import _
from core.training.events import (
    BatchProgress,
    EpochEnd,
    EpochStarted,
    LearningRateChanged,
    RunStarted,
    TrainingEvent,
)

LESSON_TRAIN_SIZE = 60_000  # the lesson trains on the whole MNIST training set


def lesson_lines(event: TrainingEvent) -> tuple[str, ...]:
    """Return the lines the lesson prints for ``event`` (none for most progress events)."""
    if isinstance(event, BatchProgress):
        return (event.lesson_line(),) if event.is_log_step else ()
    if isinstance(event, (EpochStarted, EpochEnd)):
        return event.lesson_lines()
    if isinstance(event, LearningRateChanged):  # not the lesson's, but where the lesson's lines are
        return (event.lesson_line(),)
    return ()


def fewer_lines_note(started: RunStarted, batch_size: int, log_interval: int) -> str | None:
    """Say why a run on fewer images than the lesson's prints fewer ``[N/M]`` lines an epoch, if it does."""
    lesson_batches = math.ceil(LESSON_TRAIN_SIZE / batch_size)
    lines, lesson = started.batches_per_epoch // log_interval, lesson_batches // log_interval
    if started.train_size >= LESSON_TRAIN_SIZE or lines >= lesson:
        return None
    return _(
        "Fewer log lines than in the lesson: {train:,} training images make {batches:,} batches of "
        "{batch_size} an epoch here, against {lesson_batches:,} for the lesson's 60,000, so one line "
        "every {interval} batches makes {lines} per epoch here and {lesson} in the lesson. "
        "Full MNIST gives the lesson's log."
    ).format(
        train=started.train_size,
        batches=started.batches_per_epoch,
        batch_size=batch_size,
        lesson_batches=lesson_batches,
        interval=log_interval,
        lines=lines,
        lesson=lesson,
    )
