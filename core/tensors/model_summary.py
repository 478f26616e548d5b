"""A learner's network in the lesson's terms: each layer, its output for an MNIST batch, its
parameters, the total, as torchinfo counts them; and a shape error said as the layer that did not fit.

The input is what MNIST gives: one 1×28×28 image, or 784 numbers for a network
that flattens first, or 1×32×32 for a LeNet that wants the lesson's padding;
the first that runs is used. When none runs, the layer that failed and the
shapes that did not fit are named ("fc1 expects 784 inputs, got 400: the layer
before it gives 16×5×5").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import torch
from torch import nn

from core.base.i18n import _
from core.models.trial_batch import TrialResult, first_line, trial_batch

INPUTS = ((1, 1, 28, 28), (1, 784), (1, 1, 32, 32))
CLASSES = 10


@dataclass(frozen=True)
class SummaryRow:
    """One layer: its name as the learner wrote it, its kind, its depth, its output shape, its parameters."""

    name: str
    kind: str
    depth: int
    output_shape: tuple[int, ...]
    parameters: int


@dataclass(frozen=True)
class ModelSummary:
    """What the summary shows; ``error`` says why the network does not run on MNIST's input."""

    variable: str
    class_name: str
    input_shape: tuple[int, ...]
    rows: tuple[SummaryRow, ...]
    total: int
    trainable: int
    error: str | None = None
    warning: str | None = None  # it runs, but not as a digit classifier (its output is not N×10)
    source: str | None = None  # the class's source, as the learner ran it (None: not theirs, or not found)
    trial: str | None = None  # one training step on a copy: "Ready to train: ..." or what went wrong
    trainable_now: bool = False  # that step found nothing wrong


def describe_variable(namespace: dict[str, Any], sources: list[str], name: str) -> ModelSummary:
    """Summarise the network in the variable ``name`` of a session, with its class's source."""
    from core.tensors.model_source import class_source
    from core.tensors.sandbox.limits import TimeLimitReached, time_limit, time_limit_message

    value = namespace.get(name)
    if not isinstance(value, nn.Module):
        kind = type(value).__name__ if name in namespace else None
        message = (
            _("{name} is of type {kind}, not a network (an nn.Module).").format(name=name, kind=kind)
            if kind
            else _("There is no variable {name}.").format(name=name)
        )
        return ModelSummary(name, kind or "", (), (), 0, 0, message)
    try:
        with time_limit():
            summary = summarise(value, name)
            trial = trial_batch(value, summary.input_shape) if summary.error is None else None
    except TimeLimitReached:
        return ModelSummary(name, type(value).__name__, (), (), 0, 0, time_limit_message())
    return replace(
        summary,
        source=class_source(sources, type(value).__name__),
        trial=trial.text() if trial is not None else None,
        trainable_now=_ready(trial),
    )


def _ready(trial: TrialResult | None) -> bool:
    return trial is not None and not trial.problems


def summarise(model: nn.Module, variable: str) -> ModelSummary:
    """Describe ``model`` layer by layer on the first MNIST input shape it accepts."""
    import torchinfo

    class_name = type(model).__name__
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    failures = []
    was_training = model.training
    for shape in INPUTS:
        try:
            stats = torchinfo.summary(model, input_size=shape, verbose=0, device="cpu")
        except Exception:  # torchinfo wraps the forward's error; the trace below says which layer
            failures.append((shape, *_failure(model, shape)))
            continue
        finally:
            model.train(was_training)
        rows = tuple(
            SummaryRow(
                info.var_name or "?",
                info.class_name,
                info.depth,
                tuple(int(n) for n in (info.output_size or ())),
                int(info.num_params if info.is_leaf_layer else info.leftover_params()),
            )
            for info in stats.summary_list
            if info.depth > 0
        )
        return ModelSummary(
            variable, class_name, shape, rows, total, trainable, None, _output_warning(model, shape)
        )
    shape, _reached, message = max(failures, key=lambda failure: failure[1])
    return ModelSummary(variable, class_name, shape, (), total, trainable, message)


def _output_warning(model: nn.Module, shape: tuple[int, ...]) -> str | None:
    with torch.no_grad():
        out = model.eval()(torch.zeros(shape))
    got = tuple(out.shape) if isinstance(out, torch.Tensor) else None
    if got == (shape[0], CLASSES):
        return None
    return _("It runs, but its output has shape {got}; to read digits it must give ({n}, 10).").format(
        got=got if got is not None else type(out).__name__, n=shape[0]
    )


def _failure(model: nn.Module, shape: tuple[int, ...]) -> tuple[int, str]:
    """Run the forward once more with hooks; return how many layers ran and what failed, in words."""
    entered: list[tuple[str, nn.Module, tuple[int, ...]]] = []
    outputs: list[tuple[str, tuple[int, ...]]] = []
    names = {module: name for name, module in model.named_modules() if name}
    hooks = []
    for module in names:
        if next(module.children(), None) is None:  # a layer, not a container
            hooks.append(module.register_forward_pre_hook(_entered(entered, names)))
            hooks.append(module.register_forward_hook(_left(outputs, names)))
    try:
        with torch.no_grad():
            model.eval()(torch.zeros(shape))
        error: Exception | None = None
    except Exception as exc:
        error = exc
    finally:
        for hook in hooks:
            hook.remove()
    if error is None:
        return len(outputs), _("It runs on {shape} but torchinfo could not describe it.").format(shape=shape)
    if not entered:
        return 0, _("forward failed before any layer, on an input of shape {shape}: {error}").format(
            shape=_dims(shape), error=first_line(error)
        )
    name, module, got = entered[-1]
    before = outputs[-1][1] if outputs and outputs[-1][0] != name else shape
    return len(outputs), _explain(name, module, got, before, error)


def _entered(entered: list, names: dict) -> Any:
    def hook(module, inputs):
        first = inputs[0] if inputs and isinstance(inputs[0], torch.Tensor) else None
        entered.append((names[module], module, tuple(first.shape) if first is not None else ()))

    return hook


def _left(outputs: list, names: dict) -> Any:
    def hook(module, inputs, output):
        if isinstance(output, torch.Tensor):
            outputs.append((names[module], tuple(output.shape)))

    return hook


def _explain(
    name: str, module: nn.Module, got: tuple[int, ...], before: tuple[int, ...], error: Exception
) -> str:
    """Say which layer did not fit, what it expects, what it was given and where that came from."""
    previous = _dims(before[1:]) if len(before) > 1 else _dims(before)
    if isinstance(module, nn.Linear) and got and got[-1] != module.in_features:
        if math.prod(before[1:]) == got[-1]:  # what came in is the layer before's output, flattened
            return _("{name} expects {wanted} inputs, got {got}: the layer before it gives {before}.").format(
                name=name, wanted=module.in_features, got=got[-1], before=previous
            )
        return _("{name} expects {wanted} inputs, got {got}.").format(
            name=name, wanted=module.in_features, got=got[-1]
        )
    if isinstance(module, nn.Conv2d) and len(got) != 4:  # noqa: PLR2004 - N, C, H, W
        return _("{name} expects images of shape N×C×H×W, got {got}.").format(name=name, got=_dims(got))
    if isinstance(module, nn.Conv2d) and got[1] != module.in_channels:
        return _("{name} expects {wanted} channels, got {got}: the layer before it gives {before}.").format(
            name=name, wanted=module.in_channels, got=got[1], before=previous
        )
    return _("{name} ({kind}) failed on an input of shape {got}: {error}").format(
        name=name, kind=type(module).__name__, got=_dims(got), error=first_line(error)
    )


def _dims(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape) if shape else "()"


def graph_code(summary: ModelSummary) -> str:
    """Return the Autograd tab's program for the network's forward on one MNIST-sized image."""
    shape = ", ".join(map(str, summary.input_shape or INPUTS[0]))
    lines = [summary.source.rstrip()] if summary.source else []
    lines += [
        f"{summary.variable} = {summary.class_name}()",
        f"x = torch.rand({shape})",
        f"out = {summary.variable}(x).sum()",
    ]
    return "\n".join(lines) + "\n"
