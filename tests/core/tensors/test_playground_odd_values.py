"""Values the tensor view cannot show as a table are named, with why and what to do."""

import pytest

from core.tensors.playground import Playground


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("x = torch.zeros(3, device='meta')", "x is not shown as a table: it lives on the meta device"),
        ("x = torch.eye(3).to_sparse()", "it is a sparse tensor (sparse_coo); x.to_dense() gives its values"),
        ("x = torch.quantize_per_tensor(torch.rand(3), 0.1, 0, torch.quint8)", "x.dequantize() gives"),
        ("import numpy as np\nx = np.array([object(), 1], dtype=object)", "a NumPy array of object values"),
    ],
    ids=["meta", "sparse", "quantized", "object-array"],
)
def test_an_odd_value_is_named_once_and_the_session_goes_on(code, said):
    playground = Playground()
    outcome = playground.run(code)
    assert outcome.error is None and said in outcome.note and outcome.shown is None
    assert "x" in [row.name for row in outcome.variables]
    again = playground.run("y = torch.ones(2)")
    assert again.note is None and again.shown.name == "y"  # said once, when it was made


HOSTILE_SUBCLASS = """class E(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        raise RuntimeError("no")
e = torch.ones(2).as_subclass(E)"""
RAISING_PROPERTY = """class F(torch.Tensor):
    @property
    def shape(self):
        raise ValueError("no")
f = torch.ones(2).as_subclass(F)"""
RAISING_ARRAY = """class A(np.ndarray):
    @property
    def shape(self):
        raise ValueError("no")
a = np.zeros(3).view(A)"""


@pytest.mark.parametrize("code", [HOSTILE_SUBCLASS, RAISING_PROPERTY], ids=["torch_function", "property"])
def test_a_tensor_subclass_whose_methods_raise_is_shown_as_its_data_and_breaks_no_later_statement(code):
    """The app reads a subclass's data as a plain tensor: none of its own methods run."""
    playground = Playground()
    outcome = playground.run(code)
    name = code.split("\n")[-1].split(" = ")[0]
    assert outcome.error is None and outcome.shown.name == name
    assert outcome.shown.values.ravel().tolist() == [1.0, 1.0]
    assert playground.run("x = 1").error is None
    assert playground.run(f"del {name}").error is None
    assert [row.name for row in playground.run("y = torch.ones(2)").variables] == ["x", "y"]


def test_an_array_whose_methods_raise_is_named_once_with_what_to_do():
    playground = Playground()
    outcome = playground.run(RAISING_ARRAY)
    assert outcome.error is None
    assert "a is not shown: its own methods raised ValueError when the app read it" in outcome.note
    assert "delete it (del a) or press Reset" in outcome.note
    again = playground.run("y = 2")
    assert again.error is None and again.note is None
    assert playground.run("del a").error is None
