"""Describe a tensor (or NumPy array) for display: values, badges, shared memory, changed cells.

Everything returned is a plain copy, safe to hand to another thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from core.base.i18n import _
from core.tensors.sandbox.limits import bounded

# What a view receives at most: a 100 x 100 tensor shows whole, a larger one its top-left
# corner. 200 x 200 float64 values are 320 KB, copied once per run: small enough to send.
MAX_ROWS = 200
MAX_COLS = 200
TABLE_DIMS = 2  # a view is a table: rows and columns


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
    shown: str  # the 2-D slice shown, e.g. "x[0, 0]"; "" for the tensor itself
    cropped: bool  # True when only the slice's top-left corner (``values.shape``) is shown
    changed: np.ndarray | None = None  # bool mask over ``values``: cells an in-place change altered

    @property
    def numel(self) -> int:
        """Return the number of elements of the whole tensor."""
        return int(np.prod(self.shape)) if self.shape else 1


def is_viewable(value: Any) -> bool:
    """Tell whether ``value`` is something a tensor view can show."""
    return isinstance(value, (torch.Tensor, np.ndarray))


def why_not_shown(value: Any, error: Exception, name: str = "value") -> str:
    """Say why ``value`` (a tensor or an array) cannot be shown as a table of numbers, and what to do."""
    if isinstance(value, torch.Tensor):
        if value.device.type == "meta":
            return _("it lives on the meta device: a shape and a dtype, but no values.")
        if value.layout != torch.strided:
            return _(
                "it is a sparse tensor ({layout}); {name}.to_dense() gives its values as a table."
            ).format(layout=str(value.layout).replace("torch.", ""), name=name)
        if value.is_quantized:
            return _("it is quantized ({dtype}); {name}.dequantize() gives its values as numbers.").format(
                dtype=str(value.dtype).replace("torch.", ""), name=name
            )
    if isinstance(value, np.ndarray) and value.dtype.kind not in "biufc":
        return _("it is a NumPy array of {dtype} values, not numbers.").format(dtype=value.dtype)
    return bounded(str(error)) or type(error).__name__


def _memory_range(value: Any) -> tuple[str, int, int] | None:
    """Return the device and the byte range of the memory ``value`` lives in (its whole storage)."""
    if isinstance(value, torch.Tensor):
        if value.is_sparse or value.device.type == "meta":
            return None
        storage = value.untyped_storage()
        return str(value.device), storage.data_ptr(), storage.data_ptr() + storage.nbytes()
    if isinstance(value, np.ndarray):
        base = value
        while isinstance(base.base, np.ndarray):
            base = base.base
        start = base.__array_interface__["data"][0]
        return "cpu", start, start + base.nbytes
    return None


def sharing(name: str, value: Any, variables: dict[str, Any]) -> tuple[str, ...]:
    """Return the other variables whose memory overlaps ``value``'s (e.g. ``b = a.numpy()``).

    Addresses are compared on one device only: a GPU's and the CPU's can coincide.
    """
    mine = _memory_range(value)
    if mine is None or mine[1] == mine[2]:
        return ()
    shared = []
    for other_name, other in variables.items():
        if other_name == name or other is value:
            continue
        theirs = _memory_range(other)
        if theirs and theirs[0] == mine[0] and theirs[1] < mine[2] and mine[1] < theirs[2]:
            shared.append(other_name)
    return tuple(shared)


def _shown_part(data: Any, name: str | None) -> tuple[Any, str, bool]:
    """Return the 2-D part of ``data`` (a tensor or an array) a view shows, its slice, and if it is cropped.

    Only a view of the data is taken here, so a large tensor is never copied whole.
    """
    label = name or "value"
    shown = ""
    if data.ndim == 0:
        data = data.reshape(1, 1)
    elif data.ndim == 1:
        data = data.reshape(1, -1)
    elif data.ndim > TABLE_DIMS:
        lead = ", ".join("0" for _dim in range(data.ndim - TABLE_DIMS))
        data = data[(0,) * (data.ndim - TABLE_DIMS)]
        shown = f"{label}[{lead}]"
    rows, cols = data.shape
    cropped = rows > MAX_ROWS or cols > MAX_COLS
    if cropped:
        data = data[:MAX_ROWS, :MAX_COLS]
    return data, shown, cropped


def describe(
    value: Any,
    name: str | None = None,
    variables: dict[str, Any] | None = None,
    previous: np.ndarray | None = None,
) -> TensorInfo:
    """Describe ``value`` for a tensor view; ``previous`` (the values shown before) marks changed cells."""
    if isinstance(value, torch.Tensor):
        with torch.no_grad():
            part, shown, cropped = _shown_part(value.detach(), name)
            if part.is_complex():
                part = part.abs()
            shown_values = part.to("cpu", torch.float64).numpy()
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
        part, shown, cropped = _shown_part(array, name)
        shown_values = np.abs(part) if np.iscomplexobj(part) else part
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
        cropped=cropped,
        changed=changed,
    )


def short_type(value: Any) -> tuple[str, str, str]:
    """Return (shape, dtype, device) text for the variables panel."""
    if isinstance(value, torch.Tensor):
        return (
            "x".join(map(str, value.shape)) or _("scalar"),
            str(value.dtype).removeprefix("torch."),
            str(value.device),
        )
    if isinstance(value, np.ndarray):
        return "x".join(map(str, value.shape)) or _("scalar"), f"numpy {value.dtype}", "cpu"
    text = type(value).__name__
    return "", text, ""
