<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RunView</name>
    <message>
        <source>Loading data...</source>
        <translation>正在加载数据...</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Ended with an error</source>
        <translation>出错结束</translation>
    </message>
    <message>
        <source>Training log</source>
        <translation>训练日志</translation>
    </message>
    <message>
        <source>The lesson&apos;s log lines for each run</source>
        <translation>每次训练按课程格式输出的日志</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>Epoch and batch of the current run</source>
        <translation>当前训练的轮次和批次</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>What the numbers of this run say, and one thing to try</source>
        <translation>这次训练的数字说明了什么，以及可以试试的一件事</translation>
    </message>
    <message>
        <source>While a run trains: training images a second over the last batches (the tests after each epoch and pauses not counted). Once it has finished: its average over the whole run, the tests included.</source>
        <translation>训练进行中：最近几个批次每秒处理的训练图片数（不计每轮结束后的测试和暂停）。训练完成后：整次训练的平均速度，包括测试。</translation>
    </message>
    <message>
        <source>about {0:.0f} s left</source>
        <translation>约剩 {0:.0f} 秒</translation>
    </message>
    <message>
        <source>training: {0:,.0f} samples/s</source>
        <translation>训练：{0:,.0f} 样本/秒</translation>
    </message>
    <message>
        <source>average: {0:,.0f} samples/s</source>
        <translation>平均：{0:,.0f} 样本/秒</translation>
    </message>
    <message>
        <source>Finished in {0:.1f} s, {1:,.0f} samples/s on average over the whole run (the tests after each epoch included). Test accuracy {2:.4f}.</source>
        <translation>用时 {0:.1f} 秒完成，整次训练平均 {1:,.0f} 样本/秒（含每轮结束后的测试）。测试集准确率 {2:.4f}。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Data: {0}; device: {1}</source>
        <translation>数据：{0}；设备：{1}</translation>
    </message>
    <message>
        <source>Stopped in epoch {0} after batch {1}.</source>
        <translation>在第 {0} 轮的第 {1} 批之后停止。</translation>
    </message>
    <message>
        <source>Training ended: {0}</source>
        <translation>训练结束：{0}</translation>
    </message>
    <message>
        <source>Hint: {0}</source>
        <translation>提示：{0}</translation>
    </message>
    <message>
        <source>Train again with {0}, and compare</source>
        <translation>改用{0}再训练一次，并对比曲线</translation>
    </message>
    <message>
        <source>Start a run with this change only; its curves are drawn over this run&apos;s</source>
        <translation>只改这一项，开始新的一次训练；它的曲线会画在这次训练的曲线上方</translation>
    </message>
    <message>
        <source>Once this run has ended, start one with this change only</source>
        <translation>这次训练结束后，只改这一项再训练一次</translation>
    </message>
    <message>
        <source>Finished: test accuracy {0:.2%}</source>
        <translation>完成：测试集准确率 {0:.2%}</translation>
    </message>
    <message>
        <source>Epoch {0}/{1}, batch {2}/{3}</source>
        <translation>第 {0}/{1} 轮，第 {2}/{3} 批</translation>
    </message>
</context>
</TS>
