"""A graph of thousands of nodes in the Autograd tab, through the real kernel: drawn collapsed, walked
backwards in a few steps, the kernel kept (the stalls the window sees are measured in
bench/bench_robustness.py)."""

from __future__ import annotations

from gui.autograd.graph_view import READABLE, NodeItem
from gui.autograd.messages import node_title
from tests.gui.waiting import wait_idle

LOOP = """x = torch.ones(2, 2, requires_grad=True)
y = x
for i in range({n}):
    y = y * 1.0001
out = y.sum()"""
WIDE = "x = torch.ones(3000, requires_grad=True)\nout = sum(x[i] * 2 for i in range(3000))"


def drawn_titles(tab) -> list[str]:
    return [item.title.text() for item in tab.graph_view.scene().items() if isinstance(item, NodeItem)]


def test_a_loop_of_10000_operations_is_drawn_as_one_node_and_backward_walks_it_in_three_steps(qtbot, window):
    tab, kernel = window.autograd_tab, window.kernel
    window.tabs.setCurrentWidget(tab)
    generation = kernel.generation
    tab.run_code(LOOP.format(n=10_000))
    wait_idle(qtbot, tab.runner, 60_000)
    assert tab.graph is not None, tab.message.text()
    assert "MulBackward0 × 10000" in drawn_titles(tab) and len(tab.graph_view.nodes) == 5
    assert "10002 backward functions, drawn as 5 nodes" in tab.message.text()
    (run,) = [n for n in tab.graph.nodes if n.kind == "chain"]
    tab._on_node_clicked(run.id)
    assert "10000 backward functions MulBackward0 in a row" in tab.details.text()
    tab.backward_all()
    wait_idle(qtbot, tab.runner, 60_000)
    assert len(tab.steps) == 3 and kernel.generation == generation
    text = tab.chain_view.toPlainText()
    assert "Step 2 of 3: MulBackward0 × 10000" in text
    assert "the product of the local derivatives of the 10000 MulBackward0 in this chain" in text
    assert "Backward ran through all 10002 backward functions; the 3 steps shown stand for them" in (
        tab.message.text()
    )


def test_a_wide_graph_is_capped_with_one_node_counting_the_rest_and_drawn_readable(qtbot, window):
    tab = window.autograd_tab
    window.tabs.setCurrentWidget(tab)
    tab.run_code(WIDE)
    wait_idle(qtbot, tab.runner, 60_000)
    assert tab.graph is not None, tab.message.text()
    (more,) = [n for n in tab.graph.nodes if n.kind == "more"]
    assert node_title(more) in drawn_titles(tab) and f"{more.count} more not drawn" == node_title(more)
    # Fitted whole, 400 nodes side by side would be a line: the output is shown at a readable scale.
    view = tab.graph_view
    assert view.transform().m11() == READABLE
    assert view.viewport().rect().contains(view.mapFromScene(view.nodes[tab.graph.root].pos()))
    tab.step()
    wait_idle(qtbot, tab.runner, 60_000)
    assert tab.shown_steps == 1 and len(tab.steps) <= 400, tab.message.text()
