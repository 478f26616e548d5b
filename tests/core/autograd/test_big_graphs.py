"""Big graphs stay drawable: repeated chains collapse to one node, the rest is capped, backward is
summarised, and the gradients are the ones autograd computes on the whole graph."""

import torch

from core.autograd.collapse import COLLAPSE_ABOVE, MORE_ID, NODE_LIMIT, plan_graph
from core.autograd.graph import build_graph, trace_backward
from core.autograd.lab import AutogradLab


def chain(n: int, x: torch.Tensor) -> torch.Tensor:
    y = x
    for _ in range(n):
        y = y * 1.0001
    return y.sum()


def test_a_graph_of_a_few_hundred_nodes_is_drawn_node_by_node():
    x = torch.ones(2, requires_grad=True)
    out = chain(COLLAPSE_ABOVE - 5, x)
    graph = build_graph(out, {"x": x, "out": out})
    assert [n.kind for n in graph.nodes].count("function") == COLLAPSE_ABOVE - 4  # the muls and the sum
    assert graph.total == COLLAPSE_ABOVE - 3  # and x's AccumulateGrad
    assert len(trace_backward(out)) == graph.total


def test_a_loop_of_7000_multiplications_is_one_node_and_one_backward_step():
    x = torch.ones(2, 2, requires_grad=True)
    out = chain(7000, x)
    graph = build_graph(out, {"x": x, "out": out})
    assert graph.kinds() == ["SumBackward0", "AccumulateGrad"]
    (run,) = [n for n in graph.nodes if n.kind == "chain"]
    assert (run.label, run.count, run.shape) == ("MulBackward0", 7000, (2, 2))
    assert graph.total == 7002 and len(graph.nodes) == 5
    ids = {n.id for n in graph.nodes}
    assert all(e.source in ids and e.target in ids for e in graph.edges)
    steps = trace_backward(out)
    assert [s.label for s in steps] == ["SumBackward0", "MulBackward0", "AccumulateGrad"]
    through = steps[1]
    assert through.node_id == run.id and through.grad_in[0].tolist() == [[1.0, 1.0], [1.0, 1.0]]
    # What leaves the run is the whole chain's derivative, 1.0001 ** 7000, as the leaf's .grad says.
    assert abs(through.grad_out[0][0, 0] - 1.0001**7000) < 1e-3
    assert abs(float(x.grad[0, 0]) - 1.0001**7000) < 1e-3
    (edge,) = through.edges
    assert edge.values == ("7000", "MulBackward0") and edge.local is None


def test_a_chain_with_a_weight_used_at_every_link_keeps_the_weights_gradient():
    x, w = torch.ones(3, requires_grad=True), torch.full((3,), 1.001, requires_grad=True)
    y = x
    for _ in range(500):
        y = y * w
    out = y.sum()
    graph = build_graph(out, {"x": x, "w": w, "out": out})
    names = {n.name for n in graph.nodes if n.kind == "tensor"}
    assert {"x", "w"} <= names and [n.count for n in graph.nodes if n.kind == "chain"] == [500]
    trace_backward(out)
    expected = 500 * 1.001**499
    assert abs(float(w.grad[0]) - expected) < 1e-2 * expected


def test_a_wide_graph_draws_its_first_nodes_and_one_node_counts_the_rest():
    x = torch.ones(3000, requires_grad=True)
    out = sum(x[i] * 2 for i in range(3000))
    plan = plan_graph(out.grad_fn)
    graph = build_graph(out, {"x": x, "out": out})
    (more,) = [n for n in graph.nodes if n.id == MORE_ID]
    drawn = [n for n in graph.nodes if n.kind in ("function", "chain", "accumulate")]
    assert len(drawn) == NODE_LIMIT and more.count == plan.not_drawn > 0
    assert graph.total == plan.total == len(plan.node_of) + plan.not_drawn
    assert len(trace_backward(out)) <= NODE_LIMIT
    assert torch.equal(x.grad, torch.full((3000,), 2.0))  # backward ran through all of it


def test_the_lab_says_how_many_functions_backward_ran_through():
    lab = AutogradLab()
    code = "x = torch.ones(2, requires_grad=True)\ny = x\nfor i in range(7000):\n    y = y * 1.0001\n"
    code += "out = y.sum()"
    outcome = lab.run(code)
    assert outcome.error is None and outcome.graph.total == 7002
    backward = lab.backward()
    assert backward.error is None and backward.ran == 7002 and len(backward.steps) == 3


def test_the_steps_of_a_graph_of_scalars_cross_the_process_boundary():
    from core.kernel.protocol import Answered
    from core.process.codec import Decoder, encode

    lab = AutogradLab()
    assert lab.run("x = torch.tensor(2.0, requires_grad=True)\nout = x * 3").error is None
    outcome = lab.backward()
    (mul,) = [s for s in outcome.steps if s.label == "MulBackward0"]
    assert mul.edges[0].local.shape == () and float(mul.edges[0].local) == 3.0
    decoded = Decoder([Answered]).decode(encode(Answered(1, outcome))[4:]).reply
    assert [s.label for s in decoded.steps] == [s.label for s in outcome.steps]
    assert float(decoded.steps[0].edges[0].local) == 3.0
