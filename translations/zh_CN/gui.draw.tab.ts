<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DrawTab</name>
    <message>
        <source>Loading the bundled model...</source>
        <translation>正在加载自带的模型...</translation>
    </message>
    <message>
        <source>bundled pretrained</source>
        <translation>自带的预训练模型</translation>
    </message>
    <message>
        <source>trained just now</source>
        <translation>刚刚训练的</translation>
    </message>
    <message>
        <source>loaded from {0}</source>
        <translation>从 {0} 加载</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}，{1}</translation>
    </message>
    <message>
        <source>{0}, {1}, test accuracy {2:.2%}</source>
        <translation>{0}，{1}，测试集准确率 {2:.2%}</translation>
    </message>
    <message>
        <source>What the network sees ({0}x{0})</source>
        <translation>网络看到的内容（{0}x{0}）</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>{0}, {1}, test accuracy {2:.2%} on full MNIST&apos;s 10,000 test images</source>
        <translation>{0}，{1}，测试集准确率 {2:.2%}（完整 MNIST 的 10,000 张测试图片）</translation>
    </message>
    <message>
        <source>{0}, {1}, test accuracy {2:.2%} on the bundled sample&apos;s test images</source>
        <translation>{0}，{1}，测试集准确率 {2:.2%}（自带样本的测试图片）</translation>
    </message>
    <message>
        <source>{0}, {1}, test accuracy {2:.2%} on the test images of {3}</source>
        <translation>{0}，{1}，测试集准确率 {2:.2%}（{3}的测试图片）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Where it looks</source>
        <translation>它在看哪里</translation>
    </message>
    <message>
        <source>Answering: {0}</source>
        <translation>识别模型：{0}</translation>
    </message>
    <message>
        <source>The {0} trained just now answers. The one it replaced reads digits better: {1}. Draw the same digit with each to see the difference.</source>
        <translation>现在由刚训练好的 {0} 来识别。被它替换的模型识别得更好：{1}。用两个模型分别识别同一个数字，看看差别。</translation>
    </message>
    <message>
        <source>Use the better one</source>
        <translation>改用更好的模型</translation>
    </message>
    <message>
        <source>Let the model used before answer again</source>
        <translation>让之前的模型重新来识别</translation>
    </message>
    <message>
        <source>The {0} trained just now reached only {1:.1%} test accuracy (below {2:.0%}), so it does not replace the model in use. You can still try it.</source>
        <translation>刚训练好的 {0} 测试准确率只有 {1:.1%}（低于 {2:.0%}），所以没有替换正在使用的模型。你仍然可以试试它。</translation>
    </message>
    <message>
        <source>Use it anyway</source>
        <translation>仍然使用它</translation>
    </message>
    <message>
        <source>Let the model trained just now answer, however well it did</source>
        <translation>不管效果如何，都让刚训练好的模型来识别</translation>
    </message>
    <message>
        <source>{0}  ({1:.0%})</source>
        <translation>{0}（{1:.0%}）</translation>
    </message>
    <message>
        <source>loading model...</source>
        <translation>正在加载模型...</translation>
    </message>
    <message>
        <source>draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse, a pen or a finger. Right-click or Esc clears.</source>
        <translation>用鼠标、手写笔或手指写一个数字。右键单击或按 Esc 清空。</translation>
    </message>
    <message>
        <source>Test digit #{0}, labelled {1}. Draw over it, or clear.</source>
        <translation>测试集第 {0} 号数字，标签是 {1}。可以在上面接着写，或者清空。</translation>
    </message>
</context>
</TS>
