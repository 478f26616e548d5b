<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FeatureMapGrid</name>
    <message>
        <source>channel {0}</source>
        <translation>通道 {0}</translation>
    </message>
</context>
</TS>
