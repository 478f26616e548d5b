<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ReadingPane</name>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>The digit the network reads, and how sure it is</source>
        <translation>网络识别出的数字，以及它有多确定</translation>
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
        <source>Model in use</source>
        <translation>正在使用的模型</translation>
    </message>
    <message>
        <source>Which network answers: bundled, trained in the Train tab, or loaded</source>
        <translation>由哪个网络来识别：自带的、在训练选项卡训练的，或者加载的</translation>
    </message>
    <message>
        <source>Model offered</source>
        <translation>可选用的模型</translation>
    </message>
    <message>
        <source>Another model you have, and why it is not the one answering</source>
        <translation>你手上的另一个模型，以及它为什么没有在识别</translation>
    </message>
    <message>
        <source>Use the model offered</source>
        <translation>使用这个模型</translation>
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
        <source>Probability of each digit</source>
        <translation>每个数字的概率</translation>
    </message>
</context>
</TS>
