<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DrawTab</name>
    <message>
        <source>Loading the bundled model...</source>
        <translation>正在加载自带的模型...</translation>
    </message>
    <message>
        <source>bundled pretrained</source>
        <translation>自带的预训练模型</translation>
    </message>
    <message>
        <source>trained just now</source>
        <translation>刚刚训练的</translation>
    </message>
    <message>
        <source>loaded from {0}</source>
        <translation>从 {0} 加载</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <source>{0}, {1}, test accuracy {2:.2%}</source>
        <translation>{0}，{1}，测试集准确率 {2:.2%}</translation>
    </message>
    <message>
        <source>Drawing canvas</source>
        <translation>画板</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc, or right-click)</source>
        <translation>清空画板（Esc 或右键单击）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销最后一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Try a real MNIST digit</source>
        <translation>试试真实的 MNIST 数字</translation>
    </message>
    <message>
        <source>Put a random test digit on the canvas, to compare with your own writing</source>
        <translation>在画板上放一个随机的测试集数字，和你自己写的比一比</translation>
    </message>
    <message>
        <source>Pen:</source>
        <translation>笔：</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>笔的粗细</translation>
    </message>
    <message>
        <source>Use the pretrained LeNet</source>
        <translation>使用预训练的 LeNet</translation>
    </message>
    <message>
        <source>Let the LeNet bundled with the app answer again (99.26% test accuracy)</source>
        <translation>重新让应用自带的 LeNet 来识别（测试集准确率 99.26%）</translation>
    </message>
    <message>
        <source>Its mistakes...</source>
        <translation>它认错的数字...</translation>
    </message>
    <message>
        <source>See the test digits this network misreads, and open any of them here</source>
        <translation>查看这个网络认错的测试数字，并可把任意一个在这里打开</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>The digit the network reads, and how sure it is</source>
        <translation>网络认出的数字，以及它有多确定</translation>
    </message>
    <message>
        <source>The input the network receives</source>
        <translation>网络收到的输入</translation>
    </message>
    <message>
        <source>What the network receives: your drawing cropped, scaled to 20x20 and centred by mass in 28x28, as MNIST digits were made. LeNet, the lesson&apos;s Net, reads 32x32: it gets the digit with a border of 2 black pixels.</source>
        <translation>网络收到的内容：你的手写被裁剪、缩放到 20x20，再按质心放到 28x28 的中央，和 MNIST 数字的制作方式一样。LeNet（课程里的 Net）读取 32x32：它收到的数字四周多了 2 个像素宽的黑边。</translation>
    </message>
    <message>
        <source>Model offered</source>
        <translation>可选用的模型</translation>
    </message>
    <message>
        <source>A model trained just now that did not take over, and why</source>
        <translation>刚训练好、但没有替换当前模型的网络，以及原因</translation>
    </message>
    <message>
        <source>Use it anyway</source>
        <translation>仍然使用它</translation>
    </message>
    <message>
        <source>Use the model offered</source>
        <translation>使用这个模型</translation>
    </message>
    <message>
        <source>Let the model trained just now answer, however well it did</source>
        <translation>不管效果如何，都让刚训练好的模型来识别</translation>
    </message>
    <message>
        <source>What the network sees ({0}x{0})</source>
        <translation>网络看到的内容（{0}x{0}）</translation>
    </message>
    <message>
        <source>Model in use</source>
        <translation>正在使用的模型</translation>
    </message>
    <message>
        <source>Which network answers: bundled, trained in the Train tab, or loaded</source>
        <translation>由哪个网络来识别：自带的、在“训练”页训练的，或者加载的</translation>
    </message>
    <message>
        <source>Probabilities of the ten digits</source>
        <translation>十个数字的概率</translation>
    </message>
    <message>
        <source>The network&apos;s probability for each digit (softmax of its outputs)</source>
        <translation>网络给每个数字的概率（对输出做 softmax）</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>conv1: 6 filters, 28x28 (after ReLU)</source>
        <translation>conv1：6 个卷积核，28×28（ReLU 之后）</translation>
    </message>
    <message>
        <source>conv2: 16 filters, 10x10 (after ReLU)</source>
        <translation>conv2：16 个卷积核，10×10（ReLU 之后）</translation>
    </message>
    <message>
        <source>Feature maps appear for the LeNet.</source>
        <translation>使用 LeNet 时才会显示特征图。</translation>
    </message>
    <message>
        <source>What the filters respond to</source>
        <translation>卷积核对什么有反应</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Answering: {0}</source>
        <translation>识别模型：{0}</translation>
    </message>
    <message>
        <source>The {0} trained just now reached only {1:.1%} test accuracy (below {2:.0%}), so it does not replace the model in use. You can still try it.</source>
        <translation>刚训练好的 {0} 测试准确率只有 {1:.1%}（低于 {2:.0%}），所以没有替换正在使用的模型。你仍然可以试试它。</translation>
    </message>
    <message>
        <source>{0}  ({1:.0%})</source>
        <translation>{0}（{1:.0%}）</translation>
    </message>
    <message>
        <source>loading model...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <source>draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse, a pen or a finger. Right-click or Esc clears.</source>
        <translation>用鼠标、手写笔或手指写一个数字。右键单击或按 Esc 清空。</translation>
    </message>
    <message>
        <source>Test digit #{0}, labelled {1}. Draw over it, or clear.</source>
        <translation>测试集第 {0} 号数字，标签是 {1}。可以在上面接着写，或者清空。</translation>
    </message>
</context>
</TS>
