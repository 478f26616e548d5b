"""Checks of the Tensors tab's exercises: shapes, strides, shared memory, in-place changes, indexing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.base.i18n import _
from core.content.checks import CODE, Failed, Verdict, Work, check, passed
from core.content.checks import inspect as look


@check("ones_with_strides_1_3", CODE)
def ones_with_strides_1_3(work: Work) -> Verdict:
    """``x`` is a 3×4 tensor of ones whose strides are (1, 3): the transpose of a 4×3 one."""
    x = look.tensor(work, "x")
    if look.shape(x) != (3, 4):
        raise Failed(_("x has shape {seen}; the exercise wants (3, 4).").format(seen=look.shape(x)))
    if not look.close(look.values(x), [[1.0] * 4] * 3):
        raise Failed(_("x holds other numbers than ones: make it from torch.ones."))
    if look.strides(x) != (1, 3):
        raise Failed(
            _("x's strides are {seen}; the exercise wants (1, 3): try .t() on a 4×3 tensor.").format(
                seen=look.strides(x)
            )
        )
    return passed(_("x is a view whose rows are not contiguous in memory: x.is_contiguous() is False."))


@check("view_shares_memory", CODE)
def view_shares_memory(work: Work) -> Verdict:
    """``y`` is a 3×4 view of the (12,) tensor ``x``: adding to y in place changes x."""
    x = look.tensor(work, "x")
    y = look.tensor(work, "y")
    if look.shape(x) != (12,):
        raise Failed(
            _(
                "x has shape {seen}; leave x of shape (12,) as torch.arange(12.) made it, and make y from x."
            ).format(seen=look.shape(x))
        )
    if look.shape(y) != (3, 4):
        raise Failed(
            _("y has shape {seen}; the exercise wants (3, 4): 3 rows of 4, as x.view(3, 4) gives.").format(
                seen=look.shape(y)
            )
        )
    numbers = look.values(x)
    wanted = [numbers[i : i + 4] for i in range(0, 12, 4)]
    if not look.close(look.values(y), wanted):
        raise Failed(
            _("y holds {seen}; the exercise wants x's numbers, row by row: {wanted}.").format(
                seen=look.values(y), wanted=wanted
            )
        )
    look.add_in_place(y, 100, "y")
    if not look.close(look.values(x), [n + 100 for n in numbers]):
        raise Failed(
            _(
                "Adding 100 to y in place left x at {seen}: y is a copy of x's numbers, not a view. "
                "Make y with x.view(3, 4), which shares x's memory."
            ).format(seen=look.values(x))
        )
    return passed(
        _("Adding 100 to y changed x as well: y is a view of x, with its own shape over the same memory.")
    )


def _rows_swapped(swap_rows: Callable[..., Any], rows: list[list[float]]) -> None:
    """Call ``swap_rows`` on the check's own tensor of ``rows``; Failed unless rows 0 and 2 swap in place."""
    t = look.new_tensor(rows)
    before = look.storage_pointer(t)
    look.call(swap_rows, "swap_rows", t)
    seen = look.values(t)
    wanted = [rows[2], *rows[1:2], rows[0], *rows[3:]]
    if look.close(seen, rows):
        raise Failed(
            _(
                "swap_rows left the tensor as it was: {seen}. Change the rows of t itself: "
                "t = ... inside the function, or returning a new tensor, leaves the caller's tensor alone."
            ).format(seen=seen)
        )
    if look.storage_pointer(t) != before:
        raise Failed(
            _(
                "swap_rows gave the tensor new memory: t.data = ... or t.set_(...) replaces its storage "
                "instead of changing it. Write the rows into t's own memory, e.g. with t[[0, 2]] = ..."
            )
        )
    if look.shape(t) == (len(rows), len(rows[0])) and look.close(seen[0], seen[2]):
        raise Failed(
            _(
                "After swap_rows, rows 0 and 2 are both {row}: t[0] and t[2] are views, so writing row 0 "
                "overwrote numbers before they were read. Copy one row first (.clone()), "
                "or index both rows at once."
            ).format(row=seen[0])
        )
    if not look.close(seen, wanted):
        raise Failed(
            _(
                "After swap_rows the tensor holds {seen}; the exercise wants {wanted}: "
                "rows 0 and 2 swapped, the other rows as they were."
            ).format(seen=seen, wanted=wanted)
        )


@check("swap_rows_in_place", CODE)
def swap_rows_in_place(work: Work) -> Verdict:
    """``swap_rows(t)`` swaps rows 0 and 2 of t in t's own memory, for tensors of any width."""
    swap_rows = look.function(work, "swap_rows")
    _rows_swapped(swap_rows, [[float(4 * r + c) for c in range(4)] for r in range(3)])
    _rows_swapped(swap_rows, [[1.0, -1.0], [2.0, -2.0], [3.0, -3.0], [4.0, -4.0]])
    return passed(
        _(
            "swap_rows changed the rows in place: the tensor kept its memory, "
            "and everyone holding it sees the swap."
        )
    )


@check("numpy_shares_memory", CODE)
def numpy_shares_memory(work: Work) -> Verdict:
    """``t`` is a tensor over the memory of the (5,) NumPy array ``a``: adding to t in place changes a."""
    a = look.array(work, "a")
    if look.array_shape(a) != (5,):
        raise Failed(
            _("a has shape {seen}; keep a = np.ones(5), of shape (5,), and make t from it.").format(
                seen=look.array_shape(a)
            )
        )
    t = look.tensor(work, "t")
    numbers = look.array_values(a)
    if look.shape(t) != (5,) or not look.close(look.values(t), numbers):
        raise Failed(
            _("t holds {seen}; the exercise wants a's numbers, {wanted}, in a tensor of shape (5,).").format(
                seen=look.values(t), wanted=numbers
            )
        )
    look.add_in_place(t, 1, "t")
    if look.close(look.array_values(a), [n + 1 for n in numbers]):
        return passed(_("Adding 1 to t changed a too: t and a are two views of the same memory."))
    kind = str(look.dtype(t)).removeprefix("torch.")
    if kind != look.array_dtype(a):
        raise Failed(
            _(
                "Adding 1 to t in place left a at {seen}: t is a copy. t is {kind} while a is {array_kind}, "
                "and changing the dtype (torch.Tensor(a), .float()) copies the numbers. "
                "torch.from_numpy(a) keeps a's dtype and shares its memory."
            ).format(seen=look.array_values(a), kind=kind, array_kind=look.array_dtype(a))
        )
    raise Failed(
        _(
            "Adding 1 to t in place left a at {seen}: t is a copy of a's numbers "
            "(torch.tensor always copies). "
            "torch.from_numpy(a) makes a tensor over a's own memory."
        ).format(seen=look.array_values(a))
    )


def _grid(rows: int, columns: int) -> list[list[float]]:
    """Return the numbers of ``torch.arange(rows * columns.).view(rows, columns)``, as lists."""
    return [[float(r * columns + c) for c in range(columns)] for r in range(rows)]


@check("broadcast_row", CODE)
def broadcast_row(work: Work) -> Verdict:
    """``out`` is ``m + row``: the (4,) row added to every row of the 3×4 ``m``, which stays as it was."""
    m = look.tensor(work, "m")
    row = look.tensor(work, "row")
    numbers = [10.0, 20.0, 30.0, 40.0]
    wanted = [[n + r for n, r in zip(line, numbers, strict=True)] for line in _grid(3, 4)]
    if look.close(look.values(m), wanted):
        raise Failed(
            _(
                "m changed too: it now holds m + row. m += row (or m.add_(row)) works in place; "
                "write out = m + row to leave m as it was."
            )
        )
    if not look.close(look.values(m), _grid(3, 4)) or not look.close(look.values(row), numbers):
        raise Failed(_("Keep m and row as the start made them; put the sum in out."))
    out = look.tensor(work, "out")
    if look.shape(out) != (3, 4):
        raise Failed(
            _(
                "out has shape {seen}; the exercise wants (3, 4), the shape of m: a (4,) row added to "
                "a (3, 4) tensor is stretched over its 3 rows."
            ).format(seen=look.shape(out))
        )
    seen = look.values(out)
    for index, (line, wanted_line) in enumerate(zip(seen, wanted, strict=True)):
        if not look.close(line, wanted_line):
            raise Failed(
                _(
                    "out's row {index} is {seen}; the exercise wants {wanted}, m's row {index} plus row. "
                    "Write out = m + row: torch adds row to every row of m (broadcasting)."
                ).format(index=index, seen=line, wanted=wanted_line)
            )
    return passed(
        _("out = m + row: torch matched the last dimensions (4 and 4) and repeated row over m's 3 rows.")
    )


@check("diagonal_of_a", CODE)
def diagonal_of_a(work: Work) -> Verdict:
    """``d`` is the diagonal of the 4×4 ``a``, as a tensor of shape (4,)."""
    a = look.tensor(work, "a")
    if look.shape(a) != (4, 4):
        raise Failed(
            _("a has shape {seen}; keep a = torch.arange(16.).view(4, 4) and make d from it.").format(
                seen=look.shape(a)
            )
        )
    d = look.tensor(work, "d")
    if look.shape(d) != (4,):
        raise Failed(
            _("d has shape {seen}; the exercise wants (4,): one number from each row of a.").format(
                seen=look.shape(d)
            )
        )
    wanted = look.diagonal(a)
    if not look.close(look.values(d), wanted):
        raise Failed(
            _(
                "d holds {seen}; the diagonal of a is {wanted}: a[0, 0], a[1, 1], a[2, 2], a[3, 3]. "
                "torch has a function that picks them without a loop."
            ).format(seen=look.values(d), wanted=wanted)
        )
    if look.shares_memory(d, a):
        return passed(
            _("d is a view of a's diagonal: stride {stride}, one row and one column along per step.").format(
                stride=look.strides(d)
            )
        )
    return passed(_("d holds the diagonal, as a copy; a.diagonal() gives the same numbers as a view of a."))


@check("view_minus_one", CODE)
def view_minus_one(work: Work) -> Verdict:
    """``y`` is a (6, 4) view of ``x = torch.arange(24.).view(2, 3, 4)``."""
    x = look.tensor(work, "x")
    if look.shape(x) != (2, 3, 4):
        raise Failed(
            _("x has shape {seen}; leave x of shape (2, 3, 4) and make y from it.").format(seen=look.shape(x))
        )
    y = look.tensor(work, "y")
    if look.shape(y) != (6, 4):
        raise Failed(
            _(
                "y has shape {seen}; the exercise wants (6, 4). Give the 4 and let torch work out "
                "the other size: -1 stands for whatever is left."
            ).format(seen=look.shape(y))
        )
    flat = [n for block in look.values(x) for line in block for n in line]
    if not look.close(look.values(y), [flat[i : i + 4] for i in range(0, 24, 4)]):
        raise Failed(
            _("y holds {seen}; the exercise wants x's numbers in their order, 4 to a row.").format(
                seen=look.values(y)
            )
        )
    if not look.shares_memory(y, x):
        raise Failed(_("y is a copy: its memory is not x's. view gives the new shape over x's own memory."))
    return passed(
        _(
            "y is a (6, 4) view of x: 24 numbers in rows of 4 make 6 rows; "
            "x.view(-1, 4) lets torch work out the 6."
        )
    )


@check("contiguous_then_view", CODE)
def contiguous_then_view(work: Work) -> Verdict:
    """``y`` holds the numbers of ``x.t()`` (x = arange(12.) in 3×4) in its row order, shape (12,)."""
    y = look.tensor(work, "y")
    if look.shape(y) != (12,):
        raise Failed(
            _("y has shape {seen}; the exercise wants (12,): all 12 numbers in one row.").format(
                seen=look.shape(y)
            )
        )
    seen = look.values(y)
    wanted = [line[c] for c in range(4) for line in _grid(3, 4)]
    if look.close(seen, [float(n) for n in range(12)]):
        raise Failed(
            _(
                "y holds 0 to 11 in the row order of x, as x.view(12) gives; the exercise wants the "
                "order of x.t()'s rows: {wanted}."
            ).format(wanted=wanted)
        )
    if not look.close(seen, wanted):
        raise Failed(
            _("y holds {seen}; the exercise wants x.t()'s rows one after another: {wanted}.").format(
                seen=seen, wanted=wanted
            )
        )
    return passed(
        _(
            "y holds x.t()'s numbers row by row: contiguous() copies them into memory laid out in row order, "
            "so that view(12) can read them straight through (reshape does both steps at once)."
        )
    )
