<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>VariablesBox</name>
    <message>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Every variable you defined; click one to show it</source>
        <translation>你定义的所有变量；单击即可显示</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>dtype</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Network summary...</source>
        <translation>网络概要…</translation>
    </message>
    <message>
        <source>Each layer of the network chosen, its output for an MNIST image and its parameters</source>
        <translation>所选网络的每一层、它对一张 MNIST 图像的输出以及它的参数</translation>
    </message>
</context>
</TS>
