<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>WeightsView</name>
    <message>
        <source>Red: a bright pixel there raises the unit&apos;s output. Blue: it lowers it. White: it does not matter.</source>
        <translation>红色：该处的亮像素会提高这个神经元的输出。蓝色：会降低输出。白色：无关紧要。</translation>
    </message>
    <message>
        <source>Show the change since the run began</source>
        <translation>显示本次训练开始以来的变化</translation>
    </message>
    <message>
        <source>Subtract the weights the run started from: what training has added so far</source>
        <translation>减去本次训练开始时的权重：只看训练到目前为止带来的变化</translation>
    </message>
    <message>
        <source>conv1: the 6 kernels of 5x5 that LeNet slides over the image</source>
        <translation>conv1：LeNet 在图片上滑动的 6 个 5x5 卷积核</translation>
    </message>
    <message>
        <source>layer1: each of the 300 units weighs the 28x28 pixels; one image per row of layer1.weight</source>
        <translation>layer1：300 个神经元各自为 28x28 个像素加权；layer1.weight 的每一行画成一张图</translation>
    </message>
    <message>
        <source>The first layer&apos;s weights appear when a model is in use.</source>
        <translation>有模型在用时，这里显示第一层的权重。</translation>
    </message>
    <message>
        <source>What to look for: the weights start as random noise, and training changes them only a little, so the noise stays visible. Tick the box above to see the change alone: the MLP&apos;s units turn into blurry strokes and blobs (parts of digits, light and dark regions); units that hardly change are ones the network hardly uses. LeNet&apos;s kernels become small edge and stroke detectors.</source>
        <translation>看点：权重从随机噪声开始，训练只会稍稍改变它们，所以噪声一直看得见。勾选上面的选项就只看变化：MLP 的神经元会变成模糊的笔画和斑块（数字的局部、明暗区域）；几乎不变的神经元是网络几乎没用上的。LeNet 的卷积核会变成小小的边缘和笔画检测器。</translation>
    </message>
</context>
</TS>
