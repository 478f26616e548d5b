"""Where the network looks (Captum's attributions, equal to Captum called directly) and how little it
takes to fool it (a targeted PGD nudge that never changes a pixel by more than ε)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from captum.attr import IntegratedGradients, Occlusion, Saliency

from core.data.mnist import load_data
from core.models.attributions import IG_STEPS, METHODS, attribution, nudge
from core.models.networks import MLP
from core.models.trained import load_bundled


@pytest.fixture(scope="module")
def digits():
    test = load_data("sample").test
    return (test.images[:20].float() / 255).reshape(-1, 1, 1, 28, 28), test.labels[:20]


@pytest.fixture(scope="module")
def lenet():
    return load_bundled().model


def direct(model, x, target, method):
    if method == "saliency":
        return Saliency(model).attribute(x, target=target, abs=True)
    if method == "integrated_gradients":
        return IntegratedGradients(model).attribute(x, baselines=x * 0, target=target, n_steps=IG_STEPS)
    return Occlusion(model).attribute(
        x, target=target, sliding_window_shapes=(1, 4, 4), strides=(1, 2, 2), baselines=0.0
    )


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("network", ["lenet", "mlp"])
def test_each_map_is_captums_own_for_the_class_asked(digits, lenet, method, network):
    model = lenet if network == "lenet" else MLP().eval()
    images, labels = digits
    x, label = images[0], int(labels[0])
    for target in (label, (label + 3) % 10):
        ours = attribution(model, x, target, method)
        assert ours.shape == (28, 28)
        np.testing.assert_allclose(
            ours, direct(model, x.clone().requires_grad_(), target, method)[0, 0].detach().numpy(), atol=1e-6
        )


def test_a_nudge_stays_within_epsilon_and_fools_the_network_more_often_as_epsilon_grows(digits, lenet):
    images, labels = digits
    before = {name: p.clone() for name, p in lenet.state_dict().items()}
    shares = {}
    for epsilon in (0.1, 0.2, 0.3):
        reached = 0
        for x, label in zip(images, labels, strict=True):
            target = (int(label) + 1) % 10
            result = nudge(lenet, x, target, epsilon)
            assert np.abs(result.change).max() <= epsilon + 1e-6
            assert result.image.min() >= 0.0 and result.image.max() <= 1.0
            probabilities = torch.softmax(lenet(torch.from_numpy(result.image).float()[None, None]), 1)[0]
            assert result.prediction == int(probabilities.argmax())
            reached += result.reached
        shares[epsilon] = reached / len(labels)
    assert shares[0.1] <= shares[0.2] <= shares[0.3] and shares[0.3] >= 0.9, shares
    assert all(torch.equal(before[name], p) for name, p in lenet.state_dict().items())


def test_impossible_settings_are_refused(digits, lenet):
    x = digits[0][0]
    with pytest.raises(ValueError, match="unknown attribution method"):
        attribution(lenet, x, 1, "shap")
    with pytest.raises(ValueError, match="epsilon"):
        nudge(lenet, x, 1, 0.0)
