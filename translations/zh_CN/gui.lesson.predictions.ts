<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CellQuestions</name>
    <message>
        <source>{0}/{1} answered</source>
        <translation>已答 {0}/{1}</translation>
    </message>
    <message>
        <source>No question on this cell.</source>
        <translation>这个单元格没有题目。</translation>
    </message>
    <message>
        <source>Questions on this cell: {0}; answered {1}, right at the first try {2}.</source>
        <translation>本单元格的题目：{0} 道；已答 {1} 道，第一次就答对 {2} 道。</translation>
    </message>
    <message>
        <source>Ask me again</source>
        <translation>再问我一次</translation>
    </message>
    <message>
        <source>Hide this cell&apos;s result and answer its questions once more</source>
        <translation>隐藏这个单元格的结果，把它的题目再答一遍</translation>
    </message>
</context>
</TS>
