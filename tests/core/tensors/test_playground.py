import numpy as np
import torch

from core.tensors.info import describe
from core.tensors.playground import Playground


def test_numpy_bridge_shows_shared_memory_and_changed_cells():
    playground = Playground()
    playground.run("a = torch.ones(5)\nb = a.numpy()", focus="b")
    outcome = playground.run("a.add_(1)\nb", focus="b")
    shown = outcome.shown
    assert shown.name == "b" and shown.kind == "ndarray" and shown.shares_with == ("a",)
    assert shown.values.tolist() == [[2.0] * 5]
    assert shown.changed is not None and shown.changed.all()
    assert outcome.infos["a"].shares_with == ("b",)
    assert [row.name for row in outcome.variables] == ["a", "b"]


def test_in_place_change_marks_only_changed_cells_and_new_objects_are_not_marked():
    playground = Playground()
    playground.run("x = torch.zeros(3, 3)")
    outcome = playground.run("x[1, 2] = 5\nx")
    assert outcome.shown.changed.sum() == 1 and outcome.shown.changed[1, 2]
    outcome = playground.run("x = torch.ones(3, 3)\nx")
    assert outcome.shown.changed is None


def test_badges_and_summaries_for_large_and_high_dimensional_tensors():
    info = describe(torch.arange(24.0).reshape(2, 3, 4), "t")
    assert info.values.shape == (3, 4) and info.shown == "t[0]" and not info.cropped
    assert info.strides == (12, 4, 1)
    whole = describe(torch.rand(100, 100), "m")
    assert whole.values.shape == (100, 100) and whole.shown == "" and not whole.cropped
    big = describe(torch.arange(1_000_000.0).reshape(1000, 1000), "big")
    assert big.values.shape == (200, 200) and big.shown == "" and big.cropped and big.numel == 1_000_000
    assert big.values[199, 199] == 199 * 1000 + 199
    cube = describe(torch.zeros(3, 500, 300), "c")
    assert cube.values.shape == (200, 200) and cube.shown == "c[0]" and cube.cropped
    long = describe(np.arange(1000), "v")
    assert long.values.shape == (1, 200) and long.shown == "" and long.cropped and long.strides == (1,)
    graph = describe(torch.ones(2, requires_grad=True) * 2, "g")
    assert graph.requires_grad and graph.grad_fn == "MulBackward0" and not graph.is_leaf
    scalar = describe(np.float32(3.0) * np.ones(()), "s")
    assert scalar.values.shape == (1, 1)


def test_errors_keep_earlier_variables():
    playground = Playground()
    playground.run("x = torch.ones(2)")
    outcome = playground.run("x @ torch.ones(3)")
    assert outcome.error and [row.name for row in outcome.variables] == ["x"]
