"""What a learner ran in the Tensors or Autograd tab, written out as one runnable script.

The tab keeps this record on the app's side, from the plain results the kernel
sends back. Code that ran goes in as it was typed, its last expression printed
(as the tab showed its value); code the sandbox refused, or that stopped with
an error, stays in as comments saying why, so that the script still runs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from core.base.i18n import _
from core.export.train_templates import NET_CLASS

HEADER = '''\
"""{title}"""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
'''

# The networks the tabs offer by name, written out when the code uses them.
NET = "\n\n" + NET_CLASS + "\n\nLeNet = Net\n"

MLP = """

class Neuralnetwork(nn.Module):
    def __init__(self, in_dim=28 * 28, n_hidden_1=300, n_hidden_2=100, out_dim=10, activation="none"):
        super().__init__()
        self.activation = activation
        self.layer1 = nn.Linear(in_dim, n_hidden_1)
        self.layer2 = nn.Linear(n_hidden_1, n_hidden_2)
        self.layer3 = nn.Linear(n_hidden_2, out_dim)

    def forward(self, x):
        x = x.view(x.size(0), -1)
        if self.activation == "relu":
            x = F.relu(self.layer1(x))
            x = F.relu(self.layer2(x))
        else:
            x = self.layer1(x)
            x = self.layer2(x)
        return self.layer3(x)


MLP = Neuralnetwork
"""

NETWORKS = (({"Net", "LeNet"}, NET), ({"Neuralnetwork", "MLP"}, MLP))


@dataclass(frozen=True)
class Entry:
    """One piece of the script: code that ran, or code left out and why (``reason``)."""

    code: str
    reason: str | None = None


def _commented(text: str) -> str:
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines())


def print_last_expression(code: str) -> str:
    """Return ``code`` with its last statement printed when it is an expression (as the tab shows it)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr) or last.end_lineno is None:
        return code
    call = last.value
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "print":
        return code
    lines = code.splitlines()
    segment = ast.get_source_segment(code, last)
    if last.lineno != last.end_lineno or last.col_offset != 0 or segment is None:
        return code  # an expression over several lines, or after a semicolon: left as it is
    lines[last.lineno - 1] = f"print({segment})" + lines[last.lineno - 1][len(segment) :]
    return "\n".join(lines)


def name_last_expression(code: str, name: str) -> str:
    """Return ``code`` with a one-line last expression assigned to ``name`` and printed."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr):
        return code
    segment = ast.get_source_segment(code, last)
    if segment is None or last.lineno != last.end_lineno or last.col_offset != 0:
        return code
    lines = code.splitlines()
    lines[last.lineno - 1] = f"{name} = {segment}\nprint({name})"
    return "\n".join(lines)


class SessionScript:
    """The record of one tab's runs, in order; :meth:`text` writes them out as a script."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def ran(self, code: str) -> None:
        """Record code that ran to its end."""
        self.entries.append(Entry(code.rstrip()))

    def left_out(self, code: str, reason: str) -> None:
        """Record code that was refused or stopped with an error, and why."""
        self.entries.append(Entry(code.rstrip(), reason))

    def clear(self) -> None:
        """Forget every run."""
        self.entries.clear()

    def text(self, title: str) -> str:
        """Return the runs as one script: imports, the networks used, then each run in order."""
        used = self._names_used()
        parts = [HEADER.format(title=title.replace('"""', "'''"))]
        parts += [code for names, code in NETWORKS if names & used]
        for entry in self.entries:
            if entry.reason is None:
                parts.append("\n" + print_last_expression(entry.code) + "\n")
            else:
                reason = _("Left out: {reason}").format(
                    reason=entry.reason.splitlines()[0] if entry.reason else ""
                )
                parts.append("\n" + _commented(reason) + "\n" + _commented(entry.code) + "\n")
        return "".join(parts)

    def _names_used(self) -> set[str]:
        names: set[str] = set()
        for entry in self.entries:
            if entry.reason is None:
                try:
                    tree = ast.parse(entry.code)
                except SyntaxError:
                    continue
                names.update(node.id for node in ast.walk(tree) if isinstance(node, ast.Name))
        return names
