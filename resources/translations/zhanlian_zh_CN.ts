<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Analysis</name>
    <message>
        <source>fast in, fast out</source>
        <translation>快进快出</translation>
    </message>
    <message>
        <source>fan-in (many payers)</source>
        <translation>分散转入、集中转出</translation>
    </message>
    <message>
        <source>fan-out (many payees)</source>
        <translation>集中转入、分散转出</translation>
    </message>
    <message>
        <source>late-night cash</source>
        <translation>深夜取现</translation>
    </message>
    <message>
        <source>new account, heavy use</source>
        <translation>新开户即大额交易</translation>
    </message>
    <message>
        <source>one handset, many SIMs</source>
        <translation>一机多卡</translation>
    </message>
    <message>
        <source>one SIM, many handsets</source>
        <translation>一卡多机</translation>
    </message>
    <message>
        <source>many cards held (card dealer)</source>
        <translation>一人多卡（卡商）</translation>
    </message>
    <message>
        <source>many callers (hot number)</source>
        <translation>多人呼叫同一号码</translation>
    </message>
    <message>
        <source>phone switch</source>
        <translation>换号</translation>
    </message>
    <message>
        <source>companions (same cell, same time)</source>
        <translation>伴随（同基站同时段）</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>money</source>
        <translation>资金</translation>
    </message>
    <message>
        <source>analyst links</source>
        <translation>人工关系</translation>
    </message>
    <message>
        <source>all (weighted)</source>
        <translation>全部（加权）</translation>
    </message>
    <message>
        <source>degree</source>
        <translation>度</translation>
    </message>
    <message>
        <source>weighted degree</source>
        <translation>加权度</translation>
    </message>
    <message>
        <source>betweenness</source>
        <translation>中介中心性</translation>
    </message>
    <message>
        <source>PageRank</source>
        <translation>PageRank</translation>
    </message>
    <message>
        <source>eigenvector</source>
        <translation>特征向量中心性</translation>
    </message>
    <message>
        <source>cash withdrawal</source>
        <translation>取现</translation>
    </message>
    <message>
        <source>third-party platform</source>
        <translation>第三方平台</translation>
    </message>
    <message>
        <source>crypto dealer</source>
        <translation>虚拟币交易</translation>
    </message>
    <message>
        <source>unknown counterpart</source>
        <translation>去向不明</translation>
    </message>
    <message>
        <source>level {n}</source>
        <translation>{n}级卡</translation>
    </message>
</context>
<context>
    <name>AnalysisCommands</name>
    <message>
        <source>Confirm finding {name}</source>
        <translation>确认线索 {name}</translation>
    </message>
    <message>
        <source>Dismiss finding {name}</source>
        <translation>排除线索 {name}</translation>
    </message>
    <message>
        <source>Clear verdict on {name}</source>
        <translation>清除线索结论 {name}</translation>
    </message>
    <message>
        <source>the verdict on {name}</source>
        <translation>对 {name} 的研判结论</translation>
    </message>
    <message>
        <source>Record {action} on {name}</source>
        <translation>登记{action}：{name}</translation>
    </message>
    <message>
        <source>Delete measure on {name}</source>
        <translation>删除措施：{name}</translation>
    </message>
</context>
<context>
    <name>AnalysisFields</name>
    <message>
        <source>inflows</source>
        <extracomment>Measures and parameters of findings (``Finding.metrics`` / ``Finding.params`` keys).</extracomment>
        <translation>流入笔数</translation>
    </message>
    <message>
        <source>passed on fast</source>
        <translation>快速转出笔数</translation>
    </message>
    <message>
        <source>in</source>
        <translation>流入</translation>
    </message>
    <message>
        <source>passed on</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>share passed on</source>
        <translation>转出比例</translation>
    </message>
    <message>
        <source>payers</source>
        <translation>付款方数</translation>
    </message>
    <message>
        <source>payees</source>
        <translation>收款方数</translation>
    </message>
    <message>
        <source>out</source>
        <translation>流出</translation>
    </message>
    <message>
        <source>outflows</source>
        <translation>流出笔数</translation>
    </message>
    <message>
        <source>first</source>
        <translation>首笔</translation>
    </message>
    <message>
        <source>last</source>
        <translation>末笔</translation>
    </message>
    <message>
        <source>withdrawals</source>
        <translation>取现笔数</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>nights</source>
        <translation>夜数</translation>
    </message>
    <message>
        <source>places</source>
        <translation>地点数</translation>
    </message>
    <message>
        <source>cards alongside</source>
        <translation>同行卡数</translation>
    </message>
    <message>
        <source>opened on</source>
        <translation>开户日</translation>
    </message>
    <message>
        <source>opening date from</source>
        <translation>开户日来源</translation>
    </message>
    <message>
        <source>transactions</source>
        <translation>交易笔数</translation>
    </message>
    <message>
        <source>received</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>members</source>
        <translation>成员数</translation>
    </message>
    <message>
        <source>bank cards</source>
        <translation>银行卡数</translation>
    </message>
    <message>
        <source>phone cards</source>
        <translation>手机卡数</translation>
    </message>
    <message>
        <source>payment accounts</source>
        <translation>支付账户</translation>
    </message>
    <message>
        <source>crypto wallets</source>
        <translation>加密钱包</translation>
    </message>
    <message>
        <source>in others&apos; names</source>
        <translation>他人名下</translation>
    </message>
    <message>
        <source>callers</source>
        <translation>主叫数</translation>
    </message>
    <message>
        <source>one-way callers</source>
        <translation>单向主叫数</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话次数</translation>
    </message>
    <message>
        <source>window (min)</source>
        <translation>时间窗（分钟）</translation>
    </message>
    <message>
        <source>min. inflow</source>
        <translation>最低流入</translation>
    </message>
    <message>
        <source>min. share passed on</source>
        <translation>最低转出比例</translation>
    </message>
    <message>
        <source>min. events</source>
        <translation>最少次数</translation>
    </message>
    <message>
        <source>window (days)</source>
        <translation>时间窗（天）</translation>
    </message>
    <message>
        <source>min. payers</source>
        <translation>最少付款方</translation>
    </message>
    <message>
        <source>min. inflows</source>
        <translation>最少流入笔数</translation>
    </message>
    <message>
        <source>min. amount</source>
        <translation>最低金额</translation>
    </message>
    <message>
        <source>out within (days)</source>
        <translation>转出期限（天）</translation>
    </message>
    <message>
        <source>min. payees</source>
        <translation>最少收款方</translation>
    </message>
    <message>
        <source>in within (days)</source>
        <translation>转入期限（天）</translation>
    </message>
    <message>
        <source>from hour</source>
        <translation>起始时</translation>
    </message>
    <message>
        <source>to hour</source>
        <translation>截止时</translation>
    </message>
    <message>
        <source>min. withdrawals</source>
        <translation>最少取现笔数</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>min. transactions</source>
        <translation>最少交易笔数</translation>
    </message>
    <message>
        <source>settling days</source>
        <translation>观察天数</translation>
    </message>
    <message>
        <source>min. SIMs</source>
        <translation>最少SIM卡</translation>
    </message>
    <message>
        <source>min. handsets</source>
        <translation>最少手机</translation>
    </message>
    <message>
        <source>min. bank cards</source>
        <translation>最少银行卡</translation>
    </message>
    <message>
        <source>min. phone cards</source>
        <translation>最少手机卡</translation>
    </message>
    <message>
        <source>min. callers</source>
        <translation>最少主叫</translation>
    </message>
    <message>
        <source>SMS counted</source>
        <translation>计入短信</translation>
    </message>
    <message>
        <source>passed on whole</source>
        <translation>整笔转出笔数</translation>
    </message>
    <message>
        <source>min. share passed on whole</source>
        <translation>整笔转出最低比例</translation>
    </message>
    <message>
        <source>whole within (min)</source>
        <translation>整笔转出时限（分钟）</translation>
    </message>
    <message>
        <source>called back</source>
        <translation>回拨号码数</translation>
    </message>
    <message>
        <source>roles in the case</source>
        <translation>案件中的角色</translation>
    </message>
    <message>
        <source>gap (days)</source>
        <translation>间隔（天）</translation>
    </message>
    <message>
        <source>contact overlap</source>
        <translation>联系人重合度</translation>
    </message>
    <message>
        <source>new number&apos;s calls</source>
        <translation>新号通话数</translation>
    </message>
    <message>
        <source>new number&apos;s contacts</source>
        <translation>新号联系人数</translation>
    </message>
    <message>
        <source>new number first seen</source>
        <translation>新号首次出现</translation>
    </message>
    <message>
        <source>new number last seen</source>
        <translation>新号末次出现</translation>
    </message>
    <message>
        <source>old number&apos;s calls</source>
        <translation>旧号通话数</translation>
    </message>
    <message>
        <source>old number&apos;s contacts</source>
        <translation>旧号联系人数</translation>
    </message>
    <message>
        <source>old number first seen</source>
        <translation>旧号首次出现</translation>
    </message>
    <message>
        <source>old number last seen</source>
        <translation>旧号末次出现</translation>
    </message>
    <message>
        <source>shared cells</source>
        <translation>共同基站</translation>
    </message>
    <message>
        <source>shared contacts</source>
        <translation>共同联系人数</translation>
    </message>
    <message>
        <source>shared handsets</source>
        <translation>共用手机</translation>
    </message>
    <message>
        <source>contacts in common</source>
        <translation>共同联系人</translation>
    </message>
    <message>
        <source>max. contact degree</source>
        <translation>联系人最大度数</translation>
    </message>
    <message>
        <source>max. gap (days)</source>
        <translation>最大间隔（天）</translation>
    </message>
    <message>
        <source>max. overlap (days)</source>
        <translation>最大重叠（天）</translation>
    </message>
    <message>
        <source>min. calls</source>
        <translation>最少通话</translation>
    </message>
    <message>
        <source>min. contact overlap</source>
        <translation>最低联系人重合度</translation>
    </message>
    <message>
        <source>min. shared contacts</source>
        <translation>最少共同联系人</translation>
    </message>
    <message>
        <source>quiet for (days)</source>
        <translation>沉默期（天）</translation>
    </message>
    <message>
        <source>cells</source>
        <translation>基站</translation>
    </message>
    <message>
        <source>co-sightings</source>
        <translation>同现次数</translation>
    </message>
    <message>
        <source>min. days</source>
        <translation>最少天数</translation>
    </message>
</context>
<context>
    <name>AnalysisPanels</name>
    <message>
        <source>Findings</source>
        <translation>研判线索</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>关系网络</translation>
    </message>
    <message>
        <source>Trace money</source>
        <translation>资金追踪</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Leads across cases</source>
        <translation>跨案线索</translation>
    </message>
    <message>
        <source>Region summary</source>
        <translation>地区汇总</translation>
    </message>
    <message>
        <source>(and {n} more)</source>
        <translation>（另有 {n} 条）</translation>
    </message>
</context>
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
    <name>CallAnalysisDialog</name>
    <message>
        <source>Call records: {who}</source>
        <translation>话单分析：{who}</translation>
    </message>
    <message>
        <source>Strongest contacts</source>
        <translation>亲密联系人</translation>
    </message>
    <message>
        <source>Daily routine</source>
        <translation>作息规律</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>活动地点</translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <source>Search names, numbers, aliases…</source>
        <extracomment>several rows selected (Ctrl/Shift-click): the current one first the row&apos;s context menu asks to put the selected entities on the current chart</extracomment>
        <translation>搜索名称、号码、别名…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n to the chart</source>
        <translation>
            <numerusform>将 %n 项加入关系图</numerusform>
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
        <source>it is not a regular file (a pipe, device or socket)</source>
        <translation>它不是普通文件（管道、设备或套接字）</translation>
    </message>
    <message>
        <source>you do not have permission to read it</source>
        <translation>您没有读取它的权限</translation>
    </message>
    <message>
        <source>Cannot open {path}: {reason}.</source>
        <translation>无法打开 {path}：{reason}。</translation>
    </message>
    <message>
        <source>{path} is open in a running session ({who}); its lock cannot be broken. Close the case there first.</source>
        <translation>{path} 正在一个运行中的会话中打开（{who}）；无法解除其锁定。请先在那里关闭案件。</translation>
    </message>
    <message>
        <source>The lock of {path}: {reason}.</source>
        <translation>{path} 的锁：{reason}。</translation>
    </message>
    <message>
        <source>Nothing could be recovered from {path}: {reason}.</source>
        <translation>无法从 {path} 恢复任何内容：{reason}。</translation>
    </message>
    <message>
        <source>{path} exists already.</source>
        <translation>{path} 已存在。</translation>
    </message>
    <message>
        <source>No permission: {path} ({reason}).</source>
        <translation>没有权限：{path}（{reason}）。</translation>
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
        <source>another analyst</source>
        <translation>另一名分析员</translation>
    </message>
    <message>
        <source>{who} is importing into this case; nothing was saved. You can go on reading; make the edit again when the import has ended.</source>
        <translation>{who} 正在向本案导入数据；未保存任何内容。您可以继续查阅；导入结束后请重新编辑。</translation>
    </message>
    <message>
        <source>{who} is writing to this case; nothing was saved. Make the edit again in a moment.</source>
        <translation>{who} 正在写入本案；未保存任何内容。请稍后重新编辑。</translation>
    </message>
    <message>
        <source>{who} changed this since you opened it; nothing was saved. Its new value is shown now: make your edit again on it.</source>
        <translation>{who} 在您打开之后修改了此项；未保存任何内容。现已显示其新值：请在新值上重新编辑。</translation>
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
    <name>CaseFile</name>
    <message>
        <source>Check case</source>
        <translation>检查案件</translation>
    </message>
    <message>
        <source>{path}: no problems found (integrity, foreign keys, audit chain) in {s} s.</source>
        <translation>{path}：未发现问题（完整性、外键、审计链），用时 {s} 秒。</translation>
    </message>
    <message>
        <source>{path}: {n} problems found.</source>
        <translation>{path}：发现 {n} 个问题。</translation>
    </message>
    <message>
        <source>Saved {saved} rows into {target} ({method}).</source>
        <translation>已将 {saved} 行保存到 {target}（{method}）。</translation>
    </message>
    <message>
        <source>{table}: {saved} of {read} rows read</source>
        <translation>{table}：读出 {read} 行，保存 {saved} 行</translation>
    </message>
    <message>
        <source>, {n} dropped (they referred to lost rows)</source>
        <translation>，舍弃 {n} 行（它们引用了已丢失的行）</translation>
    </message>
    <message>
        <source>audit log: {n} rows</source>
        <translation>审计日志：{n} 行</translation>
    </message>
    <message>
        <source>{n} rows found that belong to no table (not saved)</source>
        <translation>发现 {n} 行不属于任何表（未保存）</translation>
    </message>
    <message>
        <source>Recover into a new case</source>
        <translation>恢复到新案件</translation>
    </message>
    <message>
        <source>Zhanlian cases (*.zlcase)</source>
        <translation>斩链案件 (*.zlcase)</translation>
    </message>
    <message>
        <source>Recovering what can be read…</source>
        <translation>正在恢复可读取的内容…</translation>
    </message>
    <message>
        <source>Open the new case</source>
        <translation>打开新案件</translation>
    </message>
</context>
<context>
    <name>CaseReportPdf</name>
    <message>
        <source>Case report (案件报告)</source>
        <translation>案件报告</translation>
    </message>
    <message>
        <source>Case statistics</source>
        <translation>案件统计</translation>
    </message>
    <message>
        <source>{caught} suspects caught, coercive measures against {coercive}, {prosecuted} transferred for prosecution; {stopped} accounts stopped and {frozen} frozen; {returned} returned to victims, {rate} of their losses.</source>
        <translation>共抓获犯罪嫌疑人 {caught} 名，采取刑事强制措施 {coercive} 人，移送起诉 {prosecuted} 人；止付账户 {stopped} 个，冻结账户 {frozen} 个；返还受害人资金 {returned}，占损失的 {rate}。</translation>
    </message>
    <message>
        <source>Suspects in the case</source>
        <translation>涉案犯罪嫌疑人</translation>
    </message>
    <message>
        <source>Suspects caught</source>
        <translation>抓获犯罪嫌疑人</translation>
    </message>
    <message>
        <source>at large: {n}</source>
        <translation>在逃 {n} 人</translation>
    </message>
    <message>
        <source>Coercive measures taken</source>
        <translation>采取刑事强制措施</translation>
    </message>
    <message>
        <source>detention, bail, arrest and later stages</source>
        <translation>含刑事拘留、取保候审、逮捕及其后诉讼阶段</translation>
    </message>
    <message>
        <source>Transferred for prosecution</source>
        <translation>移送起诉</translation>
    </message>
    <message>
        <source>including sentenced</source>
        <translation>含已判决</translation>
    </message>
    <message>
        <source>Legal status of the suspects</source>
        <translation>嫌疑人处理状态</translation>
    </message>
    <message>
        <source>Victims</source>
        <translation>受害人</translation>
    </message>
    <message>
        <source>Losses (victims&apos; payments to suspects&apos; cards)</source>
        <translation>被骗损失（受害人转入涉案账户金额）</translation>
    </message>
    <message>
        <source>Accounts: {measure}</source>
        <translation>账户{measure}</translation>
    </message>
    <message>
        <source>Return rate</source>
        <translation>返还率</translation>
    </message>
    <message>
        <source>returned / losses</source>
        <translation>返还金额 / 损失金额</translation>
    </message>
    <message>
        <source>Caught: suspects whose legal status is set and is not at large.</source>
        <translation>抓获：已登记处理状态且不为在逃的嫌疑人。</translation>
    </message>
    <message>
        <source>Amounts come from the measures recorded on accounts; losses from the victims&apos; transfers in the case&apos;s bank statements.</source>
        <translation>金额取自账户止付、冻结、扣押、返还记录；损失取自银行流水中受害人的转账。</translation>
    </message>
    <message>
        <source>Pages that follow: the suspects ({n}) and the stop-payment list ({m} accounts).</source>
        <translation>后附：犯罪嫌疑人名单（{n} 人）及止付冻结账户清单（{m} 个账户）。</translation>
    </message>
    <message>
        <source>The stop-payment list keeps the accounts with the largest amounts.</source>
        <translation>止付清单仅列金额最大的账户。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>{rows} entries, the last is #{row}; the chain of hashes is intact.</source>
        <translation>共 {rows} 条记录，最后一条为 #{row}；哈希链完整。</translation>
    </message>
    <message>
        <source>The chain of hashes is broken at entry #{row}: the log was changed outside Zhanlian.</source>
        <translation>哈希链在第 #{row} 条记录处断开：日志曾在斩链之外被改动。</translation>
    </message>
    <message>
        <source>Chain head (SHA-256 of entry #{row}):</source>
        <translation>链头（第 #{row} 条记录的 SHA-256）：</translation>
    </message>
    <message>
        <source>Keep this page: the log can be checked against this value later.</source>
        <translation>请保存本页：日后可据此值核验日志。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Culpability</source>
        <translation>作用地位</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>所属团伙</translation>
    </message>
    <message>
        <source>Suspects ({first}–{last} of {total})</source>
        <translation>犯罪嫌疑人（第 {first}–{last} 名，共 {total} 名）</translation>
    </message>
    <message>
        <source>account</source>
        <translation>account</translation>
    </message>
    <message>
        <source>holder</source>
        <translation>holder</translation>
    </message>
    <message>
        <source>bank</source>
        <translation>bank</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>amount</translation>
    </message>
    <message>
        <source>level</source>
        <translation>level</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>reason</translation>
    </message>
    <message>
        <source>Stop-payment list ({first}–{last} of {total})</source>
        <translation>止付冻结账户清单（第 {first}–{last} 个，共 {total} 个）</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <source>links across regions</source>
        <extracomment>Labels are drawn when at most this many nodes are in view. Arrowheads are drawn when at most this many links are in view. Link labels (on demand) when at most this many links are in view. Links are antialiased when there are at most this many. Above this many links, only those near the view are handed to Qt. At most this many links are drawn at once; above it links are thinned (level of detail). How many label heights away from its arrow a flow&apos;s amount may go (on a leader line) when the nodes around the arrow leave no room next to it. The largest amounts of an overlay that find no free room still get one over the cards and phones in a crowd (never over a text, a person, an organisation, the flows&apos; own ends or the legend). A flow&apos;s arrowhead sits this far along it (its amount sits in the middle), this large. The busiest links between region areas carry a label with their count and amount. How far around the view (in view widths) culled links are kept, so that a pan does not have to cull again. Distance (layout units) between the cards and phones around their holder. How near (pixels) a click must be to a node to hit it. A scatter of at least this many points keeps its picture at the current zoom, so that a pan draws one pixmap instead of every point again ... ... and so does a curve of at least this many links (see _KeepsPicture) ... ... when the picture is at most this many times the size of the view. At the overview zoom every person is named when at most this many are in view ... ... else the people with these roles. ... and the people selected, when the selection is at most this many. At the overview of a chart in region areas the links within the areas are this faint (of 255): the bundles between the areas carry the picture, and the links come back as the analyst zooms in. (colour, width, alpha, z) of the links&apos; group, before the zoom fades them arrow keys move the selection a step; successive steps are one edit links&apos; bounding boxes (see _edge_bounds); None whenever a node moves too many nodes in view to name them all (semantic zoom: see _update_detail) the arrowheads of an analysis overlay&apos;s flows (which way the money went) (selection, curves, thinning) of the last overview, which holds every link (amount label, flow, source index, target index) of the flows drawn now pixel boxes of the labels shown now (area, bundle and node labels), for tests thin lines from a flow&apos;s arrow to its amount, when the amount had to move away</extracomment>
        <translation>跨地区关系</translation>
    </message>
    <message>
        <source>{drawn} of {total} links drawn at this zoom; zoom in for all</source>
        <translation>当前缩放显示 {total} 条关系中的 {drawn} 条；放大可见全部</translation>
    </message>
    <message>
        <source>no region</source>
        <translation>地区不明</translation>
    </message>
    <message>
        <source>%n call(s)</source>
        <translation>%n 次通话</translation>
    </message>
</context>
<context>
    <name>ChartCommands</name>
    <message>
        <source>New chart {name}</source>
        <translation>新建关系图 {name}</translation>
    </message>
    <message>
        <source>Rename chart to {name}</source>
        <translation>关系图改名为 {name}</translation>
    </message>
    <message>
        <source>Delete chart {name}</source>
        <translation>删除关系图 {name}</translation>
    </message>
    <message>
        <source>Add %n item(s) to the chart</source>
        <translation>将 %n 项加入关系图</translation>
    </message>
    <message>
        <source>Remove %n item(s) from the chart</source>
        <translation>从关系图移除 %n 项</translation>
    </message>
    <message>
        <source>Move %n item(s)</source>
        <translation>移动 %n 项</translation>
    </message>
    <message>
        <source>the places of the items moved</source>
        <translation>所移动各项的位置</translation>
    </message>
    <message>
        <source>Change chart filters</source>
        <translation>更改关系图筛选</translation>
    </message>
</context>
<context>
    <name>ChartFilterPanel</name>
    <message>
        <source>Kinds</source>
        <extracomment>The filters of a new chart: everything passes.</extracomment>
        <translation>类别</translation>
    </message>
    <message>
        <source> yuan</source>
        <translation> 元</translation>
    </message>
    <message>
        <source>Dim</source>
        <translation>淡化</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Filtered out:</source>
        <translation>筛除项：</translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Legal status:</source>
        <translation>法律状态：</translation>
    </message>
    <message>
        <source>Minimum amount:</source>
        <translation>最低金额：</translation>
    </message>
    <message>
        <source>Minimum calls:</source>
        <translation>最少通话：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>自：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>至：</translation>
    </message>
    <message>
        <source>No transactions or calls in the case.</source>
        <translation>案件中没有交易或通话。</translation>
    </message>
    <message>
        <source>All dates: {a} to {b}</source>
        <translation>全部日期：{a} 至 {b}</translation>
    </message>
    <message>
        <source>Calls and transfers from {a} to {b}</source>
        <translation>{a} 至 {b} 的通话和转账</translation>
    </message>
</context>
<context>
    <name>ChartLegend</name>
    <message>
        <source>▸ Legend ({n})</source>
        <extracomment>Distance of the legend from the view&apos;s edges, and the room kept around a node (pixels). The legend&apos;s entries take at most this share of the view&apos;s height before a new column. Corners in the order tried: (x, y) of the view&apos;s edge the legend sits against (1: right or bottom). it moved, grew, shrank or folded: the view&apos;s labels may want to keep clear of it the analyst folded it (kept in the settings) ... ... or opened it where it covers nodes: it stays open until folded again folded because no corner was free</extracomment>
        <translation>▸ 图例（{n}）</translation>
    </message>
    <message>
        <source>▾ Legend</source>
        <translation>▾ 图例</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>&amp;New chart…</source>
        <translation>新建关系图(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Rename chart…</source>
        <translation>重命名关系图(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete chart</source>
        <translation>删除关系图(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open chart…</source>
        <translation>打开关系图(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Fit view</source>
        <translation>适合窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Link tool</source>
        <translation>连线工具(&amp;L)</translation>
    </message>
    <message>
        <source>Link &amp;labels</source>
        <translation>关系标签(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Expand neighbours</source>
        <translation>展开相邻(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Remove from chart</source>
        <translation>从图中移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Add selected entities</source>
        <translation>添加所选实体(&amp;A)</translation>
    </message>
    <message>
        <source>Find on &amp;chart…</source>
        <translation>在图中查找(&amp;C)…</translation>
    </message>
    <message>
        <source>Export as &amp;PNG…</source>
        <translation>导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export as &amp;SVG…</source>
        <translation>导出为 SVG(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Clear analysis overlay</source>
        <translation>清除分析叠加(&amp;C)</translation>
    </message>
    <message>
        <source>Le&amp;gend</source>
        <translation>图例(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Filters</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>By &amp;region</source>
        <translation>按地区(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Force-directed</source>
        <translation>力导向(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Hierarchy</source>
        <translation>层级(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Circle (selection)</source>
        <translation>环形（所选）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Grid (selection)</source>
        <translation>网格（所选）(&amp;G)</translation>
    </message>
    <message>
        <source>Regions by province</source>
        <translation>地区按省</translation>
    </message>
    <message>
        <source>Regions by city or county</source>
        <translation>地区按市县</translation>
    </message>
    <message>
        <source>&amp;Layout</source>
        <translation>布局(&amp;L)</translation>
    </message>
    <message>
        <source>Chart:</source>
        <translation>关系图：</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Gang overview</source>
        <translation>团伙总览</translation>
    </message>
    <message>
        <source>no region</source>
        <translation>地区不明</translation>
    </message>
    <message>
        <source>No chart yet: Chart → New chart, then drag entities from the browser.</source>
        <translation>尚无关系图：关系图 → 新建关系图，再从浏览器拖入实体。</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Suspects</source>
        <translation>嫌疑人</translation>
    </message>
    <message>
        <source>Bank cards</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Phone cards</source>
        <translation>电话卡</translation>
    </message>
    <message>
        <source>Money in</source>
        <translation>流入</translation>
    </message>
    <message>
        <source>Money out</source>
        <translation>流出</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>区内</translation>
    </message>
    <message>
        <source>{n} entities · {m} links</source>
        <translation>{n} 个实体 · {m} 条关系</translation>
    </message>
    <message>
        <source>{k} shown</source>
        <translation>显示 {k} 个</translation>
    </message>
    <message>
        <source>window {a} to {b}</source>
        <translation>时段 {a} 至 {b}</translation>
    </message>
    <message>
        <source>Drag to move, Shift-drag onto another entity to link, drag on empty space to select.</source>
        <translation>拖动可移动；按住 Shift 拖到另一实体上可建立关系；在空白处拖动可框选。</translation>
    </message>
    <message>
        <source>New chart</source>
        <translation>新建关系图</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rename chart</source>
        <translation>重命名关系图</translation>
    </message>
    <message>
        <source>Delete chart</source>
        <translation>删除关系图</translation>
    </message>
    <message>
        <source>Delete the chart {name}? The entities stay in the case. You can undo this.</source>
        <translation>删除关系图 {name}？实体仍保留在案件中。可以撤销。</translation>
    </message>
    <message>
        <source>Open chart</source>
        <translation>打开关系图</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Chart 1</source>
        <translation>关系图 1</translation>
    </message>
    <message>
        <source>Chart {n}</source>
        <translation>关系图 {n}</translation>
    </message>
    <message>
        <source>No neighbours that are not on the chart already.</source>
        <translation>没有不在图中的相邻实体。</translation>
    </message>
    <message>
        <source>Expand neighbours</source>
        <translation>展开相邻</translation>
    </message>
    <message>
        <source>This adds {n} entities to the chart. Go on?</source>
        <translation>这将向关系图添加 {n} 个实体。继续吗？</translation>
    </message>
    <message numerus="yes">
        <source>Expand %n neighbour(s)</source>
        <translation>
            <numerusform>展开 %n 个相邻实体</numerusform>
        </translation>
    </message>
    <message>
        <source>Find on chart</source>
        <translation>在图中查找</translation>
    </message>
    <message>
        <source>Name or number:</source>
        <translation>姓名或号码：</translation>
    </message>
    <message>
        <source>Not on this chart: {text}</source>
        <translation>不在此图中：{text}</translation>
    </message>
    <message>
        <source>Laying out {n} entities…</source>
        <translation>正在布局 {n} 个实体…</translation>
    </message>
    <message>
        <source>Layout failed</source>
        <translation>布局失败</translation>
    </message>
    <message>
        <source>Layout: {name}</source>
        <translation>布局：{name}</translation>
    </message>
    <message>
        <source>Chart layout</source>
        <translation>关系图布局</translation>
    </message>
    <message>
        <source>Region level</source>
        <translation>地区层级</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>Show {title} on the chart</source>
        <translation>在关系图中显示 {title}</translation>
    </message>
    <message>
        <source>Showing: {title}</source>
        <translation>正在显示：{title}</translation>
    </message>
    <message>
        <source>New link from here…</source>
        <translation>从此新建关系…</translation>
    </message>
    <message>
        <source>Centre on it</source>
        <translation>居中显示</translation>
    </message>
    <message>
        <source>Arrange selection</source>
        <translation>排列所选</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出关系图</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <source>Merge {absorbed} into {keep}</source>
        <translation>将 {absorbed} 合并到 {keep}</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
    <message>
        <source>Not undone: {who} has changed {name} since. Look at its new value first.</source>
        <translation>未撤销：{who} 此后修改了 {name}。请先查看其新值。</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>其他人</translation>
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
        <source>the link</source>
        <extracomment>What an analyst edits on a link.</extracomment>
        <translation>该关系</translation>
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
    <name>ContactStrengthView</name>
    <message>
        <source>Contact</source>
        <extracomment>Tables whose change may change what a view shows.</extracomment>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Name / holder</source>
        <translation>姓名 / 持有人</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话次数</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>主叫</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>被叫</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Night calls</source>
        <translation>夜间通话</translation>
    </message>
    <message>
        <source>Days in contact</source>
        <translation>联系天数</translation>
    </message>
    <message>
        <source>Reciprocity</source>
        <translation>互通度</translation>
    </message>
    <message>
        <source>First</source>
        <translation>首次</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>末次</translation>
    </message>
    <message>
        <source>Score = (ln(1 + calls) + ln(1 + minutes) + ln(1 + night calls) + 2 × ln(1 + days in contact)) × (0.5 + 0.5 × reciprocity). Double-click a contact to select it.</source>
        <translation>得分 = (ln(1 + 通话次数) + ln(1 + 分钟数) + ln(1 + 夜间通话) + 2 × ln(1 + 联系天数)) × (0.5 + 0.5 × 互通度)。双击联系人可选中。</translation>
    </message>
    <message>
        <source>Show top:</source>
        <translation>显示前：</translation>
    </message>
    <message>
        <source>Strongest contacts of {who}</source>
        <translation>{who} 的亲密联系人</translation>
    </message>
</context>
<context>
    <name>DockTitleBar</name>
    <message>
        <source>Detach</source>
        <extracomment>Qt&apos;s &quot;no maximum&quot; for widget sizes. Height of the unfolded panel as a share of the window: by default, and at least when a result arrives. The panel is never unfolded lower than this (pixels).</extracomment>
        <translation>分离为独立窗口</translation>
    </message>
    <message>
        <source>Close (View menu brings it back)</source>
        <translation>关闭（可从“视图”菜单重新打开）</translation>
    </message>
    <message>
        <source>Unfold the panel</source>
        <translation>展开面板</translation>
    </message>
    <message>
        <source>Fold the panel to its tabs</source>
        <translation>将面板折叠为标签栏</translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>New entity</source>
        <translation>新建实体</translation>
    </message>
    <message>
        <source>(from the address)</source>
        <translation>（由地址判断）</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <source>Chain:</source>
        <translation>链：</translation>
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
        <source>Account (login, phone, e-mail or nickname):</source>
        <translation>账号（登录名、手机号、邮箱或昵称）：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
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
    <message>
        <source>{key}: fails the address checksum; kept and flagged.</source>
        <translation>{key}：地址校验未通过；已保留并标记。</translation>
    </message>
    <message>
        <source>{key}: masked or partial; kept and flagged.</source>
        <translation>{key}：脱敏或不完整；已保留并标记。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Organisation chart (PDF)</source>
        <translation>组织架构图（PDF）</translation>
    </message>
    <message>
        <source>Fund-flow chart of the selected card (PDF)</source>
        <translation>所选银行卡资金流向图（PDF）</translation>
    </message>
    <message>
        <source>Case report (PDF)</source>
        <translation>案件报告（PDF）</translation>
    </message>
    <message>
        <source>GraphML for Gephi</source>
        <translation>GraphML（Gephi）</translation>
    </message>
    <message>
        <source>GEXF for Gephi</source>
        <translation>GEXF（Gephi）</translation>
    </message>
    <message>
        <source>FollowTheMoney JSON lines for Aleph</source>
        <translation>FollowTheMoney JSON 行（Aleph）</translation>
    </message>
    <message>
        <source>i2 Analyst&apos;s Notebook (ANX)</source>
        <translation>i2 Analyst&apos;s Notebook（ANX）</translation>
    </message>
    <message>
        <source>CSV tables</source>
        <translation>CSV 表格</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 工作簿（XLSX）</translation>
    </message>
    <message>
        <source>Usual for this document</source>
        <translation>按文档默认</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>On pages, readable: parts continued by page number</source>
        <translation>分页打印，保证可读：各部分按页码接续</translation>
    </message>
    <message>
        <source>On one page, if it stays readable</source>
        <translation>单页打印（仅在字号可读时）</translation>
    </message>
    <message>
        <source>A chart whose text would print smaller than {pt} pt on one page is printed on pages instead; A3 paper fits more on one page.</source>
        <translation>若单页打印时字号小于 {pt} 磅，将改为分页打印；A3 纸单页可容纳更多内容。</translation>
    </message>
    <message>
        <source>Mask ID and card numbers</source>
        <translation>身份证号和卡号脱敏</translation>
    </message>
    <message>
        <source>Hides the middle digits of every ID, card, account and mobile number in every field, free text included, however it is written (full-width digits, spaces, dashes). The case number prints whole.</source>
        <translation>隐藏所有字段（包括自由文本）中每个身份证号、银行卡号、账号和手机号的中间数字，无论其书写形式如何（全角数字、空格、连字符）。案件编号完整打印。</translation>
    </message>
    <message>
        <source>Whole case</source>
        <translation>全案</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Large charts</source>
        <translation>大图</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>团伙</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Traces the selected card {card}.</source>
        <translation>追踪所选银行卡 {card}。</translation>
    </message>
    <message>
        <source>No bank card is selected: the card that received most victims&apos; payments is traced.</source>
        <translation>未选中银行卡：将追踪接收受害人转账最多的卡。</translation>
    </message>
    <message numerus="yes">
        <source>Limited to the %n selected entities of the hierarchy view.</source>
        <translation>
            <numerusform>仅限组织架构视图中选中的 %n 个对象。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) left out in the hierarchy view.</source>
        <translation>
            <numerusform>组织架构视图中已排除 %n 人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
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
    <message>
        <source>posting date</source>
        <translation>记账日期</translation>
    </message>
    <message>
        <source>status</source>
        <translation>交易状态</translation>
    </message>
    <message>
        <source>transaction type</source>
        <translation>交易类型</translation>
    </message>
    <message>
        <source>fund status</source>
        <translation>资金状态</translation>
    </message>
    <message>
        <source>linked bank card</source>
        <translation>绑定银行卡</translation>
    </message>
    <message>
        <source>voice or SMS</source>
        <translation>业务类型(通话/短信)</translation>
    </message>
    <message>
        <source>cell longitude</source>
        <translation>基站经度</translation>
    </message>
    <message>
        <source>cell latitude</source>
        <translation>基站纬度</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Find patterns</source>
        <extracomment>the findings of a run are in the table (the window gives the panel room to show them)</extracomment>
        <translation>查找可疑模式</translation>
    </message>
    <message>
        <source>All patterns</source>
        <translation>全部模式</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>全部结论</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>未研判</translation>
    </message>
    <message>
        <source>Press Find patterns to search the case.</source>
        <translation>点击“查找可疑模式”搜索本案。</translation>
    </message>
    <message>
        <source>Pattern:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Name / holder</source>
        <translation>姓名/持有人</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Clear verdict</source>
        <translation>清除结论</translation>
    </message>
    <message>
        <source>Same person</source>
        <translation>认定为同一人</translation>
    </message>
    <message>
        <source>Link the number that went quiet and the new one as the same person&apos;s (an analyst&apos;s link, undoable).</source>
        <translation>将停用的号码与新号码关联为同一人所有（分析员关系，可撤销）。</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Cancelled; the previous findings are kept.</source>
        <translation>已取消，保留上次结果。</translation>
    </message>
    <message>
        <source>Patterns</source>
        <translation>可疑模式</translation>
    </message>
    <message>
        <source>{n} findings ({shown} shown), {c} confirmed, {d} dismissed</source>
        <translation>共 {n} 条线索（显示 {shown} 条），已确认 {c}，已排除 {d}</translation>
    </message>
    <message>
        <source>same person: phone switch (换号) from {old} to {new}</source>
        <translation>同一人：换号，由 {old} 换为 {new}</translation>
    </message>
    <message>
        <source>{n} evidence rows</source>
        <translation>{n} 条证据</translation>
    </message>
    <message>
        <source>transaction</source>
        <translation>交易</translation>
    </message>
    <message>
        <source>call</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>link</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>FlowChartPdf</name>
    <message>
        <source>Fund-flow chart (资金流向图)</source>
        <extracomment>Size of an arrow&apos;s label at 100 %. Exit kinds as the stop list words them (trace._EXIT_WORDS), with the English source.</extracomment>
        <translation>资金流向图</translation>
    </message>
    <message>
        <source>Forward trace from {start} at {at}</source>
        <translation>自 {start} 于 {at} 起正向追踪</translation>
    </message>
    <message>
        <source>Backward trace from {start} at {at}</source>
        <translation>自 {start} 于 {at} 起反向溯源</translation>
    </message>
    <message>
        <source>traced {amount}</source>
        <translation>追踪资金 {amount}</translation>
    </message>
    <message>
        <source>Exits: {exits}</source>
        <translation>资金去向：{exits}</translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n 张卡</numerusform>
        </translation>
    </message>
    <message>
        <source>out {exited} · left {left}</source>
        <translation>流出 {exited} · 留存 {left}</translation>
    </message>
    <message>
        <source>Exits</source>
        <translation>资金去向</translation>
    </message>
    <message>
        <source>Arrows: traced money, its amount and the time of the transfer (first–last when several)</source>
        <translation>箭头：追踪资金的流向、金额及交易时间（多笔时为首笔至末笔）</translation>
    </message>
    <message>
        <source>Line width grows with the amount</source>
        <translation>线条越粗金额越大</translation>
    </message>
    <message>
        <source>Card numbers masked</source>
        <translation>卡号已脱敏</translation>
    </message>
    <message>
        <source>level {n} card</source>
        <translation>第 {n} 级卡</translation>
    </message>
    <message>
        <source>start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>start of the trace</source>
        <translation>追踪起点</translation>
    </message>
    <message numerus="yes">
        <source>%n other card(s)</source>
        <translation>
            <numerusform>其他 %n 张卡</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HierarchyView</name>
    <message>
        <source>Mask ID numbers</source>
        <extracomment>what the &quot;Current selection&quot; scope charts: the document&apos;s selection, except what a click in this view selects</extracomment>
        <translation>身份证号脱敏</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Chart of</source>
        <translation>架构图范围</translation>
    </message>
    <message>
        <source>Gang: {name}</source>
        <translation>团伙：{name}</translation>
    </message>
    <message>
        <source>Current selection</source>
        <translation>当前选中</translation>
    </message>
    <message>
        <source>Drag a person onto another to set who they report to, onto a team to move them there, onto empty space to put them at the top. Right-click a box for roles, status and leaving out.</source>
        <translation>把人员拖到另一人身上即设为其下级，拖到团伙/小组方框即调入该组，拖到空白处即置于顶层。右键点击方框可修改角色、状态或从导出中排除。</translation>
    </message>
    <message>
        <source>The case is open read-only: people can be left out of the export, but the chart cannot be changed.</source>
        <translation>案件以只读方式打开：可以从导出中排除人员，但不能修改架构图。</translation>
    </message>
    <message>
        <source>Whole case</source>
        <translation>全案</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) in the chart</source>
        <translation>
            <numerusform>图中 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out of the export</source>
        <translation>
            <numerusform>%n 人不导出</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is selected: select people in the case browser or on the link chart.</source>
        <translation>未选中任何对象：请在案件浏览器或关系图中选择人员。</translation>
    </message>
    <message numerus="yes">
        <source>Left out (%n)</source>
        <translation>
            <numerusform>已排除（%n）</numerusform>
        </translation>
    </message>
    <message>
        <source>{boss} reports to {name}, directly or through others: move {boss} first.</source>
        <translation>{boss} 直接或间接隶属于 {name}：请先调整 {boss}。</translation>
    </message>
    <message>
        <source>Put {name} at the top of the chart</source>
        <translation>将 {name} 置于架构图顶层</translation>
    </message>
    <message>
        <source>{name} reports to {boss}</source>
        <translation>{name} 隶属于 {boss}</translation>
    </message>
    <message>
        <source>Move {name} to {team}</source>
        <translation>将 {name} 调入 {team}</translation>
    </message>
    <message>
        <source>Top of the chart</source>
        <translation>置于顶层</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Culpability</source>
        <translation>作用地位</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>处理状态</translation>
    </message>
    <message>
        <source>Leave {name} out of this export</source>
        <translation>本次导出不含 {name}</translation>
    </message>
    <message>
        <source>Show in the inspector</source>
        <translation>在检查器中显示</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Set {what} of {name}</source>
        <translation>设置 {name} 的{what}</translation>
    </message>
    <message>
        <source>Set roles of {name}</source>
        <translation>设置 {name} 的角色</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部恢复</translation>
    </message>
    <message>
        <source>Organisation chart</source>
        <translation>组织架构图</translation>
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
    <message>
        <source>unknown payment platform (write it as platform:account)</source>
        <translation>未知支付平台（请写作 平台:账号）</translation>
    </message>
    <message>
        <source>unknown chain (TRON, Ethereum or Bitcoin)</source>
        <translation>未知的链（波场、以太坊或比特币）</translation>
    </message>
    <message>
        <source>not a TRON, Ethereum or Bitcoin address</source>
        <translation>不是波场、以太坊或比特币地址</translation>
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
        <source>Whose statement</source>
        <translation>流水归属</translation>
    </message>
    <message>
        <source>Bank card or account</source>
        <translation>银行卡或账户</translation>
    </message>
    <message>
        <source>card or account number, login, nickname…</source>
        <translation>卡号或账号、登录名、昵称…</translation>
    </message>
    <message>
        <source>holder&apos;s name (optional)</source>
        <translation>户名(可选)</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Holder:</source>
        <translation>户名：</translation>
    </message>
    <message>
        <source>Alipay account</source>
        <translation>支付宝账户</translation>
    </message>
    <message>
        <source>WeChat Pay account</source>
        <translation>微信支付账户</translation>
    </message>
    <message>
        <source>JD account</source>
        <translation>京东账户</translation>
    </message>
    <message>
        <source>Meituan account</source>
        <translation>美团账户</translation>
    </message>
    <message>
        <source>UnionPay QR account</source>
        <translation>云闪付账户</translation>
    </message>
    <message>
        <source>Other platform&apos;s account</source>
        <translation>其他平台账户</translation>
    </message>
    <message>
        <source>From the column {column}: each row names its account.</source>
        <translation>取自“{column}”列：每行注明其账户。</translation>
    </message>
    <message>
        <source>Every row belongs to this account.</source>
        <translation>所有行均属于此账户。</translation>
    </message>
    <message>
        <source>The file does not say whose statement it is. Give the account, or the rows go under a placeholder account &apos;owner unknown&apos; that you can merge into the real account later.</source>
        <translation>文件未注明流水归属。请填写账户；否则各行将归入占位账户“归属不明”，之后可合并到真实账户。</translation>
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
        <source>total or footer, skipped</source>
        <translation>合计或页脚，已跳过</translation>
    </message>
    <message>
        <source>moved no money ({status})</source>
        <translation>未发生资金往来（{status}）</translation>
    </message>
    <message>
        <source>neither in nor out</source>
        <translation>不计收支</translation>
    </message>
    <message>
        <source>refund or reversal</source>
        <translation>退款或冲正</translation>
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
        <source>{file}: the same rows as another sheet, kept as a second source</source>
        <translation>{file}：与另一工作表内容相同，作为第二来源保留</translation>
    </message>
    <message>
        <source>no row could be read</source>
        <translation>没有可读取的行</translation>
    </message>
    <message>
        <source>{file}: NOT imported ({why})</source>
        <translation>{file}：未导入（{why}）</translation>
    </message>
    <message>
        <source>{file}: {n} rows, {bad} rejected</source>
        <translation>{file}：{n} 行，{bad} 行被拒绝</translation>
    </message>
    <message>
        <source>{file}: {n} rows</source>
        <translation>{file}：{n} 行</translation>
    </message>
    <message>
        <source>{n} orders that moved no money (closed, failed), kept apart</source>
        <translation>{n} 笔未发生资金往来的订单（已关闭、失败），单独保存</translation>
    </message>
    <message>
        <source>{n} total and footer lines skipped</source>
        <translation>跳过 {n} 行合计及页脚</translation>
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
    <message>
        <source>No owner account found: the rows are under a placeholder account &apos;owner unknown&apos;. Set &apos;Whose statement&apos; and import again, or merge the placeholder into the real account in the inspector.</source>
        <translation>未找到流水所属账户：各行已归入占位账户“归属不明”。请设置“流水归属”后重新导入，或在检查器中将占位账户合并到真实账户。</translation>
    </message>
    <message>
        <source>Identical to another sheet of the workbook; kept as a second source of the same rows.</source>
        <translation>与工作簿中另一工作表相同；作为相同行的第二来源保留。</translation>
    </message>
    <message>
        <source>Nothing imported: every row was rejected (see the table below). Check the column mapping, or fix the file and import it again.</source>
        <translation>未导入任何内容：所有行均被拒绝（见下表）。请检查列对应关系，或修正文件后重新导入。</translation>
    </message>
    <message>
        <source>Nothing imported. Check the column mapping, or fix the file and import it again.</source>
        <translation>未导入任何内容。请检查列对应关系，或修正文件后重新导入。</translation>
    </message>
    <message>
        <source>Map the missing columns on the mapping page, and save the mapping as a profile for files like it.</source>
        <translation>请在列对应页面指定缺少的列，并将对应关系保存为方案，供同类文件使用。</translation>
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
        <extracomment>Shown while someone else has changed the entity under the analyst&apos;s typing.</extracomment>
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
        <source>or type the real card or account number</source>
        <translation>或输入真实的卡号或账号</translation>
    </message>
    <message>
        <source>Merge into the real account</source>
        <translation>合并到真实账户</translation>
    </message>
    <message>
        <source>Moved no money:</source>
        <translation>未发生资金往来：</translation>
    </message>
    <message>
        <source>Same as:</source>
        <translation>同一账户：</translation>
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
        <source>masked or partial (kept as reported)</source>
        <translation>脱敏或不完整（按原样保留）</translation>
    </message>
    <message>
        <source>fails the address checksum (kept as reported; check for a typing error)</source>
        <translation>地址校验未通过（按原样保留；请核对是否录入有误）</translation>
    </message>
    <message>
        <source>fails the Luhn check (kept as the bank reported it)</source>
        <translation>未通过Luhn校验（按银行提供的原样保留）</translation>
    </message>
    <message>
        <source>checksum correct</source>
        <translation>校验正确</translation>
    </message>
    <message>
        <source>neither in nor out</source>
        <translation>不计收支</translation>
    </message>
    <message>
        <source>Closed or failed orders and transfers between the owner&apos;s own funds: kept as evidence, counted in no sum, trace or pattern.</source>
        <translation>已关闭或失败的订单，以及本人资金之间的划转：作为证据保留，不计入任何合计、追踪或研判模型。</translation>
    </message>
    <message>
        <source>Nobody could tell whose statement {file} is: its rows are under this placeholder. Name the real account to merge them into it.</source>
        <translation>无法确定 {file} 属于谁的流水：其各行暂归入此占位账户。请指明真实账户，将其合并过去。</translation>
    </message>
    <message>
        <source>A masked number, kept as the bank reported it. Whole cards of the case that fit it:</source>
        <translation>脱敏号码，按银行提供的原样保存。案件中与之相符的完整卡号：</translation>
    </message>
    <message>
        <source>same first and last digits</source>
        <translation>首尾数字相同</translation>
    </message>
    <message>
        <source>same last digits</source>
        <translation>尾号相同</translation>
    </message>
    <message>
        <source>same length</source>
        <translation>位数相同</translation>
    </message>
    <message>
        <source>same holder</source>
        <translation>持有人相同</translation>
    </message>
    <message>
        <source>same bank</source>
        <translation>发卡行相同</translation>
    </message>
    <message>
        <source>Cannot merge</source>
        <translation>无法合并</translation>
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
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>链</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>币种</translation>
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
        <source>{who} has changed this meanwhile. Saving will show you their value first; nothing of theirs is written over.</source>
        <translation>{who} 在此期间修改了此项。保存时会先显示其修改后的值，不会覆盖其修改。</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>有人</translation>
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
    <name>LeadsPanel</name>
    <message>
        <source>Look again</source>
        <extracomment>How long after the last change the leads are asked for again. Tables whose changes can add or take away a lead. Leads new since the last look: list of (Lead, one of its ``found_in``).</extracomment>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Name here</source>
        <translation>本案名称</translation>
    </message>
    <message>
        <source>Other case</source>
        <translation>其他案件</translation>
    </message>
    <message>
        <source>Role there</source>
        <translation>在该案中的角色</translation>
    </message>
    <message>
        <source>Case lead to contact</source>
        <translation>联系该案主办人</translation>
    </message>
    <message>
        <source>Looking for these numbers in the server&apos;s other cases…</source>
        <translation>正在服务器的其他案件中查找本案号码…</translation>
    </message>
    <message>
        <source>Leads could not be looked up: {why}</source>
        <translation>无法查找线索：{why}</translation>
    </message>
    <message>
        <source>{keys} numbers of this case are also in {cases} other cases.</source>
        <translation>本案有 {keys} 个号码也出现在其他 {cases} 个案件中。</translation>
    </message>
    <message>
        <source>No number of this case is in another case you may see.</source>
        <translation>本案号码未出现在您有权查看的其他案件中。</translation>
    </message>
    <message>
        <source>no role noted</source>
        <translation>未标注角色</translation>
    </message>
    <message>
        <source>Lead: {kind} {key} is also in case {case} ({roles}); its lead: {lead}.</source>
        <translation>线索：{kind} {key} 也出现在案件 {case} 中（{roles}）；该案主办人：{lead}。</translation>
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
    <name>LinkTypeChooser</name>
    <message>
        <source>New link</source>
        <extracomment>Expanding neighbours asks first when it would add more than this many entities. Layout codes, in menu order.</extracomment>
        <translation>新建关系</translation>
    </message>
    <message>
        <source>From {a} to {b}</source>
        <translation>从 {a} 到 {b}</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
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
        <source>Recover into a new case…</source>
        <extracomment>Version of the saved dock layout (QMainWindow.saveState); a layout saved by a version with other docks is not restored. Share of the window&apos;s width the browser and the inspector take by default, and the narrowest they may be (a long label elsewhere never squeezes them below it). What a closing window leaves for the next window on the same case (a language switch, a reopen after breaking a lock): case path -&gt; (monotonic time, view state). A handover older than this (seconds) is stale: the case was opened again much later. What the window builds after its first frame (or when one of them is first asked for): the chart, the neighbourhood and the analysis panels, with pyqtgraph under them. Milliseconds after showing by which the views are built even if no frame was painted. File → Encryption…: the application rewrites the case under a new key (ui.app) the view state a closing window on the same case left, applied with the views</extracomment>
        <translation>恢复到新案件…</translation>
    </message>
    <message>
        <source>Break lock…</source>
        <translation>解除锁定…</translation>
    </message>
    <message>
        <source>Opening the chart…</source>
        <translation>正在打开关系图…</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>关系图</translation>
    </message>
    <message>
        <source>Neighbourhood</source>
        <translation>周边关系</translation>
    </message>
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
        <source>Open from &amp;server…</source>
        <translation>从服务器打开(&amp;S)…</translation>
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
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
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
        <source>C&amp;heck case…</source>
        <translation>检查案件(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Break lock…</source>
        <translation>解除锁定(&amp;B)…</translation>
    </message>
    <message>
        <source>Encryption…</source>
        <translation>加密…</translation>
    </message>
    <message>
        <source>Encrypt the case file with a passphrase, change its passphrase or remove it</source>
        <translation>用口令加密案件文件、更改或取消口令</translation>
    </message>
    <message>
        <source>&amp;Recover into a new case…</source>
        <translation>恢复到新案件(&amp;R)…</translation>
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
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Organisation chart…</source>
        <translation>组织架构图(&amp;O)…</translation>
    </message>
    <message>
        <source>Contacts, routine and places</source>
        <translation>联系人、作息与活动地</translation>
    </message>
    <message>
        <source>Select a phone card or a person first (in the browser or on the chart).</source>
        <translation>请先（在案件浏览器或关系图中）选择一张手机卡或一个人。</translation>
    </message>
    <message>
        <source>Contacts, routine and &amp;places…</source>
        <translation>联系人、作息与活动地(&amp;P)…</translation>
    </message>
    <message>
        <source>Read-only: the case file is damaged ({problem}). Nothing will be written to it. Recover into a new case to save what can still be read; this file stays as it is.</source>
        <translation>只读：案件文件已损坏（{problem}）。不会向其写入任何内容。请恢复到新案件以保存仍可读取的内容；此文件保持原样。</translation>
    </message>
    <message>
        <source>Read-only: you do not have permission to change this case ({why}). You can look; to work on it, ask for write access or copy it to a folder of yours.</source>
        <translation>只读：您没有修改此案件的权限（{why}）。可以查看；如需编辑，请申请写入权限或将其复制到您自己的文件夹。</translation>
    </message>
    <message>
        <source>Read-only: this case is locked by a session whose lock note cannot be read. If no one is working on it, use File → Break lock….</source>
        <translation>只读：此案件被一个锁定信息无法读取的会话锁定。如果无人正在使用，请选择“文件 → 解除锁定…”。</translation>
    </message>
    <message>
        <source>A WAL file beside the case is not its own and is ignored; open the case for writing to set it aside.</source>
        <translation>案件旁的 WAL 文件不属于本案件，已忽略；以可写方式打开案件即可将其移到一旁。</translation>
    </message>
    <message>
        <source>{people} people · {cards} bank cards · {accounts} payment accounts · {wallets} crypto wallets · {phones} phone cards · {devices} devices · {orgs} organisations · {links} links · {txns} transactions · {calls} calls</source>
        <translation>{people} 人 · {cards} 张银行卡 · {accounts} 个支付账户 · {wallets} 个加密钱包 · {phones} 张电话卡 · {devices} 部设备 · {orgs} 个组织 · {links} 条关联 · {txns} 笔交易 · {calls} 次通话</translation>
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
        <source>&amp;Chart</source>
        <translation>关系图(&amp;C)</translation>
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
        <source>Open from server</source>
        <translation>从服务器打开</translation>
    </message>
    <message>
        <source>Case on a PostgreSQL server (postgresql://[user@]host[:port]/database?case=NAME). The password comes from your PGPASSFILE or service file.</source>
        <translation>PostgreSQL 服务器上的案件（postgresql://[用户@]主机[:端口]/数据库?case=案件名）。密码取自您的 PGPASSFILE 或服务文件。</translation>
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
        <source>&lt;p&gt;Version {version} · case schema {schema} · Qt {qt}&lt;/p&gt;</source>
        <translation>&lt;p&gt;版本 {version} · 案件文件结构版本 {schema} · Qt {qt}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Checking the case…</source>
        <translation>正在检查案件…</translation>
    </message>
    <message>
        <source>Check case</source>
        <translation>检查案件</translation>
    </message>
    <message>
        <source>an unknown session</source>
        <translation>未知会话</translation>
    </message>
    <message>
        <source>Break lock</source>
        <translation>解除锁定</translation>
    </message>
    <message>
        <source>The case is locked by {who}. Break the lock only if that session is no longer running (the workstation crashed or was switched off): if it still writes to the case, two writers can damage it.

Break the lock and open the case for writing? The audit log records it.</source>
        <translation>案件被 {who} 锁定。仅当该会话已不再运行（工作站崩溃或已关机）时才可解除锁定：如果它仍在写入案件，两个写入者可能损坏案件。

解除锁定并以可写方式打开案件？审计日志将记录此操作。</translation>
    </message>
    <message>
        <source>Lock not broken</source>
        <translation>未解除锁定</translation>
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
    <name>MeasureDialog</name>
    <message>
        <source>Record measure</source>
        <translation>登记措施</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Measure:</source>
        <translation>措施：</translation>
    </message>
    <message>
        <source>Amount (yuan):</source>
        <translation>金额（元）：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
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
        <extracomment>(label, anchor in view units, priority) of the money and call figures where each label was painted (scene rectangle), for tests: key -&gt; rect</extracomment>
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
    <name>NetworkPanel</name>
    <message>
        <source>Fold cards and phones into their holders</source>
        <extracomment>Rows of a ranking the table lists; the chart overlay takes the top of it. a computation&apos;s result is shown (the window gives the panel room to show it)</extracomment>
        <translation>卡号、手机号归并到持有人</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>关键人物</translation>
    </message>
    <message>
        <source>Sub-groups</source>
        <translation>子团伙</translation>
    </message>
    <message>
        <source>Shortest path</source>
        <translation>最短路径</translation>
    </message>
    <message>
        <source>Common contacts</source>
        <translation>共同联系人</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Show on chart, size by score</source>
        <translation>在图上显示（按评分定大小）</translation>
    </message>
    <message>
        <source>Strong ties are short (distance = 1/weight)</source>
        <translation>联系越强距离越短（距离 = 1/权重）</translation>
    </message>
    <message>
        <source>Betweenness counts every tie as one hop by default. Checked, a tie&apos;s length is 1 / its weight (calls + transfers + links between the two), so the chains it counts run along strong ties.</source>
        <translation>中介中心性默认把每条关系计为一跳。勾选后，一条关系的长度为 1/其权重（两者之间的通话、转账与关联之和），统计的链路沿强联系走。</translation>
    </message>
    <message>
        <source>Measure:</source>
        <translation>指标：</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Find sub-groups</source>
        <translation>发现子团伙</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Run Louvain this many more times with other seeds and show, for each group, how often its members land together with its core.</source>
        <translation>用其他随机种子再运行 Louvain 这么多次，并显示每个分组的成员与其核心被分在一起的频率。</translation>
    </message>
    <message>
        <source>Name of the new organisation</source>
        <translation>新组织名称</translation>
    </message>
    <message>
        <source>Accept as organisation</source>
        <translation>采纳为组织</translation>
    </message>
    <message>
        <source>Stability runs:</source>
        <translation>稳定性运行次数：</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Hub</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Stability</source>
        <translation>稳定性</translation>
    </message>
    <message>
        <source>Ties inside</source>
        <translation>内部联系</translation>
    </message>
    <message>
        <source>Ties outside</source>
        <translation>外部联系</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>card, phone, ID number, IMEI or #id</source>
        <translation>卡号、手机号、身份证号、IMEI 或 #编号</translation>
    </message>
    <message>
        <source>From selection</source>
        <translation>取自选中</translation>
    </message>
    <message>
        <source>Find path</source>
        <translation>查找路径</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>转账</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Common contacts of the selection</source>
        <translation>选中对象的共同联系人</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Shared by</source>
        <translation>共享数</translation>
    </message>
    <message>
        <source>Cross-region matrix</source>
        <translation>跨地域矩阵</translation>
    </message>
    <message>
        <source>amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>transfers</source>
        <translation>转账笔数</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话次数</translation>
    </message>
    <message>
        <source>links</source>
        <translation>关系数</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation>地域数：</translation>
    </message>
    <message>
        <source>Building the {layer} graph…</source>
        <translation>正在构建{layer}图…</translation>
    </message>
    <message>
        <source>Computing {measure}…</source>
        <translation>正在计算{measure}…</translation>
    </message>
    <message>
        <source>Give two entities.</source>
        <translation>请给出两个对象。</translation>
    </message>
    <message>
        <source>Nothing in the case is {key}.</source>
        <translation>本案中没有 {key}。</translation>
    </message>
    <message>
        <source>{key} names several entities; give #id.</source>
        <translation>{key} 对应多个对象，请用 #编号。</translation>
    </message>
    <message>
        <source>Select at least two entities first.</source>
        <translation>请先选中至少两个对象。</translation>
    </message>
    <message>
        <source>Looking for common contacts…</source>
        <translation>正在查找共同联系人…</translation>
    </message>
    <message>
        <source>Counting ties between regions…</source>
        <translation>正在统计地域间联系…</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>关系网络</translation>
    </message>
    <message>
        <source>Tied: the same score as the others ranked {n}=</source>
        <translation>并列：与其他并列第 {n} 名者得分相同</translation>
    </message>
    <message>
        <source>{measure} on the {layer} layer: {n} entities, {m} ties.</source>
        <translation>{layer}图层的{measure}：{n} 个对象，{m} 条联系。</translation>
    </message>
    <message>
        <source>Distance: 1/weight (strong ties are short).</source>
        <translation>距离：1/权重（联系越强距离越短）。</translation>
    </message>
    <message>
        <source>Distance: hop count.</source>
        <translation>距离：跳数。</translation>
    </message>
    <message>
        <source>Exact.</source>
        <translation>精确计算。</translation>
    </message>
    <message>
        <source>Sampled from {k} pivots (the graph is too large for an exact run): standard error {se}; with {conf} confidence every score is within ±{bound} of the exact value.</source>
        <translation>由 {k} 个抽样节点估算（图太大，无法精确计算）：标准误差 {se}；在 {conf} 置信度下，每个评分与精确值相差不超过 ±{bound}。</translation>
    </message>
    <message>
        <source>{n} entities share a rank with another (marked =); ties are listed by key.</source>
        <translation>{n} 个实体与其他实体并列名次（标记为 =）；并列者按标识排序。</translation>
    </message>
    <message>
        <source>The first {n} are listed.</source>
        <translation>列出前 {n} 个。</translation>
    </message>
    <message>
        <source>{measure} ({layer})</source>
        <translation>{measure}（{layer}）</translation>
    </message>
    <message>
        <source>{n} sub-groups, modularity {q}; {u} entities in no group.</source>
        <translation>{n} 个子团伙，模块度 {q}；{u} 个对象未归组。</translation>
    </message>
    <message>
        <source>Stability: in {runs} further runs, the share of members landing together with the group&apos;s core (the run&apos;s group that takes most of them).</source>
        <translation>稳定性：在另外 {runs} 次运行中，成员与该组核心（该次运行中容纳其最多成员的分组）分在一起的比例。</translation>
    </message>
    <message>
        <source>With the core in how many of {runs} runs:</source>
        <translation>在 {runs} 次运行中与核心同组的比例：</translation>
    </message>
    <message>
        <source>Sub-group {n} around {hub}</source>
        <translation>以{hub}为核心的子团伙 {n}</translation>
    </message>
    <message>
        <source>Sub-group {n}</source>
        <translation>子团伙 {n}</translation>
    </message>
    <message>
        <source>Accept sub-group as {name}</source>
        <translation>采纳子团伙为 {name}</translation>
    </message>
    <message>
        <source>Suggested by community detection ({layer} layer)</source>
        <translation>社区发现建议（{layer}图层）</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>{n} selected.</source>
        <translation>已选中 {n} 个。</translation>
    </message>
    <message>
        <source>No chain joins them on this layer.</source>
        <translation>该图层上二者之间没有连通路径。</translation>
    </message>
    <message>
        <source>{n} steps.</source>
        <translation>{n} 步。</translation>
    </message>
    <message>
        <source>Path {a} → {b}</source>
        <translation>路径 {a} → {b}</translation>
    </message>
    <message>
        <source>{n} common contacts.</source>
        <translation>{n} 个共同联系人。</translation>
    </message>
    <message>
        <source>{a} → {b}: {links} links, {calls} calls, {txns} transfers, {amount} yuan</source>
        <translation>{a} → {b}：关系 {links}，通话 {calls}，转账 {txns} 笔，{amount} 元</translation>
    </message>
    <message>
        <source>Rows pay or call columns. {n} entities have no region.</source>
        <translation>行向列转账或呼叫。{n} 个对象无地域信息。</translation>
    </message>
</context>
<context>
    <name>OrgChartPdf</name>
    <message>
        <source>Organisation chart (组织架构图)</source>
        <translation>组织架构图</translation>
    </message>
    <message>
        <source>Whole chart at {percent}%</source>
        <translation>全图，缩放 {percent}%</translation>
    </message>
    <message>
        <source>%n person(s)</source>
        <translation>%n 人</translation>
    </message>
    <message>
        <source>Suspects not attached to a gang</source>
        <translation>未归入团伙的嫌疑人</translation>
    </message>
    <message>
        <source>no ID number</source>
        <translation>身份证号不详</translation>
    </message>
    <message>
        <source>Amount involved {amount}</source>
        <extracomment>Sizes of a box&apos;s text at 100 %: the name, and the lines under it. The smallest text a printed chart may carry: a chart is shrunk onto one page only as far as its detail lines stay this large; else it is printed on pages at BOOKLET_SCALE. A chart smaller than its page is enlarged to fill it, up to this.</extracomment>
        <translation>涉案金额 {amount}</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Lines: reports to (上级) and member of (成员)</source>
        <translation>连线：上下级关系与团伙成员关系</translation>
    </message>
    <message>
        <source>{n} person(s), continued on p. {page}</source>
        <translation>{n} 人，续见第 {page} 页</translation>
    </message>
    <message>
        <source>↑ continued from p. {page}</source>
        <translation>↑ 接第 {page} 页</translation>
    </message>
    <message>
        <source>↑ under {name}, p. {page}</source>
        <translation>↑ 上级：{name}，见第 {page} 页</translation>
    </message>
    <message>
        <source>One page would print the chart at {percent}% (text {pt} pt): too small to read. Printed at {scale}% on pages instead.</source>
        <extracomment>the chart as the hierarchy view shows it (boxes tall enough for their text) the same chart in the shape that prints largest on one page</extracomment>
        <translation>单页打印需缩放至 {percent}%（字号 {pt} 磅），无法阅读；已改为按 {scale}% 分页打印。</translation>
    </message>
    <message>
        <source>On A3 paper it fits one page at {percent}%.</source>
        <translation>使用 A3 纸可按 {percent}% 单页打印。</translation>
    </message>
    <message>
        <source>Part {n} of {count} at {percent}%</source>
        <translation>第 {n} 部分，共 {count} 部分，缩放 {percent}%</translation>
    </message>
    <message>
        <source>Red status: at large (在逃)</source>
        <translation>红色状态：在逃</translation>
    </message>
    <message>
        <source>Amount involved: money received by the person&apos;s bank cards</source>
        <translation>涉案金额：本人名下银行卡转入资金合计</translation>
    </message>
    <message>
        <source>Dashed box: people continued on the page it names</source>
        <translation>虚线框：其下人员续见所注页码</translation>
    </message>
    <message>
        <source>ID numbers masked</source>
        <translation>身份证号已脱敏</translation>
    </message>
</context>
<context>
    <name>Passphrase</name>
    <message>
        <source>Encrypted case</source>
        <extracomment>Shortest passphrase accepted for a new key (SQLCipher stretches it with PBKDF2, but a short one is still guessed).</extracomment>
        <translation>加密案件</translation>
    </message>
    <message>
        <source>Encrypt case</source>
        <translation>加密案件</translation>
    </message>
    <message>
        <source>Choose a passphrase for {name}. The case file, its journal and its backups are encrypted with it (AES-256). Without it nobody can open the case — keep it where your unit keeps such secrets: it cannot be recovered.</source>
        <translation>为 {name} 设置口令。案件文件、日志及备份都用它加密（AES-256）。没有口令任何人都无法打开此案件——请按单位保管此类机密的规定妥善保存：口令丢失无法找回。</translation>
    </message>
    <message>
        <source>{name} is encrypted. Enter its passphrase.</source>
        <translation>{name} 已加密，请输入口令。</translation>
    </message>
    <message>
        <source>Wrong passphrase: try again.</source>
        <translation>口令错误，请重试。</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Enter a passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>A passphrase cannot hold a NUL character.</source>
        <translation>口令不能包含 NUL 字符。</translation>
    </message>
    <message>
        <source>Use at least {n} characters.</source>
        <translation>口令至少 {n} 个字符。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PdfDocument</name>
    <message>
        <source>{unit} · exported {day}</source>
        <extracomment>Applied to every text drawn (a masked document&apos;s last line of defence: whatever a page prints, an ID, card or phone number in it is masked). A masked document&apos;s pages pass every text through ``mask_text`` as they draw it.</extracomment>
        <translation>{unit} · {day} 导出</translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <translation>第 {n} 页，共 {total} 页</translation>
    </message>
    <message>
        <source>Zhanlian 斩链 · for official use</source>
        <translation>斩链 · 仅供办案使用</translation>
    </message>
</context>
<context>
    <name>PlacesView</name>
    <message>
        <source>Cell</source>
        <translation>基站</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>基站地址</translation>
    </message>
    <message>
        <source>Likely</source>
        <translation>推断</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话次数</translation>
    </message>
    <message>
        <source>Daytime calls</source>
        <translation>白天通话</translation>
    </message>
    <message>
        <source>Night calls</source>
        <translation>夜间通话</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>末次出现</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <source>Map tiles from</source>
        <translation>地图瓦片来源</translation>
    </message>
    <message>
        <source>the force&apos;s map server, e.g. http://maps.local/{z}/{x}/{y}.png</source>
        <translation>本单位地图服务器，例如 http://maps.local/{z}/{x}/{y}.png</translation>
    </message>
    <message>
        <source>Places of {who}</source>
        <translation>{who} 的活动地点</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Likely home (most calls at night): {home}. Likely work (most calls in working hours on weekdays): {work}. {n} cells.</source>
        <translation>疑似住处（夜间通话最多）：{home}。疑似工作地（工作日工作时段通话最多）：{work}。共 {n} 个基站。</translation>
    </message>
    <message>
        <source>home</source>
        <translation>住处</translation>
    </message>
    <message>
        <source>work</source>
        <translation>工作地</translation>
    </message>
    <message>
        <source>{n} of {total} cells with coordinates; blue: home, orange: work; grey squares: the number&apos;s regions.</source>
        <translation>{total} 个基站中 {n} 个有经纬度；蓝色：住处，橙色：工作地；灰色方块：号码所属地区。</translation>
    </message>
    <message>
        <source>These records carry no cell coordinates; grey squares: the number&apos;s regions.</source>
        <translation>这些话单没有基站经纬度；灰色方块：号码所属地区。</translation>
    </message>
</context>
<context>
    <name>ProgressRow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在计算…</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <extracomment>Names the program gives things it makes in a case, stored in the language the interface had then: each English source with the Chinese spellings a case may hold. They are shown in the interface&apos;s language now, whichever language wrote them.</extracomment>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
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
    <name>RegionSummaryBox</name>
    <message>
        <source>The region summary belongs to a chart laid out by region (Chart → Layout → By region).</source>
        <translation>地区汇总仅适用于按地区布局的关系图（关系图 → 布局 → 按地区）。</translation>
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
        <source>balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>account (from title)</source>
        <translation>账户（取自标题）</translation>
    </message>
    <message>
        <source>caller and callee</source>
        <translation>主叫与被叫</translation>
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
        <source>beyond any real figure</source>
        <translation>超出任何真实金额</translation>
    </message>
    <message>
        <source>scientific notation (digits lost)</source>
        <translation>科学计数法（位数已丢失）</translation>
    </message>
    <message>
        <source>missing account</source>
        <translation>缺少账户</translation>
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
    <name>RoutineView</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Calls and messages by weekday and hour of day</source>
        <translation>按星期和时段统计的通话与短信</translation>
    </message>
    <message>
        <source>Daily routine of {who}</source>
        <translation>{who} 的作息规律</translation>
    </message>
    <message>
        <source>{calls} calls from {first} to {last}; busiest hour {hour:02d}:00; silent hours: {quiet}</source>
        <translation>共 {calls} 次通话，{first} 至 {last}；最忙时段 {hour:02d}:00；静默时段：{quiet}</translation>
    </message>
    <message>
        <source>No calls.</source>
        <translation>无通话。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Zhanlian cannot open its window: Qt&apos;s X11 (xcb) platform needs system libraries that are missing: {libraries}</source>
        <extracomment>What names a case on the command line: a file, or a case on a PostgreSQL server. Where the commands take an encrypted case&apos;s passphrase from when no terminal can ask. Printed in the terminal before Qt loads; {libraries} lists library file names.</extracomment>
        <translation>斩链无法打开窗口：Qt 的 X11 (xcb) 平台所需的系统库缺失：{libraries}</translation>
    </message>
    <message>
        <source>Install them, then start Zhanlian again:</source>
        <translation>请安装以下软件包，然后重新启动斩链：</translation>
    </message>
    <message>
        <source>Without a screen, QT_QPA_PLATFORM=offscreen runs it with no window; the commands (zhanlian --help) need none of these libraries.</source>
        <translation>没有显示器时，设置 QT_QPA_PLATFORM=offscreen 可以无窗口运行；命令行功能（zhanlian --help）不需要这些库。</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Transactions</source>
        <extracomment>Colours of incoming and outgoing money, exits, calls and events. Event labels considered at most; of these, those that find room are drawn (ui.placement). Which events keep their label first when labels compete for room.</extracomment>
        <translation>交易</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Zoom sets the chart&apos;s time filter</source>
        <translation>缩放即设置关系图时间筛选</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Fit the whole timeline and clear the time filter</source>
        <translation>显示完整时间轴并清除时间筛选</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Select entities to see their timeline.</source>
        <extracomment>(label, x in seconds, priority) of each event label; where they were painted</extracomment>
        <translation>选中对象以查看其时间轴。</translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> 等另外 {n} 个</translation>
    </message>
    <message>
        <source>money in</source>
        <translation>资金流入</translation>
    </message>
    <message>
        <source>money out</source>
        <translation>资金流出</translation>
    </message>
    <message>
        <source>cash / platform / crypto out</source>
        <translation>取现/第三方平台/虚拟币流出</translation>
    </message>
    <message>
        <source>{t} transactions, {c} calls, {e} events</source>
        <translation>{t} 笔交易，{c} 次通话，{e} 个事件</translation>
    </message>
    <message>
        <source>(the first {n:,} of each kind)</source>
        <translation>（每类仅显示前 {n:,} 条）</translation>
    </message>
    <message>
        <source>first transaction</source>
        <translation>首笔交易</translation>
    </message>
    <message>
        <source>arrested in {place}</source>
        <translation>于{place}抓获</translation>
    </message>
</context>
<context>
    <name>TracePanel</name>
    <message>
        <source>card or account number</source>
        <extracomment>a trace is in the tables (the window gives the panel room to show it)</extracomment>
        <translation>卡号或账号</translation>
    </message>
    <message>
        <source>YYYY-MM-DD HH:MM:SS (empty: first movement)</source>
        <translation>YYYY-MM-DD HH:MM:SS（留空：从首笔交易起）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>forward: where it went</source>
        <translation>正向：资金去向</translation>
    </message>
    <message>
        <source>backward: where it came from</source>
        <translation>反向：资金来源</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>追踪</translation>
    </message>
    <message>
        <source>Card:</source>
        <translation>卡号：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始：</translation>
    </message>
    <message>
        <source>Levels:</source>
        <translation>层级：</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>时间窗：</translation>
    </message>
    <message>
        <source>Select a bank card or type its number, then Trace.</source>
        <translation>选中银行卡或输入卡号，然后点击“追踪”。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户行</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Traced amount</source>
        <translation>涉案金额</translation>
    </message>
    <message>
        <source>First arrival</source>
        <translation>首次流入</translation>
    </message>
    <message>
        <source>Last known balance</source>
        <translation>最后已知余额</translation>
    </message>
    <message>
        <source>Not seen moving</source>
        <translation>疑似留存</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>已采取措施</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>出口</translation>
    </message>
    <message>
        <source>From card</source>
        <translation>出自卡号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Place / counterpart</source>
        <translation>地点/对方</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>卡</translation>
    </message>
    <message>
        <source>Exits</source>
        <translation>出口</translation>
    </message>
    <message>
        <source>Show flow on chart</source>
        <translation>在图上显示资金流</translation>
    </message>
    <message>
        <source>Export stop list…</source>
        <translation>导出止付冻结名单…</translation>
    </message>
    <message>
        <source>Record measure…</source>
        <translation>登记措施…</translation>
    </message>
    <message>
        <source>Give a card number.</source>
        <translation>请输入卡号。</translation>
    </message>
    <message>
        <source>No card or account {card} in the case.</source>
        <translation>案件中没有卡号或账户 {card}。</translation>
    </message>
    <message>
        <source>{value} is not a time (YYYY-MM-DD HH:MM:SS).</source>
        <translation>{value} 不是时间（YYYY-MM-DD HH:MM:SS）。</translation>
    </message>
    <message>
        <source>The card has no transactions to trace.</source>
        <translation>该卡没有可追踪的交易。</translation>
    </message>
    <message>
        <source>No statement of this card gave a balance.</source>
        <translation>该卡自身流水未提供余额。</translation>
    </message>
    <message>
        <source>after the transaction at {ts}</source>
        <translation>{ts} 交易后</translation>
    </message>
    <message>
        <source>Cards ({n})</source>
        <translation>卡（{n}）</translation>
    </message>
    <message>
        <source>Exits ({n})</source>
        <translation>出口（{n}）</translation>
    </message>
    <message>
        <source>{amount} yuan traced from {card} ({at}); {n} cards over {levels} levels.</source>
        <translation>自 {card}（{at}）追踪 {amount} 元；{levels} 级共 {n} 张卡。</translation>
    </message>
    <message>
        <source>Exits: {exits}.</source>
        <translation>出口：{exits}。</translation>
    </message>
    <message>
        <source>Stopped early: too many transfers (a payment hub?).</source>
        <translation>转账过多，已提前停止（可能是支付枢纽）。</translation>
    </message>
    <message>
        <source>Money from {card}</source>
        <translation>{card} 资金流向</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export stop list</source>
        <translation>导出止付冻结名单</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
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
        <source>payment account</source>
        <translation>支付账户</translation>
    </message>
    <message>
        <source>crypto wallet</source>
        <translation>加密钱包</translation>
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
        <source>Payment accounts</source>
        <translation>支付账户</translation>
    </message>
    <message>
        <source>Crypto wallets</source>
        <translation>加密钱包</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>JD Pay</source>
        <translation>京东支付</translation>
    </message>
    <message>
        <source>Meituan Pay</source>
        <translation>美团支付</translation>
    </message>
    <message>
        <source>UnionPay QR</source>
        <translation>云闪付</translation>
    </message>
    <message>
        <source>Pinduoduo</source>
        <translation>拼多多</translation>
    </message>
    <message>
        <source>Douyin Pay</source>
        <translation>抖音支付</translation>
    </message>
    <message>
        <source>other platform</source>
        <translation>其他平台</translation>
    </message>
    <message>
        <source>TRON</source>
        <translation>波场</translation>
    </message>
    <message>
        <source>Ethereum</source>
        <translation>以太坊</translation>
    </message>
    <message>
        <source>Bitcoin</source>
        <translation>比特币</translation>
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
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>链</translation>
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
        <source>owner unknown ({where})</source>
        <extracomment>A placeholder account&apos;s name, &quot;owner unknown (&lt;file&gt;)&quot; (workbench.intake.importer).</extracomment>
        <translation>户主不明（{where}）</translation>
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
        <extracomment>passphrases of the encrypted cases opened in this session (memory only)</extracomment>
        <translation>斩链</translation>
    </message>
    <message>
        <source>Case upgraded from schema {v}; backup kept at {b}</source>
        <translation>案件文件已从第 {v} 版数据结构升级，备份保存在 {b}</translation>
    </message>
    <message>
        <source>A WAL file beside the case was not its own and was set aside unmerged: {files}</source>
        <translation>案件旁的 WAL 文件不属于本案件，已移到一旁且未合并：{files}</translation>
    </message>
    <message>
        <source>Took over the lock of a session that ended: {who}</source>
        <translation>已接管一个已结束会话的锁：{who}</translation>
    </message>
    <message>
        <source>Recover into a new case…</source>
        <translation>恢复到新案件…</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>{name} is encrypted.</source>
        <translation>{name} 已加密。</translation>
    </message>
    <message>
        <source>Change passphrase…</source>
        <translation>更改口令…</translation>
    </message>
    <message>
        <source>Store unencrypted</source>
        <translation>取消加密</translation>
    </message>
    <message>
        <source>The case is encrypted.</source>
        <translation>案件已加密。</translation>
    </message>
    <message>
        <source>The case is stored unencrypted.</source>
        <translation>案件已改为不加密保存。</translation>
    </message>
    <message>
        <source>{n} backup(s) in the old form removed.</source>
        <translation>已删除 {n} 个旧形式的备份。</translation>
    </message>
    <message>
        <source>Building the demo case…</source>
        <translation>正在生成演示案件…</translation>
    </message>
</context>
</TS>
