"""Run learner code as Python, statement by statement, keeping the variables between runs.

The code is Python as the tutorials write it: ``def``, ``class``, ``try``,
imports, generators, decorators. The session converts full-width punctuation,
notes the lesson's 2017 forms, collects what is printed and warned, keeps its
own process-wide settings (:mod:`core.tensors.sandbox.settings_state`) and explains
errors, pointing at the learner's own line. It does not make code safe: in
the app it runs inside the kernel process, which the OS confines
(:mod:`core.process.confine`).
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import linecache
import sys
import types
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from core.base.i18n import _
from core.models.networks import MLP, Net
from core.tensors.errors import explain, explain_warning
from core.tensors.sandbox.checks import SandboxError, check_source, normalize_source
from core.tensors.sandbox.lesson_forms import LessonNote, source_notes
from core.tensors.sandbox.limits import RunOutput, TimeLimitReached, bounded, time_limit, time_limit_message
from core.tensors.sandbox.settings_state import Settings, apply_settings, read_settings

FINGERPRINT_BYTES = 4096  # how much of a small array's data tells whether it changed
SMALL_ARRAY = 100_000
TOOLS = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type)
AFTER_CODE = 0  # the line number :attr:`Session.on_statement` hears once the code has run
ANNOUNCE = "__kernel_at__"  # the function each top-level statement calls with its line first
CODE_NAME = "<your code>"  # the file name of the current run, as tracebacks show it
# The session whose settings are in force in this process ("session"), and the process's first ("fresh").
_ACTIVE: dict[str, Any] = {}


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
        self.on_statement = on_statement or _ignore_line
        self.memory_limit = memory_limit
        self.predefined: dict[str, Any] = {
            "torch": torch,
            "np": np,
            "nn": nn,
            "F": F,
            "Net": Net,
            "LeNet": Net,
            "Neuralnetwork": MLP,
            "MLP": MLP,
            **(extra_names or {}),
        }
        # What the process started with (read when the first session is made): every session's start.
        self.fresh_settings: Settings = _ACTIVE.setdefault("fresh", read_settings())
        self.settings = self.fresh_settings
        self.runs = 0
        self.sources: list[str] = []  # every run's code since the last reset (a class's source is found here)
        self.module = types.ModuleType("__main__")
        self.namespace: dict[str, Any] = self.module.__dict__
        self.reset()

    @property
    def variables(self) -> dict[str, Any]:
        """Return the learner's variables, by name, in the order they were defined.

        Modules, classes and functions (what ``import``, ``def`` and ``class``
        bind) are names to use, not values to show.
        """
        return {
            k: v
            for k, v in self.namespace.items()
            if not k.startswith("_") and k not in self.predefined and not isinstance(v, TOOLS)
        }

    def reset(self) -> None:
        """Forget every variable, and give the process-wide settings back as they were at the start."""
        self.namespace.clear()
        self.namespace.update(
            {"__name__": "__main__", "__builtins__": builtins, ANNOUNCE: self._at, **self.predefined}
        )
        self.settings = self.fresh_settings
        self.sources = []
        if _ACTIVE.get("session") is self:
            apply_settings(self.settings)

    def run(self, source: str) -> RunResult:
        """Run ``source``; return its last expression's value, or a message saying what went wrong."""
        code, note = normalize_source(source)
        self.sources.append(code)
        result = RunResult(code=code)
        notes = [note] if note else []
        with reading_values():
            before = {name: _fingerprint(value) for name, value in self.variables.items()}
        output = RunOutput()
        self.runs += 1
        self.activate()
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                self._run_checked(code, result, notes)
        notes += [str(w.message) if w.category is LessonNote else explain_warning(w.message) for w in warned]
        truncated = output.note()
        if truncated:
            notes.append(truncated)
        result.note = bounded("\n".join(dict.fromkeys(notes))) or None
        result.error, result.error_detail = bounded(result.error), bounded(result.error_detail)
        self._at(AFTER_CODE)
        result.output = output.getvalue()
        result.variables = self.variables
        with reading_values():
            result.changed = tuple(
                name for name, value in result.variables.items() if before.get(name) != _fingerprint(value)
            )
        return result

    def activate(self) -> None:
        """Put this session's settings and module in force, keeping those of the session before it.

        They stay in force after the run, so that its values are shown as the
        learner's print options say, until another session runs.
        """
        active = _ACTIVE.get("session")
        if active is not self:
            if active is not None:
                active.settings = read_settings()
            apply_settings(self.settings)
            _ACTIVE["session"] = self
        sys.modules["__main__"] = self.module  # pickle and dataclasses find the learner's classes here

    def _run_checked(self, code: str, result: RunResult, notes: list[str]) -> None:
        """Check and run ``code``, filling ``result``; add the notes its 2017 forms need."""
        filename = CODE_NAME if self.runs == 1 else f"<your code, run {self.runs}>"
        gpu_ran_out = False
        try:
            tree = ast.parse(code, filename, mode="exec")
            check_source(tree)
            notes += source_notes(tree)
            last_expr = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            assert last_expr is None or isinstance(last_expr, ast.Expr)
            tree.body = [part for statement in tree.body for part in _announced(statement)]
            tree = ast.fix_missing_locations(tree)
            linecache.cache[filename] = (len(code), None, code.splitlines(keepends=True), filename)
            with time_limit():
                exec(compile(tree, filename, "exec"), self.namespace)
                if last_expr is not None:
                    self._at(last_expr.lineno)
                    expression = ast.fix_missing_locations(ast.Expression(last_expr.value))
                    result.value = eval(compile(expression, filename, "eval"), self.namespace)
        except TimeLimitReached:
            result.error = time_limit_message()
            result.error_detail = "TimeLimitReached" + _where(sys.exc_info()[2])
        except SandboxError as exc:
            result.error = str(exc)
        except SyntaxError as exc:
            result.error = explain(exc, code)
            result.error_detail = f"SyntaxError: {exc.msg} (line {exc.lineno})"
        except Exception as exc:
            where = _where(exc.__traceback__)
            result.error = explain(exc, code, memory_limit=self.memory_limit) + _line_note(
                exc.__traceback__, filename
            )
            result.error_detail = f"{type(exc).__name__}: {exc}{where}"
            if isinstance(exc, NameError):
                result.missing_name = exc.name
            gpu_ran_out = isinstance(exc, torch.OutOfMemoryError) and torch.cuda.is_initialized()
        if gpu_ran_out:
            # What the failed statement allocated now sits in torch's cache, which may hold most
            # of the GPU: hand it back, for training and other programs.
            torch.cuda.empty_cache()

    def _at(self, line: int) -> None:
        self.on_statement(line)


def _learner_frame(traceback: types.TracebackType | None) -> types.TracebackType | None:
    """Return the innermost traceback entry in the learner's code (this run's or an earlier one's)."""
    found = None
    while traceback is not None:
        name = traceback.tb_frame.f_code.co_filename
        if name.startswith("<your code"):
            found = traceback
        traceback = traceback.tb_next
    return found


def _where(traceback: types.TracebackType | None) -> str:
    entry = _learner_frame(traceback)
    if entry is None:
        return ""
    return f" (line {entry.tb_lineno})"


def _line_note(traceback: types.TracebackType | None, filename: str) -> str:
    """Say which of the learner's lines the error came from, when it is inside their own function."""
    entry = _learner_frame(traceback)
    if entry is None:
        return ""
    code = entry.tb_frame.f_code
    if code.co_name == "<module>" and code.co_filename == filename:
        return ""  # the statement that failed is the one the tab marks already
    text = linecache.getline(code.co_filename, entry.tb_lineno).strip()
    if code.co_filename == filename:
        where = _("line {line}, in {function}").format(line=entry.tb_lineno, function=code.co_name)
    else:
        where = _("line {line} of an earlier Run, in {function}").format(
            line=entry.tb_lineno, function=code.co_name
        )
    return "\n" + _("It happened in your code, {where}: {text}").format(where=where, text=text)


def _announced(statement: ast.stmt) -> tuple[ast.stmt, ...]:
    """Return ``statement`` after a call that tells its line (a ``__future__`` import must come first)."""
    if isinstance(statement, ast.ImportFrom) and statement.module == "__future__":
        return (statement,)
    call = ast.Call(ast.Name(ANNOUNCE, ast.Load()), [ast.Constant(statement.lineno)], [])
    return ast.copy_location(ast.Expr(call), statement), statement


def _ignore_line(line: int) -> None:
    pass


def reading_values() -> contextlib.AbstractContextManager[Any]:
    """While the app reads the learner's values (to fingerprint, show or draw them), a tensor subclass's
    ``__torch_function__`` is not called: one that raises or lies cannot break what the app shows, nor
    make every later statement (even ``del``) fail. The learner's own code still runs with it."""
    return torch._C.DisableTorchFunctionSubclass()


def plain_tensor(value: Any) -> Any:
    """Return a tensor subclass's data as a plain tensor (same memory), so that what the app reads of
    it runs none of the subclass's own methods; any other value as it is. Call within reading_values."""
    if isinstance(value, torch.Tensor) and type(value) not in (torch.Tensor, nn.Parameter):
        return torch.Tensor.as_subclass(value, torch.Tensor)
    return value


def _fingerprint(value: Any) -> Any:
    try:
        if isinstance(value, torch.Tensor):
            data = plain_tensor(value)
            return ("tensor", id(value), data._version, tuple(data.shape))
        if isinstance(value, np.ndarray):
            array = np.ndarray.view(value, np.ndarray)  # none of a subclass's own methods
            data = array.tobytes()[:FINGERPRINT_BYTES] if array.size < SMALL_ARRAY else array.shape
            return ("array", id(value), data)
    except Exception:  # a value whose own machinery raises: known by its identity alone
        pass
    return ("object", id(value))
