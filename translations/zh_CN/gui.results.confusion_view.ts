<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Rows: the true digit. Columns: what the network read. The diagonal counts the digits read right; click any cell to see its test images.</source>
        <translation>行：真实数字。列：网络识别出的数字。对角线上是识别正确的数量；点击任意格子可查看其中的测试图片。</translation>
    </message>
    <message>
        <source>predicted digit</source>
        <translation>预测数字</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>true digit</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <source>Evaluating the test set...</source>
        <translation>正在评估测试集...</translation>
    </message>
</context>
</TS>
