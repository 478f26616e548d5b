<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TrainTab</name>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start training with these settings</source>
        <translation>用这些设置开始训练</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause after the current batch; press again to resume</source>
        <translation>在当前批次之后暂停；再按一次继续</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch</source>
        <translation>在当前批次之后停止</translation>
    </message>
    <message>
        <source>Run again with the &amp;same seed</source>
        <translation>用相同的种子再训练(&amp;S)</translation>
    </message>
    <message>
        <source>Run again with the same seed</source>
        <translation>用相同的种子再训练</translation>
    </message>
    <message>
        <source>Train again from the same initial weights as the last run: change one setting first, and the curves show what that one change does</source>
        <translation>从和上一次训练相同的初始权重开始再训练一次：先只改一个设置，曲线就会显示这一个改动的效果</translation>
    </message>
    <message>
        <source>&amp;Lesson defaults</source>
        <translation>课程默认设置(&amp;L)</translation>
    </message>
    <message>
        <source>Lesson defaults</source>
        <translation>课程默认设置</translation>
    </message>
    <message>
        <source>Restore the lesson&apos;s settings: the MLP, 5 epochs, batch 32, plain SGD, lr 0.01</source>
        <translation>恢复课程中的设置：MLP，5 轮，批大小 32，普通 SGD，学习率 0.01</translation>
    </message>
    <message>
        <source>What it learned...</source>
        <translation>它学到了什么...</translation>
    </message>
    <message>
        <source>What it learned</source>
        <translation>它学到了什么</translation>
    </message>
    <message>
        <source>The confusion matrix, the digits it gets wrong, its first layer&apos;s weights, the data</source>
        <translation>混淆矩阵、它识别错误的数字、第一层的权重，以及数据</translation>
    </message>
    <message>
        <source>Clear runs</source>
        <translation>清除记录</translation>
    </message>
    <message>
        <source>Remove earlier runs from the plots</source>
        <translation>从图中移除之前的训练记录</translation>
    </message>
    <message>
        <source>Curves and log</source>
        <translation>曲线与日志</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>=== {0}: {1}, {2} epochs, batch {3}, lr {4:g}, {5}</source>
        <translation>=== {0}：{1}，{2} 轮，批大小 {3}，学习率 {4:g}，{5}</translation>
    </message>
    <message>
        <source>Training ended</source>
        <translation>训练结束</translation>
    </message>
</context>
</TS>
