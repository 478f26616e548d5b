"""Typed code is Python; what it still cannot do is held by the OS, even with the audit hook undone.

Each case runs through the real kernel, and this process checks the effect
itself: the file outside is unread and unchanged, no process was started, the
socket on 127.0.0.1 got no connection. The last group first empties the
audit hook's lists from typed code (plain Python can reach them), so what
refuses is Landlock and seccomp, as after native code ran.
"""

import os
import socket
import sys

import psutil
import pytest

from core.kernel import RemotePlayground
from core.tensors.playground import PlaygroundOutcome

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Landlock and seccomp")
UNDO_HOOK = (
    "import sys\nc = sys.modules['core.process.confine']\n"
    "for name in ('PROCESS_EVENTS', 'NETWORK_EVENTS', 'SIGNAL_EVENTS', 'LIMIT_EVENTS', 'FILE_EVENTS'):\n"
    "    setattr(c, name, frozenset())\n"
)
# Ways plain Python reaches the kernel's own modules: frames, subclasses, the garbage collector.
REACH_OS = {
    "import": "import os as o",
    "a generator's frame": (
        "def g():\n    yield sys._getframe(1)\nframe = next(g())\nwhile frame.f_back:\n"
        "    frame = frame.f_back\no = frame.f_globals['os']"
    ),
    "a traceback's frames": (
        "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    tb = e.__traceback__\n"
        "o = [f for f in [tb.tb_frame]][0].f_back.f_globals.get('os') or __import__('os')"
    ),
    "a __subclasses__ walk": (
        "w = [c for c in object.__subclasses__() if c.__name__ == '_wrap_close'][0]\n"
        "o = sys.modules[w.__module__] if False else __import__(w.__module__)"
    ),
    "gc.get_objects": (
        "import gc, types\n"
        "o = [m for m in gc.get_objects() if isinstance(m, types.ModuleType) and m.__name__ == 'os'][0]"
    ),
    "a metaclass": (
        "class Meta(type):\n    def __call__(cls):\n        return __import__('os')\n"
        "class A(metaclass=Meta): pass\no = A()"
    ),
}


@pytest.fixture
def playground(kernel):
    assert kernel.wait_ready(120)
    remote = RemotePlayground(kernel)
    remote.reset()
    yield remote
    kernel.restart()  # the next test gets a kernel whose hook and modules are whole


@pytest.fixture
def outside(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the app's data")
    return secret


def refused(outcome) -> str:
    assert isinstance(outcome, PlaygroundOutcome), outcome
    assert outcome.error, "not refused"
    return outcome.error


def children(kernel) -> list:
    return psutil.Process(kernel.pid).children(recursive=True)


@pytest.mark.parametrize("undo", [False, True], ids=["hook", "os-only"])
@pytest.mark.parametrize("reach", REACH_OS.values(), ids=REACH_OS.keys())
def test_files_outside_its_folder_are_neither_read_nor_changed(kernel, playground, outside, reach, undo):
    prefix = (UNDO_HOOK if undo else "import sys\n") + reach + "\n"
    assert playground.run(prefix).error is None
    for attempt in (
        f"o.open({str(outside)!r}, o.O_RDONLY)",
        f"open({str(outside)!r}).read()",
        f"o.remove({str(outside)!r})",
        f"open({str(outside)!r}, 'w').write('changed')",
        f"o.rename({str(outside)!r}, {str(outside)!r} + '.moved')",
        "open('/etc/hostname').read()",
    ):
        error = refused(playground.run(attempt))
        assert "may not open" in error or "only in its own folder" in error or "refused" in error, error
    assert outside.read_text() == "the app's data"


@pytest.mark.parametrize("undo", [False, True], ids=["hook", "os-only"])
def test_no_process_starts(kernel, playground, tmp_path, undo):
    marker = tmp_path / "ran"
    if undo:
        assert playground.run(UNDO_HOOK).error is None
    attempts = [
        f"import os\nos.system('touch {marker}')",
        "import os\nos.fork()",
        f"import subprocess\nsubprocess.Popen(['touch', '{marker}'])",
        f"import os\nos.posix_spawn('/bin/touch', ['touch', '{marker}'], {{}})",
        f"import _posixsubprocess, os\n_posixsubprocess.fork_exec(['/bin/touch', '{marker}'], "
        "[b'/bin/touch'], True, (), None, None, -1, -1, -1, -1, -1, -1, *os.pipe(), False, False, -1, "
        "None, None, None, -1, None, False)",
        "from torch.utils.data import DataLoader\nlist(DataLoader(range(4), num_workers=2))",
    ]
    for attempt in attempts:
        playground.run(attempt)  # os.system, refused below Python, says so by its status alone
        assert not marker.exists() and children(kernel) == [], attempt


@pytest.mark.parametrize("undo", [False, True], ids=["hook", "os-only"])
def test_no_socket_opens_and_no_other_process_is_signalled(kernel, playground, undo):
    if undo:
        assert playground.run(UNDO_HOOK).error is None
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        port = server.getsockname()[1]
        refused(playground.run(f"import socket\ns = socket.create_connection(('127.0.0.1', {port}))"))
        with pytest.raises(TimeoutError):
            server.accept()
    refused(playground.run(f"import os, signal\nos.kill({os.getpid()}, signal.SIGTERM)"))
    refused(playground.run("import resource\nresource.setrlimit(resource.RLIMIT_DATA, (-1, -1))"))


MEMORY_TRICKS = [
    "import ctypes\nctypes.CDLL(None)",
    "type(np.zeros([1] * 16).ctypes.shape).from_address(id(1))",
    "import ctypes\nctypes.string_at(id(1), 8)",
    "np.ctypeslib.as_array(np.zeros(2).ctypes.data_as(np.ctypeslib.ndpointer(float)), (10**6,))",
    "a = np.array([1, None])\na.view(np.int64)",
    "a = np.array([1, None])\nnp.frombuffer(a, dtype=np.int64)",
]


@pytest.mark.parametrize("code", MEMORY_TRICKS)
def test_the_ways_from_python_to_raw_memory_are_closed(playground, code):
    refused(playground.run(code))


def test_a_del_at_reset_runs_confined(kernel, playground, outside):
    code = (
        "class Sneaky:\n    def __del__(self):\n"
        f"        open({str(outside)!r}, 'w').write('changed')\nleft = Sneaky()"
    )
    assert playground.run(code).error is None
    playground.reset()
    assert outside.read_text() == "the app's data"
