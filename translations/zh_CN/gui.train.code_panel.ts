<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CodePanel</name>
    <message>
        <source>The training script</source>
        <translation>训练脚本</translation>
    </message>
    <message>
        <source>The PyTorch script for the current settings</source>
        <translation>当前设置对应的 PyTorch 脚本</translation>
    </message>
    <message>
        <source>The PyTorch program this run is: it trains exactly as the app does. Lines the last change of a setting changed are highlighted.</source>
        <translation>这次训练对应的 PyTorch 程序：它的训练过程与应用完全相同。最近一次修改设置所改变的行会高亮显示。</translation>
    </message>
    <message>
        <source>E&amp;xport as script...</source>
        <translation>导出为脚本(&amp;X)...</translation>
    </message>
    <message>
        <source>Save this program as a Python script or a Jupyter notebook</source>
        <translation>把这个程序保存为 Python 脚本或 Jupyter 笔记本</translation>
    </message>
    <message>
        <source>Export as script</source>
        <translation>导出为脚本</translation>
    </message>
    <message>
        <source>Python script (*.py);;Jupyter notebook (*.ipynb)</source>
        <translation>Python 脚本 (*.py);;Jupyter 笔记本 (*.ipynb)</translation>
    </message>
    <message>
        <source>The script could not be exported</source>
        <translation>无法导出脚本</translation>
    </message>
    <message>
        <source>The previous export is still being written. Wait a moment, then export again.</source>
        <translation>上一次导出还在写入。请稍等片刻，再导出一次。</translation>
    </message>
</context>
</TS>
