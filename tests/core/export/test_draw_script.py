"""The Draw tab's code computes what the app computes: the same input tensor, the same probabilities."""

import subprocess
import sys

import numpy as np
import torch

from core.data import mnist
from core.export.draw_script import code_text, prepare
from core.models.digits import enlarge, preprocess, probabilities


def drawings(count):
    """Real test digits as drawn on the canvas (enlarged), and a few at other sizes."""
    digits = mnist.load_sample().test.images[:count].numpy()
    return [enlarge(d, 280) for d in digits] + [enlarge(d, 97) for d in digits[:20]] + list(digits[:20])


def test_prepare_gives_the_apps_tensor_on_real_test_digits():
    for drawing in drawings(200):
        crop, box, x = prepare(drawing)
        assert torch.equal(x, preprocess(drawing))
        assert max(box.shape) == 20 and crop.shape[0] >= box.shape[0] / 2


def test_the_shown_code_runs_alone_and_reads_as_the_app(tmp_path):
    cases = np.stack(drawings(30)[:30])
    np.save(tmp_path / "drawings.npy", cases)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
    torch.save(model, tmp_path / "model.pt")
    prefix = (
        "import numpy as np\nimport torch\n"
        "drawings = np.load('drawings.npy')\ndrawing = drawings[0]\n"
        "model = torch.load('model.pt', weights_only=False)\n"
    )
    suffix = (
        "\ninputs = [prepare(d)[2] for d in drawings]\n"
        "torch.save({'x': torch.cat(inputs), 'p': probabilities}, 'out.pt')\n"
    )
    (tmp_path / "read.py").write_text(prefix + code_text() + suffix)
    result = subprocess.run(
        [sys.executable, "-I", "read.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The network reads a ")
    out = torch.load(tmp_path / "out.pt")
    expected = torch.cat([preprocess(d) for d in cases])
    assert torch.equal(out["x"], expected)
    assert out["p"][0].double().tolist() == probabilities(model, expected[:1])
