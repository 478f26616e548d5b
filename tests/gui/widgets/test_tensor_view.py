import pytest
import torch
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from core.tensors.info import describe
from gui.base.theme import CHANGED_CELL
from gui.widgets.tensor_view import TensorView, format_number


@pytest.fixture
def view(qtbot):
    widget = TensorView()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    QApplication.processEvents()
    return widget


@pytest.mark.parametrize("shape", [(100, 100), (1000, 1000)])
def test_showing_a_large_tensor_again_shows_the_new_values_and_marks_what_changed(view, shape):
    # How fast this is, is measured by bench/bench_tensor_view.py, not here.
    first = describe(torch.rand(*shape), "m")
    again = describe(torch.rand(*shape), "m", previous=first.values)  # `m = torch.rand(...)` once more
    view.show_info(first)
    view.repaint()
    view.show_info(again)
    view.repaint()
    assert view.changed_cells() == int(again.changed.sum()) > 0.99 * again.changed.size
    last_row, last_column = view.model.rowCount() - 1, view.model.columnCount() - 1
    assert last_row >= 99 and last_column >= 99
    assert view.cell_text(last_row, last_column) == format_number(float(again.values[last_row, last_column]))


def test_a_100x100_tensor_shows_whole_and_headers_count_from_zero(view):
    value = torch.arange(10_000.0).reshape(100, 100)
    view.show_info(describe(value, "m"))
    model = view.model
    assert (model.rowCount(), model.columnCount()) == (100, 100) and view.note.text() == ""
    assert model.headerData(0, Qt.Orientation.Horizontal) == "0"
    assert model.headerData(99, Qt.Orientation.Vertical) == "99"
    assert view.cell_text(0, 0) == "0" and view.cell_text(99, 99) == "9999" and view.cell_text(2, 3) == "203"
    for header in (view.table.horizontalHeader(), view.table.verticalHeader()):
        assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
        assert header.sectionSize(0) == header.sectionSize(99) == header.defaultSectionSize()


def test_a_1000x1000_tensor_shows_its_corner_with_a_note(view):
    view.show_info(describe(torch.arange(1_000_000.0).reshape(1000, 1000), "big"))
    assert (view.model.rowCount(), view.model.columnCount()) == (200, 200)
    assert view.cell_text(199, 199) == str(199 * 1000 + 199)
    assert view.note.text() == "Showing the first 200 x 200 of 1,000,000 elements."
    assert "shape (1000, 1000)" in view.badge_texts()


def test_changed_cells_are_yellow_bold_and_say_why(view):
    before = describe(torch.zeros(3, 3), "x")
    after = torch.zeros(3, 3)
    after[1, 2] = 5
    view.show_info(describe(after, "x", previous=before.values))
    model = view.model
    changed, unchanged = model.index(1, 2), model.index(0, 0)
    assert model.data(changed, Qt.ItemDataRole.BackgroundRole) == CHANGED_CELL
    assert model.data(changed, Qt.ItemDataRole.FontRole).bold()
    assert "in-place" in model.data(changed, Qt.ItemDataRole.ToolTipRole)
    assert model.data(unchanged, Qt.ItemDataRole.FontRole) is None
    assert view.changed_cells() == 1 and view.note.text() == "Yellow cells changed in place."
    view.show_info(None)
    assert model.rowCount() == 0 and view.badge_texts() == []
