"""The lesson's Cells 1-11: tensors, their operations, the NumPy bridge and the GPU."""

from __future__ import annotations

from core.base.i18n import N_
from core.lesson.cells.cell import TENSORS, LessonCell

TENSORS_CELLS: tuple[LessonCell, ...] = (
    LessonCell(
        number=1,
        title=N_("Imports"),
        tab=TENSORS,
        written=("from __future__ import print_function\nimport torch"),
        today="import torch",
        change=N_(
            "from __future__ import print_function made Python 2's print work like Python 3's; in Python "
            "3 it does nothing. import torch is unchanged, and in the app torch is already there in every"
            " code box."
        ),
    ),
    LessonCell(
        number=2,
        title=N_("An uninitialised tensor"),
        tab=TENSORS,
        written=("x = torch.Tensor(5, 3)\nprint(x)"),
        today=("x = torch.empty(5, 3)\nprint(x)"),
        change=N_(
            "torch.Tensor(5, 3) still works; today's form is torch.empty(5, 3). Either reserves memory "
            "for 15 numbers without clearing it, so the values are whatever was there: zeros, or garbage "
            "like the lesson's 1e-21 and nan. Since PyTorch 0.4, print shows tensor([...]) instead of a "
            "column of numbers and [torch.FloatTensor of size 5x3]."
        ),
        printed=(
            "1.00000e-21 *\n"
            "  0.0000  0.0000  0.0000\n"
            "  0.0000  0.0000  0.0000\n"
            "  0.0000     nan  1.3904\n"
            "  0.0000  0.0000  0.0000\n"
            "  0.0000  0.0000  0.0000\n"
            "[torch.FloatTensor of size 5x3]"
        ),
        focus="x",
    ),
    LessonCell(
        number=3,
        title=N_("Random numbers"),
        tab=TENSORS,
        written=("x = torch.rand(5, 3)\nprint(x)"),
        change=N_(
            "Unchanged: torch.rand draws uniform random numbers from 0 to 1, new ones at every run, so "
            "yours differ from the lesson's."
        ),
        printed=(
            " 0.3500  0.6440  0.0416\n"
            " 0.7911  0.8923  0.6756\n"
            " 0.5815  0.9901  0.9439\n"
            " 0.0507  0.5080  0.6267\n"
            " 0.0622  0.9324  0.8219\n"
            "[torch.FloatTensor of size 5x3]"
        ),
        focus="x",
    ),
    LessonCell(
        number=4,
        title=N_("The size"),
        tab=TENSORS,
        written="print(x.size())",
        change=N_("Unchanged: torch.Size([5, 3]) is a tuple, 5 rows and 3 columns. x.shape says the same."),
        printed="torch.Size([5, 3])",
        context=(3,),
        focus="x",
    ),
    LessonCell(
        number=5,
        title=N_("Addition"),
        tab=TENSORS,
        written=("y = torch.rand(5, 3)\nprint(x + y)"),
        change=N_("Unchanged: x + y adds element by element into a new tensor; x and y stay as they were."),
        printed=(
            " 0.8534  1.1394  0.4774\n"
            " 1.4424  1.2114  0.8814\n"
            " 1.4949  1.9266  1.3296\n"
            " 0.1438  0.8326  1.0657\n"
            " 1.0336  1.6894  1.1986\n"
            "[torch.FloatTensor of size 5x3]"
        ),
        context=(3,),
    ),
    LessonCell(
        number=6,
        title=N_("Addition into a given tensor"),
        tab=TENSORS,
        written=("result = torch.Tensor(5, 3)\ntorch.add(x, y, out=result)\nprint(result)"),
        today=("result = torch.empty(5, 3)\ntorch.add(x, y, out=result)\nprint(result)"),
        change=N_(
            "out=result writes the sum into a tensor you provide. torch.empty is today's form of the "
            "uninitialised torch.Tensor(5, 3); the numbers equal x + y of the cell before."
        ),
        printed=(
            " 0.8534  1.1394  0.4774\n"
            " 1.4424  1.2114  0.8814\n"
            " 1.4949  1.9266  1.3296\n"
            " 0.1438  0.8326  1.0657\n"
            " 1.0336  1.6894  1.1986\n"
            "[torch.FloatTensor of size 5x3]"
        ),
        context=(3, 5),
        focus="result",
    ),
    LessonCell(
        number=7,
        title=N_("In place: add_"),
        tab=TENSORS,
        written=("y.add_(x)\nprint(y)"),
        change=N_(
            "Unchanged: a method ending in _ changes the tensor itself, so y now holds x + y. The Tensors"
            " tab marks the changed cells in yellow."
        ),
        printed=(
            " 0.8534  1.1394  0.4774\n"
            " 1.4424  1.2114  0.8814\n"
            " 1.4949  1.9266  1.3296\n"
            " 0.1438  0.8326  1.0657\n"
            " 1.0336  1.6894  1.1986\n"
            "[torch.FloatTensor of size 5x3]"
        ),
        context=(3, 5),
        focus="y",
    ),
    LessonCell(
        number=8,
        title=N_("Indexing"),
        tab=TENSORS,
        written="print(x[:, 1])",
        change=N_("Unchanged: indexing works as in NumPy; x[:, 1] is column 1 (the second) of every row."),
        printed=(" 0.6440\n 0.8923\n 0.9901\n 0.5080\n 0.9324\n[torch.FloatTensor of size 5]"),
        context=(3,),
    ),
    LessonCell(
        number=9,
        title=N_("A tensor of ones"),
        tab=TENSORS,
        written=("a = torch.ones(5)\nprint(a)"),
        change=N_("Unchanged, only printed differently: today tensor([1., 1., 1., 1., 1.])."),
        printed=(" 1\n 1\n 1\n 1\n 1\n[torch.FloatTensor of size 5]"),
        focus="a",
    ),
    LessonCell(
        number=10,
        title=N_("The NumPy bridge"),
        tab=TENSORS,
        written=("b = a.numpy()\nprint(b)\nprint(type(b))"),
        today=("b = a.numpy()\nprint(b)\nprint(type(b))\na.add_(1)\nprint(b)"),
        change=N_(
            "Unchanged. b shares a's memory, no copy is made: today's version adds 1 to a in place and "
            "prints b again, which changed with it. For an independent array write a.numpy().copy()."
        ),
        printed=("[1. 1. 1. 1. 1.]\n<class 'numpy.ndarray'>"),
        context=(9,),
        focus="b",
    ),
    LessonCell(
        number=11,
        title=N_("Moving to the GPU"),
        tab=TENSORS,
        written=("if torch.cuda.is_available():\n    x = x.cuda()\n    y = y.cuda()\n    x + y"),
        today=(
            'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")\n'
            "x = x.to(device)\n"
            "y = y.to(device)\n"
            "print(x + y)\n"
            "print(x.device)"
        ),
        change=N_(
            "Today's form chooses a device once and moves tensors with .to(device): the same code runs "
            "with or without a GPU. On a computer without CUDA, torch.cuda.is_available() is False: the "
            "lesson's if-block is skipped and everything stays on the CPU, with the same results."
        ),
        context=(3, 5),
    ),
)
