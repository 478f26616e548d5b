"""Which of the lesson's networks a plain ``state_dict`` belongs to, and what in it does not fit.

The lesson saves ``model.state_dict()`` alone: parameter names and tensors,
nothing else. The names and shapes are enough to tell the MLP from the CNN;
the MLP's activation is not in them, so such a file is read as the lesson's
linear MLP.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import torch

from core.base.i18n import _
from core.models.config import ARCHITECTURES
from core.models.networks import build_model, model_name

MISFITS_NAMED = 3  # a message names this many differences at most


def is_state_dict(payload: Any) -> bool:
    """Tell whether ``payload`` is a plain state_dict: names mapped to tensors, nothing else."""
    return (
        isinstance(payload, Mapping)
        and bool(payload)
        and all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in payload.items())
    )


def expected_shapes(architecture: str) -> dict[str, tuple[int, ...]]:
    """Return the name and shape of every tensor in ``architecture``'s state_dict."""
    return {name: tuple(t.shape) for name, t in build_model(architecture).state_dict().items()}


def recognise(state: Mapping[str, torch.Tensor]) -> str:
    """Return the architecture whose parameter names ``state`` shares most (``mlp`` or ``lenet``)."""
    return max(ARCHITECTURES, key=lambda architecture: len(set(state) & set(expected_shapes(architecture))))


def misfit(state: Mapping[str, Any], architecture: str, name: str) -> str | None:
    """Say what in ``state`` does not fit ``architecture`` (file ``name``), or None when all of it fits."""
    expected = expected_shapes(architecture)
    network = model_name(architecture)
    missing = [key for key in expected if key not in state]
    extra = [key for key in state if key not in expected]
    if not set(state) & set(expected):
        other = recognise(state)
        if set(state) == set(expected_shapes(other)):
            return _("{name} does not fit the {network}: its weights are those of the {other}.").format(
                name=name, network=network, other=model_name(other)
            )
        return _(
            "{name} holds weights named {names}, which belong to neither of the lesson's networks "
            "(the MLP has layer1.weight ... layer3.bias, the CNN conv1.weight ... fc3.bias)."
        ).format(name=name, names=_first(list(state)))
    if missing or extra:
        return _("{name} does not fit the {network}: missing {missing}; not in the network {extra}.").format(
            name=name, network=network, missing=_first(missing) or "-", extra=_first(extra) or "-"
        )
    wrong = [
        _("{key} is {found} in the file, {needed} in the network").format(
            key=key, found=list(_shape(state[key]) or ()), needed=list(shape)
        )
        for key, shape in expected.items()
        if _shape(state[key]) != shape
    ]
    if wrong:
        return _("{name} does not fit the {network}: {differences}.").format(
            name=name, network=network, differences="; ".join(wrong[:MISFITS_NAMED])
        )
    return None


def _shape(value: Any) -> tuple[int, ...] | None:
    return tuple(value.shape) if isinstance(value, torch.Tensor) else None


def _first(keys: list[str]) -> str:
    shown = ", ".join(keys[:MISFITS_NAMED])
    return shown + (", ..." if len(keys) > MISFITS_NAMED else "")
