<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DataPanel</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>The bundled sample works offline; full MNIST must be downloaded or imported</source>
        <translation>自带的样本无需联网即可使用；完整的 MNIST 需要下载或导入</translation>
    </message>
    <message>
        <source>Bundled sample (10,000 images)</source>
        <translation>自带样本（10,000 张图片）</translation>
    </message>
    <message>
        <source>Full MNIST (60,000 images)</source>
        <translation>完整 MNIST（60,000 张图片）</translation>
    </message>
    <message>
        <source>Download...</source>
        <translation>下载...</translation>
    </message>
    <message>
        <source>Download full MNIST from torchvision&apos;s mirrors (about 11 MB)</source>
        <translation>从 torchvision 的镜像下载完整的 MNIST（约 11 MB）</translation>
    </message>
    <message>
        <source>Import folder...</source>
        <translation>导入文件夹...</translation>
    </message>
    <message>
        <source>Import full MNIST from a folder holding its four files (.gz or not)</source>
        <translation>从包含 MNIST 四个文件（.gz 压缩或未压缩均可）的文件夹导入完整的 MNIST</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Full MNIST</source>
        <translation>完整 MNIST</translation>
    </message>
    <message>
        <source>Full MNIST (not present)</source>
        <translation>完整 MNIST（未找到）</translation>
    </message>
    <message>
        <source>Bundled MNIST sample</source>
        <translation>自带的 MNIST 样本</translation>
    </message>
    <message>
        <source>Downloading full MNIST...</source>
        <translation>正在下载完整的 MNIST...</translation>
    </message>
    <message>
        <source>Checking and importing {0}...</source>
        <translation>正在检查并导入 {0}...</translation>
    </message>
    <message>
        <source>Folder with the four MNIST files</source>
        <translation>包含 MNIST 四个文件的文件夹</translation>
    </message>
    <message>
        <source>{0}: %p%</source>
        <translation>{0}：%p%</translation>
    </message>
    <message>
        <source>Full MNIST is ready in {0}. The run in progress keeps its data; the next run uses full MNIST.</source>
        <translation>完整 MNIST 已就绪，位于 {0}。正在进行的训练继续使用原来的数据；下一次训练将使用完整 MNIST。</translation>
    </message>
    <message>
        <source>MNIST could not be fetched</source>
        <translation>无法获取 MNIST</translation>
    </message>
    <message>
        <source>Cancelled; nothing was kept.</source>
        <translation>已取消；没有保留任何文件。</translation>
    </message>
    <message>
        <source>Full MNIST is not on this computer yet. Download it, or import a folder with its four files.</source>
        <translation>这台电脑上还没有完整的 MNIST。请下载，或者导入包含它四个文件的文件夹。</translation>
    </message>
    <message>
        <source>Full MNIST is ready in {0}.</source>
        <translation>完整的 MNIST 已就绪，位于 {0}。</translation>
    </message>
    <message>
        <source>The sample is real MNIST, bundled with the app: it works offline.</source>
        <translation>样本取自真实的 MNIST，随应用自带：无需联网即可使用。</translation>
    </message>
</context>
</TS>
