"""What the tutorials reach for, made to work offline in the kernel, or to say plainly why not.

Installed once in the kernel process, before the sessions start (it changes
the kernel's own copies of torch and torchvision, never the app's):

- ``torchvision.datasets.MNIST(root, download=True)`` and its kin read the
  app's own copy (``<data folder>/MNIST/raw``) when ``root`` has none; a data
  set that is on this computer nowhere says where to put its files, instead of
  trying the network the kernel cannot reach;
- ``torchvision.models`` build without weights; asking for pretrained
  weights says why it cannot download them;
- ``torch.frombuffer`` refuses read-only buffers (a tensor over a ``bytes``
  object would change Python's own constants in the kernel), and both
  ``frombuffer`` functions refuse an object array's memory (its pointers).
  Other ways to an object array's memory (``np.ndarray(buffer=...)``,
  ``memoryview`` casts) stay open in Python; what holds there is the OS's
  confinement of the kernel.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
import torch

from core.base.i18n import N_, _
from core.tensors.sandbox.checks import SandboxError

NO_DATASET = N_(
    "{name} is not on this computer, and the playground cannot download it (it is offline on purpose). "
    "Put its files ({files}) in {folder} and run this again; datasets.MNIST(root, download=True) "
    "works already: it reads the app's own copy."
)
NO_WEIGHTS = N_(
    "Pretrained weights are downloaded from the internet, which the playground cannot reach. "
    "Build the architecture without them (weights=None) and train it, or load weights from a file "
    "in the kernel's folder with torch.load."
)
OBJECT_BUFFER = N_(
    "An array of Python objects holds pointers, not numbers; reading or changing them as numbers "
    "would reach the kernel's raw memory. Convert it first, e.g. a.astype(float)."
)
READ_ONLY_BUFFER = N_(
    "torch.frombuffer needs a buffer you may write to, such as a bytearray: "
    "a tensor over a bytes object would change Python's own constants."
)


def install(data_dir: str | None) -> None:
    """Change the kernel's torch and torchvision as this module's docstring says."""
    original_frombuffer, numpy_frombuffer = torch.frombuffer, np.frombuffer

    def frombuffer(buffer: Any, *args: Any, **kwargs: Any) -> torch.Tensor:
        if _holds_objects(buffer):
            raise SandboxError(_(OBJECT_BUFFER))
        if memoryview(buffer).readonly:
            raise SandboxError(_(READ_ONLY_BUFFER))
        return original_frombuffer(buffer, *args, **kwargs)

    def numpy_from_buffer(buffer: Any, *args: Any, **kwargs: Any) -> np.ndarray:
        if _holds_objects(buffer):
            raise SandboxError(_(OBJECT_BUFFER))
        return numpy_frombuffer(buffer, *args, **kwargs)

    torch.frombuffer, np.frombuffer = frombuffer, numpy_from_buffer
    try:
        import torchvision  # noqa: F401 - its native operators load now, before ctypes is closed
    except ImportError:
        return
    from torchvision.datasets import MNIST
    from torchvision.models._api import WeightsEnum

    _read_local_copies(MNIST, data_dir)

    def no_weights(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise SandboxError(_(NO_WEIGHTS))

    WeightsEnum.get_state_dict = no_weights


def _holds_objects(buffer: Any) -> bool:
    """Say whether ``buffer`` is memory of Python object pointers (an object array's)."""
    if isinstance(buffer, np.ndarray):
        return buffer.dtype.hasobject
    return isinstance(buffer, memoryview) and "O" in buffer.format


def _read_local_copies(mnist: Any, data_dir: str | None) -> None:
    """Make MNIST and its subclasses read the app's copy, and refuse to download with a clear message."""
    own_folder = mnist.raw_folder.fget

    def files(dataset: Any) -> list[str]:
        return [os.path.splitext(os.path.basename(url))[0] for url, _md5 in dataset.resources]

    def complete(folder: str, dataset: Any) -> bool:
        return all(os.path.isfile(os.path.join(folder, name)) for name in files(dataset))

    def app_folder(dataset: Any) -> str | None:
        return os.path.join(data_dir, type(dataset).__name__, "raw") if data_dir else None

    def raw_folder(self: Any) -> str:
        folder = own_folder(self)
        app = app_folder(self)
        if app is not None and not complete(folder, self) and complete(app, self):
            return app
        return folder

    def download(self: Any) -> None:
        if self._check_exists():
            return
        folder = app_folder(self) or own_folder(self)
        raise SandboxError(
            _(NO_DATASET).format(name=type(self).__name__, files=", ".join(files(self)), folder=folder)
        )

    mnist.raw_folder = property(raw_folder)
    mnist.download = download
