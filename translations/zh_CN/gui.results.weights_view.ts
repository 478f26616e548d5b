<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>WeightsView</name>
    <message>
        <source>Red: a bright pixel there raises the unit&apos;s output. Blue: it lowers it. White: it does not matter.</source>
        <translation>红色：该处的亮像素会提高这个单元的输出。蓝色：会降低输出。白色：无关紧要。</translation>
    </message>
    <message>
        <source>conv1: the 6 kernels of 5x5 that LeNet slides over the image</source>
        <translation>conv1：LeNet 在图片上滑动的 6 个 5x5 卷积核</translation>
    </message>
    <message>
        <source>layer1: each of the 300 units weighs the 28x28 pixels; one image per row of layer1.weight</source>
        <translation>layer1：300 个单元各自为 28x28 个像素加权；layer1.weight 的每一行画成一张图</translation>
    </message>
    <message>
        <source>The first layer&apos;s weights appear when a model is in use.</source>
        <translation>有模型在用时，这里显示第一层的权重。</translation>
    </message>
    <message>
        <source>What to look for: before training, every tile is noise. As the network learns, the MLP&apos;s tiles turn into blurry strokes and blobs (parts of digits, light and dark regions); tiles that stay noisy are units the network hardly uses. LeNet&apos;s kernels become small edge and stroke detectors.</source>
        <translation>看点：训练前，每一小格都是噪声。随着网络学习，MLP 的小格会变成模糊的笔画和斑块（数字的局部、明暗区域）；一直是噪声的小格是网络几乎没用上的单元。LeNet 的卷积核会变成小小的边缘和笔画检测器。</translation>
    </message>
</context>
</TS>
