<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TensorTableModel</name>
    <message>
        <source>changed by the last in-place operation</source>
        <translation>被上一次原地操作修改过</translation>
    </message>
</context>
<context>
    <name>TensorView</name>
    <message>
        <source>Tensor values</source>
        <translation>张量的值</translation>
    </message>
    <message>
        <source>The last run stopped with an error: this is the tensor from before it.</source>
        <translation>上一次运行因错误而停止：这里显示的是运行之前的张量。</translation>
    </message>
    <message>
        <source>Run a step or type code to see a tensor here.</source>
        <translation>运行一个步骤或输入代码，张量会显示在这里。</translation>
    </message>
    <message>
        <source>value of the last expression</source>
        <translation>最后一个表达式的值</translation>
    </message>
    <message>
        <source>{0}: a {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <source>Showing the first {0} x {1} of {2} ({3:,} elements in all).</source>
        <translation>显示 {2} 的前 {0} × {1} 个元素（共 {3:,} 个元素）。</translation>
    </message>
    <message>
        <source>Showing the first {0} x {1} of {2:,} elements.</source>
        <translation>显示 {2:,} 个元素中的前 {0} × {1} 个。</translation>
    </message>
    <message>
        <source>Showing {0} of {1:,} elements.</source>
        <translation>显示 {1:,} 个元素中的 {0} 个。</translation>
    </message>
    <message>
        <source>Yellow cells changed in place.</source>
        <translation>黄色的格子被原地修改过。</translation>
    </message>
    <message>
        <source>shape {0}</source>
        <translation>形状 {0}</translation>
    </message>
    <message>
        <source>size of each dimension: x.shape / x.size()</source>
        <translation>每个维度的大小：x.shape / x.size()</translation>
    </message>
    <message>
        <source>dtype {0}</source>
        <translation>dtype {0}</translation>
    </message>
    <message>
        <source>the type of every element</source>
        <translation>每个元素的数据类型</translation>
    </message>
    <message>
        <source>device {0}</source>
        <translation>设备 {0}</translation>
    </message>
    <message>
        <source>where the numbers live: cpu or a GPU</source>
        <translation>数据存放的位置：cpu 或 GPU</translation>
    </message>
    <message>
        <source>strides {0}</source>
        <translation>步长 {0}</translation>
    </message>
    <message>
        <source>elements to skip in memory to move one step along each dimension</source>
        <translation>沿每个维度前进一步，需要在内存中跳过的元素个数</translation>
    </message>
    <message>
        <source>requires_grad</source>
        <translation>requires_grad</translation>
    </message>
    <message>
        <source>autograd records operations on it</source>
        <translation>自动求导会记录对它的运算</translation>
    </message>
    <message>
        <source>grad_fn {0}</source>
        <translation>grad_fn {0}</translation>
    </message>
    <message>
        <source>the operation that made it</source>
        <translation>生成它的运算</translation>
    </message>
    <message>
        <source>shares memory with {0}</source>
        <translation>与 {0} 共享内存</translation>
    </message>
    <message>
        <source>changing one changes the other: they are the same memory</source>
        <translation>改动一个，另一个也会变：它们是同一块内存</translation>
    </message>
</context>
</TS>
