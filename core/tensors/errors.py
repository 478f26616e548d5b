"""Plain-words explanations of the errors learners meet in PyTorch."""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable
from typing import Any

from core.base.i18n import N_, _

# (pattern in the original message, explanation); the first match wins.
EXPLANATIONS: tuple[tuple[str, str], ...] = (
    (
        r"The size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\) "
        r"at non-singleton dimension (\d+)",
        N_(
            "The shapes do not fit together: in dimension {2} one tensor has size {0} and the other {1}. "
            "Broadcasting lines shapes up from the right; each pair of sizes must be equal, "
            "or one of them 1. Check both tensors' .shape."
        ),
    ),
    (
        r"mat1 and mat2 shapes cannot be multiplied \(\d+x256 and 400x120\)",
        N_(
            "The lesson's Net reads 32x32 images: a 28x28 image leaves 16x4x4 = 256 numbers for fc1, which "
            "takes 16x5x5 = 400. Give it torch.randn(1, 1, 32, 32), or pad a 28x28 digit with "
            "F.pad(x, (2, 2, 2, 2)), as the app does for MNIST."
        ),
    ),
    (
        r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)",
        N_(
            "Matrix multiplication needs the inner sizes to match: ({0}x{1}) @ ({2}x{3}) has {1} columns "
            "against {2} rows. Transpose one (.t()) or change a shape."
        ),
    ),
    (
        r"grad can be implicitly created only for scalar outputs",
        N_(
            "backward() without arguments needs a single number (a scalar). This tensor has several "
            "elements: pass a gradient, e.g. y.backward(torch.ones_like(y)), or reduce it first with "
            ".sum() or .mean()."
        ),
    ),
    (
        r"Trying to backward through the graph a second time",
        N_(
            "The graph was freed by the first backward() to save memory, so it cannot be walked again. "
            "Run the forward code again, or call backward(retain_graph=True) the first time."
        ),
    ),
    (
        r"only Tensors of floating point( and complex)? dtype can require gradients",
        N_(
            "Only floating-point tensors can have gradients: integers have no small steps to take. "
            "Create it as a float, e.g. torch.ones(2, 2, dtype=torch.float32, requires_grad=True)."
        ),
    ),
    (
        r"does not require grad and does not have a grad_fn",
        N_(
            "This tensor does not track gradients, so backward() has nothing to do. Create the inputs with "
            "requires_grad=True, e.g. x = torch.ones(2, 2, requires_grad=True)."
        ),
    ),
    (
        r"Can't call numpy\(\) on Tensor that requires grad",
        N_(".numpy() cannot share memory with a tensor that tracks gradients. Use x.detach().numpy()."),
    ),
    (
        r"can't convert (cuda|mps).* to numpy",
        N_(".numpy() needs the tensor on the CPU first: x.cpu().numpy()."),
    ),
    (
        r"expected scalar type (\w+) but found (\w+)|Found dtype (\w+) but expected (\w+)|"
        r"expected (?:both vectors|m1 and m2) to have (?:the )?same dtype",
        N_("The tensors have different dtypes. Convert one, e.g. x.float() or y.long(), so they match."),
    ),
    (
        r"result type (\w+) can't be cast to the desired output type (\w+)",
        N_(
            "An in-place operation cannot store a {0} result in a {1} tensor. Use the out-of-place version "
            "(x = x + y) or convert the dtype first."
        ),
    ),
    (
        r"a leaf Variable that requires grad is being used in an in-place operation",
        N_(
            "A leaf tensor that requires grad cannot be changed in place, autograd would lose track of it. "
            "Wrap the change in `with torch.no_grad():` or use the out-of-place form."
        ),
    ),
    (
        r"index (-?\d+) is out of bounds for dimension (\d+) with size (\d+)",
        N_(
            "Index {0} is outside dimension {1}, which has size {2} "
            "(valid: 0 to {2}-1, or negative from the end)."
        ),
    ),
    (
        r"Torch not compiled with CUDA enabled|no CUDA GPUs are available|Found no NVIDIA driver",
        N_(
            "This computer has no usable CUDA GPU, so .cuda() / device='cuda' cannot work here. "
            "torch.cuda.is_available() tells you in advance; the CPU does the same maths."
        ),
    ),
    (
        r"shape '\[([^\]]*)\]' is invalid for input of size (\d+)",
        N_(
            "view/reshape to [{0}] does not fit: the tensor has {1} elements, "
            "and the new shape must hold exactly that many."
        ),
    ),
    (
        r"invalid index of a 0-dim tensor",
        N_(
            "This tensor is a single number with no dimensions (0-d), so it has no [0]. In 2017 a loss was a "
            "1-element tensor and the lesson read it with loss.data[0]; since PyTorch 0.4 write loss.item()."
        ),
    ),
    (
        r"CUDA out of memory\. Tried to allocate ([\d.]+ [KMGT]?i?B)",
        N_(
            "The GPU has not enough free memory for that ({0} more were asked for). Use smaller tensors, "
            "or free the ones you no longer need with del."
        ),
    ),
    (
        r"\[Errno 13\] Permission denied: '(.*?)'",
        N_(
            "The kernel may not open {0}: typed code reads only its own folder, the app's data and the "
            "installed packages, and changes files only in its own folder (use a relative path such as "
            "'notes.txt')."
        ),
    ),
    (
        r"\[Errno 1\] Operation not permitted",
        N_(
            "The operating system refused this: typed code cannot start programs or processes, use the "
            "network, or trace or signal other programs. Everything else of Python and PyTorch works here."
        ),
    ),
    (
        r"^EOF when reading a line$",
        N_("input() cannot read here: the kernel has no keyboard. Give the value in the code, e.g. n = 5."),
    ),
)
# How the CPU allocators of torch and NumPy say that memory ran out (the limit, or the machine's).
OUT_OF_MEMORY = re.compile(
    r"can't allocate memory: you tried to allocate (\d+) bytes|Unable to allocate ([\d.]+ [KMGT]?i?B)"
)


def _syntax(exc: SyntaxError) -> str:
    if exc.lineno:
        text = _(
            "Python could not read this (line {line}, column {column}): {problem}. "
            "Check brackets, commas and quotes; full-width punctuation from a Chinese input method "
            "is read as ASCII automatically."
        )
    else:
        text = _(
            "Python could not read this: {problem}. "
            "Check brackets, commas and quotes; full-width punctuation from a Chinese input method "
            "is read as ASCII automatically."
        )
    return text.format(line=exc.lineno, column=exc.offset, problem=exc.msg)


# Names the lesson gets from an import line, and that line.
LESSON_IMPORTED = {
    "Variable": "from torch.autograd import Variable",
    "optim": "import torch.optim as optim",
}


def _name(exc: NameError) -> str:
    match = re.search(r"name '(\w+)' is not defined", str(exc))
    name = match.group(1) if match else "x"
    if name in LESSON_IMPORTED:
        return _("{name} comes from an import line of the lesson: run `{line}` first.").format(
            name=name, line=LESSON_IMPORTED[name]
        )
    if hasattr(builtins, name):
        return _(
            "{name} is not available in this playground: it works with tensors only, "
            "with no files, imports or Python internals."
        ).format(name=name)
    return _(
        "{name} is not defined yet. Assign it first (e.g. {name} = torch.ones(2, 2)); "
        "available from the start are torch, np, nn, F, Net (LeNet) and Neuralnetwork (MLP)."
    ).format(name=name)


def _attribute(exc: AttributeError) -> str:
    return _("{error}. Check the spelling; common ones are x.shape, x.size(), x.grad and x.grad_fn.").format(
        error=exc
    )


def _zero_division(exc: ZeroDivisionError) -> str:
    return _("Division by zero (with Python numbers; tensors give inf instead).")


EXPLAINED_CHARS = 20_000  # the patterns below look at this much of an error's text (PyTorch's are short)

# Python's own errors, explained from the exception itself rather than from its text.
BY_KIND: tuple[tuple[type[BaseException], Callable[[Any], str]], ...] = (
    (SyntaxError, _syntax),
    (NameError, _name),
    (AttributeError, _attribute),
    (ZeroDivisionError, _zero_division),
)


def explain(exc: BaseException, code: str = "", memory_limit: int | None = None) -> str:
    """Return a one-paragraph message a learner understands for ``exc``.

    ``memory_limit`` is the number of bytes the running process may allocate,
    quoted when ``exc`` says that memory ran out.
    """
    for kind, explain_kind in BY_KIND:
        if isinstance(exc, kind):
            return explain_kind(exc)
    if isinstance(exc, PermissionError) and exc.errno is None and exc.args:
        return str(exc)  # the kernel's own refusal, already in the learner's words
    whole = str(exc)
    text = whole[:EXPLAINED_CHARS]  # a 40-million-character message is matched on its start only
    if isinstance(exc, MemoryError) or OUT_OF_MEMORY.search(text):
        return _explain_out_of_memory(text, memory_limit)
    for pattern, message in EXPLANATIONS:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return _(message).format(*(g or "" for g in match.groups()))
    if len(whole) > len(text):  # cut: its start as it is (the session bounds what is shown)
        lines = text.lstrip().splitlines()  # not strip(): a key of spaces keeps its length
        return f"{type(exc).__name__}: {lines[0] if lines else ''} …"
    first_line = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return f"{type(exc).__name__}: {first_line}"


# What PyTorch warns about, in plain words: (pattern in the warning, explanation); the first match wins.
WARNINGS: tuple[tuple[str, str], ...] = (
    (
        r"volatile was removed",
        N_(
            "volatile=True no longer does anything (since PyTorch 0.4). "
            "To compute without recording a graph, write the code under `with torch.no_grad():`."
        ),
    ),
    (
        r"Using a target size \(torch\.Size\((\[.*?\])\)\) that is different to the input size "
        r"\(torch\.Size\((\[.*?\])\)\)",
        N_(
            "PyTorch warns: the target's shape {0} is not the output's {1}, so the loss broadcasts them. "
            "With one row of outputs the numbers come out right; with a batch of several rows every output "
            "would be compared with every target. Give the target the output's shape, "
            "e.g. target.view(1, -1)."
        ),
    ),
    (
        r"Implicit dimension choice for (\w+) has been deprecated",
        N_(
            "PyTorch warns: {0} without dim= is deprecated. Say which dimension to use, e.g. F.{0}(x, dim=1)."
        ),
    ),
    (
        r"size_average and reduce args will be deprecated",
        N_("PyTorch warns: size_average= and reduce= are the old forms; write reduction='mean' or 'sum'."),
    ),
    (
        r"([\w.]+) is deprecated\. Use ([\w.]+) instead",
        N_("PyTorch warns: {0} is an old name (deprecated); {1} does the same today."),
    ),
)


def explain_warning(warning: Warning | str) -> str:
    """Return a warning PyTorch raised, in plain words where its cause is known, else as PyTorch says it."""
    text = str(warning)
    for pattern, message in WARNINGS:
        match = re.search(pattern, text)
        if match:
            return _(message).format(*match.groups())
    first_line = text.strip().splitlines()[0] if text.strip() else text
    return _("PyTorch warns: {warning}").format(warning=first_line)


def _explain_out_of_memory(text: str, memory_limit: int | None) -> str:
    match = OUT_OF_MEMORY.search(text)
    asked = ""
    if match:
        asked = format_bytes(int(match.group(1))) if match.group(1) else match.group(2)
    if memory_limit is None:
        if asked:
            return _(
                "There is not enough memory for that: this step asked for {asked}. Use smaller sizes."
            ).format(asked=asked)
        return _(
            "There is not enough memory for that. Use smaller sizes, or del variables you no longer need."
        )
    limit = format_bytes(memory_limit)
    if asked:
        return _(
            "That needs more memory than the playground may use ({limit} in all): this step asked for "
            "{asked}. Use smaller sizes, or del variables you no longer need."
        ).format(limit=limit, asked=asked)
    return _(
        "That needs more memory than the playground may use ({limit} in all). "
        "Use smaller sizes, or del variables you no longer need."
    ).format(limit=limit)


def format_bytes(count: float) -> str:
    """Write a number of bytes as a learner reads it, e.g. ``800 MB`` or ``1.5 GB``."""
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1000:  # noqa: PLR2004 - the step between units
            return f"{count:.3g} {unit}" if unit != "bytes" else _("{count} bytes").format(count=int(count))
        count /= 1000
    return f"{count:.3g} TB"
