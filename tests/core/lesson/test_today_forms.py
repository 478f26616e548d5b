"""Every cell shows today's code: no 2017 form left in it, and cell 26's modern loop runs as the lesson's."""

from __future__ import annotations

import ast
import re

import pytest
import torch
from torch.utils.data import TensorDataset

from core.lesson.cells import CELLS, cell

OLD_FORMS = ("Variable(", ".data[0]", "volatile=True", "from torch.autograd import Variable")


@pytest.mark.parametrize("lesson_cell", CELLS, ids=lambda c: f"cell{c.number}")
def test_todays_code_holds_no_2017_form_and_a_cell_written_with_one_has_todays(lesson_cell):
    shown_today = lesson_cell.today or lesson_cell.written  # what the Lesson tab's "today" box shows
    assert [form for form in OLD_FORMS if form in shown_today] == []
    if any(form in lesson_cell.written for form in OLD_FORMS):
        assert lesson_cell.differs and lesson_cell.code == lesson_cell.today


def prints(code: str) -> list[str]:
    """Return every print(...) call in ``code``, as source."""
    calls = [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call)]
    return [ast.unparse(c) for c in calls if isinstance(c.func, ast.Name) and c.func.id == "print"]


def test_cell_26_today_is_the_lessons_loop_in_modern_pytorch():
    training = cell(26)
    assert prints(training.today) == prints(training.written)  # the lesson's log lines, unchanged
    for today in (
        "loss.item()",
        "num_correct.item()",
        "with torch.no_grad():",
        "torch.save(model.state_dict()",
    ):
        assert today in training.today
    written_lines = {line.strip() for line in training.written.splitlines()}
    added = [line.strip() for line in training.today.splitlines() if line.strip() not in written_lines]
    assert added == [
        "img = img.cuda()",
        "label = label.cuda()",
        "running_loss += loss.item() * label.size(0)",
        "running_acc += num_correct.item()",
        "with torch.no_grad():",
        "img = img.cuda()",
        "label = label.cuda()",
        "eval_loss += loss.item() * label.size(0)",
        "eval_acc += num_correct.item()",
    ]


class FewDigits(TensorDataset):
    """A stand-in for datasets.MNIST: a few random 28x28 images and labels, nothing downloaded."""

    def __init__(self, root, train=True, transform=None, download=False) -> None:
        count = 96 if train else 64
        super().__init__(torch.rand(count, 1, 28, 28), torch.randint(0, 10, (count,)))


def test_cell_26_today_runs_and_prints_the_lessons_lines(monkeypatch, tmp_path, capsys):
    import torchvision.datasets

    monkeypatch.setattr(torchvision.datasets, "MNIST", FewDigits)
    monkeypatch.chdir(tmp_path)
    torch.manual_seed(0)
    exec(compile(cell(26).today, "cell 26 today", "exec"), {"__name__": "__main__"})
    shown = capsys.readouterr().out.splitlines()

    def form(line: str) -> str:
        return re.sub(r"\d", "9", line)

    lesson = {form(line) for line in cell(26).printed.splitlines()}
    assert {form(line) for line in shown} <= lesson
    assert shown[:2] == ["epoch 1", "**********"] and shown.count("**********") == 5
    assert re.fullmatch(r"Finish 5 epoch, Loss: \d\.\d{6}, Acc: 0\.\d{6}", shown[-3])
    assert re.fullmatch(r"Test Loss: \d\.\d{6}, Acc: 0\.\d{6}", shown[-2]) and shown[-1] == ""
    state = torch.load(tmp_path / "neural_network.pth")
    assert list(state) == [f"layer{n}.{p}" for n in (1, 2, 3) for p in ("weight", "bias")]
