"""Typed code runs in the kernel process: what it does there cannot reach this process.

Each statement a curious student found to crash, freeze or rewire the app
runs here through the real kernel, and this process checks that it was told
precisely what happened, that no file appeared, that its own torch is
untouched, and that a normal statement works afterwards.
"""

import os
import signal
import subprocess
import sys
import threading
import time

import psutil
import pytest
import torch
from torch import nn
from torch.nn import functional as F

from core.kernel import KernelClient, KernelConfig, RemoteAutogradLab, RemotePlayground
from core.process import problems as reasons
from core.process.confine import FILE_SIZE_LIMIT, PASSED_VARIABLES
from core.process.problems import KernelProblem
from core.tensors.playground import PlaygroundOutcome
from tests.kernel_limits import short_time_limit

HEALTH = (
    "(torch.cat([torch.ones(2), torch.zeros(1)]).sum().item(), nn.Linear(3, 1)(torch.ones(1, 3)).shape[1], "
    "b'\\n'[0], round(F.cross_entropy(torch.zeros(1, 2), torch.tensor([0])).item(), 3))"
)
HEALTHY = "(2.0, 1, 10, 0.693)"
ORIGINALS = (torch.cat, nn.Linear.forward, F.cross_entropy, F.mse_loss)
READY_S = 120
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's limits and signals")


@pytest.fixture
def playground(kernel, tmp_path, monkeypatch):
    """The Tensors session, emptied, with this process in an empty folder of its own."""
    monkeypatch.chdir(tmp_path)
    assert kernel.wait_ready(READY_S)
    remote = RemotePlayground(kernel)
    remote.reset()
    return remote


def run_ok(playground: RemotePlayground, code: str) -> PlaygroundOutcome:
    outcome = playground.run(code)
    assert isinstance(outcome, PlaygroundOutcome) and outcome.error is None, outcome
    return outcome


def assert_untouched(kernel: KernelClient, playground: RemotePlayground, tmp_path) -> None:
    """No file appeared, this process's torch is as it was, and the kernel answers normally."""
    assert os.listdir(tmp_path) == []
    assert kernel.wait_ready(READY_S)
    assert run_ok(playground, HEALTH).value_text == HEALTHY
    assert (torch.cat, nn.Linear.forward, F.cross_entropy, F.mse_loss) == ORIGINALS
    assert b"\n"[0] == 10 and not torch.is_anomaly_enabled()


REWIRING = [
    "[0 for nn.Linear.forward in [nn.Identity.forward]]",
    "del torch.cat",
    "for F.cross_entropy in [F.mse_loss]: pass",
    "import builtins\nbuiltins.len = None",
]


@pytest.mark.parametrize("code", REWIRING)
def test_statements_that_rewire_torch_change_only_the_kernel_which_a_restart_renews(
    kernel, playground, tmp_path, code
):
    playground.run(code)
    assert (torch.cat, nn.Linear.forward, F.cross_entropy, F.mse_loss) == ORIGINALS
    kernel.restart()
    assert_untouched(kernel, playground, tmp_path)


REFUSED = [
    ("torch.frombuffer(b'\\n', dtype=torch.uint8)[0] = 88", "buffer you may write to"),
    ("n = input()", "no keyboard"),
]


@pytest.mark.parametrize(("code", "message"), REFUSED)
def test_statements_that_would_break_the_kernel_are_refused_with_a_specific_message(
    kernel, playground, tmp_path, code, message
):
    pid = kernel.pid
    outcome = playground.run(code)
    assert isinstance(outcome, PlaygroundOutcome) and message in outcome.error
    assert kernel.pid == pid
    assert_untouched(kernel, playground, tmp_path)


OUT_OF_MEMORY = [
    "xs = [torch.ones(10**8, dtype=torch.float64) for i in range(60)]",
    "big = np.ones((10**4, 1)) * np.ones((1, 10**5))",
    "a = np.zeros(10)\na.resize(10**9, refcheck=False)",
    "s = 'x'.ljust(2*10**9)",
]


@pytest.mark.parametrize("code", OUT_OF_MEMORY)
def test_memory_past_the_budget_is_refused_and_the_kernel_survives(kernel, playground, tmp_path, code):
    run_ok(playground, "keep = torch.ones(2)")
    pid = kernel.pid
    outcome = playground.run(code)
    assert "more memory than the playground may use (1.07 GB in all)" in outcome.error
    assert kernel.pid == pid and outcome.variables[0].name == "keep"
    assert_untouched(kernel, playground, tmp_path)


FREEZERS = [
    ("x = 3**10000\nfor i in range(17):\n    x = x * x", 2, "for i in range(17):"),
    ("t = torch.tensor(range(10**8))", 1, "t = torch.tensor(range(10**8))"),
    ("torch.ones(1).expand(10**6, 10**6).sum()", 1, "torch.ones(1).expand(10**6, 10**6).sum()"),
]


@pytest.mark.parametrize("freezer", FREEZERS)
def test_a_statement_past_the_time_limit_is_killed_and_a_fresh_kernel_starts(
    kernel, playground, tmp_path, freezer
):
    code, line, statement = freezer
    run_ok(playground, "keep = torch.ones(2)")
    old_pid = kernel.pid
    started = time.monotonic()
    with short_time_limit(kernel):
        problem = playground.run(code)
    assert time.monotonic() - started < 1.0 + 5.0
    assert isinstance(problem, KernelProblem) and problem.reason == reasons.TIMEOUT
    assert (problem.line, problem.statement, problem.limit, problem.reset) == (line, statement, 1.0, True)
    assert problem.session == "tensors"
    assert not psutil.pid_exists(old_pid)
    assert_untouched(kernel, playground, tmp_path)
    assert kernel.pid != old_pid and "keep" not in [row.name for row in run_ok(playground, "1").variables]


@LINUX_ONLY
def test_a_crash_in_the_kernel_is_reported_and_a_fresh_kernel_starts(kernel, playground, tmp_path):
    run_ok(playground, "x = torch.ones(10**6)")
    old_pid = kernel.pid
    problem = playground.run("x.untyped_storage().resize_(0)\ny = x + 1")  # reads freed memory
    assert isinstance(problem, KernelProblem) and problem.reason == reasons.CRASHED
    assert problem.exit_status == "SIGSEGV" and problem.line == 2 and problem.reset
    assert f"process {old_pid}" in problem.detail
    assert_untouched(kernel, playground, tmp_path)
    assert kernel.pid != old_pid


def test_anomaly_detection_stays_inside_the_kernel(kernel, playground, tmp_path):
    run_ok(playground, "torch.autograd.set_detect_anomaly(True)")
    assert run_ok(playground, "torch.is_anomaly_enabled()").value_text == "True"
    assert not torch.is_anomaly_enabled()
    run_ok(playground, "torch.autograd.set_detect_anomaly(False)")
    assert_untouched(kernel, playground, tmp_path)


def test_stop_kills_the_statement_running_and_names_it(kernel, playground, tmp_path):
    stop = threading.Event()
    timer = threading.Timer(0.5, stop.set)
    timer.start()
    problem = playground.run("x = 3**10000\nfor i in range(17):\n    x = x * x", cancelled=stop.is_set)
    assert isinstance(problem, KernelProblem) and problem.reason == reasons.STOPPED
    assert (problem.line, problem.statement, problem.reset) == (2, "for i in range(17):", True)
    assert_untouched(kernel, playground, tmp_path)


@LINUX_ONLY
def test_a_kernel_lost_while_idle_is_replaced_and_the_listeners_are_told(kernel, playground, tmp_path):
    heard: list[KernelProblem] = []
    kernel.add_listener(heard.append)
    try:
        old_pid = kernel.pid
        os.kill(old_pid, signal.SIGSEGV)
        until(lambda: heard, READY_S)
    finally:
        kernel.remove_listener(heard.append)
    assert [(p.reason, p.session, p.exit_status, p.reset) for p in heard] == [
        (reasons.CRASHED, None, "SIGSEGV", True)
    ]
    assert_untouched(kernel, playground, tmp_path)
    assert kernel.pid != old_pid


def test_autograd_requests_in_the_kernel_match_the_lesson(kernel):
    lab = RemoteAutogradLab(kernel)
    outcome = lab.run("x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nz = y * y * 3\nout = z.mean()")
    assert outcome.error is None and outcome.output_name == "out" and len(outcome.graph.nodes) == 7
    assert outcome.graph.kinds()[0] == "MeanBackward0"
    backward = lab.backward()
    assert backward.leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]] and len(backward.steps) == 5
    assert lab.zero_grad() == ["x"]
    assert "No tensor here has a graph" in lab.run("x = torch.ones(2)").error


@LINUX_ONLY
def test_the_kernel_is_confined_by_the_operating_system(kernel):
    assert kernel.wait_ready(READY_S)
    process = psutil.Process(kernel.pid)
    assert process.cwd() == kernel.workdir
    assert set(process.environ()) <= {"HOME", "TMPDIR", "TEMP", "TMP", "PATH", *PASSED_VARIABLES}
    assert os.path.dirname(process.environ()["HOME"]) == os.path.dirname(kernel.workdir)
    assert process.rlimit(psutil.RLIMIT_FSIZE) == (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT)
    assert process.rlimit(psutil.RLIMIT_CORE) == (0, 0)
    assert process.rlimit(psutil.RLIMIT_DATA) == (kernel.memory_limit, kernel.memory_limit)
    assert process.cmdline()[1:3] == ["-I", "-B"]
    assert process.ppid() == os.getpid()


# ----- a kernel of its own: memory watched from outside only, then shut down mid-statement ----------
@pytest.fixture(scope="module")
def watched_kernel(tmp_path_factory):
    """A kernel without an OS memory cap (as on Windows), started with a hostile environment."""
    marker = tmp_path_factory.mktemp("startup") / "ran"
    script = marker.with_name("startup.py")
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    hostile = {"PYTHONSTARTUP": str(script), "PYTHONPATH": str(script.parent), "LD_PRELOAD": "libm.so.6"}
    saved = {name: os.environ.get(name) for name in hostile}
    os.environ.update(hostile)
    try:
        client = KernelClient(KernelConfig(time_limit_s=30, memory_budget=512 * 1024**2, os_memory_cap=False))
        client.start()
        assert client.wait_ready(READY_S)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value
    client.startup_marker = marker
    yield client
    client.shutdown()


def test_the_kernel_starts_with_none_of_the_apps_environment(watched_kernel):
    environment = psutil.Process(watched_kernel.pid).environ()
    assert not {"PYTHONSTARTUP", "PYTHONPATH", "LD_PRELOAD"} & set(environment)
    assert not watched_kernel.startup_marker.exists()
    assert watched_kernel.memory_limit is None


def test_the_apps_watchdog_kills_a_kernel_past_its_memory_budget(watched_kernel):
    playground = RemotePlayground(watched_kernel)
    old_pid = watched_kernel.pid
    problem = playground.run("xs = [torch.ones(10**8) for i in range(20)]")
    assert isinstance(problem, KernelProblem) and problem.reason == reasons.MEMORY
    assert problem.limit == 512 * 1024**2 and problem.line == 1 and problem.reset
    assert watched_kernel.wait_ready(READY_S) and watched_kernel.pid != old_pid


def test_shutdown_during_a_hung_statement_releases_the_waiting_thread(watched_kernel):
    playground = RemotePlayground(watched_kernel)
    assert watched_kernel.wait_ready(READY_S)
    pid = watched_kernel.pid
    results = []
    hung = "x = 3**10000\nfor i in range(17):\n    x = x * x"
    waiting = threading.Thread(target=lambda: results.append(playground.run(hung)))
    waiting.start()
    assert until(lambda: watched_kernel.running_line is not None, READY_S), "the statement never started"
    started = time.monotonic()
    watched_kernel.shutdown()
    waiting.join(2.0)
    assert not waiting.is_alive() and time.monotonic() - started < 2.0
    assert results[0].reason == reasons.CLOSED
    assert not psutil.pid_exists(pid)
    assert playground.run("1").reason == reasons.CLOSED


APP_THAT_DIES = """
import sys, time
from core.kernel import KernelClient, RemotePlayground
kernel = KernelClient()
print(RemotePlayground(kernel).run("x = 1").error, kernel.pid, flush=True)
RemotePlayground(kernel).run("x = 3**10000\\nfor i in range(17):\\n    x = x * x")
"""


def test_the_kernel_dies_with_an_app_that_is_killed_mid_statement():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    with psutil.Popen(
        [sys.executable, "-c", APP_THAT_DIES], cwd=root, stdout=subprocess.PIPE, text=True
    ) as app:
        error, pid = app.stdout.readline().split()
        assert error == "None" and psutil.Process(int(pid)).ppid() == app.pid
        app.kill()
        app.wait()
    assert until(lambda: not _running(int(pid)), 5), "the kernel outlived the app"


def until(condition, timeout: float) -> bool:
    """Poll ``condition`` (every 50 ms, in this thread) until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE  # a zombie has ended
    except psutil.NoSuchProcess:
        return False


def test_an_error_of_forty_million_characters_is_answered_at_once_and_keeps_the_variables(kernel):
    """Its explanation looks at the message's start only: matching all of it took longer than the
    time limit, and the kernel, with the variables, was lost."""
    playground = RemotePlayground(kernel)
    playground.reset()
    generation = kernel.generation
    assert playground.run("keep = torch.ones(2)").error is None
    outcome = playground.run("d = {}\nd['k'.ljust(4 * 10**7)]")
    assert isinstance(outcome, PlaygroundOutcome) and outcome.error.startswith("KeyError: 'k  ")
    assert len(outcome.error) < 2_100 and "more characters not shown" in outcome.error
    assert len(outcome.error_detail) < 5_000
    assert kernel.generation == generation and "keep" in [row.name for row in outcome.variables]
