<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QuestionCard</name>
    <message>
        <source>Choose one of the answers first.</source>
        <translation>请先选择一个答案。</translation>
    </message>
    <message>
        <source>Check my answer</source>
        <translation>检查我的答案</translation>
    </message>
    <message>
        <source>Just show me</source>
        <translation>直接看结果</translation>
    </message>
    <message>
        <source>See the result without answering; nothing is recorded</source>
        <translation>不作答，直接看结果；不会记录</translation>
    </message>
    <message>
        <source>Next question</source>
        <translation>下一题</translation>
    </message>
    <message>
        <source>Predict first: question {0} of {1}</source>
        <translation>先预测：第 {0} 题，共 {1} 题</translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>A number, such as 2.3 (within {0} counts as right)</source>
        <translation>一个数，例如 2.3（相差不超过 {0} 即算对）</translation>
    </message>
    <message>
        <source>A number, such as 2.3</source>
        <translation>一个数，例如 2.3</translation>
    </message>
    <message>
        <source>A shape, such as 2, 3 (nothing for a 0-d tensor)</source>
        <translation>一个形状，例如 2, 3（0 维张量留空）</translation>
    </message>
    <message>
        <source>The element numbers, such as 1, 3, 5</source>
        <translation>元素的编号，例如 1, 3, 5</translation>
    </message>
    <message>
        <source>Shown without an answer: nothing is recorded.</source>
        <translation>未作答直接查看：不作记录。</translation>
    </message>
    <message>
        <source>Computing the answer...</source>
        <translation>正在计算结果…</translation>
    </message>
    <message>
        <source>The app could not compute this answer ({0}). The question {1} in {2} needs fixing.</source>
        <translation>应用无法算出这道题的答案（{0}）。{2} 中的题目 {1} 需要修改。</translation>
    </message>
    <message>
        <source>The app computed: {0}</source>
        <translation>应用实际算出的结果：{0}</translation>
    </message>
</context>
</TS>
