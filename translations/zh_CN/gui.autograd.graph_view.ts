<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GraphView</name>
    <message>
        <source>Click for details; double-click to collapse its inputs.</source>
        <translation>单击查看详情；双击折叠它的输入。</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>shape {0}</source>
        <translation>形状 {0}</translation>
    </message>
    <message>
        <source>{0}  (+{1} hidden)</source>
        <translation>{0}（已折叠 {1} 个节点）</translation>
    </message>
</context>
</TS>
