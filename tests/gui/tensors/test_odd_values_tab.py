"""Odd values in the Tensors tab, through the real kernel: named with what to do, never an app error,
and a tensor subclass whose own methods raise breaks no later statement."""

from __future__ import annotations

from tests.gui.waiting import wait_idle

HOSTILE = """class E(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        raise RuntimeError("no")
e = torch.ones(2).as_subclass(E)"""


def run(qtbot, tab, code: str) -> None:
    tab.run_code(code)
    wait_idle(qtbot, tab.runner, 60_000)


def test_odd_values_and_a_hostile_subclass_leave_the_session_working(qtbot, window):
    tab, kernel = window.tensors_tab, window.kernel
    generation = kernel.generation
    run(qtbot, tab, "s = torch.eye(3).to_sparse()\nm = torch.zeros(3, device='meta')")
    note = tab.code_pane.note.text()
    assert not tab.error.isVisible(), tab.error.text()
    assert "s.to_dense() gives its values as a table" in note and "m is not shown as a table" in note
    assert "went wrong inside the app" not in note
    run(qtbot, tab, HOSTILE)
    assert not tab.error.isVisible(), tab.error.text()
    assert tab.view.info.name == "e" and tab.view.info.values.ravel().tolist() == [1.0, 1.0]
    run(qtbot, tab, "del e")
    assert not tab.error.isVisible(), tab.error.text()
    run(qtbot, tab, "y = torch.ones(2) * 3")
    assert not tab.error.isVisible() and tab.view.info.name == "y"
    assert tab.variable_names() == {"s", "m", "y"} and kernel.generation == generation
