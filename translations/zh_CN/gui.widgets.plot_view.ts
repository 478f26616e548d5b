<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PlotView</name>
    <message>
        <source>{0} axis</source>
        <translation>{0} 轴</translation>
    </message>
</context>
</TS>
