"""The Train tab's run written out as the lesson's program: a standalone script or notebook.

The script is the run: it seeds, shuffles, batches, scales and counts exactly
as :mod:`core.training.loop` does, so that with the same settings it prints the
same log lines and the same test accuracy. It needs torch, torchvision and
numpy only. Each step is one template below; a change in the training loop
is followed by changing the template of its step.
"""

from __future__ import annotations

import difflib
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from string import Template

from core.base.i18n import N_, _
from core.models.config import TrainConfig

NOTEBOOK_SUFFIX = ".ipynb"
EVAL_BATCH_SIZE = 1000  # core.training.loop.evaluate's batch: the test loss is summed in the same groups


@dataclass(frozen=True)
class Step:
    """One step of the lesson: a title and a sentence for the notebook, and its code."""

    title: str
    text: str
    code: str


# ----- the templates, one per step ------------------------------------------------------------
HEADER = Template('''\
"""$name on MNIST, as PyTorch Basics trained it with these settings:
$settings

It needs torch, torchvision and numpy only.
With the same settings on the same machine it prints the app's log lines.
"""
''')

SETTINGS = Template("""\
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn, optim

batch_size = $batch_size
learning_rate = $lr
num_epoches = $epochs
seed = $seed
log_interval = $log_interval  # batches between the [epoch/epochs] Loss lines
$device
""")

DEVICE_AUTO = """\
if torch.cuda.is_available():
    device = torch.device("cuda")
elif torch.backends.mps.is_available():
    device = torch.device("mps")
else:
    device = torch.device("cpu")"""

DATA_SAMPLE = Template("""\
# The bundled sample of real MNIST: next to this file, or in the app's assets folder.
sample = $here / "mnist_sample.npz"
if not sample.exists():
    sample = Path($assets)
with np.load(sample) as arrays:
    train_images = torch.from_numpy(arrays["train_images"])  # uint8, (N, 28, 28), 0-255
    train_labels = torch.from_numpy(arrays["train_labels"]).long()
    test_images = torch.from_numpy(arrays["test_images"])
    test_labels = torch.from_numpy(arrays["test_labels"]).long()
""")

DATA_FULL = Template("""\
from torchvision import datasets

# Full MNIST, where the app keeps it (downloaded there if it is missing).
train_dataset = datasets.MNIST(root=$root, train=True, download=True)
test_dataset = datasets.MNIST(root=$root, train=False, download=True)
train_images, train_labels = train_dataset.data, train_dataset.targets  # uint8, (N, 28, 28), 0-255
test_images, test_labels = test_dataset.data, test_dataset.targets
""")

TO_FLOAT = """

def to_float(images):
    \"\"\"Turn uint8 images (N, 28, 28) into the network's input: floats (N, 1, 28, 28) from 0 to 1.\"\"\"
    return images.unsqueeze(1).float() * (1 / 255)
"""

MLP = Template("""\
class Neuralnetwork(nn.Module):
    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):
        super().__init__()
        self.layer1 = nn.Linear(in_dim, n_hidden_1)
        self.layer2 = nn.Linear(n_hidden_1, n_hidden_2)
        self.layer3 = nn.Linear(n_hidden_2, out_dim)

    def forward(self, x):
        x = x.view(x.size(0), -1)  # each 28x28 image becomes 784 numbers
$hidden
        x = self.layer3(x)
        return x


torch.manual_seed(seed)  # the same starting weights as the app's run
model = Neuralnetwork(28 * 28, 300, 100, 10).to(device)
print(model)
""")

MLP_LINEAR = """\
        x = self.layer1(x)
        x = self.layer2(x)"""

MLP_RELU = """\
        x = F.relu(self.layer1(x))
        x = F.relu(self.layer2(x))"""

NET_CLASS = """\
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features
"""

LENET = (
    NET_CLASS
    + """

def lesson_size(images):
    \"\"\"Pad 28x28 MNIST digits with 2 pixels of zeros on each side: the lesson's 32x32.\"\"\"
    return F.pad(images, (2, 2, 2, 2))


torch.manual_seed(seed)  # the same starting weights as the app's run
model = Net().to(device)
print(model)
"""
)

OPTIMIZER = Template("""\
criterion = nn.CrossEntropyLoss()
optimizer = $optimizer
""")

AUGMENT = """\
augment_generator = torch.Generator(device=device).manual_seed(seed + 1)


def augment(images):
    \"\"\"Thicken some strokes, then rotate, shear, zoom and shift each image a little.\"\"\"
    n = images.shape[0]

    def uniform(low, high):
        return torch.rand(n, device=device, generator=augment_generator) * (high - low) + low

    pick = torch.rand(n, 1, 1, 1, device=device, generator=augment_generator)
    thick = F.max_pool2d(images, 3, stride=1, padding=1)
    images = torch.where(pick < 0.3, thick, images)
    angle = uniform(-12.0, 12.0) * math.pi / 180
    shear = uniform(-0.3, 0.3)
    zoom = uniform(0.85, 1.1)
    cos, sin = torch.cos(angle) / zoom, torch.sin(angle) / zoom
    theta = torch.zeros(n, 2, 3, device=device)
    theta[:, 0, 0] = cos + shear * sin
    theta[:, 0, 1] = -sin + shear * cos
    theta[:, 1, 0] = sin
    theta[:, 1, 1] = cos
    theta[:, 0, 2] = uniform(-0.1, 0.1)
    theta[:, 1, 2] = uniform(-0.1, 0.1)
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    return F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
"""

TRAIN = Template("""\
train_images, train_labels = train_images.to(device), train_labels.to(device)
epoch_order = torch.Generator().manual_seed(seed)  # shuffles every epoch as the app did

for epoch in range(num_epoches):
    print("epoch {}".format(epoch + 1))
    print("*" * 10)
    model.train()
    order = torch.randperm(len(train_labels), generator=epoch_order).to(device)
    images, labels = train_images[order], train_labels[order]
    running_loss = 0.0
    running_acc = 0
    for i, start in enumerate(range(0, len(labels), batch_size), 1):
        img = to_float(images[start : start + batch_size])
        label = labels[start : start + batch_size]
        out = model($input)
        loss = criterion(out, label)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()

        running_loss += loss.item() * label.size(0)
        running_acc += (out.argmax(1) == label).sum().item()
        if i % log_interval == 0:
            print("[{}/{}] Loss: {:.6f}, Acc: {:.6f}".format(
                epoch + 1, num_epoches, running_loss / (batch_size * i), running_acc / (batch_size * i)))
    print("Finish {} epoch, Loss: {:.6f}, Acc: {:.6f}".format(
        epoch + 1, running_loss / len(labels), running_acc / len(labels)))

    model.eval()
    eval_loss = 0.0
    eval_acc = 0
    with torch.no_grad():  # no graph is needed to evaluate
        for start in range(0, len(test_labels), $eval_batch):
            img = to_float(test_images[start : start + $eval_batch].to(device))
            label = test_labels[start : start + $eval_batch].to(device)
            out = model($eval_input)
            eval_loss += F.cross_entropy(out, label, reduction="sum")  # summed as a float32 tensor
            eval_acc += (out.argmax(1) == label).sum().item()
    print("Test Loss: {:.6f}, Acc: {:.6f}".format(
        float(eval_loss) / len(test_labels), eval_acc / len(test_labels)))
    print()
""")

SAVE = Template("""\
torch.save(model.state_dict(), "$file")
""")

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
    return [(key, Step(_(TITLES[key][0]), _(TITLES[key][1]), code[key])) for key in order]


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


def _name(config: TrainConfig) -> str:
    if config.model == "lenet":
        return "LeNet"
    return "MLP (ReLU)" if config.activation == "relu" else "MLP (linear)"


def python_script(config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return the whole run as one Python script."""
    settings = textwrap.fill(settings_summary(config, data_name), width=90, break_on_hyphens=False)
    header = HEADER.substitute(name=_name(config), settings=settings)
    body = "\n\n\n".join(
        step.code.rstrip("\n") for _key, step in steps(config, data_name, sample_path, data_dir)
    )
    return header + "\n" + body + "\n"


def notebook_json(config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return the run as a Jupyter notebook: a Markdown cell, then a code cell, per step."""
    import nbformat

    book = nbformat.v4.new_notebook()
    title = _("{name} on MNIST").format(name=_name(config))
    book.cells.append(nbformat.v4.new_markdown_cell(f"# {title}\n\n`{settings_summary(config, data_name)}`"))
    for _key, step in steps(config, data_name, sample_path, data_dir, notebook=True):
        book.cells.append(nbformat.v4.new_markdown_cell(f"## {step.title}\n\n{step.text}"))
        book.cells.append(nbformat.v4.new_code_cell(step.code.rstrip("\n")))
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.validate(book)
    return nbformat.writes(book)


def export_text(path: Path, config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return what to write to ``path``: a notebook for ``.ipynb``, else a Python script."""
    if Path(path).suffix.lower() == NOTEBOOK_SUFFIX:
        return notebook_json(config, data_name, sample_path, data_dir)
    return python_script(config, data_name, sample_path, data_dir)


def write_export(
    path: Path, config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path
) -> list[str]:
    """Write the run to ``path`` as a script or notebook, whole or not at all; return the file written."""
    from core.base.safe_files import write_bytes_atomically

    write_bytes_atomically(path, export_text(path, config, data_name, sample_path, data_dir).encode("utf-8"))
    return [str(path)]


def changed_lines(before: str, after: str) -> list[int]:
    """Return the indices of the lines of ``after`` that differ from ``before`` (to highlight)."""
    old, new = before.splitlines(), after.splitlines()
    changed: list[int] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend(range(j1, j2))
    return changed
