<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExercisesTab</name>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>tried</source>
        <translation>尝试过</translation>
    </message>
    <message>
        <source>{0} of {1} exercises passed (● passed, ◐ tried, ○ not started)</source>
        <translation>已通过 {0}/{1} 道练习（● 已通过，◐ 尝试过，○ 未开始）</translation>
    </message>
    <message>
        <source>In the Tensors tab</source>
        <translation>张量选项卡</translation>
    </message>
    <message>
        <source>In the Autograd tab</source>
        <translation>自动求导选项卡</translation>
    </message>
    <message>
        <source>Networks and training</source>
        <translation>网络与训练</translation>
    </message>
    <message>
        <source>In the Draw tab</source>
        <translation>手写选项卡</translation>
    </message>
    <message>
        <source>In the Results tab</source>
        <translation>结果选项卡</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Forget my exercise results</source>
        <translation>清除我的练习记录</translation>
    </message>
</context>
</TS>
