<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CodePane</name>
    <message>
        <source>Examples from the lesson</source>
        <translation>课程中的示例</translation>
    </message>
    <message>
        <source>Your own code (none of the examples)</source>
        <translation>你自己的代码（不是示例）</translation>
    </message>
    <message>
        <source>Autograd code</source>
        <translation>自动求导代码</translation>
    </message>
    <message>
        <source>Code that builds a graph, as in a notebook cell: Enter runs it when it is complete and adds a line when it is not; Shift+Enter or Ctrl+Enter always runs.</source>
        <translation>构建计算图的代码，用法和 notebook 的单元格一样：代码完整时按 Enter 运行，不完整时换行；Shift+Enter 或 Ctrl+Enter 总是运行。</translation>
    </message>
    <message>
        <source>Example:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <source>Output (what print shows)</source>
        <translation>输出（print 打印的内容）</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the code and draw its graph (Shift+Enter)</source>
        <translation>运行代码并画出计算图（Shift+Enter）</translation>
    </message>
    <message>
        <source>&amp;Backward</source>
        <translation>反向传播(&amp;B)</translation>
    </message>
    <message>
        <source>Run out.backward() all at once</source>
        <translation>一次性运行 out.backward()</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>Walk backward one node at a time, in the engine&apos;s order</source>
        <translation>按引擎的执行顺序，一次反向走过一个节点</translation>
    </message>
    <message>
        <source>Rese&amp;t</source>
        <translation>重置(&amp;T)</translation>
    </message>
    <message>
        <source>Run the code again: a fresh graph, no gradients</source>
        <translation>重新运行代码：得到全新的计算图，没有梯度</translation>
    </message>
    <message>
        <source>&amp;Zero grad</source>
        <translation>梯度清零(&amp;Z)</translation>
    </message>
    <message>
        <source>Set the leaves&apos; gradients to zero, as optimizer.zero_grad() does</source>
        <translation>把叶子张量的梯度清零，和 optimizer.zero_grad() 的作用一样</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>停止(&amp;P)</translation>
    </message>
    <message>
        <source>Stop the code that is running (its variables are lost)</source>
        <translation>停止正在运行的代码（它的变量会丢失）</translation>
    </message>
    <message>
        <source>Copy as script</source>
        <translation>复制为脚本</translation>
    </message>
    <message>
        <source>Copy everything run so far as one Python script (what failed is left out, with a comment)</source>
        <translation>把到目前为止运行过的全部代码复制为一个 Python 脚本（失败的代码被略去，并附注释说明）</translation>
    </message>
</context>
<context>
    <name>DetailsBox</name>
    <message>
        <source>Node details</source>
        <translation>节点详情</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Forward value:</source>
        <translation>前向值：</translation>
    </message>
    <message>
        <source>Gradient:</source>
        <translation>梯度：</translation>
    </message>
</context>
<context>
    <name>GraphPane</name>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the whole graph in view</source>
        <translation>让整个计算图显示在视图中</translation>
    </message>
    <message>
        <source>Backward, step by step (the chain rule)</source>
        <translation>一步一步反向传播（链式法则）</translation>
    </message>
    <message>
        <source>Autograd graph</source>
        <translation>自动求导计算图</translation>
    </message>
    <message>
        <source>Forward runs top to bottom; backward walks bottom to top. Wheel zooms, drag pans, click a node for details, double-click collapses.</source>
        <translation>前向传播自上而下，反向传播自下而上。滚轮缩放，拖动平移，单击节点查看详情，双击折叠。</translation>
    </message>
    <message>
        <source>Blue: tensors   Orange: backward functions (grad_fn)   Green: AccumulateGrad (writes .grad of a leaf)   Red: where backward is now</source>
        <translation>蓝色：张量&#x3000;橙色：反向函数（grad_fn）&#x3000;绿色：AccumulateGrad（写入叶子张量的 .grad）&#x3000;红色：反向传播当前所在位置</translation>
    </message>
</context>
</TS>
