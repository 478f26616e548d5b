<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AutogradMessages</name>
    <message>
        <source>The graph of {0} has {1} backward functions, drawn as {2} nodes: a run of one operation is one node (× how many times), and one node counts those beyond the first {3}. Press Backward, or Step: a run is one step.</source>
        <translation>{0} 的计算图有 {1} 个反向函数，画成 {2} 个节点：同一运算连成的一串画成一个节点（× 次数），前 {3} 个节点之外的由一个节点统计。按“反向传播”一次走完，或按“单步”：一串算一步。</translation>
    </message>
    <message>
        <source>The graph of {0}: {1} nodes. Press Backward, or Step to walk it node by node.</source>
        <translation>{0} 的计算图：共 {1} 个节点。按“反向传播”一次走完，或按“单步”逐个节点地走。</translation>
    </message>
    <message>
        <source>{0} is a leaf: it requires grad but was computed from nothing, so its grad_fn is None and the graph is this one tensor. Compute from it (y = {0} + 2) to grow a graph.</source>
        <translation>{0} 是叶子节点：它需要梯度，但不是由其他张量算出来的，所以它的 grad_fn 是 None，计算图只有这一个张量。用它做些计算（y = {0} + 2），计算图就会长出来。</translation>
    </message>
    <message>
        <source>Step {0} of {1}: AccumulateGrad added the gradient into the leaf&apos;s .grad.</source>
        <translation>第 {0} 步（共 {1} 步）：AccumulateGrad 把梯度累加到了叶子张量的 .grad 中。</translation>
    </message>
    <message>
        <source>Step {0} of {1}: {2} received the gradient and passed it on.</source>
        <translation>第 {0} 步（共 {1} 步）：{2} 收到梯度并把它继续传下去。</translation>
    </message>
    <message>
        <source>Backward is complete.</source>
        <translation>反向传播完成。</translation>
    </message>
    <message>
        <source>Backward ran.</source>
        <translation>反向传播已运行。</translation>
    </message>
    <message>
        <source>The gradient was added to the one already there (gradients accumulate), so it doubled. Press Zero grad to start from zero, as optimizer.zero_grad() does.</source>
        <translation>新的梯度加到了原有的梯度上（梯度会累加），所以翻了一倍。按“梯度清零”从零开始，和 optimizer.zero_grad() 的作用一样。</translation>
    </message>
    <message>
        <source>Backward ran through all {0} backward functions; the {1} steps shown stand for them (a run drawn as one node is one step).</source>
        <translation>反向传播走过了全部 {0} 个反向函数；这里显示的 {1} 步代表了它们（画成一个节点的一串算一步）。</translation>
    </message>
    <message>
        <source>Set to zero: {0}.</source>
        <translation>已清零：{0}。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{0} more not drawn</source>
        <translation>另有 {0} 个未画出</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>leaf tensor</source>
        <translation>叶子张量</translation>
    </message>
    <message>
        <source>tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>backward function (grad_fn)</source>
        <translation>反向函数（grad_fn）</translation>
    </message>
    <message>
        <source>AccumulateGrad: adds the gradient into a leaf&apos;s .grad</source>
        <translation>AccumulateGrad：把梯度累加到叶子张量的 .grad 中</translation>
    </message>
    <message>
        <source>{0} backward functions {1} in a row, each feeding only the next (as a loop builds them), drawn as one node</source>
        <translation>{0} 个 {1} 首尾相连，每个只接到下一个（循环就会这样构建），画成一个节点</translation>
    </message>
    <message>
        <source>{0} backward functions not drawn: only the first {1} nodes nearest the output are. Backward still runs through them all.</source>
        <translation>{0} 个反向函数没有画出：只画离输出最近的前 {1} 个节点。反向传播仍会走过全部节点。</translation>
    </message>
    <message>
        <source>output shape: {0}</source>
        <translation>输出形状：{0}</translation>
    </message>
    <message>
        <source>dtype: {0}, device: {1}</source>
        <translation>dtype：{0}，设备：{1}</translation>
    </message>
    <message>
        <source>requires_grad: {0}, is_leaf: {1}</source>
        <translation>requires_grad：{0}，is_leaf：{1}</translation>
    </message>
    <message>
        <source>saved for backward: {0}</source>
        <translation>为反向传播保存：{0}</translation>
    </message>
</context>
</TS>
