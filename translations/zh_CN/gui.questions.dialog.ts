<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TabQuestionsDialog</name>
    <message>
        <source>Predict first: {0}</source>
        <translation>先预测：{0}</translation>
    </message>
    <message>
        <source>Each question is about a moment in {0}. Answer before you look: the app then computes the real result and says where a wrong answer comes from. ✓ right at the first try, • answered.</source>
        <translation>每道题都对应{0}中的一个时刻。先作答再看结果：应用随后算出真实结果，并指出错误答案源自哪种误解。✓ 表示第一次就答对，• 表示已作答。</translation>
    </message>
    <message>
        <source>There is no question for {0} yet.</source>
        <translation>{0}还没有题目。</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>题目</translation>
    </message>
</context>
</TS>
