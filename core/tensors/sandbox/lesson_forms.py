"""The lesson's 2017 code in today's PyTorch: its old forms run, and say what replaced them.

The lesson was written for PyTorch 0.3. ``Variable``, ``volatile=True``,
``torch.Tensor(5, 3)`` and ``from __future__ import print_function`` still
run, each with a note naming today's form, read from the code before it runs.
:class:`LessonNote` warnings (raised by the app's own helpers) reach the
learner as they are, beside the warnings PyTorch itself raises.
"""

from __future__ import annotations

import ast

import torch

from core.base.i18n import N_

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
NO_CUDA_NOTE = N_(
    "torch.cuda.is_available() is False here: this computer has no CUDA GPU that PyTorch can use. "
    "Code under `if torch.cuda.is_available():` is skipped and the tensors stay on the CPU, "
    "which computes the same results."
)


class LessonNote(UserWarning):
    """A note for the learner about a form of the lesson's code; its message is already in their words."""


# ----- notes read from the code before it runs ----------------------------------------------------
def source_notes(tree: ast.AST) -> list[str]:
    """Return the notes (``N_`` messages) for the 2017 forms that ``tree`` writes."""
    notes: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            notes.append(FUTURE_NOTE)
        elif isinstance(node, ast.Call) and _called_name(node) == "Variable":
            notes.append(VARIABLE_NOTE)  # volatile=True: explained by core.tensors.errors
        elif (
            isinstance(node, ast.Call)
            and _called_name(node) == "is_available"
            and isinstance(node.func, ast.Attribute)
            and _called_name(node.func.value) == "cuda"
            and not torch.cuda.is_available()
        ):
            notes.append(NO_CUDA_NOTE)
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


def _called_name(node: ast.AST) -> str | None:
    """Return the last name of what ``node`` calls (``Variable`` for ``torch.autograd.Variable(...)``)."""
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None
