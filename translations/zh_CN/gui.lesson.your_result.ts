<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>YourResult</name>
    <message>
        <source>What your run printed:</source>
        <translation>你运行得到的输出：</translation>
    </message>
    <message>
        <source>What your run printed</source>
        <translation>你运行得到的输出</translation>
    </message>
    <message>
        <source>(run the cell: what it prints for you appears here)</source>
        <translation>（运行这个单元格：你得到的输出会显示在这里）</translation>
    </message>
</context>
</TS>
