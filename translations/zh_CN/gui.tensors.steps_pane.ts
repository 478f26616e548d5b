<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>StepsPane</name>
    <message>
        <source>Lesson steps</source>
        <translation>课程步骤</translation>
    </message>
    <message>
        <source>The lesson&apos;s cells 2–11</source>
        <translation>课程的第 2–11 个单元格</translation>
    </message>
    <message>
        <source>The lesson&apos;s tensor basics, one step at a time, numbered as in the Lesson tab</source>
        <translation>课程中的张量基础，一次一步，编号与课程选项卡一致</translation>
    </message>
    <message>
        <source>Step code</source>
        <translation>步骤代码</translation>
    </message>
    <message>
        <source>Run this step</source>
        <translation>运行这一步</translation>
    </message>
    <message>
        <source>Run the step&apos;s code in the playground session</source>
        <translation>在练习区的会话中运行这一步的代码</translation>
    </message>
    <message>
        <source>Run and go to next</source>
        <translation>运行并进入下一步</translation>
    </message>
    <message>
        <source>Run this step, then select the next one</source>
        <translation>运行这一步，然后选中下一步</translation>
    </message>
</context>
</TS>
