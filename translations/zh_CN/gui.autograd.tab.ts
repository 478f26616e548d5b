<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AutogradTab</name>
    <message>
        <source>Click a node to see its details.</source>
        <translation>单击节点查看详情。</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>What ran in the Autograd tab of PyTorch Basics, in order.</source>
        <translation>在 PyTorch 基础的自动求导选项卡中按顺序运行过的代码。</translation>
    </message>
</context>
</TS>
