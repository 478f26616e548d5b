<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CurvesLegend</name>
    <message>
        <source>Start a run to see its curves here.</source>
        <translation>开始训练后，曲线会显示在这里。</translation>
    </message>
    <message>
        <source>━━ training (running values) &amp;nbsp; ╍ ● test (after each epoch)</source>
        <translation>━━ 训练（累计值） &amp;nbsp; ╍ ● 测试（每轮结束后）</translation>
    </message>
    <message>
        <source>━━ training (each batch, smoothed) &amp;nbsp; ╍ ● test (after each epoch)</source>
        <translation>━━ 训练（逐批次，平滑后） &amp;nbsp; ╍ ● 测试（每轮结束后）</translation>
    </message>
    <message>
        <source> &amp;nbsp; Earlier runs are drawn faded.</source>
        <translation> &amp;nbsp; 之前的训练以淡色显示。</translation>
    </message>
    <message>
        <source>first run</source>
        <translation>第一次训练</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>same settings as the first run</source>
        <translation>和第一次训练的设置相同</translation>
    </message>
    <message>
        <source>{0} ({1}): {2}</source>
        <translation>{0}（{1}）：{2}</translation>
    </message>
    <message>
        <source>test accuracy {0:.1%}</source>
        <translation>测试准确率 {0:.1%}</translation>
    </message>
    <message>
        <source>the loss blew up</source>
        <translation>损失爆炸了</translation>
    </message>
    <message>
        <source>stopped before its first test</source>
        <translation>在第一次测试前就停止了</translation>
    </message>
    <message>
        <source>stopped; last test accuracy {0:.1%}</source>
        <translation>已停止；最后的测试准确率 {0:.1%}</translation>
    </message>
    <message>
        <source>training...</source>
        <translation>训练中...</translation>
    </message>
    <message>
        <source>training; test accuracy {0:.1%} so far</source>
        <translation>训练中；目前测试准确率 {0:.1%}</translation>
    </message>
</context>
</TS>
