"""The lesson's Cells 19-26: the network, its loss, one optimizer step, and training the MLP on MNIST."""

from __future__ import annotations

from core.base.i18n import N_
from core.lesson.cells.cell import AUTOGRAD, TENSORS, TRAIN, TRAIN_RUN, LessonCell
from core.lesson.cells.training_today import CELL_26_TODAY

NETWORK_CELLS: tuple[LessonCell, ...] = (
    LessonCell(
        number=19,
        title=N_("The network: Net"),
        tab=TENSORS,
        written=(
            "import torch\n"
            "from torch.autograd import Variable\n"
            "import torch.nn as nn\n"
            "import torch.nn.functional as F\n"
            "\n"
            "class Net(nn.Module):\n"
            "    def __init__(self):\n"
            "        super(Net, self).__init__()\n"
            "\n"
            "        self.conv1 = nn.Conv2d(1, 6, 5)\n"
            "        self.conv2 = nn.Conv2d(6, 16, 5)\n"
            "        self.fc1 = nn.Linear(16 * 5 * 5, 120)\n"
            "        self.fc2 = nn.Linear(120, 84)\n"
            "        self.fc3 = nn.Linear(84, 10)\n"
            "    def forward(self, x):\n"
            "        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))\n"
            "        x = F.max_pool2d(F.relu(self.conv2(x)), 2)\n"
            "        x = x.view(-1, self.num_flat_features(x))\n"
            "        x = F.relu(self.fc1(x))\n"
            "        x = F.relu(self.fc2(x))\n"
            "        x = self.fc3(x)\n"
            "        return x\n"
            "\n"
            "    def num_flat_features(self, x):\n"
            "        size = x.size()[1:]\n"
            "        num_features = 1\n"
            "        for s in size:\n"
            "            num_features *= s\n"
            "        return num_features\n"
            "net = Net()\n"
            "print(net)"
        ),
        today=("net = Net()\nprint(net)"),
        change=N_(
            "A code box here cannot define classes, so the lesson's class is ready as Net (also called "
            "LeNet), written exactly as above: print(net) shows the same five layers. Net reads 32x32 "
            "images; to train it on MNIST, the app gives each 28x28 digit a 2-pixel border of zeros."
        ),
        printed=(
            "Net(\n"
            "  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))\n"
            "  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))\n"
            "  (fc1): Linear(in_features=400, out_features=120, bias=True)\n"
            "  (fc2): Linear(in_features=120, out_features=84, bias=True)\n"
            "  (fc3): Linear(in_features=84, out_features=10, bias=True)\n"
            ")"
        ),
    ),
    LessonCell(
        number=20,
        title=N_("The parameters"),
        tab=TENSORS,
        written=(
            "params = list(net.parameters())\n"
            "print(len(params))\n"
            "for param in params:\n"
            "    print(param.size())"
        ),
        change=N_(
            "Unchanged: 10 parameter tensors, a weight and a bias for each of the five layers, with the "
            "lesson's shapes."
        ),
        printed=(
            "10\n"
            "torch.Size([6, 1, 5, 5])\n"
            "torch.Size([6])\n"
            "torch.Size([16, 6, 5, 5])\n"
            "torch.Size([16])\n"
            "torch.Size([120, 400])\n"
            "torch.Size([120])\n"
            "torch.Size([84, 120])\n"
            "torch.Size([84])\n"
            "torch.Size([10, 84])\n"
            "torch.Size([10])"
        ),
        context=(19,),
    ),
    LessonCell(
        number=21,
        title=N_("A forward pass"),
        tab=TENSORS,
        written=("input = Variable(torch.randn(1, 1, 32, 32))\nout = net(input)\nprint(out)"),
        today=("input = torch.randn(1, 1, 32, 32)\nout = net(input)\nprint(out)"),
        change=N_(
            "A plain tensor replaces Variable(...). One 32x32 image in, ten numbers out; they are random "
            "because the weights are."
        ),
        printed=(
            "Variable containing:\n"
            "-0.1199  0.0573 -0.1254 -0.0345 -0.1352  0.1309  0.0086 -0.1051 -0.0724 -0.0350\n"
            "[torch.FloatTensor of size 1x10]"
        ),
        context=(19,),
        focus="out",
    ),
    LessonCell(
        number=22,
        title=N_("zero_grad and backward"),
        tab=TENSORS,
        written=("net.zero_grad()\nout.backward(torch.randn(1, 10))"),
        today=("net.zero_grad()\nout.backward(torch.randn(1, 10))\nprint(net.fc3.bias.grad)"),
        change=N_(
            "Unchanged. zero_grad clears the gradients, and backward with a (1, 10) gradient sends it "
            "back through the network: today's version prints the gradient that reached fc3.bias."
        ),
        context=(19, 21),
    ),
    LessonCell(
        number=23,
        title=N_("A loss: MSELoss"),
        tab=TENSORS,
        written=(
            "target = Variable(torch.arange(1, 11))\n"
            "criterion = nn.MSELoss()\n"
            "\n"
            "loss = criterion(out, target)\n"
            "print(loss)"
        ),
        today=(
            "target = torch.arange(1, 11, dtype=torch.float32).view(1, -1)\n"
            "criterion = nn.MSELoss()\n"
            "\n"
            "loss = criterion(out, target)\n"
            "print(loss)"
        ),
        change=N_(
            "torch.arange(1, 11) made floats in 2017 and makes integers (int64) today; a loss compares "
            "floats, so today's form asks for float32. view(1, -1) gives the target the output's shape, "
            "(1, 10): without it PyTorch warns that it broadcasts. The loss is large (about 38) because "
            "the network is untrained."
        ),
        printed=("Variable containing:\n 38.9471\n[torch.FloatTensor of size 1]"),
        context=(19, 21),
        focus="loss",
    ),
    LessonCell(
        number=24,
        title=N_("Following grad_fn back"),
        tab=AUTOGRAD,
        written=(
            "print(loss.grad_fn)\n"
            "print(loss.grad_fn.next_functions[0][0])\n"
            "print(loss.grad_fn.next_functions[0][0].next_functions[0][0])"
        ),
        change=N_(
            "The names carry a number today: MseLossBackward0, AddmmBackward0. The lesson's third line "
            "was ExpandBackward, fc3's bias expanded to the batch; since PyTorch 0.4 addmm takes the bias"
            " as it is, so the next node is AccumulateGrad, where fc3.bias collects its gradient. The "
            "graph shows the whole chain, with every parameter named. To draw it, the Autograd tab runs "
            "cells 19, 21 and 23 again in a fresh session: a new network with new random weights and a "
            "new random input, so its loss is usually not the one cell 23 showed in the Tensors tab."
        ),
        printed=(
            "<MseLossBackward object at 0x7fa0f9ac0550>\n"
            "<AddmmBackward object at 0x7fa0f8228160>\n"
            "<ExpandBackward object at 0x7fa0f8228240>"
        ),
        context=(19, 21, 23),
    ),
    LessonCell(
        number=25,
        title=N_("One step of the optimizer"),
        tab=TENSORS,
        written=(
            "import torch.optim as optim\n"
            "\n"
            "optimizer = optim.SGD(net.parameters(), lr=0.01)\n"
            "\n"
            "optimizer.zero_grad()\n"
            "output = net(input)\n"
            "loss = criterion(output, target)\n"
            "loss.backward()\n"
            "optimizer.step()"
        ),
        today=(
            "import torch.optim as optim\n"
            "\n"
            "optimizer = optim.SGD(net.parameters(), lr=0.01)\n"
            "\n"
            "optimizer.zero_grad()\n"
            "output = net(input)\n"
            "loss = criterion(output, target)\n"
            "loss.backward()\n"
            "before = net.fc3.bias[0].item()\n"
            "gradient = net.fc3.bias.grad[0].item()\n"
            "optimizer.step()\n"
            "after = net.fc3.bias[0].item()\n"
            'print(f"weight = weight - lr * gradient = {before:.6f} - 0.01 * {gradient:.6f} = {befo'
            're - 0.01 * gradient:.6f}")\n'
            'print(f"fc3.bias[0] after optimizer.step(): {after:.6f}")'
        ),
        change=N_(
            "Unchanged. optimizer.step() moves every weight by weight = weight - lr * gradient. Today's "
            "version prints it for one weight, fc3.bias[0]: its value before, its gradient, and the value"
            " step() left."
        ),
        context=(19, 21, 23),
    ),
    LessonCell(
        number=26,
        title=N_("Training the MLP on MNIST"),
        tab=TRAIN,
        written=(
            "import torch\n"
            "from torch import nn, optim\n"
            "\n"
            "from torch.autograd import Variable\n"
            "from torch.utils.data import DataLoader\n"
            "from torchvision import transforms\n"
            "from torchvision import datasets\n"
            "\n"
            "batch_size = 32\n"
            "learning_rate = 1e-2\n"
            "num_epoches = 5\n"
            "\n"
            "train_dataset = datasets.MNIST(\n"
            "    root='./data', train=True, transform=transforms.ToTensor(), download=True)\n"
            "\n"
            "test_dataset = datasets.MNIST(\n"
            "    root='./data', train=False, transform=transforms.ToTensor())\n"
            "\n"
            "train_loader = DataLoader(train_dataset, batch_size=batch_size, shuffle=True)\n"
            "test_loader = DataLoader(test_dataset, batch_size=batch_size, shuffle=False)\n"
            "\n"
            "\n"
            "class Neuralnetwork(nn.Module):\n"
            "    def __init__(self, in_dim, n_hidden_1, n_hidden_2, out_dim):\n"
            "        super(Neuralnetwork, self).__init__()\n"
            "        self.layer1 = nn.Linear(in_dim, n_hidden_1)\n"
            "        self.layer2 = nn.Linear(n_hidden_1, n_hidden_2)\n"
            "        self.layer3 = nn.Linear(n_hidden_2, out_dim)\n"
            "\n"
            "    def forward(self, x):\n"
            "        x = self.layer1(x)\n"
            "        x = self.layer2(x)\n"
            "        x = self.layer3(x)\n"
            "        return x\n"
            "\n"
            "\n"
            "model = Neuralnetwork(28 * 28, 300, 100, 10)\n"
            "if torch.cuda.is_available():\n"
            "    model = model.cuda()\n"
            "\n"
            "criterion = nn.CrossEntropyLoss()\n"
            "optimizer = optim.SGD(model.parameters(), lr=learning_rate)\n"
            "\n"
            "for epoch in range(num_epoches):\n"
            "    print('epoch {}'.format(epoch + 1))\n"
            "    print('*' * 10)\n"
            "    running_loss = 0.0\n"
            "    running_acc = 0.0\n"
            "    for i, data in enumerate(train_loader, 1):\n"
            "        img, label = data\n"
            "        img = img.view(img.size(0), -1)\n"
            "        if torch.cuda.is_available():\n"
            "            img = Variable(img).cuda()\n"
            "            label = Variable(label).cuda()\n"
            "        else:\n"
            "            img = Variable(img)\n"
            "            label = Variable(label)\n"
            "        out = model(img)\n"
            "        loss = criterion(out, label)\n"
            "        running_loss += loss.data[0] * label.size(0)\n"
            "        _, pred = torch.max(out, 1)\n"
            "        num_correct = (pred == label).sum()\n"
            "        running_acc += num_correct.data[0]\n"
            "        optimizer.zero_grad()\n"
            "        loss.backward()\n"
            "        optimizer.step()\n"
            "\n"
            "        if i % 300 == 0:\n"
            "            print('[{}/{}] Loss: {:.6f}, Acc: {:.6f}'.format(\n"
            "                epoch + 1, num_epoches, running_loss / (batch_size * i),\n"
            "                running_acc / (batch_size * i)))\n"
            "    print('Finish {} epoch, Loss: {:.6f}, Acc: {:.6f}'.format(\n"
            "        epoch + 1, running_loss / (len(train_dataset)), running_acc / (len(\n"
            "            train_dataset))))\n"
            "    model.eval()\n"
            "    eval_loss = 0.\n"
            "    eval_acc = 0.\n"
            "    for data in test_loader:\n"
            "        img, label = data\n"
            "        img = img.view(img.size(0), -1)\n"
            "        if torch.cuda.is_available():\n"
            "            img = Variable(img, volatile=True).cuda()\n"
            "            label = Variable(label, volatile=True).cuda()\n"
            "        else:\n"
            "            img = Variable(img, volatile=True)\n"
            "            label = Variable(label, volatile=True)\n"
            "        out = model(img)\n"
            "        loss = criterion(out, label)\n"
            "        eval_loss += loss.data[0] * label.size(0)\n"
            "        _, pred = torch.max(out, 1)\n"
            "        num_correct = (pred == label).sum()\n"
            "        eval_acc += num_correct.data[0]\n"
            "    print('Test Loss: {:.6f}, Acc: {:.6f}'.format(eval_loss / (len(\n"
            "        test_dataset)), eval_acc / (len(test_dataset))))\n"
            "    print()\n"
            "\n"
            "torch.save(model.state_dict(), './neural_network.pth')"
        ),
        today=CELL_26_TODAY,
        change=N_(
            "The Train tab runs this program: the lesson's Neuralnetwork (three Linear layers, no "
            "activation), 5 epochs, batch 32, SGD with lr 0.01, printing the same log lines. Today "
            "loss.item() replaces loss.data[0], evaluation runs under torch.no_grad() instead of "
            "volatile=True, and the model is saved with the same torch.save(model.state_dict(), path) "
            "(File > Save model, state_dict only)."
        ),
        printed=(
            "epoch 1\n"
            "**********\n"
            "[1/5] Loss: 1.979078, Acc: 0.575208\n"
            "[1/5] Loss: 1.522938, Acc: 0.669792\n"
            "[1/5] Loss: 1.234902, Acc: 0.724028\n"
            "[1/5] Loss: 1.057250, Acc: 0.758333\n"
            "[1/5] Loss: 0.934288, Acc: 0.782396\n"
            "[1/5] Loss: 0.849782, Acc: 0.798906\n"
            "Finish 1 epoch, Loss: 0.830498, Acc: 0.802717\n"
            "Test Loss: 0.380436, Acc: 0.891900\n"
            "\n"
            "epoch 2\n"
            "**********\n"
            "[2/5] Loss: 0.390259, Acc: 0.887604\n"
            "[2/5] Loss: 0.382902, Acc: 0.892031\n"
            "[2/5] Loss: 0.379776, Acc: 0.892951\n"
            "[2/5] Loss: 0.374602, Acc: 0.894245\n"
            "[2/5] Loss: 0.369959, Acc: 0.894979\n"
            "[2/5] Loss: 0.361477, Acc: 0.897691\n"
            "Finish 2 epoch, Loss: 0.360649, Acc: 0.897817\n"
            "Test Loss: 0.318385, Acc: 0.907200\n"
            "\n"
            "epoch 3\n"
            "**********\n"
            "[3/5] Loss: 0.335388, Acc: 0.907813\n"
            "[3/5] Loss: 0.332117, Acc: 0.906354\n"
            "[3/5] Loss: 0.328162, Acc: 0.907222\n"
            "[3/5] Loss: 0.325127, Acc: 0.907943\n"
            "[3/5] Loss: 0.324431, Acc: 0.907937\n"
            "[3/5] Loss: 0.321871, Acc: 0.908490\n"
            "Finish 3 epoch, Loss: 0.322517, Acc: 0.908300\n"
            "Test Loss: 0.300236, Acc: 0.913500\n"
            "\n"
            "epoch 4\n"
            "**********\n"
            "[4/5] Loss: 0.304570, Acc: 0.913229\n"
            "[4/5] Loss: 0.301410, Acc: 0.914010\n"
            "[4/5] Loss: 0.305969, Acc: 0.911979\n"
            "[4/5] Loss: 0.305297, Acc: 0.912370\n"
            "[4/5] Loss: 0.306589, Acc: 0.912208\n"
            "[4/5] Loss: 0.305735, Acc: 0.912778\n"
            "Finish 4 epoch, Loss: 0.306012, Acc: 0.912817\n"
            "Test Loss: 0.290204, Acc: 0.918800\n"
            "\n"
            "epoch 5\n"
            "**********\n"
            "[5/5] Loss: 0.295045, Acc: 0.917708\n"
            "[5/5] Loss: 0.298658, Acc: 0.915365\n"
            "[5/5] Loss: 0.298322, Acc: 0.915069\n"
            "[5/5] Loss: 0.294236, Acc: 0.916979\n"
            "[5/5] Loss: 0.295296, Acc: 0.917125\n"
            "[5/5] Loss: 0.296174, Acc: 0.916806\n"
            "Finish 5 epoch, Loss: 0.295844, Acc: 0.916900\n"
            "Test Loss: 0.286714, Acc: 0.918400"
        ),
        action=TRAIN_RUN,
    ),
)
