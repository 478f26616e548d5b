"""The Train tab's run as the lesson's steps: each one's code for a config, and its note for the notebook.

The notes, the titles and the code's comments are in the current language; the code is code.

The steps are the run: they seed, shuffle, batch, scale and count exactly
as :mod:`core.training.loop` does, so that with the same settings the script
prints the same log lines and the same test accuracy. They need torch,
torchvision and numpy only. Each step's code is one template of
:mod:`core.export.train_templates`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from core.base.i18n import N_, _
from core.export.train_templates import (
    AUGMENT,
    DATA_FULL,
    DATA_SAMPLE,
    DEVICE_AUTO,
    EVAL_BATCH_SIZE,
    LENET,
    MLP,
    MLP_LINEAR,
    MLP_RELU,
    OPTIMIZER,
    SAVE,
    SETTINGS,
    TO_FLOAT,
    TRAIN,
    said,
)
from core.models.config import TrainConfig
from core.models.networks import model_name


@dataclass(frozen=True)
class Step:
    """One step of the lesson: a title and a sentence for the notebook, and its code."""

    title: str
    text: str
    code: str


# ----- what the notebook says between the steps -----------------------------------------------
TITLES = {
    "settings": (N_("Settings"), N_("The run's settings, and the device it trains on.")),
    "data": (
        N_("Data"),
        N_("MNIST as uint8 tensors. Each batch is scaled from 0-255 to 0-1 when it is used."),
    ),
    "model": (
        N_("Model"),
        N_("The network. The seed is set just before it is built, so it starts from the app's weights."),
    ),
    "optimizer": (
        N_("Loss and optimizer"),
        N_("Cross-entropy loss, and the optimizer that updates the weights."),
    ),
    "augment": (N_("Augmentation"), N_("Random distortions of each training batch, seeded as in the app.")),
    "train": (
        N_("Training"),
        N_(
            "Each epoch shuffles the images, then for each batch: forward, loss, zero the gradients, "
            "backward, step. After each epoch the network is tested on the test images."
        ),
    ),
    "save": (N_("Save"), N_("The trained weights, as a state_dict.")),
}


def _optimizer_code(config: TrainConfig) -> str:
    if config.optimizer == "adam":
        return "optim.Adam(model.parameters(), lr=learning_rate)"
    if config.momentum:
        return f"optim.SGD(model.parameters(), lr=learning_rate, momentum={config.momentum!r})"
    return "optim.SGD(model.parameters(), lr=learning_rate)"


def _network_input(config: TrainConfig, images: str) -> str:
    """Return the expression the network is called on: the lesson's Net reads 32x32 images."""
    return f"lesson_size({images})" if config.model == "lenet" else images


def model_file_name(config: TrainConfig) -> str:
    """Name the file the script saves its weights to (the lesson's name for the MLP)."""
    return "lenet.pth" if config.model == "lenet" else "neural_network.pth"


def steps(
    config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path, notebook: bool = False
) -> list[tuple[str, Step]]:
    """Return the script's steps for ``config`` on ``data_name`` (``"sample"`` or ``"full"``).

    ``sample_path`` and ``data_dir`` are where the app reads its data, named in
    the script; a notebook looks for the sample in its working folder first.
    """
    device = DEVICE_AUTO if config.device == "auto" else f'device = torch.device("{config.device}")'
    code = {
        "settings": SETTINGS.substitute(
            batch_size=config.batch_size,
            lr=repr(config.lr),
            epochs=config.epochs,
            seed=config.seed,
            log_interval=config.log_interval,
            device=device,
        ),
        "model": LENET
        if config.model == "lenet"
        else MLP.substitute(hidden=MLP_RELU if config.activation == "relu" else MLP_LINEAR),
        "optimizer": OPTIMIZER.substitute(optimizer=_optimizer_code(config)),
        "train": TRAIN.substitute(
            input=_network_input(config, "augment(img)" if config.augment else "img"),
            eval_input=_network_input(config, "img"),
            eval_batch=EVAL_BATCH_SIZE,
        ),
        "save": SAVE.substitute(file=model_file_name(config)),
    }
    if data_name == "full":
        code["data"] = DATA_FULL.substitute(root=json.dumps(str(data_dir), ensure_ascii=False))
    else:
        here = "Path.cwd()" if notebook else "Path(__file__).resolve().parent"
        code["data"] = DATA_SAMPLE.substitute(
            here=here, assets=json.dumps(str(sample_path), ensure_ascii=False)
        )
    code["data"] += TO_FLOAT
    if config.augment:
        code["settings"] = "import math\n" + code["settings"]
    order = (
        ["settings", "data", "model", "optimizer"]
        + (["augment"] if config.augment else [])
        + ["train", "save"]
    )
    code["augment"] = AUGMENT
    return [(key, Step(_(TITLES[key][0]), _(TITLES[key][1]), said(code[key]))) for key in order]


def settings_summary(config: TrainConfig, data_name: str) -> str:
    """Return the settings as one line for the script's docstring."""
    parts = [
        f"model={config.model}",
        f"activation={config.activation}",
        f"epochs={config.epochs}",
        f"batch_size={config.batch_size}",
        f"lr={config.lr!r}",
        f"optimizer={config.optimizer}",
        f"momentum={config.momentum!r}",
        f"seed={config.seed}",
        f"device={config.device}",
        f"data={data_name}",
        f"augment={config.augment}",
    ]
    return ", ".join(parts)


def run_name(config: TrainConfig) -> str:
    """Return the network's name as the script's title says it, in the current language."""
    return model_name(config.model, config.activation)
