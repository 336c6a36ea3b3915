<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalystDialog</name>
    <message>
        <source>Sign in as analyst</source>
        <translation>分析员登记</translation>
    </message>
    <message>
        <source>Every change to a case is recorded with the analyst who made it.
Enter your name or police number.</source>
        <translation>对案件的每一项修改都会记录操作的分析员。
请输入姓名或警号。</translation>
    </message>
    <message>
        <source>Analyst:</source>
        <translation>分析员：</translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <source>Search names, numbers, aliases…</source>
        <translation>搜索名称、号码、别名…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseErrors</name>
    <message>
        <source>{path} was written by a newer version of Zhanlian (case schema {v}; this version reads up to {s}). Open it with the newer version.</source>
        <translation>{path} 由更新版本的斩链写入（案件结构版本 {v}，本版本最高支持 {s}）。请用新版本打开。</translation>
    </message>
    <message>
        <source>it is not a Zhanlian case file</source>
        <translation>不是斩链案件文件</translation>
    </message>
    <message>
        <source>the case file is damaged</source>
        <translation>案件文件已损坏</translation>
    </message>
    <message>
        <source>Cannot open {path}: {reason}.</source>
        <translation>无法打开 {path}：{reason}。</translation>
    </message>
    <message>
        <source>Cannot open {path}: no such file.</source>
        <translation>无法打开 {path}：文件不存在。</translation>
    </message>
    <message>
        <source>A {kind} with the number {key} is already in the case.</source>
        <translation>案件中已有号码为 {key} 的{kind}。</translation>
    </message>
    <message>
        <source>This entity appears in {t} transactions and {c} calls of the evidence, so it cannot be deleted.</source>
        <translation>该实体出现在证据中的 {t} 笔交易和 {c} 次通话里，不能删除。</translation>
    </message>
    <message>
        <source>The case is open read-only; nothing was changed.</source>
        <translation>案件以只读方式打开，未做任何修改。</translation>
    </message>
    <message>
        <source>It is no longer in the case (deleted meanwhile?).</source>
        <translation>案件中已无此项（可能已被删除）。</translation>
    </message>
    <message>
        <source>{field} {value} is not valid.</source>
        <translation>{field} {value} 无效。</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>删除 {name}</translation>
    </message>
    <message>
        <source>Link {a} to {b}</source>
        <translation>关联 {a} 与 {b}</translation>
    </message>
    <message>
        <source>Edit link</source>
        <translation>编辑关联</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>删除关联</translation>
    </message>
    <message>
        <source>Add link type {name}</source>
        <translation>添加关联类型 {name}</translation>
    </message>
    <message>
        <source>Import {files}</source>
        <translation>导入 {files}</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>New entity</source>
        <translation>新建实体</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation>身份证号：</translation>
    </message>
    <message>
        <source>Phone number:</source>
        <translation>手机号码：</translation>
    </message>
    <message>
        <source>Card or account number:</source>
        <translation>卡号/账号：</translation>
    </message>
    <message>
        <source>IMEI:</source>
        <translation>IMEI：</translation>
    </message>
    <message>
        <source>Credit code or registration number:</source>
        <translation>统一社会信用代码/注册号：</translation>
    </message>
    <message>
        <source>Not valid: {reason}</source>
        <translation>无效：{reason}</translation>
    </message>
    <message>
        <source>Enter a name or a number.</source>
        <translation>请输入名称或号码。</translation>
    </message>
    <message>
        <source>Enter the number.</source>
        <translation>请输入号码。</translation>
    </message>
    <message>
        <source>{key}: fails the Luhn check; kept and flagged.</source>
        <translation>{key}：未通过Luhn校验，已保留并标记。</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>card or account number</source>
        <translation>本方卡号/账号</translation>
    </message>
    <message>
        <source>account holder</source>
        <translation>户名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>交易时间</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>time of day</source>
        <translation>时间(时分秒)</translation>
    </message>
    <message>
        <source>debit/credit</source>
        <translation>借贷标志</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>交易金额</translation>
    </message>
    <message>
        <source>amount in</source>
        <translation>收入金额</translation>
    </message>
    <message>
        <source>amount out</source>
        <translation>支出金额</translation>
    </message>
    <message>
        <source>balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>交易流水号</translation>
    </message>
    <message>
        <source>counterparty account</source>
        <translation>对方卡号/账号</translation>
    </message>
    <message>
        <source>counterparty name</source>
        <translation>对方户名</translation>
    </message>
    <message>
        <source>counterparty ID number</source>
        <translation>对方证件号码</translation>
    </message>
    <message>
        <source>counterparty bank</source>
        <translation>对方开户行</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>交易渠道</translation>
    </message>
    <message>
        <source>place</source>
        <translation>交易网点</translation>
    </message>
    <message>
        <source>cash flag</source>
        <translation>现金标志</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP地址</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC地址</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <source>own number</source>
        <translation>本机号码</translation>
    </message>
    <message>
        <source>other number</source>
        <translation>对方号码</translation>
    </message>
    <message>
        <source>calling number</source>
        <translation>主叫号码</translation>
    </message>
    <message>
        <source>called number</source>
        <translation>被叫号码</translation>
    </message>
    <message>
        <source>call type</source>
        <translation>呼叫类型</translation>
    </message>
    <message>
        <source>start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>cell</source>
        <translation>基站</translation>
    </message>
    <message>
        <source>LAC</source>
        <translation>LAC</translation>
    </message>
    <message>
        <source>CI</source>
        <translation>CI</translation>
    </message>
    <message>
        <source>cell address</source>
        <translation>基站地址</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>IMSI</source>
        <translation>IMSI</translation>
    </message>
    <message>
        <source>roaming area</source>
        <translation>漫游地</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>region</source>
        <translation>户籍地/归属地</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <source>empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>not text</source>
        <translation>不是文本</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>长度错误</translation>
    </message>
    <message>
        <source>not all digits</source>
        <translation>含非数字字符</translation>
    </message>
    <message>
        <source>check digit does not match</source>
        <translation>校验位不符</translation>
    </message>
    <message>
        <source>unknown region code</source>
        <translation>未知的行政区划代码</translation>
    </message>
    <message>
        <source>impossible birth date</source>
        <translation>出生日期无效</translation>
    </message>
    <message>
        <source>not a mainland mobile number</source>
        <translation>不是大陆手机号码</translation>
    </message>
    <message>
        <source>16 digits: an IMEISV, not an IMEI</source>
        <translation>16位：这是IMEISV，不是IMEI</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import evidence</source>
        <translation>导入证据</translation>
    </message>
    <message>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Recognise from the headers</source>
        <translation>根据表头自动识别</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Bank statements, call records and card or phone registers as CSV, TXT, XLSX or XLS, in any encoding banks use. Drop files or folders here.</source>
        <translation>银行流水、话单以及银行卡或手机卡登记表，支持 CSV、TXT、XLSX、XLS，兼容银行常用的各种编码。可将文件或文件夹拖放到此处。</translation>
    </message>
    <message>
        <source>The files hold:</source>
        <translation>文件内容：</translation>
    </message>
    <message>
        <source>Bank statements</source>
        <translation>银行流水</translation>
    </message>
    <message>
        <source>Call records</source>
        <translation>话单</translation>
    </message>
    <message>
        <source>Registers of people, cards and phones</source>
        <translation>人员、银行卡、手机卡登记表</translation>
    </message>
    <message>
        <source>Add files</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <source>Evidence files ({f});;All files (*)</source>
        <translation>证据文件 ({f});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>添加文件夹</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Means</source>
        <translation>对应字段</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <source>e.g. 工商银行个人流水</source>
        <translation>例如：工商银行个人流水</translation>
    </message>
    <message>
        <source>Save this mapping as a profile named</source>
        <translation>将此映射保存为方案，名称</translation>
    </message>
    <message>
        <source>Tables found:</source>
        <translation>识别到的表：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Preview (first rows as they will be read):</source>
        <translation>预览（前若干行的读取结果）：</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>（不使用）</translation>
    </message>
    <message>
        <source>Still needed: {fields}</source>
        <translation>尚缺：{fields}</translation>
    </message>
    <message>
        <source>All required columns are mapped.</source>
        <translation>所有必需的列均已映射。</translation>
    </message>
    <message>
        <source>From the title rows: {facts}</source>
        <translation>标题行信息：{facts}</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Importing. The case stays as it was until the import finishes; Cancel leaves it untouched.</source>
        <translation>正在导入。导入完成前案件保持原样；取消则案件不受任何影响。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>The import was cancelled; the case is unchanged.</source>
        <translation>导入已取消，案件未作任何改动。</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Nothing was imported; the case is unchanged.</source>
        <translation>未导入任何内容，案件未作任何改动。</translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <source>Transactions new</source>
        <translation>新增交易</translation>
    </message>
    <message>
        <source>Transactions already in the case</source>
        <translation>案件中已有的交易</translation>
    </message>
    <message>
        <source>Calls new</source>
        <translation>新增通话</translation>
    </message>
    <message>
        <source>Calls already in the case</source>
        <translation>案件中已有的通话</translation>
    </message>
    <message>
        <source>Entities new</source>
        <translation>新增实体</translation>
    </message>
    <message>
        <source>Entities found in the case</source>
        <translation>案件中已有的实体</translation>
    </message>
    <message>
        <source>Rows rejected</source>
        <translation>拒收行数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Export rejected rows…</source>
        <translation>导出拒收行…</translation>
    </message>
    <message>
        <source>Rejected rows (nothing is dropped in silence):</source>
        <translation>拒收行（任何数据都不会被悄悄丢弃）：</translation>
    </message>
    <message>
        <source>{file}: imported before, skipped</source>
        <translation>{file}：此前已导入，已跳过</translation>
    </message>
    <message>
        <source>{file}: not imported ({why})</source>
        <translation>{file}：未导入（{why}）</translation>
    </message>
    <message>
        <source>{file}: {n} rows</source>
        <translation>{file}：{n} 行</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>导出拒收行</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>导入记录</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>New facts</source>
        <translation>新增记录</translation>
    </message>
    <message>
        <source>Already in the case</source>
        <translation>案件中已有</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>bank statement</source>
        <translation>银行流水</translation>
    </message>
    <message>
        <source>call records</source>
        <translation>话单</translation>
    </message>
    <message>
        <source>register</source>
        <translation>登记表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Export rejected rows…</source>
        <translation>导出拒收行…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Rows this import could not read:</source>
        <translation>本次导入无法读取的行：</translation>
    </message>
    <message>
        <source>Nothing has been imported into this case yet.</source>
        <translation>本案件尚未导入任何数据。</translation>
    </message>
    <message>
        <source>Export rejected rows</source>
        <translation>导出拒收行</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>comma-separated</source>
        <translation>以逗号分隔</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <source>Save name, aliases and notes</source>
        <translation>保存名称、别名和备注</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Add region…</source>
        <translation>添加地区…</translation>
    </message>
    <message>
        <source>Remove region</source>
        <translation>移除地区</translation>
    </message>
    <message>
        <source>Identifier:</source>
        <translation>标识号：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation>别名：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Culpability:</source>
        <translation>地位作用：</translation>
    </message>
    <message>
        <source>Legal status:</source>
        <translation>处置状态：</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详细信息：</translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>Place type</source>
        <translation>地点类型</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>New link…</source>
        <translation>新建关联…</translation>
    </message>
    <message>
        <source>Edit link…</source>
        <translation>编辑关联…</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>删除关联</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation>分析员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>History</source>
        <translation>操作记录</translation>
    </message>
    <message>
        <source>Select an entity in the browser or the chart.</source>
        <translation>请在案件浏览器或关系图中选择一个实体。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>invalid ID number</source>
        <translation>身份证号无效</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>born {date}, {sex}, registered in {place}</source>
        <translation>出生日期 {date}，{sex}，户籍地 {place}</translation>
    </message>
    <message>
        <source>fails the Luhn check (kept as the bank reported it)</source>
        <translation>未通过Luhn校验（按银行提供的原样保留）</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>账户类型</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>{t} transactions, {c} calls</source>
        <translation>交易 {t} 笔，通话 {c} 次</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Links ({n})</source>
        <translation>关联（{n}）</translation>
    </message>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>linked</source>
        <translation>建立关联</translation>
    </message>
    <message>
        <source>unlinked</source>
        <translation>解除关联</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>legal status</source>
        <translation>处置状态</translation>
    </message>
    <message>
        <source>culpability</source>
        <translation>地位作用</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>aliases</source>
        <translation>别名</translation>
    </message>
    <message>
        <source>regions</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>标识号</translation>
    </message>
    <message>
        <source>type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Set roles of {name}</source>
        <translation>设置{name}的角色</translation>
    </message>
    <message>
        <source>Set culpability of {name}</source>
        <translation>设置{name}的地位作用</translation>
    </message>
    <message>
        <source>Set legal status of {name}</source>
        <translation>设置{name}的处置状态</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑{name}</translation>
    </message>
    <message>
        <source>Add region to {name}</source>
        <translation>为{name}添加地区</translation>
    </message>
    <message>
        <source>Remove region from {name}</source>
        <translation>移除{name}的地区</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>未建立关联</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>New link from {name}</source>
        <translation>从{name}新建关联</translation>
    </message>
    <message>
        <source>Reverse direction (the other entity is the source)</source>
        <translation>反向（以另一实体为起点）</translation>
    </message>
    <message>
        <source>Find the other entity by name or number</source>
        <translation>按名称或号码查找另一实体</translation>
    </message>
    <message>
        <source>New type…</source>
        <translation>新建类型…</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Other entity:</source>
        <translation>另一实体：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>可信度：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>LinkEditDialog</name>
    <message>
        <source>Edit link {a} → {b}</source>
        <translation>编辑关联 {a} → {b}</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>可信度：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
</context>
<context>
    <name>LinkTypeDialog</name>
    <message>
        <source>New link type</source>
        <translation>新建关联类型</translation>
    </message>
    <message>
        <source>rents card to</source>
        <translation>出租卡给</translation>
    </message>
    <message>
        <source>Directed (reads from source to target)</source>
        <translation>有方向（由起点指向终点）</translation>
    </message>
    <message>
        <source>English name:</source>
        <translation>英文名称：</translation>
    </message>
    <message>
        <source>Chinese name:</source>
        <translation>中文名称：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Case browser</source>
        <translation>案件浏览器</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性面板</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建案件(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>打开案件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import evidence…</source>
        <translation>导入证据(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>导入记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>关闭案件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>New &amp;entity…</source>
        <translation>新建实体(&amp;E)…</translation>
    </message>
    <message>
        <source>New &amp;link from selection…</source>
        <translation>从所选实体新建关联(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Delete entity</source>
        <translation>删除实体(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Mask ID and card numbers</source>
        <translation>身份证号和卡号脱敏(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;About Zhanlian</source>
        <translation>关于斩链(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>Zhanlian</source>
        <translation>斩链</translation>
    </message>
    <message>
        <source>Read-only: this case is open elsewhere — {who}. You can look, but changes are disabled so that the case never has two writers.</source>
        <translation>只读：该案件已在别处打开——{who}。可以查看，但修改已禁用，以确保同一案件不会被两处同时写入。</translation>
    </message>
    <message>
        <source>{analyst} on {host} since {since}</source>
        <translation>{analyst}（{host}，自 {since} 起）</translation>
    </message>
    <message>
        <source>Read-only: the case was opened for viewing only.</source>
        <translation>只读：案件以仅查看方式打开。</translation>
    </message>
    <message>
        <source>{people} people · {cards} bank cards · {phones} phone cards · {devices} devices · {orgs} organisations · {links} links · {txns} transactions · {calls} calls</source>
        <translation>人员 {people} · 银行卡 {cards} · 手机卡 {phones} · 设备 {devices} · 组织 {orgs} · 关联 {links} · 交易 {txns} · 通话 {calls}</translation>
    </message>
    <message>
        <source>Delete entity</source>
        <translation>删除实体</translation>
    </message>
    <message>
        <source>Delete {name} and its {n} links from the case? You can undo this.</source>
        <translation>从案件中删除{name}及其 {n} 条关联？此操作可撤销。</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Zhanlian cases (*.zlcase)</source>
        <translation>斩链案件文件 (*.zlcase)</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Zhanlian cases (*.zlcase);;All files (*)</source>
        <translation>斩链案件文件 (*.zlcase);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About Zhanlian</source>
        <translation>关于斩链</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Zhanlian 斩链&lt;/h3&gt;&lt;p&gt;A workbench for anti-fraud case squads: one case file for every suspect, phone card and bank card of a gang; links, roles, regions and the money trail.&lt;/p&gt;&lt;p&gt;Case data stays on this workstation.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;斩链 Zhanlian&lt;/h3&gt;&lt;p&gt;反诈专案组研判工作台：一个案件文件汇集团伙的全部嫌疑人、手机卡和银行卡，以及关联、角色、地区和资金链路。&lt;/p&gt;&lt;p&gt;案件数据仅保存在本工作站。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>未删除</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Neighbourhood</name>
    <message>
        <source>¥{n:.1f}万</source>
        <translation>¥{n:.1f}万</translation>
    </message>
</context>
<context>
    <name>NeighbourhoodView</name>
    <message>
        <source>Select an entity to see its links, money and calls around it.</source>
        <translation>选择一个实体，查看其周边的关联、资金和通话。</translation>
    </message>
    <message>
        <source>{n} neighbours of {name}</source>
        <translation>{name}的关联对象 {n} 个</translation>
    </message>
    <message>
        <source>({n} more not shown)</source>
        <translation>（另有 {n} 个未显示）</translation>
    </message>
    <message>
        <source>Click a neighbour to move there.</source>
        <translation>点击关联对象可跳转至该对象。</translation>
    </message>
    <message>
        <source>{n} calls</source>
        <translation>通话 {n} 次</translation>
    </message>
</context>
<context>
    <name>RegionDialog</name>
    <message>
        <source>Add region</source>
        <translation>添加地区</translation>
    </message>
    <message>
        <source>石柱, Chongqing, 500240, 缅北…</source>
        <translation>石柱、重庆、500240、缅北…</translation>
    </message>
    <message>
        <source>Place type:</source>
        <translation>地点类型：</translation>
    </message>
</context>
<context>
    <name>Rejections</name>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>call type</source>
        <translation>呼叫类型</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>借贷标志</translation>
    </message>
    <message>
        <source>direction (constant)</source>
        <translation>借贷标志（固定值）</translation>
    </message>
    <message>
        <source>duration</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <source>start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>card number (from title)</source>
        <translation>卡号（标题行）</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>own number</source>
        <translation>本机号码</translation>
    </message>
    <message>
        <source>other number</source>
        <translation>对方号码</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>not a time</source>
        <translation>不是时间</translation>
    </message>
    <message>
        <source>unknown debit/credit mark</source>
        <translation>无法识别的借贷标志</translation>
    </message>
    <message>
        <source>not a duration</source>
        <translation>不是时长</translation>
    </message>
    <message>
        <source>unknown call type</source>
        <translation>无法识别的呼叫类型</translation>
    </message>
    <message>
        <source>both in and out given</source>
        <translation>收入与支出同时有值</translation>
    </message>
    <message>
        <source>not an IMEI</source>
        <translation>不是有效的IMEI</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>不是电话号码</translation>
    </message>
    <message>
        <source>set it in the mapping</source>
        <translation>请在映射中设置</translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation>长度不对</translation>
    </message>
    <message>
        <source>not all digits</source>
        <translation>含非数字字符</translation>
    </message>
    <message>
        <source>check digit does not match</source>
        <translation>校验位不符</translation>
    </message>
    <message>
        <source>unknown region code</source>
        <translation>地区代码无效</translation>
    </message>
    <message>
        <source>impossible birth date</source>
        <translation>出生日期不存在</translation>
    </message>
    <message>
        <source>not a mainland mobile number</source>
        <translation>不是大陆手机号码</translation>
    </message>
    <message>
        <source>16 digits: an IMEISV, not an IMEI</source>
        <translation>16位：是IMEISV，不是IMEI</translation>
    </message>
    <message>
        <source>repeated header row</source>
        <translation>重复的表头行</translation>
    </message>
    <message>
        <source>total or footer line, not a record</source>
        <translation>合计行或表尾，不是记录</translation>
    </message>
    <message>
        <source>no identifier (ID number, phone, card or IMEI)</source>
        <translation>缺少标识（身份证号、手机号、卡号或IMEI）</translation>
    </message>
    <message>
        <source>missing {what}</source>
        <translation>缺少{what}</translation>
    </message>
    <message>
        <source>too few cells ({n}, header has {m})</source>
        <translation>单元格过少（{n} 个，表头有 {m} 个）</translation>
    </message>
    <message>
        <source>too many cells ({n}, header has {m})</source>
        <translation>单元格过多（{n} 个，表头有 {m} 个）</translation>
    </message>
    <message>
        <source>{subject}: {problem}</source>
        <translation>{subject}：{problem}</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>phone card</source>
        <translation>手机卡</translation>
    </message>
    <message>
        <source>bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Phone cards</source>
        <translation>手机卡</translation>
    </message>
    <message>
        <source>Bank cards</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>organiser</source>
        <translation>金主/组织者</translation>
    </message>
    <message>
        <source>core member</source>
        <translation>骨干成员</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>话务员</translation>
    </message>
    <message>
        <source>car handler</source>
        <translation>车手</translation>
    </message>
    <message>
        <source>card seller</source>
        <translation>卡商</translation>
    </message>
    <message>
        <source>card supplier</source>
        <translation>卡农</translation>
    </message>
    <message>
        <source>score runner</source>
        <translation>跑分</translation>
    </message>
    <message>
        <source>money launderer</source>
        <translation>洗钱</translation>
    </message>
    <message>
        <source>traffic driver</source>
        <translation>引流推广</translation>
    </message>
    <message>
        <source>tech support</source>
        <translation>技术支持</translation>
    </message>
    <message>
        <source>border-crossing organiser</source>
        <translation>偷越国边境组织者</translation>
    </message>
    <message>
        <source>victim</source>
        <translation>受害人</translation>
    </message>
    <message>
        <source>principal</source>
        <translation>首要分子</translation>
    </message>
    <message>
        <source>main offender</source>
        <translation>主犯</translation>
    </message>
    <message>
        <source>accessory</source>
        <translation>从犯</translation>
    </message>
    <message>
        <source>at large</source>
        <translation>在逃</translation>
    </message>
    <message>
        <source>detained</source>
        <translation>刑事拘留</translation>
    </message>
    <message>
        <source>on bail</source>
        <translation>取保候审</translation>
    </message>
    <message>
        <source>arrested</source>
        <translation>逮捕</translation>
    </message>
    <message>
        <source>transferred for prosecution</source>
        <translation>移送起诉</translation>
    </message>
    <message>
        <source>sentenced</source>
        <translation>判决</translation>
    </message>
    <message>
        <source>administrative penalty</source>
        <translation>行政处罚</translation>
    </message>
    <message>
        <source>joint punishment</source>
        <translation>联合惩戒</translation>
    </message>
    <message>
        <source>stop payment</source>
        <translation>止付</translation>
    </message>
    <message>
        <source>freeze</source>
        <translation>冻结</translation>
    </message>
    <message>
        <source>seizure</source>
        <translation>扣押</translation>
    </message>
    <message>
        <source>returned to victims</source>
        <translation>返还</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>household registration</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>phone attribution</source>
        <translation>号码归属地</translation>
    </message>
    <message>
        <source>account opening</source>
        <translation>开户地</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>活动地</translation>
    </message>
    <message>
        <source>arrest</source>
        <translation>抓获地</translation>
    </message>
    <message>
        <source>gang</source>
        <translation>团伙</translation>
    </message>
    <message>
        <source>team</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>inferred from the ID number</source>
        <translation>由身份证号推断</translation>
    </message>
    <message>
        <source>inferred from the number segment</source>
        <translation>由号段推断</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>持有</translation>
    </message>
    <message>
        <source>uses</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>pays</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>member of</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>reports to</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>recruited</source>
        <translation>招募</translation>
    </message>
    <message>
        <source>related</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>money</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>处置状态</translation>
    </message>
    <message>
        <source>Household region</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关联数</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Opened in</source>
        <translation>开户地</translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>运营商</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>号码归属地</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话次数</translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员数</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织名称</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Zhanlian</source>
        <translation>斩链</translation>
    </message>
    <message>
        <source>Case upgraded from schema {v}; backup kept at {b}</source>
        <translation>案件文件已从第 {v} 版数据结构升级，备份保存在 {b}</translation>
    </message>
    <message>
        <source>Building the demo case…</source>
        <translation>正在生成演示案件…</translation>
    </message>
</context>
</TS>
