<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FileActions</name>
    <message>
        <source>Could not write {0}</source>
        <translation>无法写入 {0}</translation>
    </message>
    <message>
        <source>Please wait: a file operation is still running.</source>
        <translation>请稍候：还有一个文件操作在进行。</translation>
    </message>
    <message>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <source>Load model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <source>PyTorch models (*.pt *.pth)</source>
        <translation>PyTorch 模型 (*.pt *.pth)</translation>
    </message>
    <message>
        <source>The model could not be loaded</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <source>Loaded {0}.</source>
        <translation>已加载 {0}。</translation>
    </message>
    <message>
        <source>Checkpoint: weights, settings and metrics (*.pt)</source>
        <translation>检查点：权重、设置和指标 (*.pt)</translation>
    </message>
    <message>
        <source>state_dict only, as in the lesson (*.pth)</source>
        <translation>只保存 state_dict，和课程里一样 (*.pth)</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>The model could not be saved</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>The curves could not be exported</source>
        <translation>无法导出曲线</translation>
    </message>
</context>
</TS>
