"""Run learner code statement by statement, keeping the variables between runs.

The source is normalised, checked (:mod:`core.sandbox.checks`) and rewritten
so that attribute access, loops and repetition go through the guards
(:mod:`core.sandbox.limits`). It then runs with names from ``torch``, ``np``,
a few builtins and the session's own variables only.
"""

from __future__ import annotations

import ast
import builtins
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from core.errors import explain, explain_warning
from core.i18n import _
from core.models import MLP, Net
from core.sandbox.checks import SandboxError, check_source, normalize_source
from core.sandbox.lesson_forms import ImportRewriter, LessonNote, source_notes
from core.sandbox.limits import AllocationGuard, Guards, Rewriter, guarded_numpy

BUILTIN_NAMES = (
    "print",
    "range",
    "len",
    "list",
    "tuple",
    "float",
    "int",
    "abs",
    "min",
    "max",
    "sum",
    "round",
    "bool",
    "enumerate",
    "zip",
    "isinstance",
)
FINGERPRINT_BYTES = 4096  # how much of a small array's data tells whether it changed
SMALL_ARRAY = 100_000
TOOLS = (types.ModuleType, types.SimpleNamespace, types.FunctionType, types.BuiltinFunctionType, type)
AFTER_CODE = 0  # the line number :attr:`Session.on_statement` hears once the code has run


@dataclass
class RunResult:
    """What one ``Session.run`` produced."""

    code: str
    value: Any = None
    error: str | None = None
    error_detail: str | None = None
    output: str = ""
    note: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)
    changed: tuple[str, ...] = ()
    missing_name: str | None = None  # the name a NameError asked for


class Session:
    """Run learner code statement by statement, keeping variables between runs.

    Parameters
    ----------
    extra_names
        Names offered besides torch, np, nn, F and the lesson's networks (Net, Neuralnetwork).
    on_statement
        Called with each top-level statement's line number just before it
        runs (the kernel tells the app which statement a stopped run was in).
    memory_limit
        The bytes this process may allocate, if capped; quoted when memory runs out.
    """

    def __init__(
        self,
        extra_names: dict[str, Any] | None = None,
        on_statement: Callable[[int], None] | None = None,
        memory_limit: int | None = None,
    ) -> None:
        self.guards = Guards()
        self.on_statement = on_statement or _ignore_line
        self.memory_limit = memory_limit
        self._builtins: dict[str, Any] = {name: getattr(builtins, name) for name in BUILTIN_NAMES}
        self._builtins.update(
            print=self.guards.print,
            list=Guards.sized(list),
            tuple=Guards.sized(tuple),
            sum=Guards.sized(sum),
            min=Guards.sized(min),
            max=Guards.sized(max),
            type=type_of,
        )
        self.predefined: dict[str, Any] = {
            "torch": torch,
            "np": guarded_numpy(),
            "nn": nn,
            "F": F,
            "Net": Net,
            "LeNet": Net,
            "Neuralnetwork": MLP,
            "MLP": MLP,
            **(extra_names or {}),
        }
        # What the lesson's import lines bind: the modules offered above.
        self.modules: dict[str, Any] = {
            "torch": torch,
            "torch.nn": nn,
            "torch.nn.functional": F,
            "torch.optim": torch.optim,
            "torch.autograd": torch.autograd,
            "numpy": self.predefined["np"],
        }
        self.namespace: dict[str, Any] = {}
        self.reset()

    @property
    def variables(self) -> dict[str, Any]:
        """Return the learner's variables, by name, in the order they were defined.

        Modules, classes and functions (what an import line binds) are names to use, not values to show.
        """
        return {
            k: v
            for k, v in self.namespace.items()
            if not k.startswith("_") and k not in self.predefined and not isinstance(v, TOOLS)
        }

    def reset(self) -> None:
        """Forget every variable."""
        self.namespace = {
            "__builtins__": self._builtins,
            "_sb_at": self._at,
            "_sb_import": self.modules.__getitem__,
            "_sb_from": self._import_from,
            **self.guards.names(),
            **self.predefined,
        }

    def run(self, source: str) -> RunResult:
        """Run ``source``; return its last expression's value, or a message saying what went wrong."""
        code, note = normalize_source(source)
        result = RunResult(code=code)
        notes = [note] if note else []
        # C code that imports (torch does, lazily) looks __import__ up in the running frame's
        # builtins, and Qt's shiboken wraps it, keeping the original as __orig_import__.
        # Learner code cannot name either: underscore names are refused.
        for hook in ("__import__", "__orig_import__"):
            if hasattr(builtins, hook):
                self._builtins[hook] = getattr(builtins, hook)
        before = {name: _fingerprint(value) for name, value in self.variables.items()}
        self.guards.start_run()
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            self._run_checked(code, result, notes)
        notes += [str(w.message) if w.category is LessonNote else explain_warning(w.message) for w in warned]
        result.note = "\n".join(dict.fromkeys(notes)) or None
        self._at(AFTER_CODE)
        result.output = self.guards.output.getvalue()
        result.variables = self.variables
        result.changed = tuple(
            name for name, value in result.variables.items() if before.get(name) != _fingerprint(value)
        )
        return result

    def _run_checked(self, code: str, result: RunResult, notes: list[str]) -> None:
        """Check, rewrite and run ``code``, filling ``result``; add the notes its 2017 forms need."""
        try:
            tree = ast.parse(code, mode="exec")
            check_source(tree)
            notes += [_(text) for text in source_notes(tree)]
            last_expr = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            tree.body = [part for statement in tree.body for part in (_announce(statement), statement)]
            tree = ast.fix_missing_locations(Rewriter().visit(ImportRewriter().visit(tree)))
            with AllocationGuard():
                exec(compile(tree, "<your code>", "exec"), self.namespace)
                if last_expr is not None:
                    self._at(last_expr.lineno)
                    expression = ast.fix_missing_locations(Rewriter().visit(ast.Expression(last_expr.value)))
                    result.value = eval(compile(expression, "<your code>", "eval"), self.namespace)
        except SandboxError as exc:
            result.error = str(exc)
        except SyntaxError as exc:
            result.error = explain(exc, code)
            result.error_detail = f"SyntaxError: {exc.msg} (line {exc.lineno})"
        except Exception as exc:
            result.error = explain(exc, code, memory_limit=self.memory_limit)
            result.error_detail = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, NameError):
                result.missing_name = exc.name

    def _import_from(self, module: str, name: str) -> Any:
        return self.guards.getattr(self.modules[module], name)

    def _at(self, line: int) -> None:
        self.on_statement(line)


def type_of(value: Any) -> type:
    """Return ``type(value)``, as the lesson prints it; not the three-argument form, which makes classes."""
    return type(value)


def _announce(statement: ast.stmt) -> ast.stmt:
    call = ast.Call(ast.Name("_sb_at", ast.Load()), [ast.Constant(statement.lineno)], [])
    return ast.copy_location(ast.Expr(call), statement)


def _ignore_line(line: int) -> None:
    pass


def _fingerprint(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return ("tensor", id(value), value._version, tuple(value.shape))
    if isinstance(value, np.ndarray):
        data = value.tobytes()[:FINGERPRINT_BYTES] if value.size < SMALL_ARRAY else value.shape
        return ("array", id(value), data)
    return ("object", id(value))
