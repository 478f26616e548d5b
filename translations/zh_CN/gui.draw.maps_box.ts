<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MapsBox</name>
    <message>
        <source>conv1: 6 filters, 28x28 (after ReLU)</source>
        <translation>conv1：6 个卷积核，28×28（ReLU 之后）</translation>
    </message>
    <message>
        <source>conv2: 16 filters, 10x10 (after ReLU)</source>
        <translation>conv2：16 个卷积核，10×10（ReLU 之后）</translation>
    </message>
    <message>
        <source>The model in use, {0}, has no convolution layers, so it makes no feature maps. They show when a LeNet answers: train one, or use the pretrained LeNet.</source>
        <translation>当前使用的模型 {0} 没有卷积层，所以没有特征图。由 LeNet 识别时才会显示特征图：训练一个 LeNet，或使用预训练的 LeNet。</translation>
    </message>
    <message>
        <source>What the filters respond to</source>
        <translation>卷积核对什么有反应</translation>
    </message>
</context>
</TS>
