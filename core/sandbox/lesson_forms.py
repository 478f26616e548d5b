"""The lesson's 2017 code in today's PyTorch: its import lines work, its old forms say what replaced them.

The lesson was written for PyTorch 0.3. Its ``import`` lines bind the modules
the playground already offers; ``Variable``, ``volatile=True`` and
``torch.Tensor(5, 3)`` still run, each with a note naming today's form. Notes
travel as :class:`LessonNote` warnings, which the session collects with the
warnings PyTorch itself raises.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from typing import Any

import torch

from core.i18n import N_, _

FUTURE_NOTE = N_(
    "from __future__ import print_function made Python 2 print like Python 3; "
    "in Python 3 it does nothing, and print(...) works as it is."
)
TENSOR_SIZE_NOTE = N_(
    "torch.Tensor(5, 3) is the 2017 way to get an uninitialised tensor; it still works. "
    "Today's form is torch.empty(5, 3) (or torch.zeros / torch.rand when you want defined values)."
)
TENSOR_DATA_NOTE = N_(
    "torch.Tensor([...]) still works and always makes float32. "
    "Today's form is torch.tensor([...]), which keeps the data's type (write 1. for a float)."
)
VARIABLE_NOTE = N_(
    "Variable is the 2017 form: since PyTorch 0.4 every tensor is a Variable, and Variable(t) just "
    "returns a tensor. Today: x = torch.ones(2, 2, requires_grad=True), or t.requires_grad_()."
)
VOLATILE_NOTE = N_(
    "volatile=True no longer does anything (since PyTorch 0.4). "
    "To compute without recording a graph, write the code under `with torch.no_grad():`."
)
NO_CUDA_NOTE = N_(
    "torch.cuda.is_available() is False here: this computer has no CUDA GPU that PyTorch can use. "
    "Code under `if torch.cuda.is_available():` is skipped and the tensors stay on the CPU, "
    "which computes the same results."
)


class LessonNote(UserWarning):
    """A note for the learner about a form of the lesson's code; its message is already in their words."""


def note(text: str) -> None:
    """Show ``text`` (an ``N_`` message) beside this run's result, in the learner's language."""
    warnings.warn(_(text), LessonNote, stacklevel=3)


# ----- imports ------------------------------------------------------------------------------------
class ImportRewriter(ast.NodeTransformer):
    """Turn import lines into assignments from ``_sb_import`` and ``_sb_from`` (the session's modules)."""

    def visit_Import(self, node: ast.Import) -> list[ast.stmt]:
        statements: list[ast.stmt] = []
        for alias in node.names:
            # `import torch.nn` binds torch; `import torch.nn as nn` binds the submodule.
            module, bound = (alias.name, alias.asname) if alias.asname else (alias.name.split(".")[0],) * 2
            call = ast.Call(ast.Name("_sb_import", ast.Load()), [ast.Constant(module)], [])
            statements.append(ast.copy_location(ast.Assign([ast.Name(bound, ast.Store())], call), node))
        return statements

    def visit_ImportFrom(self, node: ast.ImportFrom) -> list[ast.stmt] | ast.stmt:
        if node.module == "__future__":
            return ast.copy_location(ast.Pass(), node)
        statements: list[ast.stmt] = []
        for alias in node.names:
            arguments = [ast.Constant(node.module), ast.Constant(alias.name)]
            call = ast.Call(ast.Name("_sb_from", ast.Load()), arguments, [])
            target = ast.Name(alias.asname or alias.name, ast.Store())
            statements.append(ast.copy_location(ast.Assign([target], call), node))
        return statements


# ----- notes read from the code before it runs ----------------------------------------------------
def source_notes(tree: ast.AST) -> list[str]:
    """Return the notes (``N_`` messages) for the 2017 forms ``tree`` writes that need no running to see."""
    notes: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            notes.append(FUTURE_NOTE)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Tensor"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "torch"
            and node.args
        ):
            literal = isinstance(node.args[0], (ast.List, ast.Tuple))
            notes.append(TENSOR_DATA_NOTE if literal else TENSOR_SIZE_NOTE)
    return list(dict.fromkeys(notes))


# ----- the old forms, still working ---------------------------------------------------------------
def variable(data: Any, requires_grad: bool = False, volatile: bool = False) -> torch.Tensor:
    """Do what ``Variable(data, requires_grad=...)`` does today (return a tensor), with a note."""
    note(VARIABLE_NOTE)
    if volatile:
        note(VOLATILE_NOTE)
    return torch.autograd.Variable(data, requires_grad=requires_grad)


def cuda_is_available() -> bool:
    """Answer as ``torch.cuda.is_available()`` does; say what a False means for the lesson's code."""
    available = torch.cuda.is_available()
    if not available:
        note(NO_CUDA_NOTE)
    return available


# (original, what learner code gets instead), compared by identity.
LESSON_REPLACEMENTS: tuple[tuple[Any, Callable[..., Any]], ...] = (
    (torch.autograd.Variable, variable),
    (torch.cuda.is_available, cuda_is_available),
)
