"""One step's update written out with its numbers, by each optimizer's own formula.

:func:`formula_after` computes the new point from the step's gradient and the
state the optimizer kept before it, by the formula torch.optim documents;
:func:`written_update` writes that arithmetic out for each parameter. The tests
check the formula's point against what ``torch.optim`` did, so what the learner
reads is what happened.
"""

from __future__ import annotations

import numpy as np

from core.base.i18n import N_, _
from core.optimizers.race import EPS, OptimizerSpec, StepUpdate

WORDS = {
    "buf": N_("the momentum buffer (a running sum of gradients)"),
    "v": N_("the running average of squared gradients"),
    "m": N_("the running average of gradients"),
    "hat": N_("bias correction: early averages started at 0, so they are scaled up"),
    "decay": N_("weight decay first: the weight shrinks a little toward 0"),
}


def _zeros_like(update: StepUpdate) -> np.ndarray:
    return np.zeros_like(update.before)


def formula_after(spec: OptimizerSpec, update: StepUpdate) -> dict[str, np.ndarray]:
    """Return the quantities of the step by the formula: ``after`` and the averages it keeps."""
    g, w, t, state = (
        update.grad.astype(np.float64),
        update.before.astype(np.float64),
        update.step,
        update.state_before,
    )
    lr, mu, beta2 = spec.lr, spec.momentum, spec.beta2
    if spec.kind == "sgd":
        return {"after": w - lr * g}
    if spec.kind in ("momentum", "nesterov"):
        buf = mu * state["momentum_buffer"] + g if "momentum_buffer" in state else g
        direction = g + mu * buf if spec.kind == "nesterov" else buf
        return {"buf": buf, "after": w - lr * direction}
    if spec.kind == "rmsprop":
        v = beta2 * state.get("square_avg", _zeros_like(update)) + (1 - beta2) * g * g
        return {"v": v, "after": w - lr * g / (np.sqrt(v) + EPS)}
    if spec.kind == "adamw":
        w = w * (1 - lr * spec.weight_decay)
    m = mu * state.get("exp_avg", _zeros_like(update)) + (1 - mu) * g
    v = beta2 * state.get("exp_avg_sq", _zeros_like(update)) + (1 - beta2) * g * g
    m_hat, v_hat = m / (1 - mu**t), v / (1 - beta2**t)
    return {
        "decayed": w,
        "m": m,
        "v": v,
        "m_hat": m_hat,
        "v_hat": v_hat,
        "after": w - lr * m_hat / (np.sqrt(v_hat) + EPS),
    }


def _n(value: float) -> str:
    return f"{value:.4g}"


def _eq(formula: str, terms: str, result: float, note: str | None = None) -> str:
    """One line of arithmetic: ``formula = terms = result``, and what it means."""
    line = f"  {formula} = {terms} = {_n(result)}"
    return f"{line}   ({_(WORDS[note])})" if note else line


def _parameter_lines(
    spec: OptimizerSpec, update: StepUpdate, q: dict[str, np.ndarray], i: int, name: str
) -> list[str]:
    """The update of parameter ``i`` (called ``name``), by ``spec``'s formula, with its numbers."""
    state, lr, mu, beta2 = update.state_before, _n(spec.lr), _n(spec.momentum), _n(spec.beta2)
    g, w, after = float(update.grad[i]), float(update.before[i]), float(q["after"][i])
    lines = [f"{name}:  g = ∂loss/∂{name} = {_n(g)}"]
    if spec.kind == "sgd":
        return [*lines, _eq(f"{name} ← {name} − lr·g", f"{_n(w)} − {lr} × {_n(g)}", after)]
    if spec.kind in ("momentum", "nesterov"):
        buf = float(q["buf"][i])
        if "momentum_buffer" in state:
            old = _n(float(state["momentum_buffer"][i]))
            lines.append(_eq("buf ← μ·buf + g", f"{mu} × {old} + {_n(g)}", buf, "buf"))
        else:
            lines.append(_eq("buf ← g", _n(g), buf, "buf"))
        if spec.kind == "nesterov":
            terms = f"{_n(w)} − {lr} × ({_n(g)} + {mu} × {_n(buf)})"
            return [*lines, _eq(f"{name} ← {name} − lr·(g + μ·buf)", terms, after)]
        return [*lines, _eq(f"{name} ← {name} − lr·buf", f"{_n(w)} − {lr} × {_n(buf)}", after)]
    zeros = _zeros_like(update)
    if spec.kind == "rmsprop":
        v, old = float(q["v"][i]), _n(float(state.get("square_avg", zeros)[i]))
        lines.append(
            _eq("v ← α·v + (1 − α)·g²", f"{beta2} × {old} + {_n(1 - spec.beta2)} × {_n(g * g)}", v, "v")
        )
        terms = f"{_n(w)} − {lr} × {_n(g)} / {_n(np.sqrt(v) + EPS)}"
        return [*lines, _eq(f"{name} ← {name} − lr·g / (√v + ε)", terms, after)]
    if spec.kind == "adamw":
        decayed = float(q["decayed"][i])
        factor = _n(1 - spec.lr * spec.weight_decay)
        lines.append(_eq(f"{name} ← {name}·(1 − lr·λ)", f"{_n(w)} × {factor}", decayed, "decay"))
        w = decayed
    m, v, m_hat, v_hat = (float(q[key][i]) for key in ("m", "v", "m_hat", "v_hat"))
    old_m, old_v = _n(float(state.get("exp_avg", zeros)[i])), _n(float(state.get("exp_avg_sq", zeros)[i]))
    t = update.step
    lines.append(_eq("m ← β1·m + (1 − β1)·g", f"{mu} × {old_m} + {_n(1 - spec.momentum)} × {_n(g)}", m, "m"))
    lines.append(
        _eq("v ← β2·v + (1 − β2)·g²", f"{beta2} × {old_v} + {_n(1 - spec.beta2)} × {_n(g * g)}", v, "v")
    )
    hats = f"m_hat = m / (1 − β1^{t}) = {_n(m_hat)},  v_hat = v / (1 − β2^{t}) = {_n(v_hat)}"
    lines.append(f"  {hats}   ({_(WORDS['hat'])})")
    terms = f"{_n(w)} − {lr} × {_n(m_hat)} / {_n(np.sqrt(v_hat) + EPS)}"
    return [*lines, _eq(f"{name} ← {name} − lr·m_hat / (√v_hat + ε)", terms, after)]


def written_update(spec: OptimizerSpec, update: StepUpdate, names: tuple[str, str]) -> str:
    """Write step ``update`` out, parameter by parameter, with the numbers (the current language)."""
    q = formula_after(spec, update)
    lines = [_("Step {step}: loss {loss} before it").format(step=update.step, loss=_n(update.loss))]
    for i, name in enumerate(names):
        lines += _parameter_lines(spec, update, q, i, name)
    size = float(np.linalg.norm(update.after - update.before))
    lines.append(_("Step size |Δp| = {size}").format(size=_n(size)))
    return "\n".join(lines)
