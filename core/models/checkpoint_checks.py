"""What a model file must be before the app trusts it: small, plainly described, with finite weights.

``torch.load(weights_only=True)`` refuses code, but it still loads whatever
tensors and values a file holds. These checks refuse, before loading, a file
larger than any network of the lesson can need; after loading, a description
(metadata) that is not plain values of the right types and ranges, and weights
that hold NaN or infinity. Each says what exactly is wrong.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from core.base.i18n import _

# The lesson's largest network (the MLP) holds 1.07 MB of weights; its description a few KB.
MAX_CHECKPOINT_BYTES = 16 << 20
MAX_DESCRIPTION_BYTES = 1 << 20  # the pickled description, as stored in the file
MAX_DESCRIPTION_ITEMS = 10_000
MAX_DESCRIPTION_DEPTH = 8
PLAIN_SCALARS = (str, int, float, bool, type(None))
PICKLE_SUFFIX = "data.pkl"


class CheckpointContentError(ValueError):
    """Something in a model file is wrong; the message says what, in a learner's words."""


def check_file_size(path: Path) -> None:
    """Refuse a file, or a zip archive's contents, larger than any model of this app.

    Read from the zip's directory, so that nothing large is loaded to find out.
    """
    size = path.stat().st_size
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
        size = max(size, sum(member.file_size for member in members))
        pickled = sum(m.file_size for m in members if m.filename.endswith(PICKLE_SUFFIX))
        if pickled > MAX_DESCRIPTION_BYTES:
            raise CheckpointContentError(
                _("its description takes {size:,} bytes, far more than a model's needs").format(size=pickled)
            )
    if size > MAX_CHECKPOINT_BYTES:
        raise CheckpointContentError(
            _("it holds {size:,} bytes, more than any network of this app needs ({limit:,} at most)").format(
                size=size, limit=MAX_CHECKPOINT_BYTES
            )
        )


def _where(path: tuple[str, ...]) -> str:
    return ".".join(("metadata", *path))


def _number(value: Any, where: str, low: float, high: float) -> None:
    """Refuse anything but a finite real number from ``low`` to ``high``."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok:
        try:
            ok = math.isfinite(float(value)) and low <= value <= high
        except OverflowError:
            ok = False
    if not ok:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"  # noqa: PLR2004
        raise CheckpointContentError(
            _("{where} is {value}, not a number from {low:g} to {high:g}").format(
                where=where, value=shown, low=low, high=high
            )
        )


def _walk_plain(metadata: Mapping[str, Any]) -> None:
    """Refuse anything in the description but nested plain values (no tensors), finite, not too many."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), metadata)]
    seen = 0
    while stack:
        path, value = stack.pop()
        seen += 1
        if seen > MAX_DESCRIPTION_ITEMS or len(path) > MAX_DESCRIPTION_DEPTH:
            raise CheckpointContentError(_("its description is larger or deeper than a model's description"))
        if isinstance(value, Mapping):
            for key, item in value.items():
                if not isinstance(key, str):
                    problem = _("{where} has a key that is not text").format(where=_where(path))
                    raise CheckpointContentError(problem)
                stack.append(((*path, key), item))
        elif isinstance(value, (list, tuple)):
            stack.extend(((*path, str(i)), item) for i, item in enumerate(value))
        elif isinstance(value, float) and not math.isfinite(value):
            raise CheckpointContentError(_("{where} is {value}").format(where=_where(path), value=value))
        elif not isinstance(value, PLAIN_SCALARS):
            raise CheckpointContentError(
                _("{where} holds a {kind}, where a description holds only text and numbers").format(
                    where=_where(path), kind=type(value).__name__
                )
            )


def check_metadata(metadata: Mapping[str, Any]) -> None:
    """Refuse a description whose values are not what the app writes and reads (see module doc)."""
    _walk_plain(metadata)
    for key, kind in (("metrics", Mapping), ("config", Mapping), ("versions", Mapping)):
        if key in metadata and not isinstance(metadata[key], kind):
            raise CheckpointContentError(
                _("{where} is {value!r}, not a table of values").format(
                    where=_where((key,)), value=metadata[key]
                )
            )
    for key in ("data", "command"):
        if key in metadata and not isinstance(metadata[key], str):
            raise CheckpointContentError(
                _("{where} is {value!r}, not text").format(where=_where((key,)), value=metadata[key])
            )
    metrics = metadata.get("metrics") or {}
    if metrics.get("test_accuracy") is not None:
        _number(metrics["test_accuracy"], _where(("metrics", "test_accuracy")), 0, 1)
    if metrics.get("test_loss") is not None:
        _number(metrics["test_loss"], _where(("metrics", "test_loss")), 0, math.inf)


def check_weights(state: Mapping[str, Any]) -> None:
    """Refuse weights that are not tensors, or that hold NaN or infinity (a run that diverged)."""
    for name, tensor in state.items():
        if not isinstance(tensor, torch.Tensor):
            raise CheckpointContentError(_("the weight {name} is not a tensor").format(name=name))
        if tensor.is_floating_point() and not bool(torch.isfinite(tensor).all()):
            raise CheckpointContentError(
                _(
                    "the weight {name} holds NaN or infinite values: the training that made it "
                    "diverged (try a smaller learning rate)"
                ).format(name=name)
            )
