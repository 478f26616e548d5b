<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RunCurves</name>
    <message>
        <source>Run {0}: {1}</source>
        <translation>第 {0} 次训练：{1}</translation>
    </message>
</context>
</TS>
