<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TrainingCurves</name>
    <message>
        <source>Run {0}: {1}</source>
        <translation>第 {0} 次：{1}</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation>交叉熵损失</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>{0}. Drag to pan, wheel to zoom, right-click for options.</source>
        <translation>{0}。拖动平移，滚轮缩放，右键单击查看选项。</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Start a run to see its curves here.</source>
        <translation>开始训练后，曲线会显示在这里。</translation>
    </message>
    <message>
        <source>{0}: &lt;span style=&apos;color:{1}&apos;&gt;━━&lt;/span&gt; training (running values) &amp;nbsp; &lt;span style=&apos;color:{1}&apos;&gt;╍ ●&lt;/span&gt; test (after each epoch)</source>
        <translation>{0}：&lt;span style=&apos;color:{1}&apos;&gt;━━&lt;/span&gt; 训练（滑动值） &amp;nbsp; &lt;span style=&apos;color:{1}&apos;&gt;╍ ●&lt;/span&gt; 测试（每轮结束后）</translation>
    </message>
    <message>
        <source> &amp;nbsp; Earlier runs are drawn faded.</source>
        <translation> &amp;nbsp; 之前的训练以淡色显示。</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>{0}, {1}: epoch {2:.2f}, {3} {4:.4f}</source>
        <translation>{0}，{1}：第 {2:.2f} 轮，{3} {4:.4f}</translation>
    </message>
    <message>
        <source>Hover a curve to read its values.</source>
        <translation>把鼠标移到曲线上可读取数值。</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
</TS>
