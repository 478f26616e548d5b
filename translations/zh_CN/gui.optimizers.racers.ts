<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RacersForm</name>
    <message>
        <source>Race</source>
        <translation>参赛</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率 lr</translation>
    </message>
    <message>
        <source>μ / β1</source>
        <translation>动量 μ / β1</translation>
    </message>
    <message>
        <source>Momentum μ for SGD with momentum or Nesterov; β1 for Adam and AdamW; unused otherwise</source>
        <translation>动量 SGD 或 Nesterov 的动量 μ；Adam 和 AdamW 的 β1；其他优化器不用</translation>
    </message>
    <message>
        <source>Racer {0} takes part</source>
        <translation>选手 {0} 参赛</translation>
    </message>
    <message>
        <source>Tick to let this optimizer race (its colour on the map)</source>
        <translation>勾选后这个优化器参加比赛（地图上用它的颜色）</translation>
    </message>
    <message>
        <source>Racer {0}&apos;s optimizer</source>
        <translation>选手 {0} 的优化器</translation>
    </message>
    <message>
        <source>Which torch.optim optimizer steps along this path</source>
        <translation>沿这条路径走的是哪个 torch.optim 优化器</translation>
    </message>
    <message>
        <source>Racer {0}&apos;s learning rate</source>
        <translation>选手 {0} 的学习率</translation>
    </message>
    <message>
        <source>The learning rate lr: how far each step goes</source>
        <translation>学习率 lr：每一步走多远</translation>
    </message>
    <message>
        <source>Racer {0}&apos;s momentum or β1</source>
        <translation>选手 {0} 的动量或 β1</translation>
    </message>
</context>
</TS>
