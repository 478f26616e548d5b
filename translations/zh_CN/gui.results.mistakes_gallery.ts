<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MistakesGallery</name>
    <message>
        <source>Test images of the chosen cell</source>
        <translation>所选格子中的测试图片</translation>
    </message>
    <message>
        <source>Each image: true digit, what the network read, and its probability. Click one to open it in the Draw tab.</source>
        <translation>每张图片标有：真实数字、网络识别出的数字及其概率。点击一张即可在手写选项卡中打开。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its test images. Off the diagonal are the mistakes.</source>
        <translation>点击矩阵中的格子查看其中的测试图片。对角线以外的都是识别错误的。</translation>
    </message>
    <message>
        <source>{0} read right: {1} images, showing {2}, most confident first.</source>
        <translation>识别正确的 {0}：共 {1} 张，显示 {2} 张，最有把握的排在前面。</translation>
    </message>
    <message>
        <source>True {0} read as {1}: {2} images, showing {3}, most confident first.</source>
        <translation>真实为 {0} 却被识别成 {1}：共 {2} 张，显示 {3} 张，最有把握的排在前面。</translation>
    </message>
    <message>
        <source>{0}→{1} {2:.0%}</source>
        <translation>{0}→{1}：{2:.0%}</translation>
    </message>
</context>
</TS>
