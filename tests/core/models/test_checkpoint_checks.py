"""Model files whose description or weights lie: each refused, with what is wrong named."""

import time
import tracemalloc
import zipfile

import pytest
import torch

from core.models.checkpoint import CheckpointError, load_model, save_model
from core.models.checkpoint_checks import MAX_CHECKPOINT_BYTES
from core.models.networks import MLP, LeNet
from core.models.trained import load_trained


def saved(tmp_path, metadata=None, model=None, name="m.pt"):
    path = tmp_path / name
    save_model(model or LeNet(), path, metadata)
    return path


def rewritten(path, change):
    """Load the payload as the app saved it, let ``change`` edit it, and save it back."""
    payload = torch.load(path, weights_only=True)
    change(payload)
    torch.save(payload, path)
    return path


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ({"metrics": {"test_accuracy": "high"}}, "metadata.metrics.test_accuracy is 'high', not a number"),
        ({"metrics": {"test_accuracy": 10**400}}, r"metadata.metrics.test_accuracy is 1000000"),
        (
            {"metrics": {"test_accuracy": 1.5}},
            "metadata.metrics.test_accuracy is 1.5, not a number from 0 to 1",
        ),
        ({"metrics": {"test_accuracy": True}}, "metadata.metrics.test_accuracy is True"),
        ({"metrics": {"test_loss": float("nan")}}, "metadata.metrics.test_loss is nan"),
        ({"metrics": {"test_loss": -1.0}}, "metadata.metrics.test_loss is -1.0"),
        ({"metrics": "oops"}, "metadata.metrics is 'oops', not a table of values"),
        ({"config": [1, 2]}, r"metadata.config is \[1, 2\], not a table of values"),
        ({"data": 7}, "metadata.data is 7, not text"),
        ({"config": {"lr": float("inf")}}, "metadata.config.lr is inf"),
        (
            {"extra": torch.zeros(3)},
            "metadata.extra holds a Tensor, where a description holds only text and numbers",
        ),
        ({"deep": [[[[[[[[[[1]]]]]]]]]]}, "its description is larger or deeper than a model's description"),
        ({"many": list(range(20_000))}, "its description is larger or deeper than a model's description"),
    ],
)
def test_a_description_that_is_not_what_the_app_writes_is_refused_and_named(tmp_path, metadata, problem):
    path = saved(tmp_path, metadata)
    with pytest.raises(CheckpointError, match=r"^m\.pt cannot be used: " + problem):
        load_model(path)


def test_nan_weights_are_refused_with_the_layer_named(tmp_path):
    path = saved(tmp_path, model=MLP())
    rewritten(path, lambda payload: payload["state_dict"]["layer2.weight"].__setitem__((0, 0), float("nan")))
    with pytest.raises(CheckpointError, match=r"the weight layer2\.weight holds NaN or infinite values"):
        load_model(path)


def test_a_large_tensor_hidden_in_the_description_is_refused_before_it_is_loaded(tmp_path):
    path = saved(tmp_path, {"junk": torch.zeros(MAX_CHECKPOINT_BYTES // 4 + 1)})
    tracemalloc.start()
    try:
        with pytest.raises(CheckpointError, match=r"it holds 17,0[\d,]+ bytes, more than any network"):
            load_model(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20


def test_a_compressed_archive_that_would_unpack_to_a_gigabyte_is_refused_at_once(tmp_path):
    """1.2 GB of zeros, deflated into a few MB: the zip's directory says how large it would be."""
    path = saved(tmp_path)
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("archive/data/99", "w", force_zip64=True) as member,
    ):
        zeros = bytes(1 << 24)
        for _ in range(72):
            member.write(zeros)
    started = time.monotonic()
    with pytest.raises(CheckpointError, match=r"it holds 1,20\d,\d{3},\d{3} bytes"):
        load_model(path)
    assert time.monotonic() - started < 1


def test_the_accuracy_a_label_shows_is_always_a_real_fraction(tmp_path):
    path = saved(tmp_path, {"metrics": {"test_accuracy": 0.75, "test_loss": 0.5}})
    assert load_trained(path).test_accuracy == 0.75
    assert load_trained(saved(tmp_path, {}, name="plain.pt")).test_accuracy is None


def test_a_lesson_style_state_dict_goes_through_the_same_checks(tmp_path):
    """A plain state_dict has no description, but its size and its weights are checked all the same."""
    path = tmp_path / "neural_network.pth"
    state = MLP().state_dict()
    state["layer3.bias"][4] = float("inf")
    torch.save(state, path)
    with pytest.raises(
        CheckpointError, match=r"^neural_network\.pth cannot be used: the weight layer3\.bias holds"
    ):
        load_model(path)
    torch.save({**LeNet().state_dict(), "junk": torch.zeros(MAX_CHECKPOINT_BYTES // 4 + 1)}, path)
    with pytest.raises(CheckpointError, match=r"it holds 17,0[\d,]+ bytes, more than any network"):
        load_model(path)


@pytest.mark.parametrize("elements", [2**31, 2**33])
def test_a_tiny_file_claiming_billions_of_elements_is_refused_by_its_shape_before_any_value_is_read(
    tmp_path, elements
):
    """A weight that is one number expanded to 2**31 (or 2**33) elements: a few KB on disk. Its NaN is
    never reached: the shape is refused first, so nothing of that size is ever allocated."""
    state = LeNet().state_dict()
    state["conv1.weight"] = torch.full((1,), float("nan")).expand(elements)
    path = tmp_path / "huge.pth"
    torch.save(state, path)
    assert path.stat().st_size < 300_000
    with pytest.raises(
        CheckpointError, match=rf"conv1\.weight is \[{elements}\] in the file, \[6, 1, 5, 5\] in the network"
    ):
        load_model(path)
    saved_by_app = saved(tmp_path)
    rewritten(
        saved_by_app, lambda payload: payload["state_dict"].__setitem__("conv1.weight", state["conv1.weight"])
    )
    with pytest.raises(CheckpointError, match=rf"conv1\.weight is \[{elements}\] in the file"):
        load_model(saved_by_app)


def test_a_folder_named_like_a_model_and_a_link_loop_are_named_as_what_they_are(tmp_path):
    (tmp_path / "x.pt").mkdir()
    (tmp_path / "loop.pt").symlink_to(tmp_path / "loop.pt")
    with pytest.raises(CheckpointError, match=r"x\.pt is a folder \(or a device\), not a model file"):
        load_model(tmp_path / "x.pt")
    with pytest.raises(CheckpointError, match=r"loop\.pt: it is a symbolic link that leads back to itself"):
        load_model(tmp_path / "loop.pt")
    with pytest.raises(CheckpointError, match=r"gone\.pt does not exist"):
        load_model(tmp_path / "gone.pt")
