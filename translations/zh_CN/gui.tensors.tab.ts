<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TensorsTab</name>
    <message>
        <source>What ran in the Tensors tab of PyTorch Basics, in order.</source>
        <translation>在 PyTorch 基础的张量选项卡中按顺序运行过的代码。</translation>
    </message>
    <message>
        <source>{0} is made by step {1} ({2}): run that step first, then this one again.</source>
        <translation>{0} 由第 {1} 步（{2}）创建：请先运行那一步，再运行这一步。</translation>
    </message>
</context>
</TS>
