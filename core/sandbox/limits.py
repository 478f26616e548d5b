"""Limits on what one run may create: elements, loop iterations, output, big numbers.

The rewriter routes attribute access, repetition, powers and loop iterations
through :class:`Guards`; :class:`AllocationGuard` runs each torch operation on
the ``meta`` device first (shapes only) and refuses results that are too large.
These give a clear message before the work starts. The hard limits (memory,
wall-clock time) are the kernel process's, enforced by the OS and the app.
"""

from __future__ import annotations

import ast
import io
import math
import time
import types
from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves, tree_map

from core.i18n import _
from core.sandbox.checks import ALLOWED_MODULES, NOT_AVAILABLE, SandboxError, check_attribute_name
from core.sandbox.lesson_forms import LESSON_REPLACEMENTS

ELEMENT_LIMIT = 100_000_000
SEQUENCE_LIMIT = ELEMENT_LIMIT // 10
ITERATION_LIMIT = 100_000
TIME_LIMIT_S = 3.0
OUTPUT_LIMIT = 20_000
BIG_EXPONENT = 10_000  # 2 ** 10_000 already has 3,011 digits
TICKS_PER_CLOCK_READ = 64
GUARDED_OPERATORS = {ast.Mult: "mul", ast.Pow: "pow", ast.LShift: "lshift"}


def too_big(count: int, kind: str, limit: int = ELEMENT_LIMIT) -> SandboxError:
    """Return the refusal for creating a ``kind`` (tensor, array, list, sequence) of ``count`` elements."""
    sentences = {
        "tensor": _(
            "That would create a tensor of {count:,} elements, more than this playground allows "
            "({limit:,}). Use smaller sizes: the ideas are the same with a 5x3 tensor."
        ),
        "array": _(
            "That would create an array of {count:,} elements, more than this playground allows "
            "({limit:,}). Use smaller sizes: the ideas are the same with a 5x3 tensor."
        ),
        "list": _(
            "That would create a list of {count:,} elements, more than this playground allows "
            "({limit:,}). Use smaller sizes: the ideas are the same with a 5x3 tensor."
        ),
        "sequence": _(
            "That would create a sequence of {count:,} elements, more than this playground allows "
            "({limit:,}). Use smaller sizes: the ideas are the same with a 5x3 tensor."
        ),
    }
    return SandboxError(sentences[kind].format(count=count, limit=limit))


def _guard_call(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(ast.Name(f"_sb_{name}", ast.Load()), list(args), [])


class Rewriter(ast.NodeTransformer):
    """Route attribute access, repetition, powers and loop iterations through the guards."""

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.ctx, ast.Load):
            return ast.copy_location(_guard_call("getattr", node.value, ast.Constant(node.attr)), node)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.AST:
        self.generic_visit(node)
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute):
            target = node.targets[0]
            call = _guard_call("setattr", target.value, ast.Constant(target.attr), node.value)
            return ast.copy_location(ast.Expr(call), node)
        if any(isinstance(t, ast.Attribute) for target in node.targets for t in ast.walk(target)):
            raise SandboxError(_("Assign to one attribute at a time, e.g. x.requires_grad = True."))
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        name = GUARDED_OPERATORS.get(type(node.op))
        if name is not None:
            return ast.copy_location(_guard_call(name, node.left, node.right), node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        self.generic_visit(node)
        name = GUARDED_OPERATORS.get(type(node.op))
        if name is not None and isinstance(node.target, ast.Name):
            # x *= 2 keeps its in-place meaning for tensors (it changes x's storage)
            name = "imul" if name == "mul" else name
            call = _guard_call(name, ast.Name(node.target.id, ast.Load()), node.value)
            return ast.copy_location(ast.Assign([node.target], call), node)
        return node

    def _tick_loop(self, node: ast.For | ast.While) -> ast.AST:
        self.generic_visit(node)
        node.body.insert(0, ast.Expr(_guard_call("tick")))
        return node

    visit_For = _tick_loop  # noqa: N815 - ast's name
    visit_While = _tick_loop  # noqa: N815 - ast's name

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        self.generic_visit(node)
        node.ifs.insert(0, _guard_call("tick"))
        return node


def _numel(shape: Any) -> int:
    if isinstance(shape, int):
        return max(shape, 0)
    try:
        return math.prod(max(int(s), 0) for s in shape)
    except TypeError:
        return 0


class AllocationGuard(TorchDispatchMode):
    """Run each torch op on the meta device first and refuse results that are too large."""

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if not func.is_view:
            self._check(func, args, kwargs)
        return func(*args, **kwargs)

    @staticmethod
    def _check(func, args, kwargs) -> None:
        def to_meta(x: Any) -> Any:
            if isinstance(x, torch.Tensor):
                return torch.empty_strided(x.shape, x.stride(), dtype=x.dtype, device="meta")
            return x

        meta_kwargs = tree_map(to_meta, kwargs)
        if any(argument.name == "device" for argument in func._schema.arguments):
            meta_kwargs["device"] = torch.device("meta")
        try:
            result = func(*tree_map(to_meta, args), **meta_kwargs)
        except Exception:
            return
        count = sum(t.numel() for t in tree_leaves(result) if isinstance(t, torch.Tensor))
        if count > ELEMENT_LIMIT:
            raise too_big(count, "tensor")


def _refuse_large(fn: Callable[..., Any], count_of: Callable[..., int]) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        count = count_of(*args, **kwargs)
        if count > ELEMENT_LIMIT:
            raise too_big(count, "array")
        return fn(*args, **kwargs)

    checked.__name__ = fn.__name__
    return checked


def _shape_count(shape: Any = 0, *args: Any, **kwargs: Any) -> int:
    return _numel(shape)


def _arange_count(*args: Any, **kwargs: Any) -> int:
    numbers = [float(a) for a in args[:3]]
    if len(numbers) == 1:
        numbers = [0.0, numbers[0], 1.0]
    start, stop, step = [*numbers, 1.0][:3]
    return int(abs((stop - start) / step)) if step else 0


def _linspace_count(start: Any = 0, stop: Any = 0, num: int = 50, *args: Any, **kwargs: Any) -> int:
    return int(num)


def guarded_numpy() -> types.SimpleNamespace:
    """Return the part of NumPy the playground offers, its constructors checked for size."""
    namespace = {name: _refuse_large(getattr(np, name), _shape_count) for name in ("zeros", "ones", "empty")}
    namespace.update(
        arange=_refuse_large(np.arange, _arange_count), linspace=_refuse_large(np.linspace, _linspace_count)
    )
    for name in (
        "array",
        "asarray",
        "allclose",
        "array_equal",
        "shares_memory",
        "float32",
        "float64",
        "int64",
        "uint8",
        "ndarray",
        "pi",
        "e",
        "mean",
        "sum",
        "sqrt",
        "exp",
        "dot",
        "matmul",
    ):
        namespace[name] = getattr(np, name)
    return types.SimpleNamespace(**namespace)


def _frombuffer(buffer: Any, *args: Any, **kwargs: Any) -> torch.Tensor:
    if memoryview(buffer).readonly:
        raise SandboxError(
            _(
                "torch.frombuffer needs a buffer you may write to, such as a bytearray: "
                "a tensor over a bytes object would change Python's own constants."
            )
        )
    return torch.frombuffer(buffer, *args, **kwargs)


# (original, what learner code gets instead); compared by identity, as some values cannot be hashed
REPLACEMENTS: tuple[tuple[Any, Callable[..., Any]], ...] = (
    (torch.frombuffer, _frombuffer),
    *LESSON_REPLACEMENTS,
)


class Guards:
    """The functions the rewritten code calls; one instance per session, reset for each run."""

    def __init__(self) -> None:
        self.output = io.StringIO()
        self.ticks = 0
        self.deadline = 0.0

    def start_run(self) -> None:
        """Reset the output, the iteration count and the clock for a new run."""
        self.output = io.StringIO()
        self.ticks = 0
        self.deadline = time.monotonic() + TIME_LIMIT_S

    def names(self) -> dict[str, Callable[..., Any]]:
        """Return the guard functions under the names the rewriter calls them by."""
        return {
            "_sb_getattr": self.getattr,
            "_sb_setattr": self.setattr,
            "_sb_mul": self.mul,
            "_sb_imul": self.imul,
            "_sb_pow": self.pow,
            "_sb_lshift": self.lshift,
            "_sb_tick": self.tick,
        }

    @staticmethod
    def getattr(obj: Any, name: str) -> Any:
        """Read ``obj.name`` unless it is internal, forbidden or a module outside the allow-list."""
        check_attribute_name(name)
        if isinstance(obj, types.ModuleType) and obj.__name__ not in ALLOWED_MODULES:
            raise SandboxError(_(NOT_AVAILABLE).format(obj.__name__))
        value = getattr(obj, name)
        if isinstance(value, types.ModuleType) and value.__name__ not in ALLOWED_MODULES:
            raise SandboxError(_(NOT_AVAILABLE).format(value.__name__))
        for original, replacement in REPLACEMENTS:
            if value is original:
                return replacement
        return value

    @staticmethod
    def setattr(obj: Any, name: str, value: Any) -> None:
        """Set an attribute of the learner's own objects (tensors, modules), never of torch itself."""
        check_attribute_name(name)
        if isinstance(obj, (types.ModuleType, type, types.SimpleNamespace)) or (
            callable(obj) and not isinstance(obj, nn.Module)
        ):
            raise SandboxError(
                _(
                    "Changing .{name} of {owner} is not allowed here; "
                    "set attributes of your own tensors, e.g. x.requires_grad = True."
                ).format(name=name, owner=getattr(obj, "__name__", type(obj).__name__))
            )
        setattr(obj, name, value)

    def tick(self) -> bool:
        """Count one loop iteration; stop loops that run too often or too long."""
        self.ticks += 1
        if self.ticks > ITERATION_LIMIT:
            raise SandboxError(
                _(
                    "The loop ran more than {limit:,} times and was stopped. "
                    "Does its condition ever become false?"
                ).format(limit=ITERATION_LIMIT)
            )
        if self.ticks % TICKS_PER_CLOCK_READ == 0 and time.monotonic() > self.deadline:
            raise SandboxError(
                _(
                    "The code ran longer than {seconds:g} seconds and was stopped. Check that your loop ends."
                ).format(seconds=TIME_LIMIT_S)
            )
        return True

    @staticmethod
    def sized(fn: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a builtin such as ``list`` so that it refuses huge inputs."""

        def checked(*args: Any, **kwargs: Any) -> Any:
            if (
                len(args) == 1
                and hasattr(args[0], "__len__")
                and not isinstance(args[0], torch.Tensor)
                and len(args[0]) > SEQUENCE_LIMIT
            ):
                raise too_big(len(args[0]), "list", SEQUENCE_LIMIT)
            return fn(*args, **kwargs)

        return checked

    @staticmethod
    def mul(a: Any, b: Any) -> Any:
        """Multiply, refusing sequence repetitions that would be huge."""
        for seq, count in ((a, b), (b, a)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(count, (int, np.integer)):
                size = len(seq) * int(count)
                if size > SEQUENCE_LIMIT:
                    raise too_big(size, "sequence", SEQUENCE_LIMIT)
        return a * b

    @staticmethod
    def imul(a: Any, b: Any) -> Any:
        """``a *= b``, checked as :meth:`mul` is."""
        Guards.mul(a, b)
        a *= b
        return a

    @staticmethod
    def pow(a: Any, b: Any) -> Any:
        """Raise to a power, refusing integers with thousands of digits."""
        if isinstance(a, int) and isinstance(b, int) and abs(a) > 1 and b > BIG_EXPONENT:
            raise SandboxError(
                _("That power makes a number with thousands of digits; use a smaller exponent.")
            )
        return a**b

    @staticmethod
    def lshift(a: Any, b: Any) -> Any:
        """Shift left, refusing integers with thousands of digits."""
        if isinstance(a, int) and isinstance(b, int) and b > BIG_EXPONENT:
            raise SandboxError(_("That shift makes a number with thousands of digits; use a smaller one."))
        return a << b

    def print(self, *args: Any, sep: str = " ", end: str = "\n") -> None:
        """Collect printed text for the output pane, up to :data:`OUTPUT_LIMIT` characters."""
        text = sep.join(str(a) for a in args) + end
        if self.output.tell() + len(text) > OUTPUT_LIMIT:
            raise SandboxError(_("print produced too much output; print less (e.g. x.shape instead of x)."))
        self.output.write(text)
