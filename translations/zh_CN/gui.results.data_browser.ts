<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DataBrowser</name>
    <message>
        <source>Training images</source>
        <translation>训练图片</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图片</translation>
    </message>
    <message>
        <source>All digits</source>
        <translation>全部数字</translation>
    </message>
    <message>
        <source>Show only the images with this label</source>
        <translation>只显示带这个标签的图片</translation>
    </message>
    <message>
        <source>With augmentation</source>
        <translation>数据增强后</translation>
    </message>
    <message>
        <source>Show the training images randomly shifted, turned and thickened, as training with augmentation does</source>
        <translation>像开启数据增强的训练那样，显示随机平移、旋转、加粗后的图片</translation>
    </message>
    <message>
        <source>Other images</source>
        <translation>换一批图片</translation>
    </message>
    <message>
        <source>Show another page of images</source>
        <translation>显示另一页图片</translation>
    </message>
    <message>
        <source>Exactly what the network receives: each image as the floats in [0, 1] it reads, with its label in the corner.</source>
        <translation>正是网络收到的输入：每张图片都是它读取的 [0, 1] 区间浮点数，角上标着标签。</translation>
    </message>
    <message>
        <source>Loading the images...</source>
        <translation>正在加载图片...</translation>
    </message>
    <message>
        <source>{0}: showing {1} of {2} images.</source>
        <translation>{0}：显示 {2} 张中的 {1} 张。</translation>
    </message>
</context>
</TS>
