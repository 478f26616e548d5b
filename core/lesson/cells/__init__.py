"""The lesson's 26 code cells, in order (see :mod:`core.lesson.cells.cell`)."""

from core.lesson.cells.autograd import AUTOGRAD_CELLS
from core.lesson.cells.cell import AUTOGRAD, BACKWARD, RUN, TENSORS, TRAIN, TRAIN_RUN, LessonCell
from core.lesson.cells.network import NETWORK_CELLS
from core.lesson.cells.tensors import TENSORS_CELLS

CELLS: tuple[LessonCell, ...] = TENSORS_CELLS + AUTOGRAD_CELLS + NETWORK_CELLS


def cell(number: int) -> LessonCell:
    """Return cell ``number`` (1 to 26)."""
    return CELLS[number - 1]


__all__ = ["AUTOGRAD", "BACKWARD", "CELLS", "RUN", "TENSORS", "TRAIN", "TRAIN_RUN", "LessonCell", "cell"]
