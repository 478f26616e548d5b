<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>TrainSettingsForm</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>MLP, as in the lesson</source>
        <translation>MLP（与课程相同）</translation>
    </message>
    <message>
        <source>LeNet (CNN)</source>
        <translation>LeNet（卷积神经网络）</translation>
    </message>
    <message>
        <source>none, as in the lesson</source>
        <translation>无（与课程相同）</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>SGD, as in the lesson</source>
        <translation>SGD（与课程相同）</translation>
    </message>
    <message>
        <source>SGD with momentum 0.9</source>
        <translation>SGD，动量 0.9</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>auto ({0})</source>
        <translation>自动（{0}）</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>网络(&amp;N)：</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>The lesson&apos;s MLP (three Linear layers) or its LeNet CNN</source>
        <translation>课程中的 MLP（三个全连接层）或 LeNet 卷积神经网络</translation>
    </message>
    <message>
        <source>&amp;Activation:</source>
        <translation>激活函数(&amp;A)：</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>The lesson&apos;s MLP has no activation, so it is one linear map</source>
        <translation>课程中的 MLP 没有激活函数，所以整个网络只是一个线性映射</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮次(&amp;E)：</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Passes over the training set</source>
        <translation>遍历训练集的次数</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Images per gradient step (the lesson uses 32)</source>
        <translation>每一步梯度更新用的图片数（课程中用 32）</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of the optimizer (the lesson uses 0.01); change it during a run and the next batch uses it</source>
        <translation>优化器的步长（课程中用 0.01）；训练中修改，下一个批次就会用新的值</translation>
    </message>
    <message>
        <source>Decay &amp;every (epochs):</source>
        <translation>衰减间隔(&amp;E)（轮次）：</translation>
    </message>
    <message>
        <source>Learning rate decay interval</source>
        <translation>学习率衰减间隔</translation>
    </message>
    <message>
        <source>Step decay: every this many epochs the learning rate is multiplied by the factor (0: off)</source>
        <translation>阶梯衰减：每隔这么多个轮次，学习率乘以衰减系数（0：关闭）</translation>
    </message>
    <message>
        <source>Decay &amp;factor:</source>
        <translation>衰减系数(&amp;F)：</translation>
    </message>
    <message>
        <source>Learning rate decay factor</source>
        <translation>学习率衰减系数</translation>
    </message>
    <message>
        <source>What step decay multiplies the learning rate by</source>
        <translation>阶梯衰减时学习率要乘的系数</translation>
    </message>
    <message>
        <source>&amp;Optimizer:</source>
        <translation>优化器(&amp;O)：</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Plain SGD as in the lesson, SGD with momentum, or Adam</source>
        <translation>课程中的普通 SGD、带动量的 SGD，或 Adam</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>随机种子(&amp;S)：</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Same seed and settings give the same numbers</source>
        <translation>相同的种子和设置会得到相同的结果</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where training runs; auto picks the GPU when there is one</source>
        <translation>在哪里训练；“自动”会在有 GPU 时使用 GPU</translation>
    </message>
</context>
</TS>
