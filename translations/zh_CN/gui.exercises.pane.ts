<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ExercisePane</name>
    <message>
        <source>Check (Ctrl+Enter)</source>
        <translation>检查（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Show a solution</source>
        <translation>查看参考答案</translation>
    </message>
    <message>
        <source>A model solution</source>
        <translation>一份参考答案</translation>
    </message>
    <message>
        <source>Try the exercise once first</source>
        <translation>请先自己尝试一次</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Choose an exercise on the left</source>
        <translation>请在左侧选择一道练习</translation>
    </message>
    <message>
        <source>Open {0}</source>
        <translation>打开{0}</translation>
    </message>
    <message>
        <source>Open {0} with these settings</source>
        <translation>用这些设置打开{0}</translation>
    </message>
    <message>
        <source>Start from: {0}. Each run that finishes while this exercise is shown is checked.</source>
        <translation>起始设置：{0}。显示这道练习时，每完成一次训练都会检查。</translation>
    </message>
    <message>
        <source>Hint {0} of {1}</source>
        <translation>提示 {0}/{1}</translation>
    </message>
    <message>
        <source>No more hints</source>
        <translation>没有更多提示了</translation>
    </message>
    <message>
        <source>Passed.</source>
        <translation>通过。</translation>
    </message>
    <message>
        <source>Not yet.</source>
        <translation>还没有通过。</translation>
    </message>
    <message>
        <source>Not checked.</source>
        <translation>未能检查。</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>正在检查…</translation>
    </message>
</context>
</TS>
