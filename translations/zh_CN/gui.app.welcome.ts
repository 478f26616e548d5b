<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to PyTorch Basics</source>
        <translation>欢迎使用 PyTorch 基础</translation>
    </message>
    <message>
        <source>Start with cell 1</source>
        <translation>从第 1 个单元格开始</translation>
    </message>
    <message>
        <source>&lt;p&gt;The lesson starts in the &lt;b&gt;Lesson&lt;/b&gt; tab, at cell 1: each cell opens in the tab that shows it, and asks you to predict its result first.&lt;/p&gt;&lt;p&gt;A path through the app: the cells on tensors (1–11) in the Tensors tab, autograd (12–18) in the Autograd tab, then train the lesson&apos;s network (cell 26) in the Train tab and draw a digit for it in the Draw tab. The Exercises tab has tasks that check themselves.&lt;/p&gt;&lt;p&gt;Help → Welcome shows this again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;课程从&lt;b&gt;课程&lt;/b&gt;选项卡的第 1 个单元格开始：每个单元格都会在展示它的选项卡中打开，并先请你预测结果。&lt;/p&gt;&lt;p&gt;建议的学习路线：张量部分（第 1–11 个单元格）在张量选项卡中，自动求导（第 12–18 个单元格）在自动求导选项卡中；然后在训练选项卡中训练课程的网络（第 26 个单元格），再到手写选项卡里写一个数字给它识别。练习选项卡里有能自动检查的动手任务。&lt;/p&gt;&lt;p&gt;菜单“帮助 → 欢迎”可以再次显示这段话。&lt;/p&gt;</translation>
    </message>
</context>
</TS>
