"""Describe a tensor (or NumPy array) for display: values, badges, shared memory, changed cells.

Everything returned is a plain copy, safe to hand to another thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

MAX_ROWS = 40
MAX_COLS = 40
MATRIX = 2  # dimensions a table shows; the leading ones of a larger tensor are fixed at 0
WHOLE_COPY_LIMIT = 10_000_000  # elements copied whole; past this only the first rows are read


@dataclass(frozen=True)
class TensorInfo:
    """What a tensor view shows about one tensor or array."""

    name: str | None
    kind: str  # "tensor" or "ndarray"
    values: np.ndarray  # 2-D float64 copy of the part shown
    shape: tuple[int, ...]
    dtype: str
    device: str
    strides: tuple[int, ...]
    requires_grad: bool
    is_leaf: bool
    grad_fn: str | None
    shares_with: tuple[str, ...]
    shown: str  # which part is shown, e.g. "all", "x[0, 0]", "first 40 x 40"
    changed: np.ndarray | None = None  # bool mask over ``values``: cells an in-place change altered

    @property
    def numel(self) -> int:
        """Return the number of elements of the whole tensor."""
        return int(np.prod(self.shape)) if self.shape else 1


def is_viewable(value: Any) -> bool:
    """Tell whether ``value`` is something a tensor view can show."""
    return isinstance(value, (torch.Tensor, np.ndarray))


def _memory_range(value: Any) -> tuple[int, int] | None:
    if isinstance(value, torch.Tensor):
        if value.device.type != "cpu" or value.is_sparse:
            return None
        storage = value.untyped_storage()
        return storage.data_ptr(), storage.data_ptr() + storage.nbytes()
    if isinstance(value, np.ndarray):
        base = value
        while isinstance(base.base, np.ndarray):
            base = base.base
        start = base.__array_interface__["data"][0]
        return start, start + base.nbytes
    return None


def sharing(name: str, value: Any, variables: dict[str, Any]) -> tuple[str, ...]:
    """Return the other variables whose memory overlaps ``value``'s (e.g. ``b = a.numpy()``)."""
    mine = _memory_range(value)
    if mine is None or mine[0] == mine[1]:
        return ()
    shared = []
    for other_name, other in variables.items():
        if other_name == name or other is value:
            continue
        theirs = _memory_range(other)
        if theirs and theirs[0] < mine[1] and mine[0] < theirs[1]:
            shared.append(other_name)
    return tuple(shared)


def _shown_part(array: np.ndarray, name: str | None) -> tuple[np.ndarray, str]:
    label = name or "value"
    shown = "all"
    if array.ndim == 0:
        array = array.reshape(1, 1)
    elif array.ndim == 1:
        array = array.reshape(1, -1)
    elif array.ndim > MATRIX:
        lead = ", ".join("0" for _ in range(array.ndim - MATRIX))
        array = array[(0,) * (array.ndim - MATRIX)]
        shown = f"{label}[{lead}]"
    if array.shape[0] > MAX_ROWS or array.shape[1] > MAX_COLS:
        array = array[:MAX_ROWS, :MAX_COLS]
        shown = f"first {min(array.shape[0], MAX_ROWS)} x {min(array.shape[1], MAX_COLS)}" + (
            "" if shown == "all" else f" of {shown}"
        )
    return array, shown


def describe(
    value: Any,
    name: str | None = None,
    variables: dict[str, Any] | None = None,
    previous: np.ndarray | None = None,
) -> TensorInfo:
    """Describe ``value`` for a tensor view; ``previous`` (the values shown before) marks changed cells."""
    if isinstance(value, torch.Tensor):
        with torch.no_grad():
            data = value.detach()
            if data.is_complex():
                data = data.abs()
            array = (
                data.to("cpu", torch.float64).numpy()
                if data.numel() <= WHOLE_COPY_LIMIT
                else (data.flatten()[: MAX_ROWS * MAX_COLS].to("cpu", torch.float64).numpy())
            )
        kind, dtype, device = "tensor", str(value.dtype).removeprefix("torch."), str(value.device)
        strides = tuple(value.stride()) if value.layout == torch.strided else ()
        grad_fn = type(value.grad_fn).__name__ if value.grad_fn is not None else None
        requires_grad, is_leaf = value.requires_grad, value.is_leaf
    else:
        array = np.asarray(value)
        if not np.issubdtype(array.dtype, np.number) and array.dtype != np.bool_:
            raise TypeError(f"cannot show an array of {array.dtype}")
        kind, dtype, device = "ndarray", str(array.dtype), "cpu"
        strides = tuple(s // max(array.itemsize, 1) for s in array.strides)
        grad_fn, requires_grad, is_leaf = None, False, True
        array = np.abs(array).astype(np.float64) if np.iscomplexobj(array) else array.astype(np.float64)
    shown_values, shown = _shown_part(array, name)
    shown_values = np.array(shown_values, dtype=np.float64, copy=True)
    changed = None
    if previous is not None and previous.shape == shown_values.shape:
        changed = ~np.isclose(previous, shown_values, equal_nan=True)
        if not changed.any():
            changed = None
    return TensorInfo(
        name=name,
        kind=kind,
        values=shown_values,
        shape=tuple(value.shape),
        dtype=dtype,
        device=device,
        strides=strides,
        requires_grad=requires_grad,
        is_leaf=is_leaf,
        grad_fn=grad_fn,
        shares_with=sharing(name, value, variables or {}) if name else (),
        shown=shown,
        changed=changed,
    )


def short_type(value: Any) -> tuple[str, str, str]:
    """Return (shape, dtype, device) text for the variables panel."""
    if isinstance(value, torch.Tensor):
        return (
            "x".join(map(str, value.shape)) or "scalar",
            str(value.dtype).removeprefix("torch."),
            str(value.device),
        )
    if isinstance(value, np.ndarray):
        return "x".join(map(str, value.shape)) or "scalar", f"numpy {value.dtype}", "cpu"
    text = type(value).__name__
    return "", text, ""
