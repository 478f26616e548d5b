<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ModelSummary</name>
    <message>
        <source>Model: print(net)</source>
        <translation>模型：print(net)</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>模型概要</translation>
    </message>
    <message>
        <source>print(net) and the parameter shapes, as the lesson shows them</source>
        <translation>print(net) 的输出和各参数的形状，和课程中展示的一样</translation>
    </message>
</context>
</TS>
