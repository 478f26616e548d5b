<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QuestionActions</name>
    <message>
        <source>Questions</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>The Lesson tab asks its questions itself, above each cell&apos;s result; the Exercises tab has tasks instead of questions.</source>
        <translation>课程选项卡会自己提问，题目就在每个单元格的结果上方；练习选项卡里是动手任务，而不是题目。</translation>
    </message>
    <message>
        <source>Predict first ({0})</source>
        <translation>先预测（{0}）</translation>
    </message>
    <message>
        <source>Questions about this tab: answer before you see (Ctrl+K)</source>
        <translation>关于这个选项卡的题目：先作答，再看结果（Ctrl+K）</translation>
    </message>
    <message>
        <source>&amp;Questions</source>
        <translation>题目(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Ask before showing a lesson cell&apos;s result</source>
        <translation>显示单元格结果之前先提问(&amp;A)</translation>
    </message>
    <message>
        <source>Questions about &amp;this tab...</source>
        <translation>关于此选项卡的题目(&amp;T)…</translation>
    </message>
</context>
</TS>
