<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>PyTorch Basics</source>
        <translation>PyTorch 基础</translation>
    </message>
    <message>
        <source>Lesson steps</source>
        <translation>课程步骤</translation>
    </message>
    <message>
        <source>The lesson in order: tensors, autograd, training, drawing; Lesson lists its code cells, Results shows what the network learned and what it gets wrong, and Optimizers races SGD, momentum and Adam on loss surfaces you can see</source>
        <translation>按课程顺序：张量、自动求导、训练、手写；“课程”列出课程的代码单元格，“结果”展示网络学到了什么、哪里识别错误，“优化器”让 SGD、动量和 Adam 在看得见的损失曲面上赛跑</translation>
    </message>
    <message>
        <source>&amp;Tensors</source>
        <translation>张量(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Autograd</source>
        <translation>自动求导(&amp;A)</translation>
    </message>
    <message>
        <source>T&amp;rain</source>
        <translation>训练(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>手写(&amp;D)</translation>
    </message>
    <message>
        <source>L&amp;esson</source>
        <translation>课程(&amp;E)</translation>
    </message>
    <message>
        <source>Re&amp;sults</source>
        <translation>结果(&amp;S)</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>练习(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Optimizers</source>
        <translation>优化器(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Load model...</source>
        <translation>加载模型(&amp;L)...</translation>
    </message>
    <message>
        <source>&amp;Save model...</source>
        <translation>保存模型(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Export curves...</source>
        <translation>导出曲线(&amp;E)...</translation>
    </message>
    <message>
        <source>Export training as s&amp;cript...</source>
        <translation>把训练导出为脚本(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>欢迎(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;About PyTorch Basics</source>
        <translation>关于 PyTorch 基础(&amp;A)</translation>
    </message>
    <message>
        <source>Device: {0}</source>
        <translation>设备：{0}</translation>
    </message>
    <message>
        <source>Data: {0}</source>
        <translation>数据：{0}</translation>
    </message>
    <message>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <source>The details are in the log file: {0}</source>
        <translation>详细信息见日志文件：{0}</translation>
    </message>
    <message>
        <source>Open log</source>
        <translation>打开日志</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Unexpected error: {0}</source>
        <translation>意外错误：{0}</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PyTorch Basics&lt;/h3&gt;&lt;p&gt;Learn PyTorch by touching it: tensors, autograd, and training on MNIST, following the classic PyTorch basics lesson.&lt;/p&gt;&lt;p&gt;torch {0}&lt;br&gt;torchvision {1}&lt;br&gt;Qt {2} (PySide6 {3})&lt;br&gt;pyqtgraph {4}&lt;br&gt;{5}&lt;/p&gt;&lt;p&gt;MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges (CC BY-SA 3.0).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PyTorch 基础&lt;/h3&gt;&lt;p&gt;动手学 PyTorch：张量、自动求导，以及在 MNIST 上训练网络，跟着经典的 PyTorch 基础课程一步步来。&lt;/p&gt;&lt;p&gt;torch {0}&lt;br&gt;torchvision {1}&lt;br&gt;Qt {2}（PySide6 {3}）&lt;br&gt;pyqtgraph {4}&lt;br&gt;{5}&lt;/p&gt;&lt;p&gt;MNIST 数据集由 Yann LeCun、Corinna Cortes 和 Christopher J.C. Burges 制作（CC BY-SA 3.0）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About PyTorch Basics</source>
        <translation>关于 PyTorch 基础</translation>
    </message>
</context>
</TS>
