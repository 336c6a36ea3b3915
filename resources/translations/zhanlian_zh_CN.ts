<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalystDialog</name>
    <message>
        <source>Who is working?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every change to a case is recorded with the analyst who made it.
Enter your name or police number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <source>Search names, numbers, aliases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityDialog</name>
    <message>
        <source>New entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card or account number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMEI:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name or a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: fails the Luhn check; kept and flagged.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not all digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check digit does not match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown region code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>impossible birth date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a mainland mobile number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>16 digits: an IMEISV, not an IMEI</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save name, aliases and notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add region…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identifier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Culpability:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New link…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analyst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entity in the browser or the chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>born {date}, {sex}, registered in {place}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fails the Luhn check (kept as the bank reported it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{t} transactions, {c} calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>linked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlinked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>legal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>culpability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>identifier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set roles of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set culpability of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set legal status of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add region to {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove region from {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>New link from {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse direction (the other entity is the source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the other entity by name or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other entity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Case browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;entity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;link from selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mask ID and card numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Zhanlian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zhanlian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: this case is open elsewhere — {who}. You can look, but changes are disabled so that the case never has two writers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{analyst} on {host} since {since}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the case was opened for viewing only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{people} people · {cards} bank cards · {phones} phone cards · {devices} devices · {orgs} organisations · {links} links · {txns} transactions · {calls} calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {name} and its {n} links from the case? You can undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zhanlian cases (*.zlcase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zhanlian cases (*.zlcase);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Zhanlian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Zhanlian 斩链&lt;/h3&gt;&lt;p&gt;A workbench for anti-fraud case squads: one case file for every suspect, phone card and bank card of a gang; links, roles, regions and the money trail.&lt;/p&gt;&lt;p&gt;Case data stays on this workstation.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This entity appears in {t} transactions and {c} calls of the evidence, so it cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Neighbourhood</name>
    <message>
        <source>¥{n:.1f}万</source>
        <extracomment>At most this many neighbours are drawn; the rest are counted in the caption.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NeighbourhoodView</name>
    <message>
        <source>Select an entity to see its links, money and calls around it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} neighbours of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({n} more not shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a neighbour to move there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} calls</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionDialog</name>
    <message>
        <source>Add region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>石柱, Chongqing, 500240, 缅北…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>organiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>core member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>car handler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>card supplier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>score runner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money launderer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>traffic driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tech support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>border-crossing organiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>victim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>main offender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accessory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on bail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arrested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transferred for prosecution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sentenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>administrative penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joint punishment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>household registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>account opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arrest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reports to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recruited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>Zhanlian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case upgraded from schema {v}; backup kept at {b}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the demo case…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
