<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CanvasPane</name>
    <message>
        <source>Drawing canvas</source>
        <translation>画板</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the canvas (Esc, or right-click)</source>
        <translation>清空画板（Esc 或右键单击）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销最后一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Try a real MNIST digit</source>
        <translation>试试真实的 MNIST 数字</translation>
    </message>
    <message>
        <source>Put a random test digit on the canvas, to compare with your own writing</source>
        <translation>在画板上放一个随机的测试集数字，和你自己写的比一比</translation>
    </message>
    <message>
        <source>Pen:</source>
        <translation>笔：</translation>
    </message>
    <message>
        <source>Pen width</source>
        <translation>笔的粗细</translation>
    </message>
    <message>
        <source>Use the pretrained LeNet</source>
        <translation>使用预训练的 LeNet</translation>
    </message>
    <message>
        <source>Let the LeNet bundled with the app answer again (99.26% test accuracy)</source>
        <translation>重新让应用自带的 LeNet 来识别（测试集准确率 99.26%）</translation>
    </message>
    <message>
        <source>Its mistakes...</source>
        <translation>它识别错误的数字...</translation>
    </message>
    <message>
        <source>See the test digits this network misreads, and open any of them here</source>
        <translation>查看这个网络识别错误的测试数字，并可把任意一个在这里打开</translation>
    </message>
</context>
</TS>
