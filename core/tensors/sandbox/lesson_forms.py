"""The lesson's 2017 code in today's PyTorch: its old forms run, and say what replaced them.

The lesson was written for PyTorch 0.3. ``Variable``, ``volatile=True``,
``torch.Tensor(5, 3)`` and ``from __future__ import print_function`` still
run, each with a note naming today's form, read from the code before it runs.
:class:`LessonNote` warnings (raised by the app's own helpers) reach the
learner as they are, beside the warnings PyTorch itself raises.
"""

from __future__ import annotations

import ast
import copy

import torch

from core.base.i18n import N_, _

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
    "returns a tensor. Today: {today}"
)
VARIABLE_DROPPED = N_("the tensor itself: the line that wraps it in Variable can go.")
NO_CUDA_NOTE = N_(
    "torch.cuda.is_available() is False here: this computer has no CUDA GPU that PyTorch can use. "
    "Code under `if torch.cuda.is_available():` is skipped and the tensors stay on the CPU, "
    "which computes the same results."
)


class LessonNote(UserWarning):
    """A note for the learner about a form of the lesson's code; its message is already in their words."""


# ----- notes read from the code before it runs ----------------------------------------------------
def source_notes(tree: ast.AST) -> list[str]:
    """Return the notes for the 2017 forms that ``tree`` writes, in the learner's language.

    The note on ``Variable`` quotes the code's own lines as they are written today.
    """
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
    today = "; ".join(todays_lines(tree)) or _(VARIABLE_DROPPED)
    return [
        _(note).format(today=today) if note == VARIABLE_NOTE else _(note) for note in dict.fromkeys(notes)
    ]


def todays_lines(tree: ast.AST) -> list[str]:
    """Return each statement of ``tree`` that calls ``Variable(...)``, as today's PyTorch writes it.

    ``Variable(t)`` becomes ``t``; with ``requires_grad=True`` the tensor asks for it itself:
    ``torch.ones(2, 2, requires_grad=True)``, or ``t.requires_grad_()``, or, where ``t`` was just made
    by such a call (``x = torch.randn(3)`` then ``x = Variable(x, requires_grad=True)``), that call
    with ``requires_grad=True``, which replaces both lines. ``volatile=True`` is left out (its own
    message names ``torch.no_grad()``).
    """
    lines: list[str] = []
    made: dict[str, ast.Call] = {}  # a name and the torch call that last made it
    for statement in _simple_statements(tree):
        if any(isinstance(n, ast.Call) and _called_name(n) == "Variable" for n in ast.walk(statement)):
            today = _TodaysForm(made).visit(copy.deepcopy(statement))
            if not _does_nothing(today):  # x = Variable(x) becomes x = x: the line goes
                lines.append(ast.unparse(today))
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
            if isinstance(target, ast.Name):
                made.pop(target.id, None)
                if isinstance(value, ast.Call) and _is_torch_call(value):
                    made[target.id] = value
    return list(dict.fromkeys(lines))


def _simple_statements(tree: ast.AST) -> list[ast.stmt]:
    """Return the statements that hold no other statement, in the order they are written."""
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt) and not any(isinstance(c, ast.stmt) for c in ast.iter_child_nodes(node))
    ]
    return sorted(found, key=lambda node: (node.lineno, node.col_offset))


def _does_nothing(statement: ast.AST) -> bool:
    """Tell whether ``statement`` is ``x = x`` or a bare name."""
    if isinstance(statement, ast.Expr):
        return isinstance(statement.value, ast.Name)
    return (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.Name)
        and statement.targets[0].id == statement.value.id
    )


def _is_torch_call(node: ast.AST) -> bool:
    """Tell whether ``node`` calls a function of torch directly, such as ``torch.randn(3)``."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "torch"
    )


class _TodaysForm(ast.NodeTransformer):
    """Rewrite every ``Variable(t, ...)`` in a statement as today's tensor (see :func:`todays_lines`)."""

    def __init__(self, made: dict[str, ast.Call]) -> None:
        self.made = made

    def visit_Call(self, node: ast.Call) -> ast.AST:
        """Replace a call of ``Variable`` by the tensor it wraps."""
        self.generic_visit(node)
        if _called_name(node) != "Variable" or len(node.args) != 1:
            return node
        tensor = node.args[0]
        wants_grad = any(
            k.arg == "requires_grad" and isinstance(k.value, ast.Constant) and k.value.value is True
            for k in node.keywords
        )
        if not wants_grad:
            return tensor
        if isinstance(tensor, ast.Name) and tensor.id in self.made:
            tensor = copy.deepcopy(self.made[tensor.id])
        if isinstance(tensor, ast.Call) and _is_torch_call(tensor):
            keyword = ast.keyword(arg="requires_grad", value=ast.Constant(True))
            return ast.Call(tensor.func, tensor.args, [*tensor.keywords, keyword])
        return ast.Call(ast.Attribute(tensor, "requires_grad_", ast.Load()), [], [])


def _called_name(node: ast.AST) -> str | None:
    """Return the last name of what ``node`` calls (``Variable`` for ``torch.autograd.Variable(...)``)."""
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    return None
