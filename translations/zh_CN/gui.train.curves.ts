<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TrainingCurves</name>
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
        <source>Loss (cross-entropy)</source>
        <translation>损失（交叉熵）</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>&amp;Loss curve:</source>
        <translation>损失曲线(&amp;L)：</translation>
    </message>
    <message>
        <source>running average (the lesson&apos;s)</source>
        <translation>累计平均（与课程相同）</translation>
    </message>
    <message>
        <source>per batch, smoothed</source>
        <translation>逐批次，平滑后</translation>
    </message>
    <message>
        <source>Loss curve</source>
        <translation>损失曲线</translation>
    </message>
    <message>
        <source>Show the loss as the lesson&apos;s running average, or each batch&apos;s own loss</source>
        <translation>按课程中的累计平均显示损失，或显示每个批次自己的损失</translation>
    </message>
    <message>
        <source>As the lesson prints it: the mean loss of every batch since the epoch began. It starts again at each epoch, so the curve jumps there.</source>
        <translation>和课程打印的一样：本轮开始以来所有批次损失的平均值。每一轮都重新开始计算，所以曲线在轮次交界处会跳变。</translation>
    </message>
    <message>
        <source>Each batch&apos;s own loss (faint) and its moving average over about 20 batches: no restart at the epochs.</source>
        <translation>每个批次自己的损失（浅色）和约 20 个批次的滑动平均：不会在轮次交界处重新开始。</translation>
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
        <source>train, per batch (smoothed)</source>
        <translation>训练，逐批次（平滑后）</translation>
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
