<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1. Acknowledging stops the escalation and tells everyone paged so far that you have it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional), e.g. called Dr Lee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionQueue</name>
    <message>
        <source>Cannot keep pending actions in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in ended before the node answered: sign in again to send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node is still working on it, or was interrupted while doing it; asking again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action is no longer in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node has already answered this action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is being sent right now: wait for the node&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertBoardView</name>
    <message>
        <source>“%1”</source>
        <comment>quoted headline</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1 alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All active alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs action (not acknowledged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical and operational</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 4 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Raised:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledgement note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take this alert on: escalation stops (key A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the alert with what happened (key R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Escalate now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page the next level now (key E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Silence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop paging for alerts like this one for a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;trace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message behind this alert, every stage on every node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome of the last action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys on the list: A acknowledge · R resolve · E escalate · arrows move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an alert to see its evidence and act on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot acknowledge this alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This alert cannot be acknowledged now: it is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by %1: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised %1 times (same patient and test)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 related alerts open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node says: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An acknowledgement is already pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already acknowledged by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced: nobody was paged, so there is nothing to take on; resolve it instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced alerts are not escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to %1: sign in to act on this alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>user (role)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <comment>user (role of units)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical alerts are handled by the nurses of their unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operational alerts are handled by support.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A nurse of %1 acknowledges this alert; you can resolve or escalate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no severity chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every active state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>team %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised in the last %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting on the nodes you watch. New alerts appear here as they arrive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open alerts match these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open alerts hidden by the filters: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot resolve this alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot escalate this alert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced alerts are not escalated: nobody is paged while the silence lasts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page the next level for %1 now, without waiting for the timeout?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only support and admins create silences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to %1: the silence was not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to %1: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>action: headline</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 made by %3 is held until %3 signs in to %4 again. It is not done yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 got no answer from %3 for a day: check the alert, then act again. It may not be done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 will be sent when %3 is back. It is not done yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 of %2: no answer from %3 yet (%4); it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending %1 of %2 to %3…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged %1. Escalation stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved %1 as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated %1 to level %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence created until %1: alerts like %2 page nobody until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence not created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused it (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn: %1 of %2 was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertCardDelegate</name>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced until %1: nobody paged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced: nobody paged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · raised %2 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patient hidden for your role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>patient not loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, escalation stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 will be sent when %2 is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PENDING — %1 being sent to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of %1 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cached (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, escalation stopped; pages again %2 unless resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertFilterProxy</name>
    <message>
        <source>%1: %2 (%3, %4)</source>
        <comment>severity: headline (state, node)</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertHistoryPane</name>
    <message>
        <source>Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch this alert&apos;s history from its node again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1, not acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held by a silence: nobody is paged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node cannot be reached: this history is as of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node reports no history for this alert yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the escalation history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an alert to see whom it paged, when, on which channel, and who acknowledged it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>%1 alert on %2</source>
        <comment>severity, node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New alerts: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 alert on %2: %3
and %4 more on the alert board</source>
        <comment>severity, node, headline, count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vigil console: alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paging again: %1 alert on %2</source>
        <comment>severity, node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Still not resolved: level %2 is paged now.</source>
        <comment>headline, escalation level (1-based)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paging again: %1 alerts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertWording</name>
    <message>
        <source>lower</source>
        <comment>Inside a sentence, write a capitalised test name in lower case? Answer &apos;lower&apos; or &apos;keep&apos;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, bed %2</source>
        <comment>unit, bed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected critical %1 %2</source>
        <comment>test name, value with units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Critical %1 %2</source>
        <comment>test name, value with units</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>headline (abnormal flags)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, preliminary</source>
        <comment>a result not yet final</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>what — where</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 silent for %2 (usually every %3)</source>
        <comment>channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 silent for %2</source>
        <comment>channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 slow to acknowledge: %2 on average (limit %3)</source>
        <comment>channel</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters growing: %1 new in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination %1 down since %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination %1 down since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination %1 down (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination %1 down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages to %1 delayed %2, %3 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages to %1 backing up: %2 waiting (limit %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ref %1</source>
        <comment>reference range</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trend %1</source>
        <comment>earlier values of the same result, oldest first</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <comment>queued messages</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest %1</source>
        <comment>age of the oldest queued message</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circuit breaker open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>circuit breaker testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usually every %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean ACK time %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new</source>
        <comment>dead letters</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in total</source>
        <comment>dead letters</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>label: value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>code (code system)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Observed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message control ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <comment>age</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>hours</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>hours minutes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <comment>days</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>days hours</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1 of %2</source>
        <comment>escalation level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1</source>
        <comment>escalation level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, escalating now</source>
        <comment>escalation level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, paged again in %2</source>
        <comment>escalation level, countdown</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, next in %2</source>
        <comment>escalation level, countdown</comment>
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
    <message>
        <source>Unknown</source>
        <comment>alert severity</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <comment>alert state: raised, nobody paged yet</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paged</source>
        <comment>alert state: the first level was notified</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated</source>
        <comment>alert state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silenced</source>
        <comment>alert state: suppressed by a silence or cooldown, nobody paged</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retracted</source>
        <comment>alert state: the result was posted in error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <comment>alert state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clinical</source>
        <comment>alert category</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operational</source>
        <comment>alert category</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Treated</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider informed</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>False alarm</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate of another alert</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem cleared at the source</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result corrected</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>alert disposition</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <comment>alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <comment>alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate</source>
        <comment>alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence</source>
        <comment>alert action: create a silence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledgement</source>
        <comment>pending alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolution</source>
        <comment>pending alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalation</source>
        <comment>pending alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silence</source>
        <comment>pending alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action</source>
        <comment>pending alert action</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <comment>milliseconds</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds with one decimal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preliminary</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrected</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not verified</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>partial</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>posted in error</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amended</source>
        <comment>result status</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionDelegate</name>
    <message>
        <source>Needs attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <comment>audit: the user who acted</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <comment>audit: what the action was done to</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to read the audit log with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who (user name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On (e.g. alert:3, dead-letter:13)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that no entry of the audit log was changed or removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot be verified while the node is offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: your role cannot verify the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: could not verify — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Intact — %2 entries, head seq %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: BROKEN at entry %2 — %3. The %n entries before it are intact; every entry from %2 on may have been changed.</source>
        <translation>
            <numerusform>%1: BROKEN at entry %2 — %3. The %n entry before it is intact; every entry from %2 on may have been changed.</numerusform>
            <numerusform>%1: BROKEN at entry %2 — %3. The %n entries before it are intact; every entry from %2 on may have been changed.</numerusform>
        </translation>
    </message>
    <message>
        <source>No node to verify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the node is no longer configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the audit log could not be loaded — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached: its newest entries as of %2 are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: older entries could not be loaded — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot see the audit log on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is for support staff and admins. Ask one of them if you need to know who did what.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No node is configured: add one to see its audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — loading…</source>
        <translation>
            <numerusform>%n entry — loading…</numerusform>
            <numerusform>%n entries — loading…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — older entries: Load more</source>
        <translation>
            <numerusform>%n entry — older entries: Load more</numerusform>
            <numerusform>%n entries — older entries: Load more</numerusform>
        </translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — that is all</source>
        <translation>
            <numerusform>%n entry — that is all</numerusform>
            <numerusform>%n entries — that is all</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to read it in full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>&lt;user&gt; (&lt;role&gt;)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <comment>&lt;user&gt; from &lt;address&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entry %1 on %2, %3 — %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <comment>&lt;action&gt; on &lt;target&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rest of this entry is being fetched from the node.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkResubmitDialog</name>
    <message>
        <source>Resubmit dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What will be resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the node again what it would do; nothing is resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter</source>
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
        <source>Outcome of each dead letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be reached now, so it cannot check these %n dead letter(s) first.</source>
        <translation>
            <numerusform>%1 cannot be reached now, so it cannot check this dead letter first.</numerusform>
            <numerusform>%1 cannot be reached now, so it cannot check these %n dead letters first.</numerusform>
        </translation>
    </message>
    <message>
        <source>If you go on, the resubmission is kept as pending and sent once when the node is back; the node then refuses any that cannot be resubmitted, and says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 what it would do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node did not check them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>their channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s) from %1 on %2.</source>
        <translation>
            <numerusform>Resubmit %n dead letter from %1 on %2.</numerusform>
            <numerusform>Resubmit %n dead letters from %1 on %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s) from %1 to %2 on %3.</source>
        <translation>
            <numerusform>Resubmit %n dead letter from %1 to %2 on %3.</numerusform>
            <numerusform>Resubmit %n dead letters from %1 to %2 on %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>(The node checked the first %1.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to resubmit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node would resubmit all of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n of them would be refused:</source>
        <translation>
            <numerusform>%n of them would be refused:</numerusform>
            <numerusform>%n of them would be refused:</numerusform>
        </translation>
    </message>
    <message>
        <source>• %1 × %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n of them were already delivered downstream (the same MSH-10): the receiver may process them twice.</source>
        <translation>
            <numerusform>⚠ %n of them was already delivered downstream (the same MSH-10): the receiver may process it twice.</numerusform>
            <numerusform>⚠ %n of them were already delivered downstream (the same MSH-10): the receiver may process them twice.</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Re&amp;submit %n</source>
        <translation>
            <numerusform>Re&amp;submit %n</numerusform>
            <numerusform>Re&amp;submit %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;submit when the node is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s): %1</source>
        <translation>
            <numerusform>Resubmit %n dead letter: %1</numerusform>
            <numerusform>Resubmit %n dead letters: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. The resubmission is kept and sent once when the node is back; nothing is resubmitted until the node confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was resubmitted by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 resubmitted, %2 refused by %3. Each replay is followed in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as message %1, queued for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
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
</context>
<context>
    <name>DeadLetterDetailPane</name>
    <message>
        <source>Select a dead letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raw message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parsed message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show this dead letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter %1 on %2 — message %3, failed at %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to destination %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n delivery attempt(s)</source>
        <translation>
            <numerusform>%n delivery attempt</numerusform>
            <numerusform>%n delivery attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>dead-lettered %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked by %1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient fields are masked (***).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient fields are masked (***): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cached — as of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The node sent no message content with this dead letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parsed tree is for HL7 v2 messages; this is a FHIR resource (see the raw view).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadLetterFeed</name>
    <message>
        <source>no such node</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadLetterGroupModel</name>
    <message>
        <source>%1 at %2</source>
        <comment>error class at location</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>park pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unpark pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmit pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <comment>pipeline stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <comment>channels and destinations of a failure group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadLetterListModel</name>
    <message>
        <source>under 1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>park pending: not confirmed by the node yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unpark pending: not confirmed by the node yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmit pending: not confirmed by the node yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmitted</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, park pending</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, unpark pending</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, resubmit pending</source>
        <comment>dead-letter state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parked by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <comment>dead-letter ID</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <comment>pipeline stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <comment>what became of a resubmission</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <comment>HL7 message type</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control ID</source>
        <comment>MSH-10</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>care unit</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadLetterView</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any error class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the list (reason, control ID, type…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failure groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retr&amp;y group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Par&amp;k group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters of every group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;all groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;submit selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit and resubmit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Park selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no open dead letters left in this group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters of the group %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known about it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a failure group first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit every open dead letter of this group, after a dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins park dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set every open dead letter of this group aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select dead letters first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select dead letters of one node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit the selected dead letters, after a dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one dead letter to edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the message and resubmit it, after a check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;park selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins unpark dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the selected dead letters to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the selected dead letters aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role cannot see dead letters on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline — dead letters as of %2. Actions made now wait as pending until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is offline and nothing of it is cached yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s) shown</source>
        <translation>
            <numerusform>%n dead letter shown</numerusform>
            <numerusform>%n dead letters shown</numerusform>
        </translation>
    </message>
    <message>
        <source>(older ones load as you scroll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected dead letter(s)</source>
        <translation>
            <numerusform>%n selected dead letter</numerusform>
            <numerusform>%n selected dead letters</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscalationBoardView</name>
    <message>
        <source>%1 — offline, as of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(acknowledgement pending — not confirmed by the node)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(action pending — not confirmed by the node)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the next level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per policy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 again: %2</source>
        <comment>&lt;level&gt; again: &lt;recipients&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>&lt;level&gt;: &lt;recipients&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalates at %1 unless someone acknowledges it; now at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Policy %1: that level waits %n second(s) for an acknowledgement</source>
        <translation>
            <numerusform>Policy %1: that level waits %n second for an acknowledgement</numerusform>
            <numerusform>Policy %1: that level waits %n seconds for an acknowledgement</numerusform>
        </translation>
    </message>
    <message>
        <source>What escalates next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts that will escalate, soonest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the node is no longer configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the node sent nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting to escalate. Alerts that nobody has acknowledged yet appear here with the time they escalate and whom they page next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) will escalate unless acknowledged; the next %1: %2</source>
        <translation>
            <numerusform>%n alert will escalate unless acknowledged; the next %1: %2</numerusform>
            <numerusform>%n alerts will escalate unless acknowledged; the next %1: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscalationQueueModel</name>
    <message>
        <source>Escalates</source>
        <comment>column: time until the next escalation</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>care unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages next</source>
        <comment>column: who is notified at the next escalation</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalationText</name>
    <message>
        <source>the unit&apos;s nurses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nurses of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <comment>escalates in m:ss</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERDUE %1</source>
        <comment>escalation overdue by m:ss</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1</source>
        <comment>escalation level</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>console stream</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>webhook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>failed after %n attempt(s)</source>
        <translation>
            <numerusform>failed after %n attempt</numerusform>
            <numerusform>failed after %n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not delivered yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) so far</source>
        <translation>
            <numerusform>%n attempt so far</numerusform>
            <numerusform>%n attempts so far</numerusform>
        </translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paged %1</source>
        <comment>paged &lt;recipients&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>told %1</source>
        <comment>told &lt;recipients&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <comment>&lt;paged whom&gt; (&lt;channel&gt;) — &lt;delivery&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised while silenced — nobody paged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised by rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paged %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paged %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalated to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalated to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody acknowledged in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every page of the level before failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paged %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paged %1 again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retracted: the result was posted in error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>updated with new evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held back by a silence or cooldown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silence ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn: a corrected result is no longer critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notification failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>done by &lt;user&gt;</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched by patient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed patient data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged an alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved an alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated an alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created a silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended a silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <comment>audit outcome ok</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <comment>audit outcome denied</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>audit outcome failed</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged but not resolved in time: paged %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged but not resolved in time: paged %1 again: %2</source>
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
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
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
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
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
    <message>
        <source>not signed in</source>
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
    <name>ParkDialog</name>
    <message>
        <source>Park dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpark dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Park the open dead letters of the %1 on %2 (%n known now)?</source>
        <translation>
            <numerusform>Park the open dead letters of the %1 on %2 (%n known now)?</numerusform>
            <numerusform>Park the open dead letters of the %1 on %2 (%n known now)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Park %n dead letter(s) on %1?</source>
        <translation>
            <numerusform>Park %n dead letter on %1?</numerusform>
            <numerusform>Park %n dead letters on %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Return %n parked dead letter(s) on %1 to open?</source>
        <translation>
            <numerusform>Return %n parked dead letter on %1 to open?</numerusform>
            <numerusform>Return %n parked dead letters on %1 to open?</numerusform>
        </translation>
    </message>
    <message>
        <source>Parked dead letters are kept and can be looked at, but they leave the open list and the failure groups, and are not resubmitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They come back into the open list and their failure groups, and can be resubmitted again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins park dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins unpark dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park dead letters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpark dead letters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. Parking is kept and sent once when the node is back; nothing is parked until the node confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. Unparking is kept and sent once when the node is back; nothing changes until the node confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dead letter %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n parked on %1.</source>
        <translation>
            <numerusform>%n parked on %1.</numerusform>
            <numerusform>%n parked on %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unparked on %1.</source>
        <translation>
            <numerusform>%n unparked on %1.</numerusform>
            <numerusform>%n unparked on %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not parked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not unparked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was changed by it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingActionsButton</name>
    <message numerus="yes">
        <source>%n action(s) pending</source>
        <comment>status bar: not yet applied by a node</comment>
        <translation>
            <numerusform>%n action pending</numerusform>
            <numerusform>%n actions pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <comment>status bar: actions a node refused</comment>
        <translation>
            <numerusform>%n refused</numerusform>
            <numerusform>%n refused</numerusform>
        </translation>
    </message>
    <message>
        <source>A node refused an action made in this console: open the list to read why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions not yet applied by their node: they are sent once the node can be reached. Open the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingActionsPanel</name>
    <message>
        <source>Pending</source>
        <comment>console action state: not yet applied by the node</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <comment>console action state: the node did it</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <comment>console action state: the node said no</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded</source>
        <comment>console action state: withdrawn, never sent</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions waiting for a node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An action made while a node cannot be reached waits here as pending: it is not done until the node confirms it. It is sent once, with the same key every time, so the node never does it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending and recent actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send every pending action now; reconnect to nodes that are offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the selected pending action so that it is never sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied on %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1 (HTTP %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Discarded: not sent again. It was sent %n time(s) without an answer, so %1 may have done it anyway: check there.</source>
        <translation>
            <numerusform>Discarded: not sent again. It was sent %n time without an answer, so %1 may have done it anyway: check there.</numerusform>
            <numerusform>Discarded: not sent again. It was sent %n times without an answer, so %1 may have done it anyway: check there.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discarded: never sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It was made before the console knew who was signed in, so it is not sent in anyone&apos;s name: discard it, and act again if it is still needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. Made by %2: it is sent only once %2 signs in to %1 again, never in another user&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: %1 never answered, and it was first sent more than a day ago. It is not sent again, because %1 may have done it already: check on %1, then discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: being sent to %1 now; not yet applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It will be sent once when the node is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It is sent again at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>sent %n time(s)</source>
        <translation>
            <numerusform>sent %n time</numerusform>
            <numerusform>sent %n times</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting: every action was answered by its node.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) pending, not yet applied</source>
        <translation>
            <numerusform>%n action pending, not yet applied</numerusform>
            <numerusform>%n actions pending, not yet applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) refused by a node: read why below.</source>
        <translation>
            <numerusform>%n action refused by a node: read why below.</numerusform>
            <numerusform>%n actions refused by a node: read why below.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is being sent right now: wait for the node&apos;s answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending pending actions to the nodes that can be reached; the others get theirs when they are back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard &quot;%1&quot;? It will never be sent to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It was already sent %n time(s) without an answer: %1 may have done it anyway. Check there afterwards.</source>
        <translation>
            <numerusform>It was already sent %n time without an answer: %1 may have done it anyway. Check there afterwards.</numerusform>
            <numerusform>It was already sent %n times without an answer: %1 may have done it anyway. Check there afterwards.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard pending action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not discarded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded: &quot;%1&quot; will not be sent to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineStageNames</name>
    <message>
        <source>Parsing</source>
        <comment>dead-letter stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation</source>
        <comment>dead-letter stage</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <comment>dead-letter stage</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonEdit</name>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? For example: fixed the missing MRN, ticket INC-1042</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Required, kept in the audit log: %n more character(s) needed.</source>
        <translation>
            <numerusform>Required, kept in the audit log: %n more character needed.</numerusform>
            <numerusform>Required, kept in the audit log: %n more characters needed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too long: at most %1 characters (%2 now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the audit log with your name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1. Resolving closes the alert: it leaves the board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what happened first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResubmitDialog</name>
    <message>
        <source>Edit and resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reveal to edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the patient fields unmasked so you can edit them. You are asked why; the reveal is kept in the node&apos;s audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the node what resubmitting this text would do; nothing is resubmitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet: check the message before resubmitting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <comment>HL7 field path</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes against the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation findings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes against the original:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading dead letter %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load dead letter %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter %1 on %2, message %3 — failed at %4: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is %1: the node will refuse to resubmit it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patient fields are masked (%1). Resubmitting unchanged uses the stored message as it is; to edit it, reveal it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why do you need to see this patient&apos;s data? (5 to 500 characters; kept in the node&apos;s audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not revealed: the reason must be 5 to 500 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not revealed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the node sent no content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed for editing. The unmasked text stays in this window only and is not cached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking with %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check did not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Checked: the node would accept this message and resubmit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Checked: the message passes, but the node would not resubmit it now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✖ Checked: the node would refuse it — %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <comment>diff</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>masked (patient data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would go nowhere: no destination would get it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would go to: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The channel would answer %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed since the check: check again before resubmitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached now: checking needs the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the message first: Resubmit sends exactly the text that was checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit dead letter %1 (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit dead letter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. The resubmission is kept and sent once when the node is back; nothing is resubmitted until the node confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitted as message %1, queued for %2. Its delivery is followed in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was resubmitted by it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResubmitFollowUp</name>
    <message>
        <source>refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed again at %1: dead letter %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed again at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed again: dead letter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed again: the replay is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued for %1 (message %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (message %2)</source>
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
    <message>
        <source>Play a &amp;sound when a critical or high alert arrives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts:</source>
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
        <translation>
            <numerusform>Too many failed sign-ins: try again in %n s.</numerusform>
            <numerusform>Too many failed sign-ins: try again in %n s.</numerusform>
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
    <name>SilenceDialog</name>
    <message>
        <source>Silence alerts like this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On %1. While the silence lasts, new alerts that match every checked item are recorded and shown as silenced, but nobody is paged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence alerts with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same unit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same subject: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same test: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same severity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the same category: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (required), e.g. lab analyser being recalibrated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create silence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silence %1 until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one item: a silence without one would hold nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end must be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A silence lasts at most 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why: the reason is kept in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is paged for matching alerts until %1 (%2 from now).</source>
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
        <translation>
            <numerusform>last %n day</numerusform>
            <numerusform>last %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>All messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>last %n hour(s)</source>
        <translation>
            <numerusform>last %n hour</numerusform>
            <numerusform>last %n hours</numerusform>
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
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
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
