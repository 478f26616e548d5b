import torch
import torch.nn.functional as F
from torch import nn

from core.data.mnist import load_sample, to_unit_float
from core.models.checkpoint import BUNDLED_LENET
from core.models.networks import MLP, LeNet, MnistNet, Net, build_model, summarize

# The lesson's print(net), character for character.
LESSON_NET_PRINT = """Net(
  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))
  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))
  (fc1): Linear(in_features=400, out_features=120, bias=True)
  (fc2): Linear(in_features=120, out_features=84, bias=True)
  (fc3): Linear(in_features=84, out_features=10, bias=True)
)"""


def test_mlp_is_the_lessons_three_linear_layers():
    net = MLP()
    assert [tuple(p.shape) for p in net.parameters()] == [
        (300, 784),
        (300,),
        (100, 300),
        (100,),
        (10, 100),
        (10,),
    ]
    assert summarize(net).parameter_count == 266_610
    assert net(torch.zeros(4, 1, 28, 28)).shape == (4, 10)


def test_mlp_without_activation_is_linear_and_relu_is_not():
    torch.manual_seed(0)
    a, b = torch.randn(3, 1, 28, 28), torch.randn(3, 1, 28, 28)
    linear = MLP(activation="none")
    bias_only = linear(torch.zeros(3, 1, 28, 28))
    assert torch.allclose(
        linear(a + b) - bias_only, (linear(a) - bias_only) + (linear(b) - bias_only), atol=1e-4
    )
    relu = MLP(activation="relu")
    zero = relu(torch.zeros(3, 1, 28, 28))
    assert not torch.allclose(relu(a + b) - zero, (relu(a) - zero) + (relu(b) - zero), atol=1e-4)


def test_lenet_prints_and_has_the_lessons_ten_parameter_shapes():
    net = build_model("lenet")
    assert LeNet is Net and isinstance(net, Net)
    assert str(net) == str(Net()) == LESSON_NET_PRINT
    shapes = [tuple(p.shape) for p in net.parameters()]
    assert shapes == [
        (6, 1, 5, 5),
        (6,),
        (16, 6, 5, 5),
        (16,),
        (120, 400),
        (120,),
        (84, 120),
        (84,),
        (10, 84),
        (10,),
    ]
    assert summarize(net).parameter_count == 61_706
    assert net(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    conv1, conv2 = net.feature_maps(torch.zeros(1, 1, 28, 28))
    assert conv1.shape == (1, 6, 28, 28) and conv2.shape == (1, 16, 10, 10)


def test_the_lessons_net_reads_32x32_and_mnist_digits_get_a_border_of_zeros():
    torch.manual_seed(0)
    net = Net()
    assert net(torch.randn(1, 1, 32, 32)).shape == (1, 10)  # the lesson's cell 21
    try:
        net(torch.randn(1, 1, 28, 28))
    except RuntimeError as exc:
        assert "1x256 and 400x120" in str(exc)  # as the lesson's Net would fail
    else:
        raise AssertionError("the lesson's Net must not read 28x28 images")
    mnist = MnistNet()
    mnist.load_state_dict(net.state_dict())
    digits = torch.rand(3, 1, 28, 28)
    assert torch.equal(mnist(digits), net(F.pad(digits, (2, 2, 2, 2))))


class PaddedConvLeNet(nn.Module):
    """The app's earlier LeNet, which padded conv1 instead of its input (for the comparison)."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc3(F.relu(self.fc2(x)))


def test_padding_the_input_computes_what_the_padded_conv1_did_so_the_bundled_weights_carry_over():
    state = torch.load(BUNDLED_LENET, weights_only=True)["state_dict"]
    old, new = PaddedConvLeNet().eval(), build_model("lenet").eval()
    old.load_state_dict(state)
    new.load_state_dict(state)
    test = load_sample().test
    digits = to_unit_float(test.images[:500])  # real digits, 50 of each class
    with torch.no_grad():
        before, after = old(digits), new(digits)
        maps_before = F.relu(old.conv1(digits))
        maps_after = new.feature_maps(digits)[0]
    assert torch.allclose(before, after, atol=1e-4, rtol=1e-5)
    assert torch.equal(before.argmax(1), after.argmax(1))
    assert (after.argmax(1) == test.labels[:500]).float().mean() > 0.97
    assert torch.allclose(maps_before, maps_after, atol=1e-5)


def test_summary_renders_print_and_parameter_count():
    text = summarize(build_model("lenet")).render()
    assert "Linear(in_features=400, out_features=120" in text
    assert "len(list(net.parameters())) = 10" in text
    assert "61,706" in text


def test_every_network_has_one_name_wherever_it_is_shown():
    from core.models.networks import effective_activation, model_name

    assert model_name("mlp", "none") == "MLP (linear)"
    assert model_name("mlp", "relu") == "MLP (ReLU)"
    assert model_name("lenet", "none") == model_name("lenet", "relu") == "LeNet"
    assert effective_activation("lenet", "none") == "relu" and effective_activation("mlp", "none") == "none"
