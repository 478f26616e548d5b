<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CodePane</name>
    <message>
        <source>Ran:</source>
        <translation>已运行：</translation>
    </message>
    <message>
        <source>Code that ran</source>
        <translation>已运行的代码</translation>
    </message>
    <message>
        <source>Exactly the code that ran; select to copy</source>
        <translation>实际运行的代码；可选中复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the code that ran</source>
        <translation>复制已运行的代码</translation>
    </message>
    <message>
        <source>Copy as script</source>
        <translation>复制为脚本</translation>
    </message>
    <message>
        <source>Copy everything run so far as one Python script (what failed is left out, with a comment)</source>
        <translation>把到目前为止运行过的全部代码复制为一个 Python 脚本（失败的代码被略去，并附注释说明）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Tensor view</source>
        <translation>张量视图</translation>
    </message>
    <message>
        <source>The values, coloured by size; yellow cells changed in place</source>
        <translation>各个元素的值，按大小着色；黄色的格子表示被原地修改过</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Type PyTorch code, as in a notebook cell. Enter runs it when it is complete and adds a line when it is not (after a colon, an open bracket); Shift+Enter or Ctrl+Enter always runs. Up/Down show history.</source>
        <translation>输入 PyTorch 代码，用法和 notebook 的单元格一样。代码完整时按 Enter 运行，不完整时（冒号之后、括号没有闭合）换行；Shift+Enter 或 Ctrl+Enter 总是运行。上/下方向键显示历史记录。</translation>
    </message>
    <message>
        <source>e.g.  x = torch.rand(5, 3)      (Enter runs complete code; Shift+Enter always runs)</source>
        <translation>例如  x = torch.rand(5, 3)      （代码完整时 Enter 运行；Shift+Enter 总是运行）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Run the code (Shift+Enter)</source>
        <translation>运行代码（Shift+Enter）</translation>
    </message>
    <message>
        <source>Stop the code that is running (its variables are lost)</source>
        <translation>停止正在运行的代码（它的变量会丢失）</translation>
    </message>
    <message>
        <source>Start over: forget every variable, as a fresh Python would</source>
        <translation>从头开始：清除所有变量，就像重新启动 Python 一样</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Error message</source>
        <translation>错误信息</translation>
    </message>
    <message>
        <source>Original message: {0}</source>
        <translation>原始信息：{0}</translation>
    </message>
</context>
</TS>
