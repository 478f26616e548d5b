"""One code cell of the lesson: as written in 2017, today's form, what changed, and where the app runs it.

The lesson was written for PyTorch 0.3. Each cell keeps its code exactly as
written (``written``) and what the lesson printed (``printed``); ``today`` is
the equivalent for today's PyTorch where it differs, and ``change`` says what
changed and why (an ``N_`` message, translated where shown). ``tab`` names the
tab that runs the cell, ``context`` the earlier cells whose variables it
uses, and ``action`` what a click does beyond running the code.
"""

from __future__ import annotations

from dataclasses import dataclass

TENSORS = "tensors"
AUTOGRAD = "autograd"
TRAIN = "train"
RUN = "run"  # run the cell's code
BACKWARD = "backward"  # run the code of its context, then backward through the graph
TRAIN_RUN = "train"  # start the lesson's training run


@dataclass(frozen=True)
class LessonCell:
    """One code cell of the lesson."""

    number: int
    title: str
    tab: str
    written: str
    change: str
    today: str | None = None
    printed: str = ""
    action: str = RUN
    context: tuple[int, ...] = ()
    focus: str | None = None  # the variable the Tensors tab shows afterwards

    @property
    def code(self) -> str:
        """Return the code to run today: ``today`` where it differs, else the code as written."""
        return self.today if self.today is not None else self.written

    @property
    def differs(self) -> bool:
        """Tell whether today's code differs from the code as written."""
        return self.today is not None
