<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>NetworkSummaryDialog</name>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>output for one image</source>
        <translation>一张图像的输出</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Draw its graph in the Autograd tab</source>
        <translation>在自动求导选项卡中画出它的计算图</translation>
    </message>
    <message>
        <source>Network {0} ({1})</source>
        <translation>网络 {0}（{1}）</translation>
    </message>
    <message>
        <source>{0} ({1}) on one MNIST image of shape {2}:</source>
        <translation>{0}（{1}）处理一张形状为 {2} 的 MNIST 图像：</translation>
    </message>
    <message>
        <source>{0} ({1}) does not run on an MNIST image yet.</source>
        <translation>{0}（{1}）还不能处理 MNIST 图像。</translation>
    </message>
    <message>
        <source>{0:,} parameters in all, {1:,} of them trained.</source>
        <translation>共 {0:,} 个参数，其中 {1:,} 个参与训练。</translation>
    </message>
</context>
</TS>
