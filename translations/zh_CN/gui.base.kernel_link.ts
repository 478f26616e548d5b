<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>KernelLink</name>
    <message>
        <source>Tensors</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Autograd</source>
        <translation>自动求导</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>A fresh Python process has started for your code, so your variables are gone: run the earlier steps again to get them back.</source>
        <translation>已为你的代码启动了一个新的 Python 进程，之前的变量都没有了：重新运行前面的步骤就能找回来。</translation>
    </message>
    <message>
        <source>The Python process that runs typed code was ended from outside the app ({0}: the operating system, short of memory, or another program). A fresh one has started, so the variables here are gone: run the earlier steps again to get them back.</source>
        <translation>运行输入代码的 Python 进程被应用之外的力量结束了（{0}：可能是内存不足的操作系统，或者别的程序）。新的进程已经启动，所以这里的变量都没了：请重新运行前面的步骤把它们找回来。</translation>
    </message>
    <message>
        <source>The Python process that runs typed code stopped by itself ({0}). A fresh one has started, so the variables here are gone: run the earlier steps again to get them back.</source>
        <translation>运行代码的 Python 进程自己停止了（{0}）。已经启动了新的进程，这里的变量都没有了：重新运行前面的步骤就能找回来。</translation>
    </message>
    <message>
        <source>Computing a question&apos;s answer stopped the Python process that runs typed code. A fresh one has started, so the variables here are gone: run the earlier steps again to get them back.</source>
        <translation>计算一道题的答案时，运行输入代码的 Python 进程停止了。新的进程已经启动，所以这里的变量都没有了：把前面的步骤再运行一遍即可找回。</translation>
    </message>
    <message>
        <source>Code in the {0} tab stopped the Python process that runs typed code. A fresh one has started, so the variables here are gone too: run the earlier steps again to get them back.</source>
        <translation>{0}选项卡中的代码使运行代码的 Python 进程停止了。已经启动了新的进程，这里的变量也没有了：重新运行前面的步骤就能找回来。</translation>
    </message>
    <message>
        <source>Line {0} ({1}) ran longer than {2} seconds and was stopped.</source>
        <translation>第 {0} 行（{1}）运行超过 {2} 秒，已被停止。</translation>
    </message>
    <message>
        <source>Your code ran, but showing its result took longer than {0} seconds, so it was stopped.</source>
        <translation>代码已运行，但显示结果用了超过 {0} 秒，所以被停止了。</translation>
    </message>
    <message>
        <source>This ran longer than {0} seconds and was stopped.</source>
        <translation>运行超过 {0} 秒，已被停止。</translation>
    </message>
    <message>
        <source>Stopped before anything ran.</source>
        <translation>在运行任何代码之前就已停止。</translation>
    </message>
    <message>
        <source>You stopped line {0} ({1}).</source>
        <translation>你停止了第 {0} 行（{1}）。</translation>
    </message>
    <message>
        <source>You stopped it.</source>
        <translation>你停止了运行。</translation>
    </message>
    <message>
        <source>Line {0} ({1}) crashed the Python process that runs your code ({2}).</source>
        <translation>第 {0} 行（{1}）使运行代码的 Python 进程崩溃了（{2}）。</translation>
    </message>
    <message>
        <source>Showing the result crashed the Python process that runs your code ({0}): a tensor whose memory was changed behind its back can do that.</source>
        <translation>显示结果时运行代码的 Python 进程崩溃了（{0}）：如果张量的内存被暗中改动，就可能这样。</translation>
    </message>
    <message>
        <source>The Python process that runs your code crashed ({0}).</source>
        <translation>运行代码的 Python 进程崩溃了（{0}）。</translation>
    </message>
    <message>
        <source>The operating system ended the Python process that runs your code, most likely because the computer ran out of memory.</source>
        <translation>操作系统结束了运行代码的 Python 进程，最可能的原因是电脑内存不足。</translation>
    </message>
    <message>
        <source>Line {0} ({1}) used more memory than typed code may use ({2}) and was stopped.</source>
        <translation>第 {0} 行（{1}）使用的内存超过了代码允许使用的上限（{2}），已被停止。</translation>
    </message>
    <message>
        <source>This used more memory than typed code may use ({0}) and was stopped.</source>
        <translation>使用的内存超过了代码允许使用的上限（{0}），已被停止。</translation>
    </message>
    <message>
        <source>The Python process that runs your code sent back something the app cannot read, so it was stopped to keep the app safe.</source>
        <translation>运行代码的 Python 进程返回了应用无法读取的内容，为了应用的安全已将它停止。</translation>
    </message>
    <message>
        <source>The Python process that runs typed code could not start. Try again; if this keeps happening, restart the app. ({0})</source>
        <translation>无法启动运行代码的 Python 进程。请再试一次；如果一直这样，请重启应用。（{0}）</translation>
    </message>
    <message>
        <source>That code is too long to run at once (more than {0} characters): run it in parts.</source>
        <translation>代码太长，无法一次运行（超过 {0} 个字符）：请分几部分运行。</translation>
    </message>
    <message>
        <source>Something went wrong inside the app while running your code; your variables are kept. ({0})</source>
        <translation>运行代码时应用内部出错了；你的变量都还在。（{0}）</translation>
    </message>
    <message>
        <source>The app is closing.</source>
        <translation>应用正在关闭。</translation>
    </message>
</context>
</TS>
