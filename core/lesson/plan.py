"""What running a lesson cell takes: the code for its tab, and the earlier cells it builds on.

The Tensors tab keeps its variables between runs, so a cell there runs after
the earlier cells that make the variables it uses, only if those are missing.
The Autograd tab draws the graph of one program, so a cell there runs with the
code of the cells before it (their ``print`` lines left out).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from core.lesson.cells import AUTOGRAD, BACKWARD, TENSORS, LessonCell, cell
from core.lesson.steps import assigned_names

# The names the lesson gets from an import line, and that line.
LESSON_IMPORT_LINES = {
    "Variable": "from torch.autograd import Variable",
    "optim": "import torch.optim as optim",
}


@dataclass(frozen=True)
class CellRun:
    """How a tab runs one cell: code to run first (Tensors tab), the code itself, and what follows."""

    tab: str
    code: str
    setup: tuple[str, ...] = ()
    focus: str | None = None
    backward: bool = False  # run backward through the graph once the code has run
    select: str | None = None  # the node to show afterwards (a leaf, by name)
    prints_grad: str | None = None  # the leaf whose gradient the cell prints once backward has run


def plan(lesson_cell: LessonCell, as_written: bool = False, available: Iterable[str] = ()) -> CellRun:
    """Return how to run ``lesson_cell`` (its 2017 code if ``as_written``) in its tab.

    ``available`` names the variables the Tensors tab has now.
    """
    code = _with_imports(lesson_cell.written) if as_written else lesson_cell.code
    if lesson_cell.tab == TENSORS:
        setup = _setup(lesson_cell, set(available))
        return CellRun(TENSORS, code, setup, lesson_cell.focus)
    if lesson_cell.tab == AUTOGRAD:
        context = [_without_prints(cell(number).code) for number in _context(lesson_cell)]
        if lesson_cell.action == BACKWARD:
            return CellRun(
                AUTOGRAD,
                "\n".join(context),
                backward=True,
                select=lesson_cell.focus,
                prints_grad=printed_grad(lesson_cell.code),
            )
        return CellRun(AUTOGRAD, "\n".join([*context, code]))
    return CellRun(lesson_cell.tab, code)


def printed_grad(code: str) -> str | None:
    """Return ``x`` when ``code`` is only ``print(x.grad)``: a line the tab answers after backward."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return None
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return None
    call = body[0].value
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print"):
        return None
    if len(call.args) != 1 or call.keywords:
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Attribute) and arg.attr == "grad" and isinstance(arg.value, ast.Name):
        return arg.value.id
    return None


def _context(lesson_cell: LessonCell) -> list[int]:
    """Return the cells ``lesson_cell`` builds on, theirs first, in lesson order, each once."""
    numbers: list[int] = []
    for number in lesson_cell.context:
        for needed in [*_context(cell(number)), number]:
            if needed not in numbers:
                numbers.append(needed)
    return sorted(numbers)


def _setup(lesson_cell: LessonCell, available: set[str]) -> tuple[str, ...]:
    """Return the code of the context cells that make a variable missing from ``available``."""
    codes = []
    for number in _context(lesson_cell):
        code = cell(number).code
        made = assigned_names(code) - set(LESSON_IMPORT_LINES)
        if not made <= available:
            codes.append(code)
            available |= made
    return tuple(codes)


def _with_imports(code: str) -> str:
    """Put in front of the 2017 code the lesson's import lines for names it uses without importing them."""
    names = [node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Name)]
    used = {node.id for node in names if isinstance(node.ctx, ast.Load)}
    needed = [line for name, line in LESSON_IMPORT_LINES.items() if name in used - assigned_names(code)]
    return "\n".join([*needed, code])


def _without_prints(code: str) -> str:
    """Leave out the statements that only print: a cell's context is run for its variables."""
    lines = code.split("\n")
    for statement in ast.parse(code).body:
        if (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name)
            and statement.value.func.id == "print"
        ):
            for index in range(statement.lineno - 1, statement.end_lineno or statement.lineno):
                lines[index] = None  # type: ignore[call-overload]
    return "\n".join(line for line in lines if line is not None).strip("\n")
