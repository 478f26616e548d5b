<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ResultsTab</name>
    <message>
        <source>{0}, bundled pretrained</source>
        <translation>{0}，自带的预训练模型</translation>
    </message>
    <message>
        <source>{0}, trained just now</source>
        <translation>{0}，刚刚训练的</translation>
    </message>
    <message>
        <source>{0}, loaded from {1}</source>
        <translation>{0}，从 {1} 加载</translation>
    </message>
    <message>
        <source>What it learned</source>
        <translation>它学到了什么</translation>
    </message>
    <message>
        <source>The data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The test set is being evaluated...</source>
        <translation>正在评估测试集...</translation>
    </message>
    <message>
        <source>{0}. Measured here on the test set of the {1}: test accuracy {2:.2%}, {3:,} of {4:,} test images read right.</source>
        <translation>{0}。此处在{1}的测试集上测得：测试集准确率 {2:.2%}，{4:,} 张测试图片中识别正确 {3:,} 张。</translation>
    </message>
    <message>
        <source>The run training now, after epoch {0}</source>
        <translation>正在进行的这次训练（第 {0} 轮之后）</translation>
    </message>
</context>
</TS>
