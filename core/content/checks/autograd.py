"""Checks of the Autograd tab's exercises: gradients of a function, detach, accumulating and zeroing,
backward with ``gradient=``, leaves that require grad, and predicting a gradient.

Every gradient a check compares with is computed by the check itself, on tensors of its own, with
torch's autograd taken before the learner's code ran (:mod:`core.content.checks.inspect`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from core.base.i18n import _
from core.content.checks import CODE, Failed, Verdict, Work, check, passed
from core.content.checks import inspect as look

THREE = [1.0, 2.0, 3.0]  # the x most exercises start from


def _fn_name(value: torch.Tensor) -> str:
    """Return the name of the tensor's grad_fn, such as ``MulBackward0``."""
    return type(look.grad_fn(value)).__name__


def _leaf_that_requires_grad(work: Work, name: str) -> torch.Tensor:
    """Return the learner's tensor ``name`` if it is still a leaf that requires grad."""
    value = look.tensor(work, name)
    if look.grad_fn(value) is not None or not look.requires_grad(value):
        raise Failed(
            _(
                "{name} is no longer a leaf that requires grad: keep {name} as the start makes it "
                "(requires_grad=True)."
            ).format(name=name)
        )
    return value


@check("gradient_12_at_2", CODE)
def gradient_12_at_2(work: Work) -> Verdict:
    """``f(x)`` returns a real scalar tensor computed from ``x`` whose gradient at x = 2 is 12."""
    f = look.function(work, "f")
    x = look.leaf(2.0)
    out = look.call(f, "f", x)
    if not look.is_tensor(out):
        raise Failed(
            _(
                "f(x) gave a {kind}, not a tensor: return the result of torch operations on x "
                "(no .item(), no float(...))."
            ).format(kind=type(out).__name__)
        )
    if look.shape(out) != ():
        raise Failed(
            _("f(x) has shape {seen}; the exercise wants a single number (a scalar, shape ()).").format(
                seen=look.shape(out)
            )
        )
    if not look.dtype(out).is_floating_point:
        raise Failed(
            _("f(x) is of dtype {dtype}; the exercise wants a real floating-point number.").format(
                dtype=look.dtype(out)
            )
        )
    if not look.requires_grad(out):
        raise Failed(
            _(
                "f(x) does not require grad, so it is not connected to x: compute it from x with torch "
                "operations, without .detach(), .item() or torch.tensor(...)."
            )
        )
    slope = look.gradient(out, x, "f(x)")
    if slope is None:
        raise Failed(_("f(x) does not depend on x: its result must be computed from x."))
    if not look.close(look.values(slope), 12.0):
        raise Failed(
            _(
                "f's gradient at x = 2 is {seen}; the exercise wants 12. Work out f'(x) by hand, "
                "then evaluate it at x = 2."
            ).format(seen=look.values(slope))
        )
    return passed(_("f'(2) = 12: autograd followed f's operations back to x and applied the chain rule."))


@check("detached_times_2", CODE)
def detached_times_2(work: Work) -> Verdict:
    """``y`` holds ``x * 2`` but is cut from the graph: no grad_fn, no requires_grad."""
    x = _leaf_that_requires_grad(work, "x")
    y = look.tensor(work, "y")
    wanted = [2.0 * v for v in look.values(x)]
    if look.shape(y) != look.shape(x) or not look.close(look.values(y), wanted):
        raise Failed(
            _("y holds {seen}; the exercise wants the values of x * 2 = {wanted}.").format(
                seen=look.values(y), wanted=wanted
            )
        )
    if look.grad_fn(y) is not None:
        raise Failed(
            _(
                "y has a grad_fn ({fn}): it is still part of x's graph, so gradients flow through it. "
                "Cut it off with .detach()."
            ).format(fn=_fn_name(y))
        )
    if look.requires_grad(y):
        raise Failed(_("y requires grad: autograd would treat it as a leaf to learn. A detached y does not."))
    slope = look.gradient(look.total(look.multiply(x, y)), x, "(x * y).sum()")
    return passed(
        _(
            "The gradient of (x * y).sum() with respect to x is {grad}: y's values, because y is a "
            "constant to autograd. Without detach it would be 4 * x."
        ).format(grad=look.values(slope) if slope is not None else None)
    )


@check("accumulated_then_zeroed", CODE)
def accumulated_then_zeroed(work: Work) -> Verdict:
    """``twice`` holds x.grad after two backward passes of (x ** 2).sum(); x.grad is zeroed at the end."""
    x = _leaf_that_requires_grad(work, "x")
    once = [2.0 * v for v in look.values(x)]
    wanted = [4.0 * v for v in look.values(x)]
    twice = look.tensor(work, "twice")
    grad = look.grad(x)
    seen = look.values(twice)
    if look.shape(twice) != look.shape(x):
        raise Failed(
            _("twice has shape {seen}; x.grad has the shape of x, {wanted}.").format(
                seen=look.shape(twice), wanted=look.shape(x)
            )
        )
    if grad is not None and look.storage_pointer(twice) == look.storage_pointer(grad):
        raise Failed(
            _(
                "twice is x.grad itself (the same memory), so zeroing x.grad emptied it too: "
                "it holds {seen}. Keep a copy: twice = x.grad.clone()."
            ).format(seen=seen)
        )
    if look.grad_fn(twice) is not None:
        raise Failed(
            _(
                "twice is computed from x (it has a grad_fn): take it from x.grad after the two "
                "backward calls."
            )
        )
    if look.close(seen, once):
        raise Failed(
            _(
                "twice holds {seen}, the gradient of one backward; call backward a second time: "
                "gradients add up in x.grad."
            ).format(seen=seen)
        )
    if not look.close(seen, wanted):
        raise Failed(
            _("twice holds {seen}; after two backward passes x.grad is {wanted} (2 * x, twice).").format(
                seen=seen, wanted=wanted
            )
        )
    if grad is None:
        raise Failed(
            _(
                "x.grad is None at the end; the exercise wants it zeroed in place with x.grad.zero_(), "
                "the tensor kept."
            )
        )
    if not look.close(look.values(grad), [0.0] * len(once)):
        raise Failed(
            _("x.grad is still {seen}: zero it with x.grad.zero_() after keeping twice.").format(
                seen=look.values(grad)
            )
        )
    return passed(
        _(
            "Two backward passes added up to {twice}; x.grad.zero_() emptied it for the next step, "
            "as optimizer.zero_grad() does in every training loop."
        ).format(twice=seen)
    )


@check("backward_with_gradient_1_2_3", CODE)
def backward_with_gradient_1_2_3(work: Work) -> Verdict:
    """``y = x * 3`` for x = [1, 2, 3]; ``y.backward(gradient=...)`` left x.grad = [3, 6, 9]."""
    x = _leaf_that_requires_grad(work, "x")
    if not look.close(look.values(x), THREE):
        raise Failed(
            _("x holds {seen}; keep x as the start makes it, {wanted}.").format(
                seen=look.values(x), wanted=THREE
            )
        )
    y = look.tensor(work, "y")
    if look.grad_fn(y) is None or not look.close(look.values(y), [3.0, 6.0, 9.0]):
        raise Failed(_("y must be x * 3, computed from x: keep the start's y = x * 3."))
    grad = look.grad(x)
    if grad is None:
        raise Failed(_("x.grad is None: call y.backward(gradient=...) with the right weights."))
    seen = look.values(grad)
    wanted = [3.0, 6.0, 9.0]
    if look.close(seen, wanted):
        return passed(
            _(
                "x.grad = 3 * [1, 2, 3]: backward(gradient=v) computes the vector-Jacobian product "
                "v^T J, and here J = 3 I. It is what (y * v).sum().backward() computes."
            )
        )
    if look.close(seen, [3.0, 3.0, 3.0]):
        raise Failed(
            _(
                "x.grad is {seen}: a gradient of ones weighs every element of y by 1. "
                "x.grad[i] = 3 * gradient[i]: which gradient gives {wanted}?"
            ).format(seen=seen, wanted=wanted)
        )
    raise Failed(
        _(
            "x.grad is {seen}; the exercise wants {wanted}. x.grad[i] = 3 * gradient[i], added up over every "
            "backward call: call backward once, with the right gradient."
        ).format(seen=seen, wanted=wanted)
    )


@check("leaf_made_to_require_grad", CODE)
def leaf_made_to_require_grad(work: Work) -> Verdict:
    """``w`` (2×2 ones) is a leaf that requires grad; ``out = (w * 3).sum()`` was backpropagated."""
    w = look.tensor(work, "w")
    if look.shape(w) != (2, 2) or not look.close(look.values(w), [[1.0, 1.0], [1.0, 1.0]]):
        raise Failed(_("w must stay the start's 2×2 tensor of ones."))
    if look.grad_fn(w) is not None:
        raise Failed(
            _(
                "w is not a leaf (it has a grad_fn, {fn}): it was computed from another tensor, so its "
                ".grad stays None. Call requires_grad_() on w itself."
            ).format(fn=_fn_name(w))
        )
    if not look.requires_grad(w):
        raise Failed(_("w does not require grad: call w.requires_grad_() before computing out."))
    out = look.tensor(work, "out")
    if look.grad_fn(out) is None:
        raise Failed(
            _(
                "out has no grad_fn: it was computed before w required grad, so autograd recorded "
                "nothing. Call w.requires_grad_() first, then compute out."
            )
        )
    grad = look.grad(w)
    if grad is None:
        raise Failed(_("w.grad is None: call out.backward() to fill it."))
    if not look.close(look.values(grad), [[3.0, 3.0], [3.0, 3.0]]):
        raise Failed(
            _("w.grad is {seen}; one out.backward() gives 3 for each element.").format(seen=look.values(grad))
        )
    return passed(
        _(
            "w is a leaf that requires grad: out.backward() filled w.grad with d out / d w = 3 for each "
            "element. requires_grad_() works in place; torch.ones(2, 2, requires_grad=True) does the same."
        )
    )


def _prediction(value: Any) -> Any:
    """Return the learner's prediction as plain numbers, or None if it is not a number or a tensor."""
    if type(value) in (int, float) or isinstance(value, (np.integer, np.floating)):
        return float(value)
    if look.is_tensor(value):
        return look.values(value)
    return None


@check("predicted_gradient", CODE)
def predicted_gradient(work: Work) -> Verdict:
    """``expected`` is the gradient of ``(3 * (x + 2) ** 2).mean()`` at x = ones(2, 2): 4.5 each."""
    given = look.variable(work, "expected")
    guess = _prediction(given)
    if guess is None:
        raise Failed(
            _(
                "expected is of type {kind}, not a number: write the number you predict, e.g. expected = 2.5."
            ).format(kind=type(given).__name__)
        )
    x = look.leaf([[1.0, 1.0], [1.0, 1.0]])
    out = look.mean(look.multiply(3.0, look.power(look.add(x, 2.0), 2)))
    slope = look.gradient(out, x, "out")
    truth = look.values(slope)[0][0] if slope is not None else 0.0
    right = look.close(guess, truth) or look.close(guess, [[truth, truth], [truth, truth]])
    if right:
        return passed(
            _(
                "Right: each element of x.grad is {truth} = (1/4) * 3 * 2 * (1 + 2). "
                "Run out.backward(); print(x.grad) to see it."
            ).format(truth=truth)
        )
    if look.close(guess, 4 * truth):
        raise Failed(
            _(
                "Your prediction {seen} is 4 times too big: .mean() divides by the 4 elements of x, "
                "so each element's gradient is a quarter of 6 * (x + 2)."
            ).format(seen=guess)
        )
    raise Failed(
        _(
            "Your prediction {seen} is not the gradient: out.backward() gives {truth} for each element of x. "
            "By the chain rule, d out / d x = (1/4) * 3 * 2 * (x + 2) = {truth} at x = 1."
        ).format(seen=guess, truth=truth)
    )
