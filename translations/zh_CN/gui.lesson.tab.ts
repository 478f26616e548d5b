<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>LessonTab</name>
    <message>
        <source>The lesson&apos;s code cells, in order</source>
        <translation>课程里的单元格（按顺序）</translation>
    </message>
    <message>
        <source>Lesson cells</source>
        <translation>课程单元格</translation>
    </message>
    <message>
        <source>Tick the cells you have done; the app remembers them</source>
        <translation>勾选你做完的单元格；应用会记住它们</translation>
    </message>
    <message>
        <source>As written in 2017 (PyTorch 0.3):</source>
        <translation>2017 年的原始写法（PyTorch 0.3）：</translation>
    </message>
    <message>
        <source>The code as written in 2017</source>
        <translation>2017 年的原始代码</translation>
    </message>
    <message>
        <source>The code today</source>
        <translation>现在的代码</translation>
    </message>
    <message>
        <source>What changed, and what to look at:</source>
        <translation>有什么变化，要注意什么：</translation>
    </message>
    <message>
        <source>What the lesson printed:</source>
        <translation>课程里打印的结果：</translation>
    </message>
    <message>
        <source>What the lesson printed</source>
        <translation>课程里打印的结果</translation>
    </message>
    <message>
        <source>(nothing: this cell prints nothing)</source>
        <translation>（无：这个单元格不打印任何内容）</translation>
    </message>
    <message>
        <source>Run as written in 2017</source>
        <translation>按 2017 年的写法运行</translation>
    </message>
    <message>
        <source>Run the lesson&apos;s own code: the app answers its old forms with today&apos;s</source>
        <translation>运行课程原来的代码：应用会对旧写法给出现在的写法</translation>
    </message>
    <message>
        <source>Done, next cell</source>
        <translation>完成，下一个单元格</translation>
    </message>
    <message>
        <source>Tick this cell off and go to the next one</source>
        <translation>勾选这个单元格，并转到下一个单元格</translation>
    </message>
    <message>
        <source>Forget my answers...</source>
        <translation>清除我的作答…</translation>
    </message>
    <message>
        <source>Ask every question again, as if never answered; the ticks stay</source>
        <translation>所有题目都会重新提问，就像从没答过一样；已勾选的单元格保持不变</translation>
    </message>
    <message>
        <source>Cell {0}: {1}</source>
        <translation>第 {0} 个单元格：{1}</translation>
    </message>
    <message>
        <source>Today (PyTorch 2):</source>
        <translation>现在的写法（PyTorch 2）：</translation>
    </message>
    <message>
        <source>Today: the same</source>
        <translation>现在：写法相同</translation>
    </message>
    <message>
        <source>Answer the question above first, or choose Just show me</source>
        <translation>请先回答上面的题目，或者选择“直接看结果”</translation>
    </message>
    <message>
        <source>Open the tab, bring in what the cell needs, and run it</source>
        <translation>打开对应的选项卡，准备好这个单元格需要的变量，然后运行</translation>
    </message>
    <message>
        <source>Runs in the Tensors tab, whose variables stay from one run to the next.</source>
        <translation>在张量选项卡运行，那里的变量在多次运行之间会保留。</translation>
    </message>
    <message>
        <source>Runs in the Autograd tab, with the cells before it, and draws the graph.</source>
        <translation>在自动求导选项卡运行，连同它前面的单元格一起运行，并画出计算图。</translation>
    </message>
    <message>
        <source>Runs in the Train tab: the lesson&apos;s network, settings and log.</source>
        <translation>在训练选项卡运行：课程里的网络、设置和日志。</translation>
    </message>
    <message>
        <source>Run in the Tensors tab</source>
        <translation>在张量选项卡运行</translation>
    </message>
    <message>
        <source>Run in the Autograd tab</source>
        <translation>在自动求导选项卡运行</translation>
    </message>
    <message>
        <source>Train in the Train tab</source>
        <translation>在训练选项卡训练</translation>
    </message>
    <message>
        <source>A training run is still going: stop it in the Train tab first.</source>
        <translation>还有一次训练在进行：请先在训练选项卡停止它。</translation>
    </message>
    <message>
        <source>Forget my answers</source>
        <translation>清除我的作答</translation>
    </message>
    <message>
        <source>Forget every answer to the questions? They will all be asked again; the cells you ticked stay ticked.</source>
        <translation>要清除所有题目的作答吗？所有题目都会重新提问；你勾选过的单元格仍保持勾选。</translation>
    </message>
    <message>
        <source>{0} of {1} cells done</source>
        <translation>已完成 {0} / {1} 个单元格</translation>
    </message>
</context>
</TS>
