"""The protocol carries plain data only, and a kernel that sends anything else is killed.

The end-to-end tests start a real process in place of the kernel, one that
sends what a compromised kernel might: a pickle that would run code, types
that are not the protocol's, wrong field types, a huge frame, an answer to
a request nobody asked.
"""

import json
import pickle
import stat
import struct
import sys

import numpy as np
import pytest

from core.autograd.graph import SavedTensor
from core.autograd.lab import AutogradLab, BackwardOutcome, LabOutcome
from core.kernel import KernelClient, KernelConfig, RemotePlayground
from core.kernel.protocol import Answered, Asked, Ready, RunCode
from core.lesson.steps import AUTOGRAD_PRESETS
from core.process import problems as reasons
from core.process.codec import MAX_FRAME_BYTES, Decoder, ProtocolError, encode
from core.process.problems import KernelProblem
from core.tensors.playground import Playground, PlaygroundOutcome

REPLIES = Decoder([Answered])


def frame_body(message) -> bytes:
    return encode(message)[4:]


def test_outcomes_cross_as_plain_data_and_come_back_equal():
    playground = Playground()
    playground.run("a = torch.ones(5)\nb = a.numpy()", focus="b")
    outcome = playground.run("a.add_(1)\nb", focus="b")
    back = REPLIES.decode(frame_body(Answered(3, outcome))).reply
    assert isinstance(back, PlaygroundOutcome) and back.variables == outcome.variables
    assert back.shown.shares_with == ("a",) and back.shown.values.tolist() == [[2.0] * 5]
    assert back.shown.changed.dtype == np.bool_ and back.shown.changed.all()
    lab = AutogradLab()
    graph = lab.run(AUTOGRAD_PRESETS["LeNet with MSELoss"])
    back = REPLIES.decode(frame_body(Answered(4, graph))).reply
    assert isinstance(back, LabOutcome) and back.graph.kinds() == graph.graph.kinds()
    assert all(isinstance(n.shape, tuple) or n.shape is None for n in back.graph.nodes)
    steps = REPLIES.decode(frame_body(Answered(5, lab.backward()))).reply
    assert isinstance(steps, BackwardOutcome) and steps.steps[0].label == "MseLossBackward0"


def envelope(reply: dict, number: int = 1) -> bytes:
    return json.dumps({"$t": "Answered", "f": {"number": number, "reply": reply}}).encode()


OUTCOME_FIELDS = {
    "code": "x",
    "error": None,
    "error_detail": None,
    "output": "",
    "note": None,
    "value_text": "",
    "shown": None,
    "variables": [],
    "infos": {"$d": {}},
}


def outcome(**changes) -> dict:
    return {"$t": "PlaygroundOutcome", "f": {**OUTCOME_FIELDS, **changes}}


MALFORMED = {
    "pickle": pickle.dumps(Ready(1, None)),
    "not json": b"\xff\xfe{",
    "a type that is not the protocol's": envelope({"$t": "Popen", "f": {"args": "rm -rf ~"}}),
    "a field of the wrong type": envelope(outcome(variables="x")),
    "a missing field": envelope({"$t": "Zeroed", "f": {}}),
    "an extra field": envelope({"$t": "Zeroed", "f": {"names": [], "code": "1"}}),
    "a bool for an int": envelope({"$t": "Progress", "f": {"line": True}}),
    "an object array": envelope(
        outcome(shown={"$t": "TensorInfo", "f": {"values": {"$a": ["object", [1], "AA=="]}}})
    ),
    "an array where text belongs": envelope({"$t": "Failure", "f": {"message": {"$a": []}}}),
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_anything_but_the_protocols_plain_data_is_refused(body):
    with pytest.raises(ProtocolError):
        REPLIES.decode(body)


def test_arrays_are_checked_against_their_shape_and_size():
    saved = Decoder([SavedTensor])
    fits = {"$a": ["float64", [2], "AAAAAAAAAAAAAAAAAAAAAA=="]}
    message = {"$t": "SavedTensor", "f": {"name": "x", "shape": [2], "value": fits}}
    assert saved.decode(json.dumps(message).encode()).value.tolist() == [0.0, 0.0]
    message["f"]["value"] = {"$a": ["float64", [2, 2], "AAAA"]}
    with pytest.raises(ProtocolError, match="does not match"):
        saved.decode(json.dumps(message).encode())
    message["f"]["value"] = {"$a": ["float64", [10**7, 10**7], ""]}
    with pytest.raises(ProtocolError, match="larger than"):
        saved.decode(json.dumps(message).encode())


# ----- a real process in the kernel's place, sending what a compromised kernel might ---------------
FAKE_KERNEL = """
import json, os, struct, sys
requests = os.fdopen(0, "rb")
def send(body):
    os.write(1, struct.pack(">I", len(body)) + body)
send(json.dumps({{"$t": "Answered", "f": {{"number": 0, "reply":
    {{"$t": "Ready", "f": {{"pid": os.getpid(), "memory_limit": None, "unconfined": []}}}}}}}}).encode())
(length,) = struct.unpack(">I", requests.read(4))
asked = json.loads(requests.read(length))
number = asked["f"]["number"]
{answer}
requests.read()
"""
ANSWERS = {
    "a pickle that would write a file": (
        "import pickle\n"
        "class Payload:\n"
        "    def __reduce__(self):\n"
        "        return (open, ({marker!r}, 'w'))\n"
        "send(pickle.dumps(Payload()))"
    ),
    "a foreign type": (
        "send(json.dumps({{'$t': 'Answered', 'f': {{'number': number, 'reply': "
        "{{'$t': 'Popen', 'f': {{'args': 'touch {marker}'}}}}}}}}).encode())"
    ),
    "an answer to another request": (
        "send(json.dumps({{'$t': 'Answered', 'f': {{'number': number + 1, 'reply': "
        "{{'$t': 'Progress', 'f': {{'line': 1}}}}}}}}).encode())"
    ),
    "the wrong kind of reply": (
        "send(json.dumps({{'$t': 'Answered', 'f': {{'number': number, 'reply': "
        "{{'$t': 'Zeroed', 'f': {{'names': []}}}}}}}}).encode())"
    ),
    "a frame larger than allowed": f"os.write(1, struct.pack('>I', {MAX_FRAME_BYTES + 1}))",
    "a frame cut short": "os.write(1, struct.pack('>I', 100) + b'{{')\nos.close(1)",
}


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in kernel is a shell script")
@pytest.mark.parametrize("answer", ANSWERS.values(), ids=ANSWERS.keys())
def test_a_kernel_that_breaks_the_protocol_is_killed_and_nothing_it_sent_runs(tmp_path, answer):
    marker = tmp_path / "marker"
    launcher = _launcher(tmp_path, FAKE_KERNEL.format(answer=answer.format(marker=str(marker))))
    client = KernelClient(KernelConfig(python=launcher, time_limit_s=10, start_timeout_s=30))
    try:
        problem = RemotePlayground(client).run("x = 1")
        assert isinstance(problem, KernelProblem) and problem.reason == reasons.UNREADABLE, problem
        assert problem.reset and not marker.exists()
    finally:
        client.shutdown()
    assert not marker.exists()


def test_requests_are_encoded_the_same_way():
    asked = Decoder([Asked]).decode(frame_body(Asked(7, RunCode("x = 1", focus="x"))))
    assert asked == Asked(7, RunCode("x = 1", focus="x"))
    assert struct.unpack(">I", encode(asked)[:4])[0] == len(frame_body(asked))


def _launcher(tmp_path, program: str) -> str:
    script = tmp_path / "fake_kernel.py"
    script.write_text(program)
    launcher = tmp_path / "python"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}"\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR)
    return str(launcher)


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in kernel is a shell script")
def test_a_kernel_that_cannot_start_says_why(tmp_path):
    failing = (
        "import json, os, struct\n"
        "body = json.dumps({'$t': 'Answered', 'f': {'number': 0, 'reply': "
        "{'$t': 'Failure', 'f': {'message': 'ImportError: no torch here'}}}}).encode()\n"
        "os.write(1, struct.pack('>I', len(body)) + body)\n"
        "raise SystemExit(1)\n"
    )
    for python in (_launcher(tmp_path, failing), str(tmp_path / "no-such-python")):
        client = KernelClient(KernelConfig(python=python, start_timeout_s=30))
        try:
            problem = RemotePlayground(client).run("x = 1")
        finally:
            client.shutdown()
        assert problem.reason == reasons.START_FAILED and not problem.reset
        assert "no torch here" in problem.detail or "No such file" in problem.detail, problem.detail
