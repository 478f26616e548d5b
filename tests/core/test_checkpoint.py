import pickle

import pytest
import torch

from core.checkpoint import BUNDLED_LENET, CheckpointError, load_model, save_model
from core.models import MLP, LeNet


def test_round_trip_rebuilds_the_network_in_eval_mode(tmp_path):
    net = MLP(activation="relu")
    path = tmp_path / "m.pt"
    save_model(net, path, {"metrics": {"test_accuracy": 0.5}})
    loaded, meta = load_model(path)
    assert isinstance(loaded, MLP) and loaded.activation == "relu" and not loaded.training
    assert meta["architecture"] == "mlp" and meta["metrics"]["test_accuracy"] == 0.5
    assert "torch" in meta["versions"]
    x = torch.randn(2, 1, 28, 28)
    assert torch.equal(loaded(x), net.eval()(x))
    assert [p.name for p in tmp_path.iterdir()] == ["m.pt"]


def check_refused(path, match):
    before = path.read_bytes()
    with pytest.raises(CheckpointError, match=match):
        load_model(path)
    assert path.read_bytes() == before


def test_damaged_file_is_refused(tmp_path):
    path = tmp_path / "m.pt"
    save_model(LeNet(), path)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    check_refused(path, "damaged")


class Payload:
    def __reduce__(self):
        return (print, ("this should never run",))


def test_pickle_with_code_is_refused(tmp_path):
    path = tmp_path / "evil.pt"
    torch.save({"format": "pytorch-basics-checkpoint", "x": Payload()}, path)
    check_refused(path, "more than weights")
    plain = tmp_path / "plain.pt"
    plain.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(CheckpointError):
        load_model(plain)


def test_weights_of_another_architecture_are_refused(tmp_path):
    path = tmp_path / "m.pt"
    save_model(MLP(), path)
    payload = torch.load(path, weights_only=True)
    payload["metadata"]["architecture"] = "lenet"
    torch.save(payload, path)
    check_refused(path, "do not fit the LENET")


def test_a_foreign_torch_file_is_refused(tmp_path):
    path = tmp_path / "state.pt"
    torch.save(LeNet().state_dict(), path)
    check_refused(path, "not a model saved by this app")
    with pytest.raises(CheckpointError, match="does not exist"):
        load_model(tmp_path / "missing.pt")


def test_bundled_lenet_loads_with_its_metrics_and_command():
    model, meta = load_model(BUNDLED_LENET)
    assert isinstance(model, LeNet)
    assert meta["metrics"]["test_accuracy"] >= 0.99
    assert meta["command"].startswith("python main.py train --model lenet")
    assert meta["data"].startswith("full MNIST")
