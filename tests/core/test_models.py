import torch

from core.models import MLP, LeNet, build_model, summarize

LESSON_NET_PRINT = """LeNet(
  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))
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
    net = LeNet()
    assert str(net) == LESSON_NET_PRINT
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


def test_summary_renders_print_and_parameter_count():
    text = summarize(build_model("lenet")).render()
    assert "Linear(in_features=400, out_features=120" in text
    assert "len(list(net.parameters())) = 10" in text
    assert "61,706" in text


def test_every_network_has_one_name_wherever_it_is_shown():
    from core.models import effective_activation, model_name

    assert model_name("mlp", "none") == "MLP (linear)"
    assert model_name("mlp", "relu") == "MLP (ReLU)"
    assert model_name("lenet", "none") == model_name("lenet", "relu") == "LeNet"
    assert effective_activation("lenet", "none") == "relu" and effective_activation("mlp", "none") == "none"
