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
