"""The test images a network misreads, written as PNG files named after what went wrong."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
from PIL import Image

from core.base.safe_files import check_can_write, write_bytes_atomically
from core.data.mnist import MnistSplit
from core.training.predictions import SplitPredictions


def mistake_file_name(index: int, label: int, predicted: int, confidence: float, width: int = 4) -> str:
    """Name one misread image: ``0042-true7-pred9-p0.93.png`` (its index in the test split first)."""
    return f"{index:0{width}d}-true{label}-pred{predicted}-p{confidence:.2f}.png"


def png_bytes(image: np.ndarray) -> bytes:
    """Encode a uint8 grey image ``(H, W)`` as PNG."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image), mode="L").save(buffer, format="PNG")
    return buffer.getvalue()


def check_folder_writable(folder: str | os.PathLike[str]) -> None:
    """Raise the OSError that writing a file into ``folder`` would meet, before any work is done."""
    check_can_write(Path(folder) / mistake_file_name(0, 0, 0, 0.0))


def write_mistakes(
    split: MnistSplit, predictions: SplitPredictions, folder: str | os.PathLike[str]
) -> list[Path]:
    """Write every misread test image into ``folder`` (created if missing).

    Return the files written, most confident mistake first.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(max(len(split) - 1, 0)))
    written = []
    for index in predictions.mistakes():
        name = mistake_file_name(
            int(index),
            int(predictions.labels[index]),
            int(predictions.predicted[index]),
            float(predictions.confidence[index]),
            max(width, 4),
        )
        write_bytes_atomically(folder / name, png_bytes(split.images[index].numpy()))
        written.append(folder / name)
    return written
