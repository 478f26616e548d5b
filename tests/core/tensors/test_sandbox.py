import numpy as np
import pytest
import torch

from core.lesson.steps import TENSOR_STEPS
from core.tensors.sandbox import Session


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


def test_full_width_punctuation_is_mapped_in_code_only(session):
    assert run_ok(session, "# Let's print\nprint('你好，世界')").output == "你好，世界\n"
    assert run_ok(session, 'print("他说“你好”")').output == "他说“你好”\n"
    result = run_ok(session, "s = “你好，世界”\ns")  # a string typed with curly quotes
    assert result.value == "你好，世界" and '“ → "' in result.note


PYTHON = {
    "def and lambda": "def twice(x):\n    return 2 * x\nsquare = lambda x: x * x\nresult = twice(square(3))",
    "a class with super and a property": (
        "class Base:\n    def __init__(self, n):\n        self.n = n\n"
        "class Child(Base):\n    def __init__(self):\n        super().__init__(4)\n"
        "    @property\n    def double(self):\n        return self.n * 2\nresult = Child().double"
    ),
    "a dataclass and a decorator": (
        "import dataclasses, functools\n@dataclasses.dataclass(frozen=True)\nclass Point:\n    x: int\n"
        "    y: int = 0\ndef logged(f):\n    @functools.wraps(f)\n    def inner(*a):\n"
        "        return ('log', f(*a))\n    return inner\n@logged\ndef norm(p):\n"
        "    return p.x ** 2 + p.y ** 2\nresult = norm(Point(3, 4))"
    ),
    "try, except, finally and raise": (
        "log = []\ndef check(v):\n    try:\n        if v < 0:\n"
        "            raise ValueError(f'negative: {v}')\n"
        "        return v\n    except ValueError as e:\n        log.append(str(e))\n        return 0\n"
        "    finally:\n        log.append('done')\nresult = (check(-1), check(2), log)"
    ),
    "a generator, comprehensions and the walrus": (
        "def evens(n):\n    for i in range(n):\n        if i % 2 == 0:\n            yield i\n"
        "result = ([e for e in evens(10)], {k: v for k, v in zip('ab', (1, 2))}, sorted({3, 1, 2}), "
        "[y for x in range(5) if (y := x * x) > 4])"
    ),
    "global, nonlocal, str.format and builtins": (
        "count = 0\ndef bump():\n    global count\n    count += 1\ndef counter():\n    total = 0\n"
        "    def add():\n        nonlocal total\n        total += 1\n        return total\n    return add\n"
        "bump(); add = counter(); add()\n"
        "result = (count, add(), '{} + {x}'.format(1, x=2), str(3), repr('a'), divmod(7, 2), "
        "list(map(abs, [-1])), list(filter(None, [0, 1])), any([0, 1]), all([]), chr(65), ord('A'), "
        "isinstance(hash(1), int), callable(len), hasattr(str, 'upper'), next(iter([5])))"
    ),
    "with and the standard modules": (
        "import math, random, itertools, collections, statistics, copy, operator, string, textwrap\n"
        "import contextlib, typing\n@contextlib.contextmanager\ndef tag():\n    yield 'in'\n"
        "with tag() as t:\n    inside = t\nrandom.seed(1)\n"
        "result = (inside, math.isclose(math.pi, 3.14159, rel_tol=1e-5), list(itertools.accumulate([1, 2])), "
        "collections.Counter('aab')['a'], statistics.mean([1, 3]), copy.deepcopy([[1]]), "
        "operator.add(1, 2), string.digits[:3], textwrap.shorten('a b c d', 5), random.random())"
    ),
}


@pytest.mark.parametrize("code", PYTHON.values(), ids=PYTHON.keys())
def test_every_statement_form_runs_as_plain_python_does(session, code):
    expected: dict = {}
    exec(code, expected)
    assert run_ok(session, code + "\nresult").value == expected["result"]


def test_async_is_refused_with_what_to_write_instead(session):
    error = session.run("async def f():\n    await g()").error
    assert "async and await are not available" in error and "plain def" in error


def test_each_session_keeps_its_own_process_wide_settings():
    tensors, autograd = Session(), Session()
    run_ok(tensors, "torch.set_grad_enabled(False)\ntorch.set_printoptions(precision=2)")
    assert run_ok(autograd, "torch.is_grad_enabled()").value is True
    assert "3333" in run_ok(autograd, "str(torch.tensor([1 / 3]))").value
    assert run_ok(tensors, "torch.is_grad_enabled()").value is False
    assert run_ok(tensors, "str(torch.tensor([1 / 3]))").value == "tensor([0.33])"
    tensors.reset()
    assert run_ok(tensors, "torch.is_grad_enabled()").value is True


def test_an_error_in_the_learners_own_function_points_at_their_line(session):
    run_ok(session, "def area(w, h):\n    scale = 2\n    return w * h * missing_factor")
    error = session.run("a = 1\narea(2, 3)").error
    assert "missing_factor" in error and "return w * h * missing_factor" in error
    code = (
        "class Net2(nn.Module):\n    def forward(self, x):\n        return x @ torch.ones(3, 2)\n"
        "Net2()(torch.ones(2, 2))"
    )
    result = session.run(code)
    assert "line 3, in forward" in result.error and "(line 3)" in result.error_detail


def test_a_run_past_the_time_limit_is_interrupted_and_keeps_the_variables(session):
    code = "kept = 1\nwhile True:\n    try:\n        pass\n    except Exception:\n        pass"
    result = session.run(code)
    assert "longer than 3 seconds" in result.error and "your variables are kept" in result.error
    assert result.variables["kept"] == 1


def test_printed_text_past_the_limit_is_left_out_with_a_note(session):
    result = run_ok(session, "for i in range(5000):\n    print('0123456789')")
    assert len(result.output) == 20_000 and "rest is not shown" in result.note


def test_mistakes_get_explanations(session):
    assert "pass a gradient" in session.run("torch.ones(3, requires_grad=True).mul(2).backward()").error
    assert "Only floating-point" in session.run("torch.ones(2, dtype=torch.long, requires_grad=True)").error
    run_ok(session, "x = torch.ones(2, requires_grad=True)\nout = (x * 2).sum()\nout.backward()")
    assert "retain_graph" in session.run("out.backward()").error
    assert "x.detach().numpy()" in session.run("x.numpy()").error
