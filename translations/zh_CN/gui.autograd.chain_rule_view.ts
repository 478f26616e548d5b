<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChainRuleView</name>
    <message>
        <source>Backward, step by step</source>
        <translation>一步一步反向传播</translation>
    </message>
    <message>
        <source>Press Step or Backward: each step shows the gradient arriving at a node, the local derivative of its operation, and their product, the gradient it passes on.</source>
        <translation>按“单步”或“反向传播”：每一步显示传到节点的梯度、该运算的局部导数，以及两者的乘积，也就是它传下去的梯度。</translation>
    </message>
    <message>
        <source>Step {0} of {1}: {2}</source>
        <translation>第 {0} 步（共 {1} 步）：{2}</translation>
    </message>
    <message>
        <source>adds it into {0}.grad: {0}.grad = {1}</source>
        <translation>把它加到 {0}.grad 里：{0}.grad = {1}</translation>
    </message>
    <message>
        <source>The same input is used {0} times, so {1} receives {0} gradients, one per edge; they add up there.</source>
        <translation>同一个输入用了 {0} 次，所以 {1} 收到 {0} 个梯度，每条边一个；它们在那里相加。</translation>
    </message>
    <message>
        <source>gradient arriving: {0} (backward starts here: d{1}/d{1} = 1)</source>
        <translation>传来的梯度：{0}（反向传播从这里开始：d{1}/d{1} = 1）</translation>
    </message>
    <message>
        <source>gradient arriving: {0} = {1} (one gradient per edge, added)</source>
        <translation>传来的梯度：{0} = {1}（每条边一个梯度，相加）</translation>
    </message>
    <message>
        <source>gradient arriving: {0}</source>
        <translation>传来的梯度：{0}</translation>
    </message>
    <message>
        <source>to {0}, local derivative: {1}</source>
        <translation>传给 {0}，局部导数：{1}</translation>
    </message>
    <message>
        <source>passed on: {0}</source>
        <translation>传下去：{0}</translation>
    </message>
    <message>
        <source>AccumulateGrad (of {0})</source>
        <translation>AccumulateGrad（{0} 的）</translation>
    </message>
    <message>
        <source>{0} (it made {1})</source>
        <translation>{0}（它算出了 {1}）</translation>
    </message>
</context>
</TS>
