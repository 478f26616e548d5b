"""How a code check looks at the learner's objects: with torch's own functions, taken when this
module is imported (in the kernel, before any learner code runs), never with the objects' methods.

Learner code runs in the same process as the check and may replace
``torch.Tensor.stride``, subclass ``Tensor`` or define ``__eq__``; the
functions kept here are the originals, a value counts as a tensor only if its
type is exactly ``Tensor`` or ``Parameter``, and values are compared as plain
Python numbers. Every helper raises :class:`~core.content.checks.Failed` with a
message the learner can act on.
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import getattr_static
from typing import Any

import numpy as np
import torch
from torch import nn

from core.base.i18n import _
from core.content.checks import Failed, Work

TENSOR_TYPES = (torch.Tensor, nn.Parameter)
_size = torch.Tensor.size
_stride = torch.Tensor.stride
_tolist = torch.Tensor.tolist
_detach = torch.Tensor.detach
_clone = torch.Tensor.clone
_cpu = torch.Tensor.cpu
_storage = torch.Tensor.untyped_storage
_storage_ptr = torch.UntypedStorage.data_ptr
_is_contiguous = torch.Tensor.is_contiguous
_numel = torch.Tensor.numel
# The descriptors themselves, so that reading ``.grad`` never goes through a replaced class attribute.
_grad = getattr_static(torch.Tensor, "grad").__get__
_requires_grad = getattr_static(torch.Tensor, "requires_grad").__get__
_grad_fn = getattr_static(torch.Tensor, "grad_fn").__get__
_dtype = getattr_static(torch.Tensor, "dtype").__get__
_parameters = nn.Module.parameters
_module_call = nn.Module.__call__
_ones = torch.ones
_zeros = torch.zeros
_randn = torch.randn
_manual_seed = torch.manual_seed
_no_grad = torch.no_grad
_is_instance = isinstance
_type = type
_callable = callable
_add_ = torch.Tensor.add_
_tensor = torch.tensor
_diagonal = torch.diagonal
_ndarray = np.ndarray
_array_tolist = np.ndarray.tolist
_array_shape = getattr_static(np.ndarray, "shape").__get__
_array_dtype = getattr_static(np.ndarray, "dtype").__get__


def variable(work: Work, name: str) -> Any:
    """Return the learner's variable ``name`` (Failed if the code did not make one)."""
    if name not in work.variables:
        raise Failed(
            _("There is no variable {name}: the exercise looks for your answer in {name}.").format(name=name)
        )
    return work.variables[name]


def tensor(work: Work, name: str) -> torch.Tensor:
    """Return the variable ``name`` if it is a real tensor (not a subclass or a look-alike)."""
    value = variable(work, name)
    if _type(value) not in TENSOR_TYPES:
        raise Failed(
            _(
                "{name} is of type {kind}, not a tensor: make it with torch (torch.ones, torch.tensor, ...)."
            ).format(name=name, kind=_type(value).__name__)
        )
    return value


def function(work: Work, name: str) -> Callable[..., Any]:
    """Return the learner's function ``name``."""
    value = variable(work, name)
    if not _callable(value):
        raise Failed(_("{name} is not a function: define it with def {name}(...):").format(name=name))
    return value


def module(work: Work, name: str) -> nn.Module:
    """Return the learner's network ``name`` (an instance of an ``nn.Module`` subclass)."""
    value = variable(work, name)
    if not _is_instance(value, nn.Module):
        hint = (
            _(" (a class: make one with {name} = {kind}())").format(name=name, kind=value.__name__)
            if _is_instance(value, type)
            else ""
        )
        raise Failed(_("{name} is not a network (an nn.Module){hint}.").format(name=name, hint=hint))
    return value


def shape(value: torch.Tensor) -> tuple[int, ...]:
    """Return the tensor's shape as plain integers."""
    return tuple(int(n) for n in _size(value))


def strides(value: torch.Tensor) -> tuple[int, ...]:
    """Return the tensor's strides as plain integers."""
    return tuple(int(n) for n in _stride(value))


def values(value: torch.Tensor) -> Any:
    """Return the tensor's values as plain Python numbers (nested lists)."""
    return _tolist(_cpu(_detach(value)))


def shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:
    """Tell whether two tensors use the same storage."""
    return int(_storage_ptr(_storage(a))) == int(_storage_ptr(_storage(b)))


def is_contiguous(value: torch.Tensor) -> bool:
    """Tell whether the tensor's elements lie in memory in row order."""
    return bool(_is_contiguous(value))


def grad(value: torch.Tensor) -> torch.Tensor | None:
    """Return the tensor's ``.grad`` (read through torch's own descriptor)."""
    result = _grad(value)
    return result if result is None or _type(result) in TENSOR_TYPES else None


def requires_grad(value: torch.Tensor) -> bool:
    """Tell whether autograd records what is done with the tensor."""
    return bool(_requires_grad(value))


def grad_fn(value: torch.Tensor) -> Any:
    """Return the tensor's ``grad_fn`` (None for a leaf)."""
    return _grad_fn(value)


def dtype(value: torch.Tensor) -> torch.dtype:
    """Return the tensor's dtype."""
    return _dtype(value)


def close(a: Any, b: Any, tolerance: float = 1e-5) -> bool:
    """Compare plain numbers or nested lists of them, within ``tolerance``."""
    if _is_instance(a, (list, tuple)) and _is_instance(b, (list, tuple)):
        return len(a) == len(b) and all(close(x, y, tolerance) for x, y in zip(a, b, strict=True))
    if _is_instance(a, bool) or _is_instance(b, bool):
        return a is b
    if _is_instance(a, (int, float)) and _is_instance(b, (int, float)):
        return abs(float(a) - float(b)) <= tolerance * max(1.0, abs(float(b)))
    return False


def parameter_count(net: nn.Module) -> int:
    """Return how many numbers the network learns."""
    return sum(int(_numel(p)) for p in _parameters(net))


def forward(net: nn.Module, batch: torch.Tensor, name: str) -> torch.Tensor:
    """Run ``net`` on ``batch`` without recording a graph; Failed, in the learner's words, if it raises."""
    try:
        with _no_grad():
            out = _module_call(net, batch)
    except Exception as exc:
        raise Failed(
            _("{name} failed on a batch of shape {shape}: {error}").format(
                name=name, shape=shape(batch), error=f"{_type(exc).__name__}: {exc}"
            )
        ) from None
    if _type(out) not in TENSOR_TYPES:
        raise Failed(_("{name}(x) gave a {kind}, not a tensor.").format(name=name, kind=_type(out).__name__))
    return out


def call(function: Callable[..., Any], name: str, *args: Any) -> Any:
    """Call the learner's ``function``; Failed, in the learner's words, if it raises."""
    try:
        return function(*args)
    except Exception as exc:
        raise Failed(
            _("Calling {name} failed: {error}").format(name=name, error=f"{_type(exc).__name__}: {exc}")
        ) from None


def random_batch(*dims: int, seed: int = 0) -> torch.Tensor:
    """Return a batch of standard normal numbers, the same for every check."""
    _manual_seed(seed)
    return _randn(*dims)


def new_tensor(data: Any) -> torch.Tensor:
    """Return a fresh tensor of the check's own, made from plain Python numbers."""
    return _tensor(data)


def storage_pointer(value: torch.Tensor) -> int:
    """Return the address of the memory the tensor's storage starts at."""
    return int(_storage_ptr(_storage(value)))


def add_in_place(value: torch.Tensor, amount: int, name: str) -> None:
    """Add ``amount`` to every element of the learner's tensor, in its own memory (no graph recorded)."""
    try:
        with _no_grad():
            _add_(value, amount)
    except Exception as exc:
        raise Failed(
            _("Changing {name} in place failed: {error}").format(
                name=name, error=f"{_type(exc).__name__}: {exc}"
            )
        ) from None


def diagonal(value: torch.Tensor) -> Any:
    """Return the values on the tensor's main diagonal, as plain Python numbers."""
    return values(_diagonal(value))


def array(work: Work, name: str) -> np.ndarray:
    """Return the variable ``name`` if it is a real NumPy array (not a subclass or a look-alike)."""
    value = variable(work, name)
    if _type(value) is not _ndarray:
        raise Failed(
            _(
                "{name} is of type {kind}, not a NumPy array: make it with np (np.ones, np.array, ...)."
            ).format(name=name, kind=_type(value).__name__)
        )
    return value


def array_shape(value: np.ndarray) -> tuple[int, ...]:
    """Return the array's shape as plain integers."""
    return tuple(int(n) for n in _array_shape(value))


def array_values(value: np.ndarray) -> Any:
    """Return the array's values as plain Python numbers (nested lists)."""
    return _array_tolist(value)


def array_dtype(value: np.ndarray) -> str:
    """Return the name of the array's dtype, such as ``float64``."""
    return str(_array_dtype(value))


# For the autograd and network checks: torch's own autograd, module walk and hooks.
_autograd_grad = torch.autograd.grad
_modules = nn.Module.modules
_forward_pre_hook = nn.Module.register_forward_pre_hook
_remove_hook = torch.utils.hooks.RemovableHandle.remove
_get_attribute = object.__getattribute__


def leaf(data: Any) -> torch.Tensor:
    """Return a new float leaf tensor of the check's own that requires grad, made from plain numbers."""
    return _tensor(data, dtype=torch.float32, requires_grad=True)


def gradient(output: torch.Tensor, inputs: torch.Tensor, name: str) -> torch.Tensor | None:
    """Backpropagate the scalar ``output`` to ``inputs`` with torch's own ``autograd.grad`` (None: unused)."""
    try:
        result = _autograd_grad(output, inputs, allow_unused=True)[0]
    except Exception as exc:
        raise Failed(
            _("Backpropagating through {name} failed: {error}").format(
                name=name, error=f"{_type(exc).__name__}: {exc}"
            )
        ) from None
    return result if result is None or _type(result) in TENSOR_TYPES else None


def submodules(net: nn.Module) -> list[nn.Module]:
    """Return the network and every module inside it, in the order they were assigned."""
    return list(_modules(net))


def attribute(value: Any, name: str) -> Any:
    """Read an attribute the plain way, past any ``__getattr__`` a learner's class defines."""
    return _get_attribute(value, name)


def layer_inputs(net: nn.Module, layers: list[nn.Module], batch: torch.Tensor, name: str) -> list[Any]:
    """Run ``net`` on ``batch`` and return the first input each of ``layers`` got (None: never called)."""
    seen: list[Any] = [None] * len(layers)

    def recorder(index: int) -> Callable[[nn.Module, tuple[Any, ...]], None]:
        """Return a hook that keeps the first input layer ``index`` is called with."""

        def hook(_layer: nn.Module, args: tuple[Any, ...]) -> None:
            if seen[index] is None and args:
                seen[index] = args[0]

        return hook

    handles = [_forward_pre_hook(layer, recorder(index)) for index, layer in enumerate(layers)]
    try:
        forward(net, batch, name)
    finally:
        for handle in handles:
            _remove_hook(handle)
    return seen


_torch_add = torch.add
_torch_sub = torch.sub
_torch_mul = torch.mul
_torch_pow = torch.pow
_torch_mean = torch.mean
_torch_sum = torch.sum
_linear_type = nn.Linear
_conv2d_type = nn.Conv2d


def is_tensor(value: Any) -> bool:
    """Tell whether ``value`` is a real tensor (exactly ``Tensor`` or ``Parameter``)."""
    return _type(value) in TENSOR_TYPES


def add(a: Any, b: Any) -> torch.Tensor:
    """Return ``a + b`` computed with torch's own ``torch.add``."""
    return _torch_add(a, b)


def subtract(a: Any, b: Any) -> torch.Tensor:
    """Return ``a - b`` computed with torch's own ``torch.sub``."""
    return _torch_sub(a, b)


def multiply(a: Any, b: Any) -> torch.Tensor:
    """Return ``a * b`` computed with torch's own ``torch.mul``."""
    return _torch_mul(a, b)


def power(a: Any, exponent: Any) -> torch.Tensor:
    """Return ``a ** exponent`` computed with torch's own ``torch.pow``."""
    return _torch_pow(a, exponent)


def mean(value: torch.Tensor) -> torch.Tensor:
    """Return the mean of every element, computed with torch's own ``torch.mean``."""
    return _torch_mean(value)


def total(value: torch.Tensor) -> torch.Tensor:
    """Return the sum of every element, computed with torch's own ``torch.sum``."""
    return _torch_sum(value)


def linear_layers(net: nn.Module) -> list[nn.Module]:
    """Return the network's ``nn.Linear`` layers (exactly that type), in the order they were assigned."""
    return [m for m in submodules(net) if _type(m) is _linear_type]


def conv_layers(net: nn.Module) -> list[nn.Module]:
    """Return the network's ``nn.Conv2d`` layers (exactly that type), in the order they were assigned."""
    return [m for m in submodules(net) if _type(m) is _conv2d_type]
