<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OptimizersTab</name>
    <message>
        <source>Contour map of the loss</source>
        <translation>损失的等高线图</translation>
    </message>
    <message>
        <source>Click to start the race there; + marks a minimum, ✕ where a path diverged</source>
        <translation>点击地图，从那里开始比赛；+ 表示最小值，✕ 表示路径发散的位置</translation>
    </message>
    <message>
        <source>Click the map to start from there. ☆ start, + minimum, ✕ diverged.</source>
        <translation>点击地图，从那里出发。☆ 起点，+ 最小值，✕ 发散。</translation>
    </message>
    <message>
        <source>Loss at each step</source>
        <translation>每一步的损失</translation>
    </message>
    <message>
        <source>Each racer&apos;s loss, step by step, in its colour</source>
        <translation>每位选手逐步的损失，用它自己的颜色</translation>
    </message>
    <message>
        <source>The last step written out, for:</source>
        <translation>把最近一步展开写出，选手：</translation>
    </message>
    <message>
        <source>Racer whose update is written out</source>
        <translation>要展开更新的选手</translation>
    </message>
    <message>
        <source>Whose last step to write out with its numbers</source>
        <translation>把谁的最近一步连同数字写出来</translation>
    </message>
    <message>
        <source>The last step written out</source>
        <translation>展开写出的最近一步</translation>
    </message>
    <message>
        <source>(choose a story)</source>
        <translation>（选择一个故事）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run or pause the race</source>
        <translation>运行或暂停比赛</translation>
    </message>
    <message>
        <source>Play the race, one step a frame (60 steps a second)</source>
        <translation>播放比赛，每帧一步（每秒 60 步）</translation>
    </message>
    <message>
        <source>Answer the question above first, or choose Just show me</source>
        <translation>请先回答上面的问题，或选择“直接告诉我”</translation>
    </message>
    <message>
        <source>Computing the race...</source>
        <translation>正在计算比赛……</translation>
    </message>
    <message>
        <source>{0}. {1}, lr {2:g}</source>
        <translation>{0}. {1}，学习率 {2:g}</translation>
    </message>
    <message>
        <source>The race could not be computed: {0}</source>
        <translation>无法计算这场比赛：{0}</translation>
    </message>
    <message>
        <source>Tick at least one racer.</source>
        <translation>请至少勾选一位选手。</translation>
    </message>
    <message>
        <source>Racer {0} diverged (✕): its loss or its point stopped being a finite number. Each step overshot more than the last: the learning rate is too high for the curvature there.</source>
        <translation>选手 {0} 发散了（✕）：它的损失或位置不再是有限的数。每一步都比上一步越过得更远：对那里的曲率来说，学习率太大了。</translation>
    </message>
    <message>
        <source>At the start: no step taken yet. Press One step.</source>
        <translation>在起点：还没有走任何一步。请按“走一步”。</translation>
    </message>
</context>
</TS>
