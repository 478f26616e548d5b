import os

import numpy as np
import pytest
import torch

from core.lesson import TENSOR_STEPS
from core.sandbox import Session


@pytest.fixture
def session():
    return Session()


def run_ok(session, code):
    result = session.run(code)
    assert result.error is None, result.error
    return result


def step(title):
    return next(s for s in TENSOR_STEPS if s.title == title)


def test_guided_steps_reproduce_the_lesson(session):
    x = run_ok(session, step("Uninitialised memory").code).variables["x"]
    assert x.shape == (5, 3) and x.dtype == torch.float32
    run_ok(session, step("Random numbers").code)
    assert tuple(run_ok(session, step("Size").code).value) == (5, 3)
    x_plus_y = run_ok(session, step("Addition").code).value
    result = run_ok(session, step("Addition into a given tensor").code).variables["result"]
    assert torch.equal(result, x_plus_y)
    y_before = session.variables["y"].clone()
    changed = run_ok(session, step("In place: add_").code)
    assert torch.allclose(session.variables["y"], y_before + session.variables["x"])
    assert changed.changed == ("y",)
    column = run_ok(session, step("Indexing").code).value
    assert torch.equal(column, session.variables["x"][:, 1])
    run_ok(session, step("NumPy bridge").code)
    b = run_ok(session, step("Shared memory changes together").code).value
    assert isinstance(b, np.ndarray) and b.tolist() == [2.0] * 5
    device = run_ok(session, step("Moving to the GPU").code).value
    assert device.type == ("cuda" if torch.cuda.is_available() else "cpu")


def test_lessons_doubling_loop_runs(session):
    result = run_ok(
        session,
        "y = torch.randn(3, requires_grad=True) * 2\n"
        "while y.data.norm() < 1000:\n    y = y * 2\ny.data.norm()",
    )
    assert result.value >= 1000


def test_values_errors_and_variables(session):
    run_ok(session, "a = torch.ones(2, 3)")
    result = session.run("a + torch.ones(4, 5)")
    assert "shapes do not fit" in result.error and "Broadcasting" in result.error
    assert "size of tensor a" in result.error_detail
    assert list(result.variables) == ["a"]
    assert "not defined yet" in session.run("undefined_name + 1").error


def test_print_is_captured(session):
    assert run_ok(session, "print(torch.ones(2).sum())").output == "tensor(2.)\n"


def test_chinese_ime_input_is_normalised(session):
    result = run_ok(session, "x ＝ torch.ones（２，３）\nx.size（）")
    assert tuple(result.value) == (2, 3)
    assert "Chinese input method" in result.note and "（ → (" in result.note
    assert run_ok(session, "s = '（中文）'\ns").value == "（中文）"


ESCAPES = [
    "import os",
    "from os import system",
    "__import__('os')",
    "x = torch.ones(1)\nx.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "torch.__builtins__",
    "open('/etc/passwd').read()",
    "exec('1')",
    "eval('1')",
    "compile('1', 'f', 'exec')",
    "globals()",
    "getattr(torch, 'save')",
    "'{0.__class__}'.format(torch)",
    "'{x.__init__.__globals__}'.format_map({'x': torch})",
    "(lambda: 0).__code__",
    "f = lambda: 1",
    "def f(): pass",
    "class A: pass",
    "torch.save(torch.ones(1), 'escape.pt')",
    "torch.load('escape.pt')",
    "np.save('escape.npy', np.ones(2))",
    "torch.ones(2).numpy().tofile('escape.bin')",
    "torch.utils.data",
    "torch.nn.modules.module.sys",
    "torch.ops.load_library('x.so')",
    "torch.hub.load('x', 'y')",
    "torch.set_num_threads(1)",
    "torch.x = 1",
    "torch.zeros(100000, 100000)",
    "torch.ones(5).repeat(100000, 100000)",
    "torch.ones(20000, 1) * torch.ones(1, 20000)",
    "np.zeros(10**10)",
    "[0] * 10**10",
    "10 ** 10 ** 10",
    "list(range(10**9))",
    "while True:\n    pass",
    "[i for i in range(10**9)]",
    "for i in range(10**9):\n    x = i",
    "_private = 1",
    "try:\n    1\nexcept:\n    pass",
]


@pytest.mark.parametrize("code", ESCAPES)
def test_escape_attempts_are_refused_with_a_message_and_no_side_effect(session, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_ok(session, "keep = torch.ones(2)")
    threads = torch.get_num_threads()
    result = session.run(code)
    assert result.error, f"not refused: {code}"
    assert len(result.error) > 20
    assert os.listdir(tmp_path) == []
    assert torch.get_num_threads() == threads and not hasattr(torch, "x")
    assert set(session.variables) <= {"keep", "x", "f", "i"}
    assert torch.equal(session.variables["keep"], torch.ones(2))


def test_limits_refuse_before_allocating(session):
    result = session.run("big = torch.empty(10**9)")
    assert "more than this playground allows" in result.error
    assert "big" not in result.variables


def test_mistakes_get_explanations(session):
    assert "pass a gradient" in session.run("torch.ones(3, requires_grad=True).mul(2).backward()").error
    assert "Only floating-point" in session.run("torch.ones(2, dtype=torch.long, requires_grad=True)").error
    run_ok(session, "x = torch.ones(2, requires_grad=True)\nout = (x * 2).sum()\nout.backward()")
    assert "retain_graph" in session.run("out.backward()").error
    assert "x.detach().numpy()" in session.run("x.numpy()").error
