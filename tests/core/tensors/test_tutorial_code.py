"""Tutorial-style code, through the real kernel, gives what plain Python gives in this process."""

import pytest

from core.kernel import RemoteAutogradLab, RemotePlayground

TUTORIAL = {
    "an nn.Module trained on a TensorDataset": """
import torch
from torch import nn
from torch.utils.data import TensorDataset, DataLoader, random_split
torch.manual_seed(0)
class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
    def forward(self, x):
        return self.layers(x)
X = torch.randn(64, 4)
y = (X.sum(dim=1) > 0).long()
train, test = random_split(TensorDataset(X, y), [48, 16], generator=torch.Generator().manual_seed(0))
model = TinyNet()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.CrossEntropyLoss()
losses = []
for epoch in range(3):
    for xb, yb in DataLoader(train, batch_size=16, shuffle=False):
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(round(loss.item(), 5))
result = (losses, len(test))
""",
    "a custom Dataset with a DataLoader and transforms": """
import torch
from torch.utils.data import Dataset, DataLoader
from torchvision.transforms import v2
class Squares(Dataset):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return torch.tensor([float(i)]), i * i
to_float = v2.Lambda(lambda t: t * 2)
batches = [(to_float(x).sum().item(), y.tolist()) for x, y in DataLoader(Squares(6), batch_size=4)]
result = batches
""",
    "a function with try/except, a generator and a decorator": """
import functools
calls = []
def traced(f):
    @functools.wraps(f)
    def wrapper(*args):
        calls.append(f.__name__)
        return f(*args)
    return wrapper
@traced
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
def batches(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
result = ([safe_div(1, 2), safe_div(1, 0)], list(batches(list(range(5)), 2)), calls, "{:.2f}".format(3.14159))
""",
}


@pytest.mark.parametrize("code", TUTORIAL.values(), ids=TUTORIAL.keys())
def test_tutorial_code_gives_in_the_kernel_what_plain_python_gives(kernel, code):
    assert kernel.wait_ready(120)
    expected: dict = {}
    exec(code, expected)
    playground = RemotePlayground(kernel)
    playground.reset()
    outcome = playground.run(code + "\nresult")
    assert outcome.error is None, outcome.error
    assert outcome.value_text == repr(expected["result"])


def test_the_autograd_tab_accepts_a_function_defined_and_used(kernel):
    lab = RemoteAutogradLab(kernel)
    outcome = lab.run(
        "def f(x):\n    return (3 * (x + 2) ** 2).mean()\n"
        "x = torch.ones(2, 2, requires_grad=True)\nout = f(x)"
    )
    assert outcome.error is None and outcome.output_name == "out"
    assert lab.backward().leaf_grads["x"].tolist() == [[4.5, 4.5], [4.5, 4.5]]


def test_settings_typed_in_the_tensors_tab_stay_out_of_the_autograd_tab(kernel):
    playground, lab = RemotePlayground(kernel), RemoteAutogradLab(kernel)
    playground.reset()
    assert playground.run("torch.set_grad_enabled(False)").error is None
    outcome = lab.run("x = torch.ones(2, requires_grad=True)\nout = (x * 2).sum()")
    assert outcome.error is None and outcome.graph is not None
    assert playground.run("torch.is_grad_enabled()").value_text == "False"
    playground.reset()
    assert playground.run("torch.is_grad_enabled()").value_text == "True"


def test_mnist_reads_the_apps_copy_and_other_data_sets_say_where_to_put_theirs(tiny_data_dir):
    from core.kernel import KernelClient, KernelConfig

    client = KernelClient(KernelConfig(time_limit_s=30, data_dir=str(tiny_data_dir)))
    client.start()
    try:
        assert client.wait_ready(120)
        playground = RemotePlayground(client)
        outcome = playground.run(
            "from torchvision import datasets, transforms\n"
            "train = datasets.MNIST('data', train=True, download=True, transform=transforms.ToTensor())\n"
            "(len(train), tuple(train[0][0].shape))"
        )
        assert outcome.error is None, outcome.error
        assert outcome.value_text == "(200, (1, 28, 28))"
        error = playground.run("datasets.FashionMNIST('data', download=True)").error
        assert (
            "FashionMNIST is not on this computer" in error and str(tiny_data_dir / "FashionMNIST") in error
        )
        assert (
            "weights=None"
            in playground.run("import torchvision\ntorchvision.models.resnet18(weights='DEFAULT')").error
        )
        assert playground.run("torch.save(train[0][0], 'x.pt')\ntorch.load('x.pt').shape").error is None
    finally:
        client.shutdown()
