<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>RaceControls</name>
    <message>
        <source>The lesson&apos;s linear regression: the mean squared error of y = w·x + b over the points is a bowl in (w, b), its bottom the least-squares line (+). Every optimizer gets there; compare how fast, and draw new points to get another bowl.</source>
        <translation>课程中的线性回归：y = w·x + b 在这些点上的均方误差，在 (w, b) 平面上是一个碗，碗底就是最小二乘直线（+）。每个优化器都能到达那里；比较谁更快，也可以重新生成数据点，得到另一个碗。</translation>
    </message>
    <message>
        <source>Across this valley the loss is 40 times steeper than along it. A learning rate small enough not to overshoot across is tiny along the floor, so plain SGD bounces from wall to wall and creeps forward: it zig-zags. Momentum adds the steps up: the bounces cancel out, the creeping adds up. Above lr = 2/40 = 0.05 each bounce is larger than the last and SGD diverges.</source>
        <translation>这个山谷横向比纵向陡 40 倍。学习率要小到横向不越过头，沿谷底方向就显得太小，于是普通 SGD 在两侧谷壁之间来回弹、慢慢向前挪：走成“之”字形。动量把每一步累加起来：来回的弹跳相互抵消，向前的挪动不断累积。学习率超过 2/40 = 0.05 时，每次弹跳都比上一次更大，SGD 就发散了。</translation>
    </message>
    <message>
        <source>A curved valley with a nearly flat floor: the gradient points at the walls, hardly along the floor. Adam divides each step by the gradient&apos;s typical size (√v_hat), so its steps stay about lr long everywhere, on the steep walls and on the flat floor alike.</source>
        <translation>一个谷底几乎平坦的弯曲山谷：梯度指向谷壁，几乎不沿着谷底。Adam 把每一步除以梯度的典型大小（√v_hat），所以无论在陡峭的谷壁还是平坦的谷底，它的步长都约为 lr。</translation>
    </message>
    <message>
        <source>At (0, 0) the gradient is 0 but it is not a minimum: along p1 the loss falls both ways, to the two minima (+). A start just off the ridge leaves it slowly at first; momentum and Adam leave it sooner.</source>
        <translation>在 (0, 0) 处梯度为 0，但那里不是最小值：沿 p1 方向，损失向两边下降，通向两个最小值（+）。从脊线稍偏一点出发，一开始离开得很慢；动量和 Adam 离开得更早。</translation>
    </message>
    <message>
        <source>The real loss of the network in use on 64 test images, around its trained weights (0, 0), along two random directions scaled to each layer&apos;s filters (Li et al., 2018). A slice of a space with thousands of dimensions: its valleys are real, but the optimizers&apos; path in the full space is not this one.</source>
        <translation>当前网络在 64 张测试图片上的真实损失：以训练好的权重为中心（0, 0），沿两个按各层卷积核（滤波器）大小缩放的随机方向（Li 等，2018）。这是成千上万维空间中的一个切面：其中的山谷是真实的，但优化器在完整空间里走的路径并不是这一条。</translation>
    </message>
    <message>
        <source>Stories: one click sets up the race</source>
        <translation>故事：点一下就布置好一场比赛</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>A surface, a start and racers that show one thing</source>
        <translation>一个曲面、一个起点和几位选手，用来说明一件事</translation>
    </message>
    <message>
        <source>Loss surface:</source>
        <translation>损失曲面：</translation>
    </message>
    <message>
        <source>Loss surface</source>
        <translation>损失曲面</translation>
    </message>
    <message>
        <source>The loss of two parameters the optimizers race on</source>
        <translation>优化器赛跑所在的双参数损失</translation>
    </message>
    <message>
        <source>New points</source>
        <translation>新数据点</translation>
    </message>
    <message>
        <source>New data points</source>
        <translation>新数据点</translation>
    </message>
    <message>
        <source>Draw the regression&apos;s points again, with another seed</source>
        <translation>换一个随机种子，重新生成回归的数据点</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>How many steps each optimizer takes (at most 80 on the slice)</source>
        <translation>每个优化器走多少步（切面上最多 80 步）</translation>
    </message>
    <message>
        <source>One step</source>
        <translation>走一步</translation>
    </message>
    <message>
        <source>Draw one more step and write its update out</source>
        <translation>再画一步，并把它的更新写出来</translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation>回到起点</translation>
    </message>
    <message>
        <source>Show the race from its first step again</source>
        <translation>从第一步重新显示这场比赛</translation>
    </message>
</context>
</TS>
