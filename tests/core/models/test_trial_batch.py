"""One training step on a copy of a learner's network says what would go wrong before training:
a forward that works on one image only, an output that is not ten scores, a NaN loss, weights too
large, and otherwise that it is ready (and the learner's network keeps its weights)."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from core.models.networks import MLP, LeNet
from core.models.trial_batch import BATCH, trial_batch


class Linear(nn.Module):
    """784 → 10, its forward written by ``flatten``."""

    def __init__(self, flatten, after=lambda out: out) -> None:
        super().__init__()
        self.fc = nn.Linear(784, 10)
        self.flatten, self.after = flatten, after

    def forward(self, x):
        return self.after(self.fc(self.flatten(x)))


@pytest.mark.parametrize(("model", "shape"), [(MLP(), (1, 1, 28, 28)), (LeNet(), (1, 1, 32, 32))])
def test_the_lessons_networks_are_ready_and_keep_their_weights(model, shape):
    before = {name: p.detach().clone() for name, p in model.state_dict().items()}
    result = trial_batch(model, shape)
    assert result.problems == () and 2.0 < result.loss < 2.7 and result.seconds > 0
    assert result.text().startswith(f"Ready to train: one step on a batch of {BATCH} gave a loss of")
    assert all(torch.equal(before[name], p) for name, p in model.state_dict().items())


@pytest.mark.parametrize(
    ("model", "said"),
    [
        (Linear(lambda x: x.view(1, -1)), "Its forward fails on a batch of 64 (it ran on one image)"),
        (Linear(lambda x: x.view(x.size(0), -1), lambda out: out.sum(1)), "its forward gives 64, not 64×10"),
        (Linear(lambda x: x.view(x.size(0), -1), lambda out: torch.log(out * 0)), "first batch is nan"),
    ],
    ids=["one-image-view", "not-ten-scores", "nan-loss"],
)
def test_a_network_that_would_fail_in_training_is_told_what_and_why(model, said):
    result = trial_batch(model, (1, 1, 28, 28))
    assert result.problems and said in result.text()


def test_the_one_image_view_gets_its_fix_named():
    result = trial_batch(Linear(lambda x: x.view(1, -1)), (1, 1, 28, 28))
    assert "a view(1, -1) where view(x.size(0), -1) belongs" in result.text()


def test_weights_too_large_to_train_are_refused_before_any_step():
    model = Linear(lambda x: x.view(x.size(0), -1))
    model.big = nn.Parameter(torch.empty(10**8))  # 381 MB: four copies pass the 1 GB training may use
    result = trial_batch(model, (1, 1, 28, 28))
    assert result.loss is None and "Its weights take 381 MB" in result.text()
