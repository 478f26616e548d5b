"""The exported run's code, one template per step of the lesson (a step changes with its loop).

The templates are written with English comments; :func:`said` puts each comment
marked in :data:`COMMENTS` into the current language when the script is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from string import Template

from core.base.i18n import N_, _

EVAL_BATCH_SIZE = 1000  # core.training.loop.evaluate's batch: the test loss is summed in the same groups

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

# Every comment and docstring the templates write, exactly as written above: :func:`said` translates them.
COMMENTS = (
    N_("batches between the [epoch/epochs] Loss lines"),
    N_("The bundled sample of real MNIST: next to this file, or in the app's assets folder."),
    N_("uint8, (N, 28, 28), 0-255"),
    N_("Full MNIST, where the app keeps it (downloaded there if it is missing)."),
    N_("Turn uint8 images (N, 28, 28) into the network's input: floats (N, 1, 28, 28) from 0 to 1."),
    N_("each 28x28 image becomes 784 numbers"),
    N_("the same starting weights as the app's run"),
    N_("Pad 28x28 MNIST digits with 2 pixels of zeros on each side: the lesson's 32x32."),
    N_("Thicken some strokes, then rotate, shear, zoom and shift each image a little."),
    N_("shuffles every epoch as the app did"),
    N_("no graph is needed to evaluate"),
    N_("summed as a float32 tensor"),
)


def docstring_text(text: str) -> str:
    """Return ``text`` fit for a line of a docstring: one line, no backslash escape, no closing quotes."""
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def _said_line(line: str, english: str, text: str) -> str:
    """Return ``line`` with ``english`` as ``text`` where it is a comment or a docstring's line."""
    for end in ('"""', ""):
        if not line.endswith(english + end):
            continue
        head = line[: len(line) - len(english + end)]
        if head.endswith("# "):
            return head + text + end
        if head.strip() in ("", '"""'):  # a docstring's line
            return head + docstring_text(text) + end
    return line


def said(code: str, comments: Iterable[str] = COMMENTS) -> str:
    """Return ``code`` with each of ``comments`` (English, as written) in the current language.

    Only comments (after ``# ``) and docstring lines change; the code stays code.
    A translation is kept on one line.
    """
    lines = code.split("\n")
    for english in comments:
        text = " ".join(_(english).split())
        if text != english:
            lines = [_said_line(line, english, text) for line in lines]
    return "\n".join(lines)
