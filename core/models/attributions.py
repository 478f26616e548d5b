"""Why the network read a drawing as it did, and how little it takes to make it read another digit.

Both come from Captum, PyTorch's interpretability library, called as its
documentation shows (captum.ai/api): an attribution map over the 28×28 input for
one class (:func:`attribution`: saliency, Integrated Gradients or occlusion) and a
targeted PGD nudge bounded by ε on every pixel (:func:`nudge`). The input is the
Draw tab's ``1x1x28x28`` field in [0, 1], as :func:`core.models.digits.preprocess`
makes it; the network's own weights are never changed.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from core.base.i18n import N_

METHODS = ("saliency", "integrated_gradients", "occlusion")
# One sentence each: what the map means and what it does not.
MEANINGS = {
    "saliency": N_(
        "Saliency: how much the score of this digit changes when each pixel changes a little (the "
        "gradient). Bright pixels matter most right now; it says nothing about why."
    ),
    "integrated_gradients": N_(
        "Integrated Gradients: the gradient summed along the way from a blank canvas to this drawing, "
        "so the pixels' shares add up to the score's change. A map is a clue, not a proof."
    ),
    "occlusion": N_(
        "Occlusion: how much the score drops when a 4×4 patch is blanked, patch by patch. It shows "
        "where covering hurts, not what the network 'sees'."
    ),
}
IG_STEPS = 32  # Integrated Gradients' steps from the blank canvas (Captum's default is 50)
OCCLUSION_WINDOW, OCCLUSION_STRIDE = 4, 2
NUDGE_STEPS = 20


def attribution(model: nn.Module, x: torch.Tensor, target: int, method: str) -> np.ndarray:
    """Return ``method``'s 28×28 map of the pixels' part in the score of digit ``target`` for ``x``."""
    from captum.attr import IntegratedGradients, Occlusion, Saliency

    if method not in METHODS:
        raise ValueError(f"unknown attribution method {method!r}; one of {METHODS}")
    model.eval()
    x = x.detach().clone().requires_grad_()  # as Captum asks (it warns when it has to set it)
    if method == "saliency":
        result = Saliency(model).attribute(x, target=target, abs=True)
    elif method == "integrated_gradients":
        result = IntegratedGradients(model).attribute(
            x, baselines=torch.zeros_like(x), target=target, n_steps=IG_STEPS
        )
    else:
        result = Occlusion(model).attribute(
            x,
            target=target,
            sliding_window_shapes=(1, OCCLUSION_WINDOW, OCCLUSION_WINDOW),
            strides=(1, OCCLUSION_STRIDE, OCCLUSION_STRIDE),
            baselines=0.0,
        )
    return result.detach()[0, 0].cpu().numpy().astype(np.float64)


@dataclass(frozen=True)
class Nudge:
    """A drawing changed toward ``target`` by at most ``epsilon`` per pixel, and what it now reads."""

    image: np.ndarray  # 28×28 in [0, 1]
    change: np.ndarray  # image minus the drawing: every value within ±epsilon
    target: int
    epsilon: float
    prediction: int
    probability: float  # of the prediction
    reached: bool  # the prediction is the target


def nudge(model: nn.Module, x: torch.Tensor, target: int, epsilon: float, steps: int = NUDGE_STEPS) -> Nudge:
    """Change ``x`` by at most ``epsilon`` per pixel, with targeted PGD, so that it reads as ``target``."""
    from captum.robust import PGD

    if not 0 < epsilon <= 1:
        raise ValueError("epsilon must be in (0, 1]")
    model.eval()
    x = x.detach().clone().requires_grad_()
    # Captum's default loss is -log(output[target]): it wants probabilities, and the networks give logits.
    attack = PGD(lambda image: torch.softmax(model(image), dim=1), lower_bound=0.0, upper_bound=1.0)
    with warnings.catch_warnings():  # each step's new input: Captum sets requires_grad itself, and says so
        warnings.filterwarnings("ignore", message="Input Tensor 0 did not already require gradients")
        nudged = attack.perturb(
            x, radius=epsilon, step_size=epsilon / 4, step_num=steps, target=target, targeted=True
        ).detach()
    with torch.no_grad():
        probabilities = torch.softmax(model(nudged), dim=1)[0]
    prediction = int(probabilities.argmax())
    image = nudged[0, 0].cpu().numpy().astype(np.float64)
    change = image - x.detach()[0, 0].cpu().numpy().astype(np.float64)
    return Nudge(
        image, change, target, epsilon, prediction, float(probabilities[prediction]), prediction == target
    )
