import pytest
import torch

from core.autograd.graph import build_graph, trace_backward
from core.autograd.lab import AutogradLab
from core.autograd.layout import assign_layers, exclusive_upstream, layered_layout
from core.lesson.steps import AUTOGRAD_PRESETS


def lesson_tensors():
    x = torch.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 3
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def test_lesson_graph_has_autograds_nodes_and_edges():
    t = lesson_tensors()
    assert t["out"].item() == 27
    graph = build_graph(t["out"], t)
    assert graph.kinds() == [
        "MeanBackward0",
        "MulBackward0",
        "MulBackward0",
        "AddBackward0",
        "AccumulateGrad",
    ]
    by_label = {}
    for node in graph.nodes:
        by_label.setdefault(node.label, []).append(node)
    mean, add = by_label["MeanBackward0"][0], by_label["AddBackward0"][0]
    assert mean.name == "out" and add.name == "y"
    assert [n.name for n in by_label["MulBackward0"]] == ["z", None]
    assert graph.node("output").shape == () and graph.node("output").name == "out"
    edges = {(graph.node(e.source).label, graph.node(e.target).label) for e in graph.edges}
    assert edges == {
        ("out", "MeanBackward0"),
        ("MeanBackward0", "MulBackward0"),
        ("MulBackward0", "MulBackward0"),
        ("MulBackward0", "AddBackward0"),
        ("AddBackward0", "AccumulateGrad"),
        ("AccumulateGrad", "x"),
    }
    leaf = next(n for n in graph.nodes if n.name == "x" and n.kind == "tensor")
    assert leaf.is_leaf and leaf.shape == (2, 2)
    assert t["y"].grad_fn.name() == "AddBackward0" and t["x"].grad_fn is None


def test_trace_follows_the_engines_hook_order_and_fills_x_grad():
    t = lesson_tensors()
    recorded = []
    fn = t["out"].grad_fn
    seen, stack, handles = set(), [fn], []
    while stack:
        node = stack.pop()
        if node is None or node in seen:
            continue
        seen.add(node)
        handles.append(node.register_prehook(lambda g, node=node: recorded.append(id(node))))
        stack.extend(n for n, _ in node.next_functions)
    t["out"].backward(retain_graph=True)
    for h in handles:
        h.remove()
    t["x"].grad = None
    steps = trace_backward(t["out"])
    assert [s.node_id for s in steps] == [f"fn{i:x}" for i in recorded]
    assert torch.equal(t["x"].grad, torch.full((2, 2), 4.5))
    assert steps[-1].label == "AccumulateGrad" and steps[-1].grad_out[0].tolist() == [[4.5, 4.5], [4.5, 4.5]]
    assert steps[0].grad_in[0].item() == 1.0


def test_doubling_loop_graph_grows_with_the_number_of_doublings():
    sizes = []
    for start in (1.0, 0.001):
        x = torch.full((3,), start, requires_grad=True)
        y = x * 2
        while y.data.norm() < 1000:
            y = y * 2
        sizes.append(len(build_graph(y.sum()).nodes))
    assert sizes[1] > sizes[0] + 5


def test_lenet_preset_contains_the_lessons_chain():
    lab = AutogradLab()
    outcome = lab.run(AUTOGRAD_PRESETS["LeNet with MSELoss"])
    assert outcome.error is None and outcome.output_name == "loss"
    graph = outcome.graph
    root_fn = next(e.target for e in graph.edges if e.source == "output")
    assert graph.node(root_fn).label == "MseLossBackward0"
    after_mse = [graph.node(e.target).label for e in graph.edges if e.source == root_fn]
    assert "AddmmBackward0" in after_mse
    labels = set(graph.kinds())
    assert {"ConvolutionBackward0", "ReluBackward0", "MaxPool2DWithIndicesBackward0", "TBackward0"} <= labels
    assert all(n.shape is not None for n in graph.nodes if n.kind == "function")


def test_lab_steps_accumulation_and_mistakes():
    lab = AutogradLab()
    assert lab.run(AUTOGRAD_PRESETS["The lesson's four lines"]).error is None
    first = lab.backward()
    assert first.leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]] and not first.accumulated
    second = lab.backward()
    assert second.leaf_grads["x"].tolist() == [[9.0, 9.0], [9.0, 9.0]] and second.accumulated
    assert lab.zero_grad() == ["x"]
    assert lab.backward().leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]]
    lab.run("x = torch.ones(2, 2, requires_grad=True)\ny = x * 2")
    assert "pass a gradient" in lab.backward().error
    lab.run("x = torch.ones(2, requires_grad=True)\nout = (x * 2).sum()\nout.backward()")
    assert "retain_graph" in lab.backward().error
    assert "floating-point" in lab.run("x = torch.ones(2, dtype=torch.long, requires_grad=True)").error
    assert "No tensor here has a graph" in lab.run("x = torch.ones(2)").error


def test_layered_layout_puts_every_edge_downwards_and_is_fast():
    import time

    nodes = [f"n{i}" for i in range(400)]
    edges = [(f"n{i}", f"n{j}") for i in range(400) for j in (2 * i + 1, 2 * i + 2) if j < 400]
    start = time.perf_counter()
    positions = layered_layout(nodes, edges)
    elapsed = time.perf_counter() - start
    assert all(positions[s][1] < positions[t][1] for s, t in edges)
    assert len({positions[n] for n in nodes}) == len(nodes)
    assert elapsed < 5  # generous on a loaded machine; bench/ measures the real figure
    assert assign_layers(["a", "b", "c"], [("a", "b"), ("b", "c"), ("a", "c")]) == {"a": 0, "b": 1, "c": 2}


def test_collapsing_hides_only_what_feeds_that_node_alone():
    edges = [("root", "a"), ("root", "b"), ("a", "c"), ("b", "c"), ("a", "d"), ("d", "e")]
    assert exclusive_upstream("a", edges, "root") == {"d", "e"}
    assert exclusive_upstream("root", edges, "root") == {"a", "b", "c", "d", "e"}


def test_build_graph_refuses_a_tensor_without_graph():
    with pytest.raises(ValueError, match="no graph"):
        build_graph(torch.ones(2))
