"""The lesson's Cells 12-18: Variable and requires_grad, grad_fn, backward and x.grad."""

from __future__ import annotations

from core.base.i18n import N_
from core.lesson.cells.cell import AUTOGRAD, BACKWARD, LessonCell

AUTOGRAD_CELLS: tuple[LessonCell, ...] = (
    LessonCell(
        number=12,
        title=N_("Variable and requires_grad"),
        tab=AUTOGRAD,
        written=(
            "from torch.autograd import Variable\n"
            "x = Variable(torch.ones(2, 2), requires_grad=True)\n"
            "print(x)"
        ),
        today=("x = torch.ones(2, 2, requires_grad=True)\nprint(x)"),
        change=N_(
            "Variable is gone since PyTorch 0.4 (2018): every tensor can record its gradient. "
            "torch.ones(2, 2, requires_grad=True) is today's form; Variable(...) still runs and returns "
            "such a tensor. x is a leaf: made by you, not computed."
        ),
        printed=("Variable containing:\n 1  1\n 1  1\n[torch.FloatTensor of size 2x2]"),
    ),
    LessonCell(
        number=13,
        title=N_("An operation: y = x + 2"),
        tab=AUTOGRAD,
        written=("y = x + 2\nprint(y)"),
        change=N_(
            "Unchanged: y is computed from x, so it has a grad_fn, AddBackward0, drawn in the graph. The "
            "printout shows grad_fn=<AddBackward0> where 2017 printed 'Variable containing:'."
        ),
        printed=("Variable containing:\n 3  3\n 3  3\n[torch.FloatTensor of size 2x2]"),
        context=(12,),
    ),
    LessonCell(
        number=14,
        title=N_("grad_fn: where a tensor comes from"),
        tab=AUTOGRAD,
        written=("print(y.grad_fn)\nprint(x.grad_fn)"),
        change=N_(
            "Unchanged, but the names carry a number today: AddBackward0. x was made by you, not "
            "computed, so its grad_fn is None: in the graph it ends in AccumulateGrad, which will write "
            "x.grad."
        ),
        printed=("<AddBackward0 object at 0x7fa0fa300710>\nNone"),
        context=(12, 13),
    ),
    LessonCell(
        number=15,
        title=N_("z = y * y * 3 and out = z.mean()"),
        tab=AUTOGRAD,
        written=("z = y * y * 3\nout = z.mean()\n\nprint(z, out)"),
        change=N_(
            "Unchanged: z is 27 everywhere and out, their mean, is 27. Today out is a 0-dimensional "
            "tensor, tensor(27.), where 2017 had a tensor of size 1. y * y uses y twice: the graph has "
            "two edges from the multiplication to y."
        ),
        printed=(
            "Variable containing:\n"
            " 27  27\n"
            " 27  27\n"
            "[torch.FloatTensor of size 2x2]\n"
            " Variable containing:\n"
            " 27\n"
            "[torch.FloatTensor of size 1]"
        ),
        context=(12, 13),
    ),
    LessonCell(
        number=16,
        title=N_("Backward"),
        tab=AUTOGRAD,
        written="out.backward()",
        change=N_(
            "Unchanged. Backward applies the chain rule from out back to x, one node at a time: the "
            "gradient 1 at out becomes 0.25 for each z (the mean of 4), 0.75 after × 3, 2.25 along each "
            "of the two edges to y (× y = 3), which add up to 4.5 at y, and x.grad = 4.5. The Autograd "
            "tab writes out every step."
        ),
        action=BACKWARD,
        context=(12, 13, 15),
    ),
    LessonCell(
        number=17,
        title=N_("x.grad: the gradient"),
        tab=AUTOGRAD,
        written="print(x.grad)",
        change=N_(
            "Unchanged: x.grad = d(out)/dx = 3 × 2 × (x + 2) / 4 = 4.5 for each element. The app shows it"
            " after Backward, in the message and beside x in the graph. Press Backward again and it "
            "becomes 9: gradients add up until they are set to zero."
        ),
        printed=("Variable containing:\n 4.5000  4.5000\n 4.5000  4.5000\n[torch.FloatTensor of size 2x2]"),
        action=BACKWARD,
        context=(12, 13, 15),
        focus="x",
    ),
    LessonCell(
        number=18,
        title=N_("A graph that depends on the data"),
        tab=AUTOGRAD,
        written=(
            "x = torch.randn(3)\n"
            "x = Variable(x, requires_grad=True)\n"
            "\n"
            "y = x * 2\n"
            "while y.data.norm() < 1000:\n"
            "    y = y * 2\n"
            "\n"
            "print(y)"
        ),
        today=(
            "x = torch.randn(3, requires_grad=True)\n"
            "\n"
            "y = x * 2\n"
            "while y.data.norm() < 1000:\n"
            "    y = y * 2\n"
            "\n"
            "print(y)"
        ),
        change=N_(
            "torch.randn(3, requires_grad=True) replaces the two lines with Variable. How often the loop "
            "doubles depends on the random x, so the graph's length changes from run to run: autograd "
            "records whatever ran."
        ),
        printed=("Variable containing:\n -621.9308\n 1760.5208\n -573.2255\n[torch.FloatTensor of size 3]"),
    ),
)
