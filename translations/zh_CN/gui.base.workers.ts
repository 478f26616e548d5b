<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TrainingWorker</name>
    <message>
        <source>Training stopped with an error: {0}</source>
        <translation>训练因错误而停止：{0}</translation>
    </message>
</context>
</TS>
