<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DrawCodePanel</name>
    <message>
        <source>The reading as code</source>
        <translation>识别过程的代码</translation>
    </message>
    <message>
        <source>The code that turns the drawing into the network&apos;s input and reads it</source>
        <translation>把手写图像变成网络输入并进行识别的代码</translation>
    </message>
    <message>
        <source>1. crop: the ink only</source>
        <translation>1. crop：只保留笔迹</translation>
    </message>
    <message>
        <source>2. box: scaled into 20x20</source>
        <translation>2. box：缩放到 20x20</translation>
    </message>
    <message>
        <source>3. x: centred by mass in 28x28</source>
        <translation>3. x：按质心居中放入 28x28</translation>
    </message>
</context>
</TS>
