"""Saving and loading trained networks: weights plus the metadata to rebuild them."""

from __future__ import annotations

import io
import os
import pickle
import warnings
from pathlib import Path
from typing import Any

import torch
from torch import nn

from core.base.file_errors import describe_os_error
from core.base.i18n import _
from core.base.paths import ASSETS_DIR
from core.base.safe_files import write_bytes_atomically
from core.models.checkpoint_checks import (
    CheckpointContentError,
    check_file_size,
    check_metadata,
    check_weights,
)
from core.models.config import ACTIVATIONS, ARCHITECTURES
from core.models.networks import MLP, Net, build_model
from core.models.state_dict_fit import is_state_dict, misfit, recognise

FORMAT = "pytorch-basics-checkpoint"
FORMAT_VERSION = 1
BUNDLED_LENET = ASSETS_DIR / "models" / "lenet.pt"


class CheckpointError(Exception):
    """A checkpoint cannot be used; the message says why in a learner's words."""


def architecture_of(model: nn.Module) -> tuple[str, str]:
    """Return ``(architecture, activation)`` for one of the lesson's networks."""
    if isinstance(model, Net):
        return "lenet", "relu"
    if isinstance(model, MLP):
        return "mlp", model.activation
    raise CheckpointError(
        _("Only the lesson's networks can be saved, not {kind}.").format(kind=type(model).__name__)
    )


def _versions() -> dict[str, str]:
    versions = {"torch": str(torch.__version__)}
    try:
        import torchvision

        versions["torchvision"] = str(torchvision.__version__)
    except ImportError:
        pass
    return versions


def save_model(
    model: nn.Module, path: str | os.PathLike[str], metadata: dict[str, Any] | None = None
) -> None:
    """Write weights and metadata to ``path`` atomically (temp file, then rename).

    Raises the OSError of a failed write (:mod:`core.base.file_errors` describes it).
    """
    architecture, activation = architecture_of(model)
    meta = dict(metadata or {})
    meta.update(architecture=architecture, activation=activation, versions=_versions())
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "metadata": meta,
        "state_dict": _weights(model),
    }
    _write_atomically(payload, Path(path))


def save_state_dict(model: nn.Module, path: str | os.PathLike[str]) -> None:
    """Write ``model.state_dict()`` alone, as the lesson saves it, atomically.

    ``net.load_state_dict(torch.load(path))`` reads it back, as in the lesson.
    Raises the OSError of a failed write (:mod:`core.base.file_errors` describes it).
    """
    architecture_of(model)  # only the lesson's networks, which load_model can recognise again
    _write_atomically(_weights(model), Path(path))


def _weights(model: nn.Module) -> dict[str, torch.Tensor]:
    return {k: v.detach().cpu() for k, v in model.state_dict().items()}


def _write_atomically(payload: object, target: Path) -> None:
    # Serialised in memory first: torch's writer turns a full disk into an opaque RuntimeError,
    # a plain write gives the OSError that says so.
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(target, buffer.getvalue())


def load_model(path: str | os.PathLike[str]) -> tuple[nn.Module, dict[str, Any]]:
    """Rebuild the network saved at ``path``; return it in eval mode with its metadata."""
    path = Path(path)
    name = path.name
    payload = _read_weights_only(path)
    if is_state_dict(payload):
        return _from_state_dict(payload, name)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(
            _(
                "{name} is a PyTorch file, but neither a model saved by this app "
                "nor a state_dict of the lesson's networks."
            ).format(name=name)
        )
    if payload.get("format_version") != FORMAT_VERSION:
        raise CheckpointError(
            _("{name} was saved by another version of this app and cannot be read.").format(name=name)
        )
    meta = payload.get("metadata")
    state = payload.get("state_dict")
    if not isinstance(meta, dict) or not isinstance(state, dict):
        raise CheckpointError(
            _("{name} is incomplete: its weights or description are missing.").format(name=name)
        )
    try:
        check_metadata(meta)
    except CheckpointContentError as exc:
        raise CheckpointError(_unusable(name, exc)) from None
    architecture, activation = meta.get("architecture"), meta.get("activation")
    if architecture not in ARCHITECTURES or activation not in ACTIVATIONS:
        raise CheckpointError(
            _("{name} describes a network this app does not know ({architecture!r}).").format(
                name=name, architecture=architecture
            )
        )
    return _rebuilt(architecture, activation, state, name), meta


def _read_weights_only(path: Path) -> Any:
    """Return what the file at ``path`` holds, read by ``torch.load(weights_only=True)``."""
    name = path.name
    try:
        if not path.exists() and not path.is_symlink():
            raise CheckpointError(
                _("{path} does not exist. Choose a model file saved by this app (.pt).").format(path=path)
            )
        path.stat()  # a link loop or a folder it may not read: the system's reason, in the learner's words
        if not path.is_file():
            raise CheckpointError(
                _("{path} is a folder (or a device), not a model file: choose a .pt file.").format(path=path)
            )
        check_file_size(path)
    except OSError as exc:
        raise CheckpointError(describe_os_error(exc)) from exc
    except CheckpointContentError as exc:
        raise CheckpointError(_unusable(name, exc)) from None
    try:
        with warnings.catch_warnings():
            # torch warns about pickle protocols it reads fine; learners need not see it.
            warnings.simplefilter("ignore")
            payload = torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        # "Unsupported global" means the pickle names code or classes; anything else is damage.
        if "unsupported global" not in str(exc).lower():
            raise CheckpointError(_damaged(name)) from exc
        raise CheckpointError(
            _(
                "{name} holds more than weights (code or other objects), so it was not opened. "
                "Only load model files saved by this app."
            ).format(name=name)
        ) from exc
    except Exception as exc:
        raise CheckpointError(_damaged(name)) from exc
    return payload


def _from_state_dict(state: dict[str, torch.Tensor], name: str) -> tuple[nn.Module, dict[str, Any]]:
    """Rebuild the lesson's network a plain state_dict belongs to; an MLP is the lesson's linear one."""
    architecture = recognise(state)
    model = _rebuilt(architecture, "none", state, name)
    architecture, activation = architecture_of(model)
    return model, {"architecture": architecture, "activation": activation, "saved_as": "state_dict"}


def _rebuilt(architecture: str, activation: str, state: dict[str, Any], name: str) -> nn.Module:
    # Names and shapes first: no value is read (nothing is allocated) until every tensor has the
    # network's shape, so a tiny file claiming 2**33 elements is refused by its shape, at once.
    problem = misfit(state, architecture, name)
    if problem:
        raise CheckpointError(problem)
    try:
        check_weights(state)
    except CheckpointContentError as exc:
        raise CheckpointError(_unusable(name, exc)) from None
    model = build_model(architecture, activation)
    try:
        model.load_state_dict(state)
    except (RuntimeError, KeyError, TypeError) as exc:
        raise CheckpointError(
            _(
                "The weights in {name} do not fit the {network} network "
                "(missing, extra or differently shaped layers)."
            ).format(name=name, network=architecture.upper())
        ) from exc
    return model.eval()


def _damaged(name: str) -> str:
    return _("{name} is damaged or not a PyTorch file; it could not be read.").format(name=name)


def _unusable(name: str, problem: CheckpointContentError) -> str:
    return _("{name} cannot be used: {problem}.").format(name=name, problem=problem)
