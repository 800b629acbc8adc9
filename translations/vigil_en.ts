<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AttentionDelegate</name>
    <message>
        <source>Needs attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificatePin</name>
    <message>
        <source>The certificate of node %1 has changed: pinned %2, presented %3. This is expected only if the node&apos;s certificate was replaced; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CertificateWarning</name>
    <message>
        <source>Certificate changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The console refused the connection to %1 and sent nothing: no password, no token.&lt;/p&gt;&lt;p&gt;Pinned until now:&lt;/p&gt;%2&lt;p&gt;Presented now:&lt;/p&gt;%3&lt;p&gt;This happens when the node&apos;s certificate was replaced (its certificate files were re-created or renewed, or another node now answers at this address) — or when someone is intercepting the connection. Ask whoever runs the node to read the line &lt;b&gt;api-certificate sha256 …&lt;/b&gt; it printed at its last start. Only if it matches the new value, open &lt;b&gt;Node › Edit node…&lt;/b&gt;, tick &lt;i&gt;Check the node&apos;s certificate again&lt;/i&gt; and trust it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of node %1 has changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleApplication</name>
    <message>
        <source>--node https://… needs --fingerprint with the SHA-256 the node printed at its start (api-certificate sha256 …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleCache</name>
    <message>
        <source>cache query failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete the cache file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a readable SQLite file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an SQLite file but not a console cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the console cache %1 has no valid schema version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the cache folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 has schema version %2, newer than this console knows (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 has schema version %2; open it for writing first to migrate it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache migration failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache is not open for writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store stats: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read stats: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store messages: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store a message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store a trace: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot update the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot store a list: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot prune the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleOptions</name>
    <message>
        <source>Vigil operations console: live queues, message traces and alerts of Vigil nodes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the node at this address (added if new).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node&apos;s certificate fingerprint, as it printed it (api-certificate sha256 …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the node list in this INI file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the offline caches in this folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep sign-ins in memory only, not in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing: save a PNG of each view here, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing: seconds to wait before the screenshots (default 8).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot-delay takes a number of seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--node takes https://host:port (http:// only for a node run with --insecure-dev).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--fingerprint, --user and --password-stdin need --node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-stdin needs --user.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsoleStrings</name>
    <message>
        <source>Online</source>
        <comment>node state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <comment>node state: reachable, reporting trouble</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <comment>node state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <comment>node state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>alert severity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <comment>alert severity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>alert severity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <comment>alert severity</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Hl7TreeModel</name>
    <message>
        <source>Element</source>
        <comment>HL7 segment/field path</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IdActions</name>
    <message>
        <source>Open trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vigil console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No nodes yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a node (Ctrl+N): its address, and the certificate fingerprint it prints when it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert board: by severity and state, filtered by unit; acknowledge with one action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What escalates next, to whom, and when.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead-lettered messages with reason and stage; view, fix and resubmit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who did what, when, from where: the node&apos;s audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find a message or trace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Vigil console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Vigil console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Vigil console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Operations console for Vigil integration nodes.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from this console? Its sign-in and its offline cache on this computer are deleted; the node itself is not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when the console starts again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDetailPane</name>
    <message>
        <source>Select a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Parsed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACKs and &amp;deliveries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MSH-10 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACK %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patient %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resend of message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmits message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached — as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parsed tree is for HL7 v2 messages; this is a FHIR resource (see Raw).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>routed to: %1; delivered to: %2; not (yet) delivered: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACKs sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open message %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MetricChart</name>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the chart; data keeps arriving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the live range (drag over the chart to zoom in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeChip</name>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <source>Edit node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Main campus lab node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host name or address, e.g. vigil-lab.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS with a pinned certificate (turn off only for a node run with --insecure-dev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not pinned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinned certificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the node&apos;s certificate again (after it was deliberately replaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the node&apos;s machine the same value is printed at every start, and &lt;code&gt;openssl x509 -noout -fingerprint -sha256 -in api-certificate.pem&lt;/code&gt; shows it too. If the two differ, do not continue: someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node at %1 is already in the list as &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 to read its certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the node&apos;s certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node at %1 presents this certificate (SHA-256). Compare it, group by group, with the line &lt;b&gt;api-certificate sha256 …&lt;/b&gt; that the node prints when it starts. Trust it only if they are identical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This replaces the certificate pinned until now:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeListModel</name>
    <message numerus="yes">
        <source>%n min</source>
        <comment>duration</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>degraded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed out: sign in to see this node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed out — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: oldest message %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 destination down: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 destinations down: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: 1 new error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 new errors</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeProfiles</name>
    <message>
        <source>cannot access the settings file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the settings file %1 is malformed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not a host name or address (leave out the scheme, the path and spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another node is already called &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A node with this id already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node has no id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is not in the list (was it removed meanwhile?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 skipped: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeSession</name>
    <message>
        <source>Your session on %1 has ended: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate changed: connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>showing data cached at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cached data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign in to see live data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeStrip</name>
    <message>
        <source>No nodes yet — add one with Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpsClient</name>
    <message>
        <source>Node %1 refused the connection (is it running?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host name of node %1 was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to node %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request to node %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 has no pinned certificate yet; confirm its fingerprint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request to node %1 was cancelled because its address or certificate changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 answered HTTP %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 answered an unexpected redirect (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1:%2 presented no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate of %1:%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the certificate of %1:%2: no answer within %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>breaker open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>breaker half-open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not draining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>errors rising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <comment>duration</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 interface needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 interfaces need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cached — as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>destination (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>down — breaker open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying — breaker half-open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oldest queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drains in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs &amp;attention only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nodes, channels and destinations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a row to chart it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the charts; data keeps arriving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the live range (drag over a chart to zoom in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>7 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — all destinations&apos; queues, all channels&apos; arrivals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel %1 — arrivals per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination %1 — queue depth and deliveries per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cached — as of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cached</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderView</name>
    <message>
        <source>This view arrives in the next release.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MB</source>
        <comment>megabytes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline &amp;cache per node:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies when the console starts again. When a cache reaches its limit, the oldest statistics and the messages viewed longest ago are dropped first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node presented a different certificate than the one pinned: nothing was sent. See the warning about the changed certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name or password is wrong (or the user is disabled).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins: try again in %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The node cannot be reached: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node refused the sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node refused the sign-in (HTTP %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreamClient</name>
    <message>
        <source>The stream of node %1 went silent; reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 did not complete the stream connection in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 has no pinned certificate yet; confirm its fingerprint first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of node %1 could not be checked against the pinned one; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to node %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 closed the stream: %2; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the session is no longer valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stream of node %1 was interrupted (%2); reconnecting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the stream of node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1 refused a stream request: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenVault</name>
    <message>
        <source>No keychain available: you will sign in again next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused to give the saved sign-in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in could not be saved in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraceQuery</name>
    <message numerus="yes">
        <source>last %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>All messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>last %n hour(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceSearchBar</name>
    <message>
        <source>Correlation ID, MSH-10, patient ID or accession number (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trace search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;ved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
        <comment>message state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <comment>message state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unparseable</source>
        <comment>message state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <comment>message state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear recent searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraceTimelineModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+Previous</source>
        <comment>time since the previous event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+First</source>
        <comment>time since the first event</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy MSH-10</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — more when you scroll down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No message matches.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
