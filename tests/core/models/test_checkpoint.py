import pickle

import pytest
import torch

from core.models.checkpoint import BUNDLED_LENET, CheckpointError, load_model, save_model, save_state_dict
from core.models.networks import MLP, LeNet, MnistNet, Net, Neuralnetwork


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
    check_refused(path, r"m.pt does not fit the LeNet: its weights are those of the MLP \(linear\)\.")


@pytest.mark.parametrize(
    ("lesson_model", "architecture", "kind"),
    [(Neuralnetwork(28 * 28, 300, 100, 10), "mlp", Neuralnetwork), (Net(), "lenet", MnistNet)],
)
def test_a_state_dict_saved_as_the_lesson_does_loads_for_both_networks(
    tmp_path, lesson_model, architecture, kind
):
    path = tmp_path / "neural_network.pth"
    torch.save(lesson_model.state_dict(), path)  # the lesson's last line
    loaded, meta = load_model(path)
    assert isinstance(loaded, kind) and not loaded.training
    assert meta == {"architecture": architecture, "activation": loaded.activation if architecture == "mlp"
                    else "relu", "saved_as": "state_dict"}  # fmt: skip
    for name, tensor in lesson_model.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor)


def test_state_dict_only_is_what_the_lessons_load_state_dict_reads(tmp_path):
    trained = MnistNet()
    path = tmp_path / "lenet.pth"
    save_state_dict(trained, path)
    net = Net()
    net.load_state_dict(torch.load(path))  # as in the lesson
    x = torch.randn(2, 1, 32, 32)
    assert torch.equal(net(x), trained(x))
    assert [p.name for p in tmp_path.iterdir()] == ["lenet.pth"]
    assert isinstance(load_model(path)[0], MnistNet)


def test_a_state_dict_with_wrong_shapes_says_what_does_not_fit(tmp_path):
    path = tmp_path / "wide.pth"
    torch.save(Neuralnetwork(32 * 32, 300, 100, 10).state_dict(), path)
    check_refused(
        path, r"wide.pth does not fit the MLP \(linear\): layer1.weight is \[300, 1024\] in the file, "
        r"\[300, 784\] in the network\."
    )  # fmt: skip
    lenet = Net().state_dict()
    lenet["fc1.weight"] = torch.zeros(120, 576)  # a Net for 28x28 images without padding
    torch.save(lenet, path)
    check_refused(path, r"fc1.weight is \[120, 576\] in the file, \[120, 400\] in the network")
    lenet.pop("fc3.bias")
    lenet["fc4.bias"] = torch.zeros(10)
    torch.save(lenet, path)
    check_refused(path, "does not fit the LeNet: missing fc3.bias; not in the network fc4.bias")


def test_a_foreign_torch_file_is_refused(tmp_path):
    path = tmp_path / "state.pt"
    torch.save({"encoder.weight": torch.zeros(3, 3)}, path)
    check_refused(path, "weights named encoder.weight, which belong to neither of the lesson's networks")
    torch.save({"epoch": 3, "weights": [1, 2]}, path)
    check_refused(path, "neither a model saved by this app nor a state_dict")
    with pytest.raises(CheckpointError, match="does not exist"):
        load_model(tmp_path / "missing.pt")


def test_bundled_lenet_loads_with_its_metrics_and_command():
    model, meta = load_model(BUNDLED_LENET)
    assert isinstance(model, LeNet)
    assert meta["metrics"]["test_accuracy"] >= 0.99
    assert meta["command"].startswith("python main.py train --model lenet")
    assert meta["data"].startswith("full MNIST")
