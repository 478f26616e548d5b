"""The race's steps are torch.optim's own, the update written out is what it did, divergence stops."""

import math

import numpy as np
import pytest
import torch

from core.base import i18n
from core.data import mnist
from core.models.networks import build_model
from core.optimizers.network_slice import filter_normalised_direction, network_slice
from core.optimizers.presets import load_presets
from core.optimizers.race import OPTIMIZERS, OptimizerSpec, run_race
from core.optimizers.session import RaceRequest, compute_race
from core.optimizers.surfaces import FORMULA_SURFACES, VALLEY, surface
from core.optimizers.updates import formula_after, written_update

SPECS = {
    "sgd": OptimizerSpec("sgd", 0.02),
    "momentum": OptimizerSpec("momentum", 0.02, 0.9),
    "nesterov": OptimizerSpec("nesterov", 0.02, 0.8),
    "rmsprop": OptimizerSpec("rmsprop", 0.05, beta2=0.99),
    "adam": OptimizerSpec("adam", 0.1, 0.9, 0.999),
    "adamw": OptimizerSpec("adamw", 0.1, 0.85, 0.99, weight_decay=0.05),
}


def plain_torch_path(loss, start, optimizer_class, steps, **options):
    """The same optimizer written as a learner would, outside the app."""
    p = torch.tensor(start, requires_grad=True)
    optimizer = optimizer_class([p], **options)
    points = [p.detach().clone()]
    for _step in range(steps):
        optimizer.zero_grad()
        loss(p).backward()
        optimizer.step()
        points.append(p.detach().clone())
    return torch.stack(points).numpy()


PLAIN = {
    "sgd": (torch.optim.SGD, {"lr": 0.02}),
    "momentum": (torch.optim.SGD, {"lr": 0.02, "momentum": 0.9}),
    "nesterov": (torch.optim.SGD, {"lr": 0.02, "momentum": 0.8, "nesterov": True}),
    "rmsprop": (torch.optim.RMSprop, {"lr": 0.05, "alpha": 0.99, "eps": 1e-8}),
    "adam": (torch.optim.Adam, {"lr": 0.1, "betas": (0.9, 0.999), "eps": 1e-8}),
    "adamw": (torch.optim.AdamW, {"lr": 0.1, "betas": (0.85, 0.99), "eps": 1e-8, "weight_decay": 0.05}),
}


@pytest.mark.parametrize("key", FORMULA_SURFACES)
@pytest.mark.parametrize("kind", OPTIMIZERS)
def test_each_path_is_the_optimizer_run_in_plain_torch_from_the_same_start(key, kind):
    chosen = surface(key, seed=3)
    path = run_race(chosen.loss, chosen.start, [SPECS[kind]], 40)[0]
    optimizer_class, options = PLAIN[kind]
    expected = plain_torch_path(chosen.loss, chosen.start, optimizer_class, len(path.updates), **options)
    np.testing.assert_array_equal(path.points, expected[: len(path.points)])
    with torch.no_grad():
        losses = [float(chosen.loss(torch.from_numpy(point))) for point in path.points]
    np.testing.assert_allclose(path.losses, losses, rtol=1e-6)


@pytest.mark.parametrize("kind", OPTIMIZERS)
def test_the_update_written_out_is_what_torch_optim_did(kind):
    path = run_race(VALLEY.loss, VALLEY.start, [SPECS[kind]], 25)[0]
    assert len(path.updates) == 25
    for update in path.updates:
        np.testing.assert_allclose(
            formula_after(path.spec, update)["after"], update.after, rtol=2e-5, atol=1e-6
        )
    text = written_update(path.spec, path.updates[4], ("p0", "p1"))
    shown = f"{float(path.updates[4].after[1]):.4g}"
    assert text.startswith("Step 5: loss") and text.count(f"= {shown}") >= 1
    if kind in ("momentum", "nesterov"):
        buffer = path.updates[4].state_after["momentum_buffer"]
        assert "buf ← μ·buf + g" in text and f"{float(buffer[0]):.4g}" in text
    if kind in ("adam", "adamw"):
        assert "m_hat = m / (1 − β1^5)" in text and "bias correction" in text
    if kind == "adamw":
        assert "p0 ← p0·(1 − lr·λ)" in text


def test_the_written_update_speaks_chinese():
    i18n.set_language(i18n.CHINESE)
    try:
        path = run_race(VALLEY.loss, VALLEY.start, [SPECS["adam"]], 3)[0]
        text = written_update(path.spec, path.updates[2], ("p0", "p1"))
        assert "第 3 步" in text and "偏差修正" in text
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_a_path_that_diverges_stops_cleanly_where_its_numbers_blow_up():
    path = run_race(VALLEY.loss, VALLEY.start, [OptimizerSpec("sgd", 0.06)], 200)[0]
    assert path.diverged and len(path.points) < 201
    assert np.all(np.isfinite(path.points)) and np.all(np.isfinite(path.losses))
    assert len(path.points) == len(path.losses)
    steady = run_race(VALLEY.loss, VALLEY.start, [OptimizerSpec("sgd", 0.045)], 200)[0]
    assert not steady.diverged and steady.losses[-1] < 1e-3
    nan_loss = run_race(lambda p: p.sum() * float("nan"), (1.0, 1.0), [OptimizerSpec("sgd", 0.1)], 5)[0]
    assert nan_loss.diverged and len(nan_loss.points) == 1


@pytest.mark.parametrize(
    "changes", [{"lr": 0.0}, {"lr": math.inf}, {"momentum": 1.0}, {"beta2": -0.1}, {"kind": "lbfgs"}]
)
def test_impossible_settings_are_refused_with_a_message(changes):
    with pytest.raises(ValueError, match="must be"):
        OptimizerSpec(**{"kind": "sgd", "lr": 0.1, **changes})


def test_the_slice_is_filter_normalised_and_its_minimum_is_the_trained_weights(tmp_path):
    torch.manual_seed(0)
    model = build_model("mlp", "relu")
    weights = {name: value.detach() for name, value in model.named_parameters()}
    direction = filter_normalised_direction(weights, torch.Generator().manual_seed(1))
    for name, value in weights.items():
        if value.dim() > 1:
            torch.testing.assert_close(direction[name].norm(dim=1), value.norm(dim=1))
        else:
            assert not direction[name].any()  # biases stay where they are
    data = mnist.load_sample()
    sliced = network_slice(model, "MLP", data.test)
    with torch.no_grad():
        at_origin = float(sliced.loss(torch.zeros(2)))
    assert 2.0 < at_origin < 2.6  # an untrained MLP: about ln(10)
    grid = sliced.loss(torch.tensor([[[0.0, 0.0], [0.5, 0.5]]]))
    assert grid.shape == (1, 2) and float(grid[0, 0]) == pytest.approx(at_origin)
    for name, value in model.named_parameters():
        torch.testing.assert_close(value.detach(), weights[name])  # the network itself is never changed


def test_compute_race_keeps_the_map_of_the_same_surface_and_the_presets_load():
    request = RaceRequest("regression", 0, None, (SPECS["sgd"], SPECS["adam"]), 30)
    first = compute_race(request)
    again = compute_race(RaceRequest("regression", 0, (0.0, 0.0), (SPECS["momentum"],), 30), first)
    assert again.surface is first.surface and again.grid is first.grid and again.start == (0.0, 0.0)
    other = compute_race(RaceRequest("regression", 1, None, (SPECS["sgd"],), 5), first)
    assert other.surface is not first.surface  # new points, a new bowl
    loaded = load_presets()
    assert not loaded.problems and [p.id for p in loaded.presets] == [
        "zigzag",
        "momentum",
        "too-high",
        "adam-steps",
    ]
    for preset in loaded.presets:
        answer = compute_race(RaceRequest(preset.surface, 0, preset.start, preset.racers, preset.steps))
        assert len(answer.paths) == len(preset.racers)
    too_high = next(p for p in loaded.presets if p.id == "too-high")
    answer = compute_race(RaceRequest("valley", 0, too_high.start, too_high.racers, too_high.steps))
    assert [path.diverged for path in answer.paths] == [False, True]


def test_a_bad_preset_is_left_out_with_a_message_naming_it_and_the_others_load(tmp_path):
    path = tmp_path / "optimizers.toml"
    path.write_text(
        """
[[preset]]
id = "good"
title = { en = "Good", zh_CN = "好" }
story = { en = "A story", zh_CN = "故事" }
surface = "valley"
steps = 10
[[preset.racer]]
optimizer = "sgd"
lr = 0.01

[[preset]]
id = "bad-lr"
title = { en = "Bad", zh_CN = "坏" }
story = { en = "A story", zh_CN = "故事" }
surface = "valley"
steps = 10
[[preset.racer]]
optimizer = "adam"
lr = -1

[[preset]]
id = "bad-surface"
title = { en = "Bad", zh_CN = "坏" }
story = { en = "A story", zh_CN = "故事" }
surface = "moon"
steps = 10
""",
        encoding="utf-8",
    )
    loaded = load_presets(path)
    assert [p.id for p in loaded.presets] == ["good"]
    assert "optimizers.toml, preset bad-lr: racer 1: lr must be above 0" in loaded.problems[0]
    assert "preset bad-surface: surface must be one of" in loaded.problems[1]
    path.write_text("not [toml", encoding="utf-8")
    assert not load_presets(path).presets and "not valid TOML" in load_presets(path).problems[0]
