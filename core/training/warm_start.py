"""What a session's first training run would wait for, done before the learner asks for it."""

from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.functional as F

from core.data.cache import DataCache
from core.models.config import ARCHITECTURES, TrainConfig
from core.models.devices import resolve_device
from core.models.networks import build_model

_warmed_devices: set[str] = set()
WARM_UP_BATCH = TrainConfig().batch_size  # the lesson's: kernels are picked by shape


def warm_start(cache: DataCache, which: str, data_dir: Path, device_choice: str) -> str:
    """Load the data set into ``cache``, normalise it for the device, and run torch's first steps.

    Without it, the first run after launch waited about 1.4 s for its first
    point on a 2-core machine: the data, and torch's lazy set-up (see
    :func:`warm_up_torch`).
    Return the device's name. DataError if the set cannot be loaded, ValueError
    if the device does not exist.
    """
    device = resolve_device(device_choice)
    data = cache.load(which, data_dir)
    for split in (data.train, data.test):
        split.network_inputs(device)
    warm_up_torch(device)
    return str(device)


def warm_up_torch(device: torch.device) -> None:
    """Train each network one step on zeros, once per device: a run's first batch is then as fast as the rest.

    The first optimizer of a process imports ``torch._dynamo`` (over a second on
    a 2-core machine); the first forward and backward pass of each network sets
    up its kernels (tens of milliseconds). The networks are made on the meta
    device and filled with zeros: no random number is drawn, so a run that
    starts meanwhile gets the numbers its seed gives.
    """
    if str(device) in _warmed_devices:
        return
    _warmed_devices.add(str(device))
    for architecture in ARCHITECTURES:
        with torch.device("meta"):
            model = build_model(architecture)
        model = model.to_empty(device=device)
        with torch.no_grad():
            for parameter in model.parameters():
                parameter.zero_()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        images = torch.zeros(WARM_UP_BATCH, 1, 28, 28, device=device)
        labels = torch.zeros(WARM_UP_BATCH, dtype=torch.long, device=device)
        loss = F.cross_entropy(model(images), labels)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
