"""Each cell shows its own result: the note on a 2017 form quotes the cell's own line, and cell 24
says why its loss is not cell 23's."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from core.kernel import RemoteAutogradLab, RemotePlayground
from core.lesson.cells import AUTOGRAD, TENSORS, cell
from core.lesson.plan import plan
from core.tensors.sandbox.lesson_forms import source_notes

CELL_12_TODAY = "x = torch.ones(2, 2, requires_grad=True)"
VARIABLE_NOTE_START = "Variable is the 2017 form"


def new_lines(number: int) -> list[str]:
    """Return the lines of cell ``number``'s today's form that its 2017 form does not have."""
    written = set(cell(number).written.splitlines())
    return [line for line in (cell(number).today or "").splitlines() if line not in written]


@pytest.mark.parametrize("number", [12, 18, 21])
def test_the_variable_note_quotes_the_cells_own_line_as_written_today(number):
    code = plan(cell(number), as_written=True).code
    (note,) = [n for n in source_notes(ast.parse(code)) if n.startswith(VARIABLE_NOTE_START)]
    assert new_lines(number) and all(line in note for line in new_lines(number)), note
    assert (CELL_12_TODAY in note) == (number == 12)


def test_run_as_written_each_cell_gets_the_note_with_its_own_line(kernel):
    lab, playground = RemoteAutogradLab(kernel), RemotePlayground(kernel)
    playground.reset()
    loop = plan(cell(18), as_written=True)
    assert loop.tab == AUTOGRAD
    outcome = lab.run(loop.code)
    assert outcome.error is None and "Today: x = torch.randn(3, requires_grad=True)" in outcome.note
    assert CELL_12_TODAY not in outcome.note
    forward = plan(cell(21), as_written=True)
    assert forward.tab == TENSORS
    for code in forward.setup:
        assert playground.run(code).error is None
    outcome = playground.run(forward.code, forward.focus)
    assert outcome.error is None and "Today: input = torch.randn(1, 1, 32, 32)" in outcome.note
    assert CELL_12_TODAY not in outcome.note


def test_cell_24_says_why_its_loss_is_not_cell_23s_and_it_is_not(kernel):
    change = cell(24).change
    assert "runs cells 19, 21 and 23 again in a fresh session" in change
    assert "new random weights" in change and "its loss is usually not the one cell 23 showed" in change
    playground, lab = RemotePlayground(kernel), RemoteAutogradLab(kernel)
    playground.reset()
    variables: set[str] = set()
    for number in range(1, 24):  # the Tensors tab's cells, in the lesson's order, as the Lesson tab runs them
        if cell(number).tab == TENSORS:
            run = plan(cell(number), available=variables)
            for code in run.setup:
                assert playground.run(code).error is None
            outcome = playground.run(run.code, run.focus)
            assert outcome.error is None, (number, outcome.error)
            variables = {row.name for row in outcome.variables}
    in_tensors = outcome.infos["loss"].values.item()
    chain = plan(cell(24))
    assert "net = Net()" in chain.code and "torch.randn(1, 1, 32, 32)" in chain.code  # all made anew
    graph = lab.run(chain.code).graph
    (root,) = [n for n in graph.nodes if n.id == graph.root]
    assert root.name == "loss" and not np.isclose(root.value.item(), in_tensors)
    assert lab.run(chain.code).graph.nodes[0].value.item() == root.value.item()  # fresh every time
