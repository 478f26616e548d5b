<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LooksBox</name>
    <message>
        <source>Saliency</source>
        <translation>显著图（Saliency）</translation>
    </message>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度（Integrated Gradients）</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡（Occlusion）</translation>
    </message>
    <message>
        <source>Where it looks, and how little fools it</source>
        <translation>它在看哪里，以及多小的改动就能骗过它</translation>
    </message>
    <message>
        <source>Map:</source>
        <translation>归因图：</translation>
    </message>
    <message>
        <source>For the digit:</source>
        <translation>针对数字：</translation>
    </message>
    <message>
        <source>the one it reads</source>
        <translation>它读出的那个</translation>
    </message>
    <message>
        <source>Nudge: change each pixel by at most ε so that the network reads another digit.</source>
        <translation>微调：每个像素最多改动 ε，让网络读成另一个数字。</translation>
    </message>
    <message>
        <source>read as </source>
        <translation>读成 </translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Draw on the nudged image</source>
        <translation>在微调后的图上继续画</translation>
    </message>
    <message>
        <source>Changed by at most {0:g} per pixel (red: ink added, blue: taken away), it now reads {1} ({2:.0%}).</source>
        <translation>每个像素最多改动了 {0:g}（红色：加了墨，蓝色：去了墨），现在它读成 {1}（{2:.0%}）。</translation>
    </message>
    <message>
        <source>Small changes moved the answer: a high probability is not certainty.</source>
        <translation>很小的改动就让答案变了：概率高并不等于有把握。</translation>
    </message>
    <message>
        <source>Not yet {0}: try a larger ε.</source>
        <translation>还没有变成 {0}：试试更大的 ε。</translation>
    </message>
</context>
</TS>
