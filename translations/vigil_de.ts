<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge alert</source>
        <translation>Alarm quittieren</translation>
    </message>
    <message>
        <source>On %1. Acknowledging stops the escalation and tells everyone paged so far that you have it.</source>
        <translation>Auf %1. Das Quittieren stoppt die Eskalation und teilt allen bisher Benachrichtigten mit, dass Sie sich darum kümmern.</translation>
    </message>
    <message>
        <source>Note (optional), e.g. called Dr Lee</source>
        <translation>Notiz (optional), z. B. Dr. Lee angerufen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
</context>
<context>
    <name>ActionQueue</name>
    <message>
        <source>Cannot keep pending actions in %1: %2</source>
        <translation>Ausstehende Aktionen können nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The sign-in ended before the node answered: sign in again to send it.</source>
        <translation>Die Anmeldung endete, bevor der Knoten geantwortet hat: Melden Sie sich erneut an, um die Aktion zu senden.</translation>
    </message>
    <message>
        <source>The node is still working on it, or was interrupted while doing it; asking again.</source>
        <translation>Der Knoten bearbeitet sie noch oder wurde dabei unterbrochen; es wird erneut nachgefragt.</translation>
    </message>
    <message>
        <source>The node did not answer.</source>
        <translation>Der Knoten hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>This action is no longer in the list.</source>
        <translation>Diese Aktion ist nicht mehr in der Liste.</translation>
    </message>
    <message>
        <source>The node has already answered this action.</source>
        <translation>Der Knoten hat diese Aktion bereits beantwortet.</translation>
    </message>
    <message>
        <source>It is being sent right now: wait for the node&apos;s answer.</source>
        <translation>Sie wird gerade gesendet: Warten Sie die Antwort des Knotens ab.</translation>
    </message>
</context>
<context>
    <name>AlertBoardView</name>
    <message>
        <source>“%1”</source>
        <comment>quoted headline</comment>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Show %1 alerts</source>
        <translation>Alarme mit Schweregrad %1 anzeigen</translation>
    </message>
    <message>
        <source>All active alerts</source>
        <translation>Alle aktiven Alarme</translation>
    </message>
    <message>
        <source>Needs action (not acknowledged)</source>
        <translation>Handlungsbedarf (nicht quittiert)</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Stummgeschaltet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Clinical and operational</source>
        <translation>Klinisch und betrieblich</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Every unit</source>
        <translation>Alle Stationen</translation>
    </message>
    <message>
        <source>&amp;Unit:</source>
        <translation>Stat&amp;ion:</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Every team</source>
        <translation>Alle Teams</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>&amp;Team:</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Every node</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <source>N&amp;ode:</source>
        <translation>Kn&amp;oten:</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebige Zeit</translation>
    </message>
    <message>
        <source>Last 15 min</source>
        <translation>Letzte 15 min</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 4 h</source>
        <translation>Letzte 4 h</translation>
    </message>
    <message>
        <source>Last 24 h</source>
        <translation>Letzte 24 h</translation>
    </message>
    <message>
        <source>&amp;Raised:</source>
        <translation>A&amp;usgelöst:</translation>
    </message>
    <message>
        <source>Raised within</source>
        <translation>Ausgelöst innerhalb</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>Offene Alarme</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Acknowledgement note</source>
        <translation>Notiz zur Quittierung</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <source>Take this alert on: escalation stops (key A)</source>
        <translation>Diesen Alarm übernehmen: Die Eskalation stoppt (Taste A)</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>A&amp;bschließen…</translation>
    </message>
    <message>
        <source>Close the alert with what happened (key R)</source>
        <translation>Den Alarm mit dem Ergebnis abschließen (Taste R)</translation>
    </message>
    <message>
        <source>&amp;Escalate now</source>
        <translation>Jetzt &amp;eskalieren</translation>
    </message>
    <message>
        <source>Page the next level now (key E)</source>
        <translation>Die nächste Ebene jetzt benachrichtigen (Taste E)</translation>
    </message>
    <message>
        <source>&amp;Silence…</source>
        <translation>Stu&amp;mmschalten…</translation>
    </message>
    <message>
        <source>Stop paging for alerts like this one for a while</source>
        <translation>Für eine Weile niemanden wegen solcher Alarme benachrichtigen</translation>
    </message>
    <message>
        <source>Open &amp;trace</source>
        <translation>&amp;Verlauf öffnen</translation>
    </message>
    <message>
        <source>The message behind this alert, every stage on every node</source>
        <translation>Die Nachricht hinter diesem Alarm, jede Stufe auf jedem Knoten</translation>
    </message>
    <message>
        <source>Outcome of the last action</source>
        <translation>Ergebnis der letzten Aktion</translation>
    </message>
    <message>
        <source>Keys on the list: A acknowledge · R resolve · E escalate · arrows move</source>
        <translation>Tasten in der Liste: A quittieren · R abschließen · E eskalieren · Pfeiltasten bewegen</translation>
    </message>
    <message>
        <source>Select an alert to see its evidence and act on it.</source>
        <translation>Wählen Sie einen Alarm aus, um seinen Befund zu sehen und ihn zu bearbeiten.</translation>
    </message>
    <message>
        <source>Your role cannot acknowledge this alert.</source>
        <translation>Ihre Rolle kann diesen Alarm nicht quittieren.</translation>
    </message>
    <message>
        <source>This alert cannot be acknowledged now: it is %1.</source>
        <translation>Dieser Alarm kann jetzt nicht quittiert werden: Er ist %1.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Station: %1</translation>
    </message>
    <message>
        <source>Team: %1</source>
        <translation>Team: %1</translation>
    </message>
    <message>
        <source>Node: %1</source>
        <translation>Knoten: %1</translation>
    </message>
    <message>
        <source>Raised at %1 (%2)</source>
        <translation>Ausgelöst um %1 (%2)</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Quittiert von %1</translation>
    </message>
    <message>
        <source>Acknowledged by %1: “%2”</source>
        <translation>Quittiert von %1: „%2“</translation>
    </message>
    <message>
        <source>Raised %1 times (same patient and test)</source>
        <translation>%1-mal ausgelöst (gleicher Patient, gleicher Parameter)</translation>
    </message>
    <message>
        <source>%1 related alerts open</source>
        <translation>%1 zugehörige Alarme offen</translation>
    </message>
    <message>
        <source>The node says: %1</source>
        <translation>Der Knoten meldet: %1</translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation>Eskalation: %1</translation>
    </message>
    <message>
        <source>An acknowledgement is already pending</source>
        <translation>Eine Quittierung ist bereits ausstehend</translation>
    </message>
    <message>
        <source>Already acknowledged by %1</source>
        <translation>Bereits quittiert von %1</translation>
    </message>
    <message>
        <source>Silenced: nobody was paged, so there is nothing to take on; resolve it instead</source>
        <translation>Stummgeschaltet: Es wurde niemand benachrichtigt, daher gibt es nichts zu übernehmen; schließen Sie den Alarm stattdessen ab</translation>
    </message>
    <message>
        <source>Silenced alerts are not escalated</source>
        <translation>Stummgeschaltete Alarme werden nicht eskaliert</translation>
    </message>
    <message>
        <source>Not signed in to %1: sign in to act on this alert.</source>
        <translation>Nicht bei %1 angemeldet: Melden Sie sich an, um diesen Alarm zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>user (role)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <comment>user (role of units)</comment>
        <translation>%1 (%2, Station %3)</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation>Bei %1 als %2 angemeldet.</translation>
    </message>
    <message>
        <source>Clinical alerts are handled by the nurses of their unit.</source>
        <translation>Klinische Alarme werden von den Pflegekräften ihrer Station bearbeitet.</translation>
    </message>
    <message>
        <source>Operational alerts are handled by support.</source>
        <translation>Betriebliche Alarme werden vom Support bearbeitet.</translation>
    </message>
    <message>
        <source>A nurse of %1 acknowledges this alert; you can resolve or escalate it.</source>
        <translation>Eine Pflegekraft von %1 quittiert diesen Alarm; Sie können ihn abschließen oder eskalieren.</translation>
    </message>
    <message>
        <source>Last %1</source>
        <translation>Letzte %1</translation>
    </message>
    <message>
        <source>no severity chosen</source>
        <translation>kein Schweregrad gewählt</translation>
    </message>
    <message>
        <source>every severity</source>
        <translation>jeder Schweregrad</translation>
    </message>
    <message>
        <source>every active state</source>
        <translation>jeder aktive Status</translation>
    </message>
    <message>
        <source>needs action</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>%1 only</source>
        <translation>nur %1</translation>
    </message>
    <message>
        <source>every unit</source>
        <translation>alle Stationen</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <source>team %1</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>every node</source>
        <translation>alle Knoten</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>Knoten %1</translation>
    </message>
    <message>
        <source>any time</source>
        <translation>beliebige Zeit</translation>
    </message>
    <message>
        <source>raised in the last %1</source>
        <translation>ausgelöst in den letzten %1</translation>
    </message>
    <message>
        <source>Showing: %1</source>
        <translation>Angezeigt: %1</translation>
    </message>
    <message>
        <source>No open alerts</source>
        <translation>Keine offenen Alarme</translation>
    </message>
    <message>
        <source>Nothing is waiting on the nodes you watch. New alerts appear here as they arrive.</source>
        <translation>Auf den beobachteten Knoten wartet nichts. Neue Alarme erscheinen hier, sobald sie eintreffen.</translation>
    </message>
    <message>
        <source>No open alerts match these filters</source>
        <translation>Keine offenen Alarme passen zu diesen Filtern</translation>
    </message>
    <message>
        <source>Open alerts hidden by the filters: %1.</source>
        <translation>Durch die Filter ausgeblendete offene Alarme: %1.</translation>
    </message>
    <message>
        <source>Your role cannot resolve this alert.</source>
        <translation>Ihre Rolle kann diesen Alarm nicht abschließen.</translation>
    </message>
    <message>
        <source>Your role cannot escalate this alert.</source>
        <translation>Ihre Rolle kann diesen Alarm nicht eskalieren.</translation>
    </message>
    <message>
        <source>Silenced alerts are not escalated: nobody is paged while the silence lasts.</source>
        <translation>Stummgeschaltete Alarme werden nicht eskaliert: Solange die Stummschaltung gilt, wird niemand benachrichtigt.</translation>
    </message>
    <message>
        <source>Escalate now?</source>
        <translation>Jetzt eskalieren?</translation>
    </message>
    <message>
        <source>Page the next level for %1 now, without waiting for the timeout?</source>
        <translation>Die nächste Ebene für %1 jetzt benachrichtigen, ohne das Zeitlimit abzuwarten?</translation>
    </message>
    <message>
        <source>Only support and admins create silences.</source>
        <translation>Nur Support und Admins legen Stummschaltungen an.</translation>
    </message>
    <message>
        <source>Not connected to %1: the silence was not created.</source>
        <translation>Nicht mit %1 verbunden: Die Stummschaltung wurde nicht angelegt.</translation>
    </message>
    <message>
        <source>Not connected to %1: nothing was sent.</source>
        <translation>Nicht mit %1 verbunden: Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>action: headline</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 made by %3 is held until %3 signs in to %4 again. It is not done yet.</source>
        <translation>AUSSTEHEND — %1 für %2 von %3 wird zurückgehalten, bis sich %3 wieder bei %4 anmeldet. Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 got no answer from %3 for a day: check the alert, then act again. It may not be done.</source>
        <translation>AUSSTEHEND — %1 für %2 hat seit einem Tag keine Antwort von %3 erhalten: Prüfen Sie den Alarm und handeln Sie dann erneut. Möglicherweise nicht ausgeführt.</translation>
    </message>
    <message>
        <source>PENDING — %1 of %2 will be sent when %3 is back. It is not done yet.</source>
        <translation>AUSSTEHEND — %1 für %2 wird gesendet, sobald %3 wieder erreichbar ist. Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>PENDING — %1 of %2: no answer from %3 yet (%4); it will be sent again.</source>
        <translation>AUSSTEHEND — %1 für %2: noch keine Antwort von %3 (%4); wird erneut gesendet.</translation>
    </message>
    <message>
        <source>Sending %1 of %2 to %3…</source>
        <translation>%1 für %2 wird an %3 gesendet…</translation>
    </message>
    <message>
        <source>Acknowledged %1. Escalation stopped.</source>
        <translation>%1 quittiert. Eskalation gestoppt.</translation>
    </message>
    <message>
        <source>Resolved %1 as %2.</source>
        <translation>%1 abgeschlossen als %2.</translation>
    </message>
    <message>
        <source>Escalated %1 to level %2.</source>
        <translation>%1 auf Ebene %2 eskaliert.</translation>
    </message>
    <message>
        <source>Silence created until %1: alerts like %2 page nobody until then.</source>
        <translation>Stummschaltung bis %1 angelegt: Bei Alarmen wie %2 wird bis dahin niemand benachrichtigt.</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Erledigt: %1.</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>Nicht quittiert</translation>
    </message>
    <message>
        <source>Not resolved</source>
        <translation>Nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation>Nicht eskaliert</translation>
    </message>
    <message>
        <source>Silence not created</source>
        <translation>Stummschaltung nicht angelegt</translation>
    </message>
    <message>
        <source>%1 refused it (HTTP %2).</source>
        <translation>%1 hat abgelehnt (HTTP %2).</translation>
    </message>
    <message>
        <source>%1: %2 — %3</source>
        <translation>%1: %2 — %3</translation>
    </message>
    <message>
        <source>Withdrawn: %1 of %2 was not sent.</source>
        <translation>Zurückgezogen: %1 für %2 wurde nicht gesendet.</translation>
    </message>
</context>
<context>
    <name>AlertCardDelegate</name>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation>Quittiert von %1 um %2</translation>
    </message>
    <message>
        <source>Acknowledged by %1</source>
        <translation>Quittiert von %1</translation>
    </message>
    <message>
        <source>Silenced until %1: nobody paged</source>
        <translation>Stummgeschaltet bis %1: niemand benachrichtigt</translation>
    </message>
    <message>
        <source>Silenced: nobody paged</source>
        <translation>Stummgeschaltet: niemand benachrichtigt</translation>
    </message>
    <message>
        <source>%1 · raised %2 times</source>
        <translation>%1 · %2-mal ausgelöst</translation>
    </message>
    <message>
        <source>patient hidden for your role</source>
        <translation>Patient für Ihre Rolle ausgeblendet</translation>
    </message>
    <message>
        <source>Patient %1</source>
        <translation>Patient %1</translation>
    </message>
    <message>
        <source>patient not loaded yet</source>
        <translation>Patient noch nicht geladen</translation>
    </message>
    <message>
        <source>%1, escalation stopped</source>
        <translation>%1, Eskalation gestoppt</translation>
    </message>
    <message>
        <source>PENDING — %1 will be sent when %2 is back</source>
        <translation>AUSSTEHEND — %1 wird gesendet, sobald %2 wieder erreichbar ist</translation>
    </message>
    <message>
        <source>PENDING — %1 being sent to %2</source>
        <translation>AUSSTEHEND — %1 wird an %2 gesendet</translation>
    </message>
    <message>
        <source>as of %1 (offline)</source>
        <translation>Stand %1 (offline)</translation>
    </message>
    <message>
        <source>cached (offline)</source>
        <translation>zwischengespeichert (offline)</translation>
    </message>
    <message>
        <source>%1, escalation stopped; pages again %2 unless resolved</source>
        <translation>%1, Eskalation gestoppt; benachrichtigt erneut %2, wenn nicht abgeschlossen</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
</context>
<context>
    <name>AlertFilterProxy</name>
    <message>
        <source>%1: %2 (%3, %4)</source>
        <comment>severity: headline (state, node)</comment>
        <translation>%1: %2 (%3, %4)</translation>
    </message>
</context>
<context>
    <name>AlertHistoryPane</name>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Fetch this alert&apos;s history from its node again</source>
        <translation>Den Verlauf dieses Alarms erneut von seinem Knoten abrufen</translation>
    </message>
    <message>
        <source>Escalation history</source>
        <translation>Eskalationsverlauf</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>quittiert von %1</translation>
    </message>
    <message>
        <source>at %1, not acknowledged</source>
        <translation>um %1, nicht quittiert</translation>
    </message>
    <message>
        <source>held by a silence: nobody is paged</source>
        <translation>durch eine Stummschaltung zurückgehalten: niemand wird benachrichtigt</translation>
    </message>
    <message>
        <source>The node cannot be reached: this history is as of %1.</source>
        <translation>Der Knoten ist nicht erreichbar: Dieser Verlauf hat den Stand %1.</translation>
    </message>
    <message>
        <source>The node reports no history for this alert yet.</source>
        <translation>Der Knoten meldet noch keinen Verlauf für diesen Alarm.</translation>
    </message>
    <message>
        <source>Alert %1</source>
        <translation>Alarm %1</translation>
    </message>
    <message>
        <source>Loading the escalation history…</source>
        <translation>Eskalationsverlauf wird geladen…</translation>
    </message>
    <message>
        <source>The history could not be loaded: %1</source>
        <translation>Der Verlauf konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Select an alert to see whom it paged, when, on which channel, and who acknowledged it.</source>
        <translation>Wählen Sie einen Alarm aus, um zu sehen, wen er wann über welchen Kanal benachrichtigt hat und wer ihn quittiert hat.</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>%1 alert on %2</source>
        <comment>severity, node</comment>
        <translation>Alarm (%1) auf %2</translation>
    </message>
    <message>
        <source>New alerts: %1</source>
        <translation>Neue Alarme: %1</translation>
    </message>
    <message>
        <source>%1 alert on %2: %3
and %4 more on the alert board</source>
        <comment>severity, node, headline, count</comment>
        <translation>Alarm (%1) auf %2: %3
und %4 weitere auf der Alarmtafel</translation>
    </message>
    <message>
        <source>Vigil console: alerts</source>
        <translation>Vigil-Konsole: Alarme</translation>
    </message>
    <message>
        <source>Paging again: %1 alert on %2</source>
        <comment>severity, node</comment>
        <translation>Erneute Benachrichtigung: Alarm (%1) auf %2</translation>
    </message>
    <message>
        <source>%1
Still not resolved: level %2 is paged now.</source>
        <comment>headline, escalation level (1-based)</comment>
        <translation>%1
Immer noch nicht abgeschlossen: Ebene %2 wird jetzt benachrichtigt.</translation>
    </message>
    <message>
        <source>Paging again: %1 alerts</source>
        <translation>Erneute Benachrichtigung: %1 Alarme</translation>
    </message>
</context>
<context>
    <name>AlertWording</name>
    <message>
        <source>lower</source>
        <comment>Inside a sentence, write a capitalised test name in lower case? Answer &apos;lower&apos; or &apos;keep&apos;</comment>
        <translation>keep</translation>
    </message>
    <message>
        <source>bed %1</source>
        <translation>Bett %1</translation>
    </message>
    <message>
        <source>%1, bed %2</source>
        <comment>unit, bed</comment>
        <translation>%1, Bett %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value units</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Corrected critical %1 %2</source>
        <comment>test name, value with units</comment>
        <translation>Korrigierter kritischer Befund: %1 %2</translation>
    </message>
    <message>
        <source>Critical %1 %2</source>
        <comment>test name, value with units</comment>
        <translation>Kritischer Befund: %1 %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>headline (abnormal flags)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, preliminary</source>
        <comment>a result not yet final</comment>
        <translation>%1, vorläufig</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <comment>what — where</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 silent for %2 (usually every %3)</source>
        <comment>channel</comment>
        <translation>%1 seit %2 still (sonst alle %3)</translation>
    </message>
    <message>
        <source>%1 silent for %2</source>
        <comment>channel</comment>
        <translation>%1 seit %2 still</translation>
    </message>
    <message>
        <source>%1 slow to acknowledge: %2 on average (limit %3)</source>
        <comment>channel</comment>
        <translation>%1: ACKs langsam, im Mittel %2 (Grenze %3)</translation>
    </message>
    <message>
        <source>Dead letters growing: %1 new in %2</source>
        <translation>Unzustellbare Nachrichten nehmen zu: %1 neue in %2</translation>
    </message>
    <message>
        <source>Destination %1 down since %2 (%3)</source>
        <translation>Ziel %1 ausgefallen seit %2 (%3)</translation>
    </message>
    <message>
        <source>Destination %1 down since %2</source>
        <translation>Ziel %1 ausgefallen seit %2</translation>
    </message>
    <message>
        <source>Destination %1 down (%2)</source>
        <translation>Ziel %1 ausgefallen (%2)</translation>
    </message>
    <message>
        <source>Destination %1 down</source>
        <translation>Ziel %1 ausgefallen</translation>
    </message>
    <message>
        <source>Messages to %1 delayed %2, %3 waiting</source>
        <translation>Nachrichten an %1 um %2 verzögert, %3 wartend</translation>
    </message>
    <message>
        <source>Messages to %1 backing up: %2 waiting (limit %3)</source>
        <translation>Nachrichten an %1 stauen sich: %2 wartend (Grenze %3)</translation>
    </message>
    <message>
        <source>Alert %1</source>
        <translation>Alarm %1</translation>
    </message>
    <message>
        <source>ref %1</source>
        <comment>reference range</comment>
        <translation>Ref. %1</translation>
    </message>
    <message>
        <source>trend %1</source>
        <comment>earlier values of the same result, oldest first</comment>
        <translation>Trend %1</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <comment>queued messages</comment>
        <translation>%1 wartend</translation>
    </message>
    <message>
        <source>oldest %1</source>
        <comment>age of the oldest queued message</comment>
        <translation>älteste %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>Grenze %1</translation>
    </message>
    <message>
        <source>circuit breaker open</source>
        <translation>Schutzschalter offen</translation>
    </message>
    <message>
        <source>circuit breaker testing</source>
        <translation>Schutzschalter im Test</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>letzter Fehler: %1</translation>
    </message>
    <message>
        <source>silent %1</source>
        <translation>still seit %1</translation>
    </message>
    <message>
        <source>usually every %1</source>
        <translation>sonst alle %1</translation>
    </message>
    <message>
        <source>mean ACK time %1</source>
        <translation>mittlere ACK-Zeit %1</translation>
    </message>
    <message>
        <source>%1 new</source>
        <comment>dead letters</comment>
        <translation>%1 neu</translation>
    </message>
    <message>
        <source>%1 in total</source>
        <comment>dead letters</comment>
        <translation>%1 insgesamt</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>label: value</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>code (code system)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Reference range</source>
        <translation>Referenzbereich</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Kennzeichen</translation>
    </message>
    <message>
        <source>Result status</source>
        <translation>Befundstatus</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Erhoben</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Message control ID</source>
        <translation>Nachrichten-Kontroll-ID</translation>
    </message>
    <message>
        <source>Sending facility</source>
        <translation>Sendende Einrichtung</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <comment>age</comment>
        <translation>vor %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes</comment>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>hours</comment>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>hours minutes</comment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <comment>days</comment>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>days hours</comment>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>level %1 of %2</source>
        <comment>escalation level</comment>
        <translation>Ebene %1 von %2</translation>
    </message>
    <message>
        <source>level %1</source>
        <comment>escalation level</comment>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>%1, escalating now</source>
        <comment>escalation level</comment>
        <translation>%1, eskaliert jetzt</translation>
    </message>
    <message>
        <source>%1, paged again in %2</source>
        <comment>escalation level, countdown</comment>
        <translation>%1, erneute Benachrichtigung in %2</translation>
    </message>
    <message>
        <source>%1, next in %2</source>
        <comment>escalation level, countdown</comment>
        <translation>%1, nächste Ebene in %2</translation>
    </message>
    <message>
        <source>Critical</source>
        <comment>alert severity</comment>
        <translation>Kritisch</translation>
    </message>
    <message>
        <source>High</source>
        <comment>alert severity</comment>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>alert severity</comment>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>alert severity</comment>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Unknown</source>
        <comment>alert severity</comment>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>alert state: raised, nobody paged yet</comment>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Paged</source>
        <comment>alert state: the first level was notified</comment>
        <translation>Benachrichtigt</translation>
    </message>
    <message>
        <source>Escalated</source>
        <comment>alert state</comment>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <comment>alert state</comment>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Silenced</source>
        <comment>alert state: suppressed by a silence or cooldown, nobody paged</comment>
        <translation>Stummgeschaltet</translation>
    </message>
    <message>
        <source>Resolved</source>
        <comment>alert state</comment>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Retracted</source>
        <comment>alert state: the result was posted in error</comment>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>Expired</source>
        <comment>alert state</comment>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Clinical</source>
        <comment>alert category</comment>
        <translation>Klinisch</translation>
    </message>
    <message>
        <source>Operational</source>
        <comment>alert category</comment>
        <translation>Betrieblich</translation>
    </message>
    <message>
        <source>Treated</source>
        <comment>alert disposition</comment>
        <translation>Behandelt</translation>
    </message>
    <message>
        <source>Provider informed</source>
        <comment>alert disposition</comment>
        <translation>Ärztlicher Dienst informiert</translation>
    </message>
    <message>
        <source>False alarm</source>
        <comment>alert disposition</comment>
        <translation>Fehlalarm</translation>
    </message>
    <message>
        <source>Duplicate of another alert</source>
        <comment>alert disposition</comment>
        <translation>Duplikat eines anderen Alarms</translation>
    </message>
    <message>
        <source>Problem cleared at the source</source>
        <comment>alert disposition</comment>
        <translation>Problem an der Quelle behoben</translation>
    </message>
    <message>
        <source>Result corrected</source>
        <comment>alert disposition</comment>
        <translation>Befund korrigiert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <comment>alert disposition</comment>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <comment>alert action</comment>
        <translation>Quittieren</translation>
    </message>
    <message>
        <source>Resolve</source>
        <comment>alert action</comment>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Escalate</source>
        <comment>alert action</comment>
        <translation>Eskalieren</translation>
    </message>
    <message>
        <source>Silence</source>
        <comment>alert action: create a silence</comment>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <source>acknowledgement</source>
        <comment>pending alert action</comment>
        <translation>Quittierung</translation>
    </message>
    <message>
        <source>resolution</source>
        <comment>pending alert action</comment>
        <translation>Abschluss</translation>
    </message>
    <message>
        <source>escalation</source>
        <comment>pending alert action</comment>
        <translation>Eskalation</translation>
    </message>
    <message>
        <source>silence</source>
        <comment>pending alert action</comment>
        <translation>Stummschaltung</translation>
    </message>
    <message>
        <source>action</source>
        <comment>pending alert action</comment>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <comment>milliseconds</comment>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds with one decimal</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>final</source>
        <comment>result status</comment>
        <translation>endgültig</translation>
    </message>
    <message>
        <source>preliminary</source>
        <comment>result status</comment>
        <translation>vorläufig</translation>
    </message>
    <message>
        <source>corrected</source>
        <comment>result status</comment>
        <translation>korrigiert</translation>
    </message>
    <message>
        <source>not verified</source>
        <comment>result status</comment>
        <translation>nicht validiert</translation>
    </message>
    <message>
        <source>partial</source>
        <comment>result status</comment>
        <translation>Teilbefund</translation>
    </message>
    <message>
        <source>posted in error</source>
        <comment>result status</comment>
        <translation>irrtümlich übermittelt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>result status</comment>
        <translation>storniert</translation>
    </message>
    <message>
        <source>amended</source>
        <comment>result status</comment>
        <translation>ergänzt</translation>
    </message>
</context>
<context>
    <name>AttentionDelegate</name>
    <message>
        <source>Needs attention: %1</source>
        <translation>Erfordert Aufmerksamkeit: %1</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Who</source>
        <comment>audit: the user who acted</comment>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>On</source>
        <comment>audit: what the action was done to</comment>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>nothing to read the audit log with</source>
        <translation>keine Verbindung zum Lesen des Audit-Protokolls</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Who (user name)</source>
        <translation>Wer (Benutzername)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Beliebige Aktion</translation>
    </message>
    <message>
        <source>On (e.g. alert:3, dead-letter:13)</source>
        <translation>Betrifft (z. B. alert:3, dead-letter:13)</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vor</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Verify chain</source>
        <translation>Kette prüfen</translation>
    </message>
    <message>
        <source>Check that no entry of the audit log was changed or removed</source>
        <translation>Prüfen, dass kein Eintrag des Audit-Protokolls geändert oder entfernt wurde</translation>
    </message>
    <message>
        <source>Audit log, newest first</source>
        <translation>Audit-Protokoll, neueste zuerst</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Mehr laden</translation>
    </message>
    <message>
        <source>%1: cannot be verified while the node is offline.</source>
        <translation>%1: kann nicht geprüft werden, solange der Knoten offline ist.</translation>
    </message>
    <message>
        <source>%1: verifying…</source>
        <translation>%1: wird geprüft…</translation>
    </message>
    <message>
        <source>%1: your role cannot verify the audit log.</source>
        <translation>%1: Ihre Rolle kann das Audit-Protokoll nicht prüfen.</translation>
    </message>
    <message>
        <source>%1: could not verify — %2</source>
        <translation>%1: Prüfung nicht möglich — %2</translation>
    </message>
    <message>
        <source>%1: Intact — %2 entries, head seq %3</source>
        <translation>%1: Intakt — %2 Einträge, Kopf-Seq. %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: BROKEN at entry %2 — %3. The %n entries before it are intact; every entry from %2 on may have been changed.</source>
        <translation>
            <numerusform>%1: BESCHÄDIGT bei Eintrag %2 — %3. Davor ist %n Eintrag intakt; jeder Eintrag ab %2 kann verändert worden sein.</numerusform>
            <numerusform>%1: BESCHÄDIGT bei Eintrag %2 — %3. Davor sind %n Einträge intakt; jeder Eintrag ab %2 kann verändert worden sein.</numerusform>
        </translation>
    </message>
    <message>
        <source>No node to verify.</source>
        <translation>Kein Knoten zu prüfen.</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <source>the node is no longer configured</source>
        <translation>der Knoten ist nicht mehr eingerichtet</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1: the audit log could not be loaded — %2</source>
        <translation>%1: Das Audit-Protokoll konnte nicht geladen werden — %2</translation>
    </message>
    <message>
        <source>%1 cannot be reached: its newest entries as of %2 are shown.</source>
        <translation>%1 ist nicht erreichbar: Die neuesten Einträge mit Stand %2 werden angezeigt.</translation>
    </message>
    <message>
        <source>%1: older entries could not be loaded — %2</source>
        <translation>%1: Ältere Einträge konnten nicht geladen werden — %2</translation>
    </message>
    <message>
        <source>Your role cannot see the audit log on %1.</source>
        <translation>Ihre Rolle kann das Audit-Protokoll auf %1 nicht einsehen.</translation>
    </message>
    <message>
        <source>The audit log is for support staff and admins. Ask one of them if you need to know who did what.</source>
        <translation>Das Audit-Protokoll ist für Support und Admins. Fragen Sie dort nach, wenn Sie wissen müssen, wer was getan hat.</translation>
    </message>
    <message>
        <source>No node is configured: add one to see its audit log.</source>
        <translation>Kein Knoten eingerichtet: Fügen Sie einen hinzu, um sein Audit-Protokoll zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — loading…</source>
        <translation>
            <numerusform>%n Eintrag — wird geladen…</numerusform>
            <numerusform>%n Einträge — wird geladen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — older entries: Load more</source>
        <translation>
            <numerusform>%n Eintrag — ältere Einträge: Mehr laden</numerusform>
            <numerusform>%n Einträge — ältere Einträge: Mehr laden</numerusform>
        </translation>
    </message>
    <message>
        <source>No entries match these filters.</source>
        <translation>Keine Einträge passen zu diesen Filtern.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) — that is all</source>
        <translation>
            <numerusform>%n Eintrag — das ist alles</numerusform>
            <numerusform>%n Einträge — das sind alle</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an entry to read it in full.</source>
        <translation>Wählen Sie einen Eintrag aus, um ihn vollständig zu lesen.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>&lt;user&gt; (&lt;role&gt;)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <comment>&lt;user&gt; from &lt;address&gt;</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Entry %1 on %2, %3 — %4</source>
        <translation>Eintrag %1 auf %2, %3 — %4</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <comment>&lt;action&gt; on &lt;target&gt;</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Begründung: %1</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>The rest of this entry is being fetched from the node.</source>
        <translation>Der Rest dieses Eintrags wird vom Knoten abgerufen.</translation>
    </message>
</context>
<context>
    <name>BulkResubmitDialog</name>
    <message>
        <source>Resubmit dead letters</source>
        <translation>Unzustellbare Nachrichten erneut senden</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>What will be resubmitted</source>
        <translation>Was erneut gesendet wird</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Ask the node again what it would do; nothing is resubmitted</source>
        <translation>Den Knoten erneut fragen, was er tun würde; es wird nichts gesendet</translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Dead letter</source>
        <translation>Unzustellbare Nachricht</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>Outcome of each dead letter</source>
        <translation>Ergebnis je unzustellbarer Nachricht</translation>
    </message>
    <message>
        <source>Re&amp;submit</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message numerus="yes">
        <source>%1 cannot be reached now, so it cannot check these %n dead letter(s) first.</source>
        <translation>
            <numerusform>%1 ist gerade nicht erreichbar und kann diese unzustellbare Nachricht daher nicht vorab prüfen.</numerusform>
            <numerusform>%1 ist gerade nicht erreichbar und kann diese %n unzustellbaren Nachrichten daher nicht vorab prüfen.</numerusform>
        </translation>
    </message>
    <message>
        <source>If you go on, the resubmission is kept as pending and sent once when the node is back; the node then refuses any that cannot be resubmitted, and says why.</source>
        <translation>Wenn Sie fortfahren, wird die erneute Sendung als ausstehend gespeichert und einmal gesendet, sobald der Knoten wieder erreichbar ist; der Knoten lehnt dann alle ab, die nicht erneut gesendet werden können, und nennt den Grund.</translation>
    </message>
    <message>
        <source>Asking %1 what it would do…</source>
        <translation>%1 wird gefragt, was er tun würde…</translation>
    </message>
    <message>
        <source>The node did not check them: %1</source>
        <translation>Der Knoten hat sie nicht geprüft: %1</translation>
    </message>
    <message>
        <source>their channels</source>
        <translation>ihren Kanälen</translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s) from %1 on %2.</source>
        <translation>
            <numerusform>%n unzustellbare Nachricht aus %1 auf %2 erneut senden.</numerusform>
            <numerusform>%n unzustellbare Nachrichten aus %1 auf %2 erneut senden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s) from %1 to %2 on %3.</source>
        <translation>
            <numerusform>%n unzustellbare Nachricht aus %1 an %2 auf %3 erneut senden.</numerusform>
            <numerusform>%n unzustellbare Nachrichten aus %1 an %2 auf %3 erneut senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>(The node checked the first %1.)</source>
        <translation>(Der Knoten hat die ersten %1 geprüft.)</translation>
    </message>
    <message>
        <source>There is nothing to resubmit.</source>
        <translation>Es gibt nichts erneut zu senden.</translation>
    </message>
    <message>
        <source>The node would resubmit all of them.</source>
        <translation>Der Knoten würde alle erneut senden.</translation>
    </message>
    <message numerus="yes">
        <source>%n of them would be refused:</source>
        <translation>
            <numerusform>%n davon würde abgelehnt:</numerusform>
            <numerusform>%n davon würden abgelehnt:</numerusform>
        </translation>
    </message>
    <message>
        <source>• %1 × %2 (%3)</source>
        <translation>• %1 × %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n of them were already delivered downstream (the same MSH-10): the receiver may process them twice.</source>
        <translation>
            <numerusform>⚠ %n davon wurde bereits weiter zugestellt (gleiche MSH-10): Der Empfänger verarbeitet sie möglicherweise doppelt.</numerusform>
            <numerusform>⚠ %n davon wurden bereits weiter zugestellt (gleiche MSH-10): Der Empfänger verarbeitet sie möglicherweise doppelt.</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1 × %2</source>
        <translation>⚠ %1 × %2</translation>
    </message>
    <message numerus="yes">
        <source>Re&amp;submit %n</source>
        <translation>
            <numerusform>%n erneut &amp;senden</numerusform>
            <numerusform>%n erneut &amp;senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Re&amp;submit when the node is back</source>
        <translation>Erneut &amp;senden, sobald der Knoten erreichbar ist</translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation>Nur Admins senden erneut</translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation>Geben Sie im Feld „Begründung“ den Grund an</translation>
    </message>
    <message numerus="yes">
        <source>Resubmit %n dead letter(s): %1</source>
        <translation>
            <numerusform>%n unzustellbare Nachricht erneut senden: %1</numerusform>
            <numerusform>%n unzustellbare Nachrichten erneut senden: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. The resubmission is kept and sent once when the node is back; nothing is resubmitted until the node confirms it.</source>
        <translation>Ausstehend: %1 ist nicht erreichbar. Die erneute Sendung wird gespeichert und einmal gesendet, sobald der Knoten wieder erreichbar ist; nichts gilt als erneut gesendet, bevor der Knoten es bestätigt.</translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was resubmitted by it.</source>
        <translation>Zurückgezogen, bevor der Knoten geantwortet hat: Er hat nichts erneut gesendet.</translation>
    </message>
    <message>
        <source>%1 resubmitted, %2 refused by %3. Each replay is followed in the list.</source>
        <translation>%1 erneut gesendet, %2 von %3 abgelehnt. Jede erneute Sendung wird in der Liste verfolgt.</translation>
    </message>
    <message>
        <source>as message %1, queued for %2</source>
        <translation>als Nachricht %1, in Warteschlange für %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>resubmitted</source>
        <translation>erneut gesendet</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
</context>
<context>
    <name>CertificatePin</name>
    <message>
        <source>The certificate of node %1 has changed: pinned %2, presented %3. This is expected only if the node&apos;s certificate was replaced; nothing was sent.</source>
        <translation>Das Zertifikat von Knoten %1 hat sich geändert: hinterlegt %2, vorgelegt %3. Das ist nur zu erwarten, wenn das Zertifikat des Knotens ersetzt wurde; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
</context>
<context>
    <name>CertificateWarning</name>
    <message>
        <source>Certificate changed</source>
        <translation>Zertifikat geändert</translation>
    </message>
    <message>
        <source>&lt;p&gt;The console refused the connection to %1 and sent nothing: no password, no token.&lt;/p&gt;&lt;p&gt;Pinned until now:&lt;/p&gt;%2&lt;p&gt;Presented now:&lt;/p&gt;%3&lt;p&gt;This happens when the node&apos;s certificate was replaced (its certificate files were re-created or renewed, or another node now answers at this address) — or when someone is intercepting the connection. Ask whoever runs the node to read the line &lt;b&gt;api-certificate sha256 …&lt;/b&gt; it printed at its last start. Only if it matches the new value, open &lt;b&gt;Node › Edit node…&lt;/b&gt;, tick &lt;i&gt;Check the node&apos;s certificate again&lt;/i&gt; and trust it.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Die Konsole hat die Verbindung zu %1 abgelehnt und nichts gesendet: kein Passwort, kein Token.&lt;/p&gt;&lt;p&gt;Bisher hinterlegt:&lt;/p&gt;%2&lt;p&gt;Jetzt vorgelegt:&lt;/p&gt;%3&lt;p&gt;Das passiert, wenn das Zertifikat des Knotens ersetzt wurde (seine Zertifikatsdateien wurden neu erstellt oder erneuert, oder unter dieser Adresse antwortet jetzt ein anderer Knoten) – oder wenn jemand die Verbindung abfängt. Bitten Sie die für den Knoten zuständige Person, die Zeile &lt;b&gt;api-certificate sha256 …&lt;/b&gt; abzulesen, die er bei seinem letzten Start ausgegeben hat. Nur wenn sie mit dem neuen Wert übereinstimmt, öffnen Sie &lt;b&gt;Knoten › Knoten bearbeiten…&lt;/b&gt;, aktivieren &lt;i&gt;Zertifikat des Knotens erneut prüfen&lt;/i&gt; und vertrauen ihm.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The certificate of node %1 has changed.</source>
        <translation>Das Zertifikat von Knoten %1 hat sich geändert.</translation>
    </message>
</context>
<context>
    <name>ConsoleApplication</name>
    <message>
        <source>--node https://… needs --fingerprint with the SHA-256 the node printed at its start (api-certificate sha256 …).</source>
        <translation>--node https://… benötigt --fingerprint mit dem SHA-256, den der Knoten beim Start ausgegeben hat (api-certificate sha256 …).</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation>Bei %1 als %2 angemeldet.</translation>
    </message>
</context>
<context>
    <name>ConsoleCache</name>
    <message>
        <source>cache query failed: %1</source>
        <translation>Abfrage des Zwischenspeichers fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot delete the cache file %1</source>
        <translation>Die Zwischenspeicherdatei %1 kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>%1 is not a readable SQLite file: %2</source>
        <translation>%1 ist keine lesbare SQLite-Datei: %2</translation>
    </message>
    <message>
        <source>%1 is an SQLite file but not a console cache</source>
        <translation>%1 ist eine SQLite-Datei, aber kein Konsolen-Zwischenspeicher</translation>
    </message>
    <message>
        <source>the console cache %1 has no valid schema version</source>
        <translation>Der Konsolen-Zwischenspeicher %1 hat keine gültige Schemaversion</translation>
    </message>
    <message>
        <source>the cache file %1 does not exist</source>
        <translation>Die Zwischenspeicherdatei %1 existiert nicht</translation>
    </message>
    <message>
        <source>cannot create the cache folder %1</source>
        <translation>Der Zwischenspeicherordner %1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>cannot open the cache file %1: %2</source>
        <translation>Die Zwischenspeicherdatei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the cache file %1 has schema version %2, newer than this console knows (%3)</source>
        <translation>Die Zwischenspeicherdatei %1 hat die Schemaversion %2, neuer als diese Konsole kennt (%3)</translation>
    </message>
    <message>
        <source>the cache file %1 has schema version %2; open it for writing first to migrate it</source>
        <translation>Die Zwischenspeicherdatei %1 hat die Schemaversion %2; öffnen Sie sie zuerst zum Schreiben, um sie zu migrieren</translation>
    </message>
    <message>
        <source>cannot start a transaction: %1</source>
        <translation>Transaktion kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>cannot write the schema version: %1</source>
        <translation>Schemaversion kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>cannot create the cache: %1</source>
        <translation>Zwischenspeicher kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>cache migration failed: %1</source>
        <translation>Migration des Zwischenspeichers fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the cache is not open for writing</source>
        <translation>Der Zwischenspeicher ist nicht zum Schreiben geöffnet</translation>
    </message>
    <message>
        <source>cannot store stats: %1</source>
        <translation>Statistiken können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot read stats: %1</source>
        <translation>Statistiken können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot store messages: %1</source>
        <translation>Nachrichten können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>the cache is not open</source>
        <translation>Der Zwischenspeicher ist nicht geöffnet</translation>
    </message>
    <message>
        <source>cache search failed: %1</source>
        <translation>Suche im Zwischenspeicher fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot store a message: %1</source>
        <translation>Nachricht kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot store a trace: %1</source>
        <translation>Verlauf kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot update the cache: %1</source>
        <translation>Zwischenspeicher kann nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>cannot store a list: %1</source>
        <translation>Liste kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>cannot prune the cache: %1</source>
        <translation>Zwischenspeicher kann nicht bereinigt werden: %1</translation>
    </message>
</context>
<context>
    <name>ConsoleOptions</name>
    <message>
        <source>Vigil operations console: live queues, message traces and alerts of Vigil nodes.</source>
        <translation>Vigil-Betriebskonsole: Live-Warteschlangen, Nachrichtenverläufe und Alarme von Vigil-Knoten.</translation>
    </message>
    <message>
        <source>Connect to the node at this address (added if new).</source>
        <translation>Mit dem Knoten unter dieser Adresse verbinden (wird hinzugefügt, falls neu).</translation>
    </message>
    <message>
        <source>The node&apos;s certificate fingerprint, as it printed it (api-certificate sha256 …).</source>
        <translation>Der Zertifikat-Fingerabdruck des Knotens, wie er ihn ausgegeben hat (api-certificate sha256 …).</translation>
    </message>
    <message>
        <source>Sign in as this user.</source>
        <translation>Als dieser Benutzer anmelden.</translation>
    </message>
    <message>
        <source>Read the password from the first line of standard input.</source>
        <translation>Das Passwort aus der ersten Zeile der Standardeingabe lesen.</translation>
    </message>
    <message>
        <source>Keep the node list in this INI file.</source>
        <translation>Die Knotenliste in dieser INI-Datei führen.</translation>
    </message>
    <message>
        <source>Keep the offline caches in this folder.</source>
        <translation>Die Offline-Zwischenspeicher in diesem Ordner ablegen.</translation>
    </message>
    <message>
        <source>Keep sign-ins in memory only, not in the keychain.</source>
        <translation>Anmeldungen nur im Arbeitsspeicher halten, nicht im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Testing: save a PNG of each view here, then exit.</source>
        <translation>Test: Von jeder Ansicht hier ein PNG speichern, dann beenden.</translation>
    </message>
    <message>
        <source>Testing: seconds to wait before the screenshots (default 8).</source>
        <translation>Test: Sekunden bis zu den Bildschirmfotos (Standard 8).</translation>
    </message>
    <message>
        <source>--screenshot-delay takes a number of seconds.</source>
        <translation>--screenshot-delay erwartet eine Anzahl Sekunden.</translation>
    </message>
    <message>
        <source>--node takes https://host:port (http:// only for a node run with --insecure-dev).</source>
        <translation>--node erwartet https://host:port (http:// nur für einen Knoten, der mit --insecure-dev läuft).</translation>
    </message>
    <message>
        <source>--fingerprint, --user and --password-stdin need --node.</source>
        <translation>--fingerprint, --user und --password-stdin benötigen --node.</translation>
    </message>
    <message>
        <source>--password-stdin needs --user.</source>
        <translation>--password-stdin benötigt --user.</translation>
    </message>
</context>
<context>
    <name>ConsoleStrings</name>
    <message>
        <source>Online</source>
        <comment>node state</comment>
        <translation>Online</translation>
    </message>
    <message>
        <source>Degraded</source>
        <comment>node state: reachable, reporting trouble</comment>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Offline</source>
        <comment>node state</comment>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting</source>
        <comment>node state</comment>
        <translation>Verbinde</translation>
    </message>
</context>
<context>
    <name>DeadLetterDetailPane</name>
    <message>
        <source>Select a dead letter</source>
        <translation>Unzustellbare Nachricht auswählen</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Raw message</source>
        <translation>Rohnachricht</translation>
    </message>
    <message>
        <source>Parsed message</source>
        <translation>Geparste Nachricht</translation>
    </message>
    <message>
        <source>Cannot show this dead letter</source>
        <translation>Diese unzustellbare Nachricht kann nicht angezeigt werden</translation>
    </message>
    <message>
        <source>Dead letter %1 on %2 — message %3, failed at %4</source>
        <translation>Unzustellbare Nachricht %1 auf %2 — Nachricht %3, fehlgeschlagen bei %4</translation>
    </message>
    <message>
        <source>where: %1</source>
        <translation>Ort: %1</translation>
    </message>
    <message>
        <source>error class %1</source>
        <translation>Fehlerklasse %1</translation>
    </message>
    <message>
        <source>from channel %1</source>
        <translation>aus Kanal %1</translation>
    </message>
    <message>
        <source>to destination %1</source>
        <translation>an Ziel %1</translation>
    </message>
    <message numerus="yes">
        <source>%n delivery attempt(s)</source>
        <translation>
            <numerusform>%n Zustellversuch</numerusform>
            <numerusform>%n Zustellversuche</numerusform>
        </translation>
    </message>
    <message>
        <source>dead-lettered %1</source>
        <translation>unzustellbar seit %1</translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation>erneut gesendet als Nachricht %1</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>parked by %1 at %2</source>
        <translation>zurückgestellt von %1 am %2</translation>
    </message>
    <message>
        <source>parked by %1 at %2: %3</source>
        <translation>zurückgestellt von %1 am %2: %3</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>Patient fields are masked (***).</source>
        <translation>Patientenfelder sind maskiert (***).</translation>
    </message>
    <message>
        <source>Patient fields are masked (***): %1.</source>
        <translation>Patientenfelder sind maskiert (***): %1.</translation>
    </message>
    <message>
        <source>Cached — as of %1.</source>
        <translation>Zwischengespeichert — Stand %1.</translation>
    </message>
    <message>
        <source>The node sent no message content with this dead letter.</source>
        <translation>Der Knoten hat zu dieser unzustellbaren Nachricht keinen Nachrichteninhalt gesendet.</translation>
    </message>
    <message>
        <source>The parsed tree is for HL7 v2 messages; this is a FHIR resource (see the raw view).</source>
        <translation>Der geparste Baum ist für HL7-v2-Nachrichten; dies ist eine FHIR-Ressource (siehe Rohansicht).</translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation>Nicht parsebar: %1</translation>
    </message>
</context>
<context>
    <name>DeadLetterFeed</name>
    <message>
        <source>no such node</source>
        <translation>kein solcher Knoten</translation>
    </message>
</context>
<context>
    <name>DeadLetterGroupModel</name>
    <message>
        <source>%1 at %2</source>
        <comment>error class at location</comment>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>an %1</translation>
    </message>
    <message>
        <source>park pending: %1</source>
        <translation>Zurückstellen ausstehend: %1</translation>
    </message>
    <message>
        <source>unpark pending: %1</source>
        <translation>Wiederöffnen ausstehend: %1</translation>
    </message>
    <message>
        <source>resubmit pending: %1</source>
        <translation>Erneutes Senden ausstehend: %1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Stage</source>
        <comment>pipeline stage</comment>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Zuletzt</translation>
    </message>
    <message>
        <source>Where</source>
        <comment>channels and destinations of a failure group</comment>
        <translation>Wo</translation>
    </message>
    <message>
        <source>Latest reason</source>
        <translation>Letzter Grund</translation>
    </message>
</context>
<context>
    <name>DeadLetterListModel</name>
    <message>
        <source>under 1 min</source>
        <translation>unter 1 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>park pending: not confirmed by the node yet</source>
        <translation>Zurückstellen ausstehend: vom Knoten noch nicht bestätigt</translation>
    </message>
    <message>
        <source>unpark pending: not confirmed by the node yet</source>
        <translation>Wiederöffnen ausstehend: vom Knoten noch nicht bestätigt</translation>
    </message>
    <message>
        <source>resubmit pending: not confirmed by the node yet</source>
        <translation>Erneutes Senden ausstehend: vom Knoten noch nicht bestätigt</translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation>erneut gesendet als Nachricht %1</translation>
    </message>
    <message>
        <source>open</source>
        <comment>dead-letter state</comment>
        <translation>offen</translation>
    </message>
    <message>
        <source>resubmitted</source>
        <comment>dead-letter state</comment>
        <translation>erneut gesendet</translation>
    </message>
    <message>
        <source>parked</source>
        <comment>dead-letter state</comment>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>%1, park pending</source>
        <comment>dead-letter state</comment>
        <translation>%1, Zurückstellen ausstehend</translation>
    </message>
    <message>
        <source>%1, unpark pending</source>
        <comment>dead-letter state</comment>
        <translation>%1, Wiederöffnen ausstehend</translation>
    </message>
    <message>
        <source>%1, resubmit pending</source>
        <comment>dead-letter state</comment>
        <translation>%1, erneutes Senden ausstehend</translation>
    </message>
    <message>
        <source>%1 (at %2)</source>
        <translation>%1 (bei %2)</translation>
    </message>
    <message>
        <source>parked</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>parked by %1</source>
        <translation>zurückgestellt von %1</translation>
    </message>
    <message>
        <source>parked by %1: %2</source>
        <translation>zurückgestellt von %1: %2</translation>
    </message>
    <message>
        <source>ID</source>
        <comment>dead-letter ID</comment>
        <translation>ID</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Stage</source>
        <comment>pipeline stage</comment>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <comment>what became of a resubmission</comment>
        <translation>Nachverfolgung</translation>
    </message>
    <message>
        <source>Error class</source>
        <translation>Fehlerklasse</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>HL7 message type</comment>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Control ID</source>
        <comment>MSH-10</comment>
        <translation>Kontroll-ID</translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>care unit</comment>
        <translation>Station</translation>
    </message>
</context>
<context>
    <name>DeadLetterView</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Resubmitted</source>
        <translation>Erneut gesendet</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>Beliebige Stufe</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Beliebiger Kanal</translation>
    </message>
    <message>
        <source>Any destination</source>
        <translation>Beliebiges Ziel</translation>
    </message>
    <message>
        <source>Any error class</source>
        <translation>Beliebige Fehlerklasse</translation>
    </message>
    <message>
        <source>Find in the list (reason, control ID, type…)</source>
        <translation>In der Liste suchen (Grund, Kontroll-ID, Typ…)</translation>
    </message>
    <message>
        <source>Find in the list</source>
        <translation>In der Liste suchen</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>Aktualis&amp;ieren</translation>
    </message>
    <message>
        <source>Failure groups</source>
        <translation>Fehlergruppen</translation>
    </message>
    <message>
        <source>Retr&amp;y group…</source>
        <translation>Gruppe erneut &amp;senden…</translation>
    </message>
    <message>
        <source>Par&amp;k group…</source>
        <translation>Gruppe &amp;zurückstellen…</translation>
    </message>
    <message>
        <source>Dead letters of every group</source>
        <translation>Unzustellbare Nachrichten aller Gruppen</translation>
    </message>
    <message>
        <source>Show &amp;all groups</source>
        <translation>Alle &amp;Gruppen zeigen</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbare Nachrichten</translation>
    </message>
    <message>
        <source>Re&amp;submit selected…</source>
        <translation>Auswahl &amp;erneut senden…</translation>
    </message>
    <message>
        <source>&amp;Edit and resubmit…</source>
        <translation>&amp;Bearbeiten und erneut senden…</translation>
    </message>
    <message>
        <source>&amp;Park selected…</source>
        <translation>Auswahl zu&amp;rückstellen…</translation>
    </message>
    <message>
        <source>%1 (no open dead letters left in this group)</source>
        <translation>%1 (keine offenen unzustellbaren Nachrichten mehr in dieser Gruppe)</translation>
    </message>
    <message>
        <source>Dead letters of the group %1 on %2</source>
        <translation>Unzustellbare Nachrichten der Gruppe %1 auf %2</translation>
    </message>
    <message>
        <source>Nothing is known about it here.</source>
        <translation>Hier ist nichts darüber bekannt.</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation>Nur Admins senden erneut</translation>
    </message>
    <message>
        <source>Select a failure group first</source>
        <translation>Wählen Sie zuerst eine Fehlergruppe aus</translation>
    </message>
    <message>
        <source>Resubmit every open dead letter of this group, after a dry run</source>
        <translation>Jede offene unzustellbare Nachricht dieser Gruppe nach einem Probelauf erneut senden</translation>
    </message>
    <message>
        <source>Admins park dead letters</source>
        <translation>Nur Admins stellen unzustellbare Nachrichten zurück</translation>
    </message>
    <message>
        <source>Set every open dead letter of this group aside</source>
        <translation>Jede offene unzustellbare Nachricht dieser Gruppe zurückstellen</translation>
    </message>
    <message>
        <source>Select dead letters first</source>
        <translation>Wählen Sie zuerst unzustellbare Nachrichten aus</translation>
    </message>
    <message>
        <source>Select dead letters of one node</source>
        <translation>Wählen Sie unzustellbare Nachrichten eines einzigen Knotens aus</translation>
    </message>
    <message>
        <source>Resubmit the selected dead letters, after a dry run</source>
        <translation>Die ausgewählten unzustellbaren Nachrichten nach einem Probelauf erneut senden</translation>
    </message>
    <message>
        <source>Select one dead letter to edit it</source>
        <translation>Wählen Sie eine einzelne unzustellbare Nachricht aus, um sie zu bearbeiten</translation>
    </message>
    <message>
        <source>Edit the message and resubmit it, after a check</source>
        <translation>Die Nachricht bearbeiten und nach einer Prüfung erneut senden</translation>
    </message>
    <message>
        <source>Un&amp;park selected…</source>
        <translation>Auswahl &amp;wieder öffnen…</translation>
    </message>
    <message>
        <source>Admins unpark dead letters</source>
        <translation>Nur Admins öffnen unzustellbare Nachrichten wieder</translation>
    </message>
    <message>
        <source>Return the selected dead letters to open</source>
        <translation>Die ausgewählten unzustellbaren Nachrichten wieder öffnen</translation>
    </message>
    <message>
        <source>Set the selected dead letters aside</source>
        <translation>Die ausgewählten unzustellbaren Nachrichten zurückstellen</translation>
    </message>
    <message>
        <source>Your role cannot see dead letters on %1.</source>
        <translation>Ihre Rolle kann unzustellbare Nachrichten auf %1 nicht einsehen.</translation>
    </message>
    <message>
        <source>%1 is offline — dead letters as of %2. Actions made now wait as pending until it is back.</source>
        <translation>%1 ist offline — unzustellbare Nachrichten mit Stand %2. Aktionen, die Sie jetzt vornehmen, warten als ausstehend, bis der Knoten wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 is offline and nothing of it is cached yet.</source>
        <translation>%1 ist offline, und von ihm ist noch nichts zwischengespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s) shown</source>
        <translation>
            <numerusform>%n unzustellbare Nachricht angezeigt</numerusform>
            <numerusform>%n unzustellbare Nachrichten angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>(older ones load as you scroll)</source>
        <translation>(ältere werden beim Scrollen geladen)</translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation>(wird geladen…)</translation>
    </message>
    <message numerus="yes">
        <source>%n selected dead letter(s)</source>
        <translation>
            <numerusform>%n ausgewählte unzustellbare Nachricht</numerusform>
            <numerusform>%n ausgewählte unzustellbare Nachrichten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscalationBoardView</name>
    <message>
        <source>%1 — offline, as of %2</source>
        <translation>%1 — offline, Stand %2</translation>
    </message>
    <message>
        <source>%1 — offline</source>
        <translation>%1 — offline</translation>
    </message>
    <message>
        <source>(acknowledgement pending — not confirmed by the node)</source>
        <translation>(Quittierung ausstehend — vom Knoten nicht bestätigt)</translation>
    </message>
    <message>
        <source>(action pending — not confirmed by the node)</source>
        <translation>(Aktion ausstehend — vom Knoten nicht bestätigt)</translation>
    </message>
    <message>
        <source>the next level</source>
        <translation>die nächste Ebene</translation>
    </message>
    <message>
        <source>per policy %1</source>
        <translation>gemäß Richtlinie %1</translation>
    </message>
    <message>
        <source>%1 again: %2</source>
        <comment>&lt;level&gt; again: &lt;recipients&gt;</comment>
        <translation>%1 erneut: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>&lt;level&gt;: &lt;recipients&gt;</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Escalates at %1 unless someone acknowledges it; now at %2</source>
        <translation>Eskaliert um %1, wenn niemand quittiert; derzeit auf %2</translation>
    </message>
    <message numerus="yes">
        <source>Policy %1: that level waits %n second(s) for an acknowledgement</source>
        <translation>
            <numerusform>Richtlinie %1: Diese Ebene wartet %n Sekunde auf eine Quittierung</numerusform>
            <numerusform>Richtlinie %1: Diese Ebene wartet %n Sekunden auf eine Quittierung</numerusform>
        </translation>
    </message>
    <message>
        <source>What escalates next</source>
        <translation>Was als Nächstes eskaliert</translation>
    </message>
    <message>
        <source>Alerts that will escalate, soonest first</source>
        <translation>Alarme, die eskalieren werden, nächste zuerst</translation>
    </message>
    <message>
        <source>the node is no longer configured</source>
        <translation>der Knoten ist nicht mehr eingerichtet</translation>
    </message>
    <message>
        <source>the node sent nothing</source>
        <translation>der Knoten hat nichts gesendet</translation>
    </message>
    <message>
        <source>Nothing is waiting to escalate. Alerts that nobody has acknowledged yet appear here with the time they escalate and whom they page next.</source>
        <translation>Nichts wartet auf eine Eskalation. Alarme, die noch niemand quittiert hat, erscheinen hier mit dem Zeitpunkt ihrer Eskalation und mit den als Nächstes Benachrichtigten.</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) will escalate unless acknowledged; the next %1: %2</source>
        <translation>
            <numerusform>%n Alarm eskaliert, wenn er nicht quittiert wird; der nächste %1: %2</numerusform>
            <numerusform>%n Alarme eskalieren, wenn sie nicht quittiert werden; der nächste %1: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EscalationQueueModel</name>
    <message>
        <source>Escalates</source>
        <comment>column: time until the next escalation</comment>
        <translation>Eskalation in</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Unit</source>
        <comment>care unit</comment>
        <translation>Station</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>Pages next</source>
        <comment>column: who is notified at the next escalation</comment>
        <translation>Benachrichtigt als Nächstes</translation>
    </message>
</context>
<context>
    <name>EscalationText</name>
    <message>
        <source>the unit&apos;s nurses</source>
        <translation>die Pflegekräfte der Station</translation>
    </message>
    <message>
        <source>nurses of %1</source>
        <translation>Pflegekräfte von %1</translation>
    </message>
    <message>
        <source>%1 team</source>
        <translation>Team %1</translation>
    </message>
    <message>
        <source>in %1</source>
        <comment>escalates in m:ss</comment>
        <translation>in %1</translation>
    </message>
    <message>
        <source>OVERDUE %1</source>
        <comment>escalation overdue by m:ss</comment>
        <translation>ÜBERFÄLLIG %1</translation>
    </message>
    <message>
        <source>level %1</source>
        <comment>escalation level</comment>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>console stream</source>
        <translation>Konsolen-Datenstrom</translation>
    </message>
    <message>
        <source>webhook %1</source>
        <translation>Webhook %1</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message numerus="yes">
        <source>failed after %n attempt(s)</source>
        <translation>
            <numerusform>fehlgeschlagen nach %n Versuch</numerusform>
            <numerusform>fehlgeschlagen nach %n Versuchen</numerusform>
        </translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not delivered yet</source>
        <translation>noch nicht zugestellt</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s) so far</source>
        <translation>
            <numerusform>bisher %n Versuch</numerusform>
            <numerusform>bisher %n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>letzter Fehler: %1</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>nächster Versuch %1</translation>
    </message>
    <message>
        <source>paged %1</source>
        <comment>paged &lt;recipients&gt;</comment>
        <translation>%1 benachrichtigt</translation>
    </message>
    <message>
        <source>told %1</source>
        <comment>told &lt;recipients&gt;</comment>
        <translation>%1 informiert</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <comment>&lt;paged whom&gt; (&lt;channel&gt;) — &lt;delivery&gt;</comment>
        <translation>%1 (%2) — %3</translation>
    </message>
    <message>
        <source>raised while silenced — nobody paged</source>
        <translation>ausgelöst während Stummschaltung — niemand benachrichtigt</translation>
    </message>
    <message>
        <source>raised by rule %1</source>
        <translation>ausgelöst durch Regel %1</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>paged %1</source>
        <translation>%1 benachrichtigt</translation>
    </message>
    <message>
        <source>paged %1: %2</source>
        <translation>%1 benachrichtigt: %2</translation>
    </message>
    <message>
        <source>escalated to %1</source>
        <translation>eskaliert auf %1</translation>
    </message>
    <message>
        <source>escalated to %1: %2</source>
        <translation>eskaliert auf %1: %2</translation>
    </message>
    <message>
        <source>nobody acknowledged in time</source>
        <translation>niemand hat rechtzeitig quittiert</translation>
    </message>
    <message>
        <source>every page of the level before failed</source>
        <translation>jede Benachrichtigung der vorherigen Ebene ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>paged %1 again</source>
        <translation>%1 erneut benachrichtigt</translation>
    </message>
    <message>
        <source>paged %1 again: %2</source>
        <translation>%1 erneut benachrichtigt: %2</translation>
    </message>
    <message>
        <source>acknowledged by %1</source>
        <translation>quittiert von %1</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>quittiert</translation>
    </message>
    <message>
        <source>resolved by %1</source>
        <translation>abgeschlossen von %1</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>retracted: the result was posted in error</source>
        <translation>zurückgezogen: Der Befund wurde irrtümlich übermittelt</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>updated with new evidence</source>
        <translation>mit neuem Befund aktualisiert</translation>
    </message>
    <message>
        <source>held back by a silence or cooldown</source>
        <translation>durch eine Stummschaltung oder Sperrzeit zurückgehalten</translation>
    </message>
    <message>
        <source>silence ended</source>
        <translation>Stummschaltung beendet</translation>
    </message>
    <message>
        <source>withdrawn: a corrected result is no longer critical</source>
        <translation>zurückgenommen: Ein korrigierter Befund ist nicht mehr kritisch</translation>
    </message>
    <message>
        <source>notification failed</source>
        <translation>Benachrichtigung fehlgeschlagen</translation>
    </message>
    <message>
        <source>by %1</source>
        <comment>done by &lt;user&gt;</comment>
        <translation>durch %1</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Searched by patient</source>
        <translation>Nach Patient gesucht</translation>
    </message>
    <message>
        <source>Exported messages</source>
        <translation>Nachrichten exportiert</translation>
    </message>
    <message>
        <source>Revealed patient data</source>
        <translation>Patientendaten aufgedeckt</translation>
    </message>
    <message>
        <source>Resubmitted</source>
        <translation>Erneut gesendet</translation>
    </message>
    <message>
        <source>Acknowledged an alert</source>
        <translation>Alarm quittiert</translation>
    </message>
    <message>
        <source>Resolved an alert</source>
        <translation>Alarm abgeschlossen</translation>
    </message>
    <message>
        <source>Escalated an alert</source>
        <translation>Alarm eskaliert</translation>
    </message>
    <message>
        <source>Created a silence</source>
        <translation>Stummschaltung angelegt</translation>
    </message>
    <message>
        <source>Changed a silence</source>
        <translation>Stummschaltung geändert</translation>
    </message>
    <message>
        <source>Ended a silence</source>
        <translation>Stummschaltung beendet</translation>
    </message>
    <message>
        <source>Added a user</source>
        <translation>Benutzer hinzugefügt</translation>
    </message>
    <message>
        <source>Changed a password</source>
        <translation>Passwort geändert</translation>
    </message>
    <message>
        <source>Disabled a user</source>
        <translation>Benutzer deaktiviert</translation>
    </message>
    <message>
        <source>Enabled a user</source>
        <translation>Benutzer aktiviert</translation>
    </message>
    <message>
        <source>Done</source>
        <comment>audit outcome ok</comment>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Refused</source>
        <comment>audit outcome denied</comment>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <comment>audit outcome failed</comment>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>acknowledged but not resolved in time: paged %1 again</source>
        <translation>quittiert, aber nicht rechtzeitig abgeschlossen: %1 erneut benachrichtigt</translation>
    </message>
    <message>
        <source>acknowledged but not resolved in time: paged %1 again: %2</source>
        <translation>quittiert, aber nicht rechtzeitig abgeschlossen: %1 erneut benachrichtigt: %2</translation>
    </message>
</context>
<context>
    <name>Hl7TreeModel</name>
    <message>
        <source>Element</source>
        <comment>HL7 segment/field path</comment>
        <translation>Element</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>IdActions</name>
    <message>
        <source>Open trace</source>
        <translation>Verlauf öffnen</translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation>Korrelations-ID kopieren</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Vigil console</source>
        <translation>Vigil-Konsole</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Verläufe</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Eskalationen</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>No nodes yet</source>
        <translation>Noch keine Knoten</translation>
    </message>
    <message>
        <source>Add a node (Ctrl+N): its address, and the certificate fingerprint it prints when it starts.</source>
        <translation>Fügen Sie einen Knoten hinzu (Strg+N): seine Adresse und den Zertifikat-Fingerabdruck, den er beim Start ausgibt.</translation>
    </message>
    <message>
        <source>Add a node…</source>
        <translation>Knoten hinzufügen…</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Strg+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Add node…</source>
        <translation>Knoten &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find a message or trace…</source>
        <translation>Nachricht oder Verlauf &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Node</source>
        <translation>&amp;Knoten</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>&amp;Edit node…</source>
        <translation>Knoten &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Remove node…</source>
        <translation>Knoten &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Vigil console</source>
        <translation>Ü&amp;ber Vigil-Konsole</translation>
    </message>
    <message>
        <source>About Vigil console</source>
        <translation>Über Vigil-Konsole</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Vigil console&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Operations console for Vigil integration nodes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Vigil-Konsole&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Betriebskonsole für Vigil-Integrationsknoten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>Re&amp;move node…</source>
        <translation>Knoten en&amp;tfernen…</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Knoten hinzufügen</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <source>Edit node</source>
        <translation>Knoten bearbeiten</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>Knoten entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from this console? Its sign-in and its offline cache on this computer are deleted; the node itself is not affected.</source>
        <translation>%1 aus dieser Konsole entfernen? Die Anmeldung und der Offline-Zwischenspeicher auf diesem Computer werden gelöscht; der Knoten selbst ist nicht betroffen.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Signed in to %1 as %2.</source>
        <translation>Bei %1 als %2 angemeldet.</translation>
    </message>
    <message>
        <source>Signed out of %1.</source>
        <translation>Von %1 abgemeldet.</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>The new language applies when the console starts again.</source>
        <translation>Die neue Sprache gilt nach dem nächsten Start der Konsole.</translation>
    </message>
</context>
<context>
    <name>MessageDetailPane</name>
    <message>
        <source>Select a message</source>
        <translation>Nachricht auswählen</translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation>Korrelations-ID kopieren</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>Verlauf öffnen</translation>
    </message>
    <message>
        <source>Correlation ID:</source>
        <translation>Korrelations-ID:</translation>
    </message>
    <message>
        <source>Raw message</source>
        <translation>Rohnachricht</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Zeitachse</translation>
    </message>
    <message>
        <source>Ra&amp;w</source>
        <translation>&amp;Rohdaten</translation>
    </message>
    <message>
        <source>&amp;Parsed</source>
        <translation>&amp;Geparst</translation>
    </message>
    <message>
        <source>ACKs and &amp;deliveries</source>
        <translation>ACKs und Zu&amp;stellungen</translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>Nachricht %1</translation>
    </message>
    <message>
        <source>Message %1 — %2</source>
        <translation>Nachricht %1 — %2</translation>
    </message>
    <message>
        <source>MSH-10 %1</source>
        <translation>MSH-10 %1</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>received %1</source>
        <translation>empfangen %1</translation>
    </message>
    <message>
        <source>state %1</source>
        <translation>Status %1</translation>
    </message>
    <message>
        <source>ACK %1</source>
        <translation>ACK %1</translation>
    </message>
    <message>
        <source>patient %1</source>
        <translation>Patient %1</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>Station %1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>resend of message %1</source>
        <translation>erneute Sendung von Nachricht %1</translation>
    </message>
    <message>
        <source>resubmits message %1</source>
        <translation>sendet Nachricht %1 erneut</translation>
    </message>
    <message>
        <source>Cached — as of %1</source>
        <translation>Zwischengespeichert — Stand %1</translation>
    </message>
    <message>
        <source>The parsed tree is for HL7 v2 messages; this is a FHIR resource (see Raw).</source>
        <translation>Der geparste Baum ist für HL7-v2-Nachrichten; dies ist eine FHIR-Ressource (siehe Rohdaten).</translation>
    </message>
    <message>
        <source>Does not parse: %1</source>
        <translation>Nicht parsebar: %1</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <source>routed to: %1; delivered to: %2; not (yet) delivered: %3</source>
        <translation>geroutet an: %1; zugestellt an: %2; (noch) nicht zugestellt: %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>ACKs sent</source>
        <translation>Gesendete ACKs</translation>
    </message>
    <message>
        <source>Delivery attempts</source>
        <translation>Zustellversuche</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbare Nachrichten</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation>erneut gesendet als Nachricht %1</translation>
    </message>
    <message>
        <source>Open message %1</source>
        <translation>Nachricht %1 öffnen</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Control ID</source>
        <translation>Kontroll-ID</translation>
    </message>
    <message>
        <source>Correlation ID</source>
        <translation>Korrelations-ID</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
</context>
<context>
    <name>MetricChart</name>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the chart; data keeps arriving</source>
        <translation>Diagramm anhalten; Daten kommen weiter an</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the live range (drag over the chart to zoom in)</source>
        <translation>Zurück zum Live-Bereich (zum Vergrößern über das Diagramm ziehen)</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
</context>
<context>
    <name>NodeChip</name>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
</context>
<context>
    <name>NodeDialog</name>
    <message>
        <source>Edit node</source>
        <translation>Knoten bearbeiten</translation>
    </message>
    <message>
        <source>Add node</source>
        <translation>Knoten hinzufügen</translation>
    </message>
    <message>
        <source>e.g. Main campus lab node</source>
        <translation>z. B. Labor-Knoten Hauptcampus</translation>
    </message>
    <message>
        <source>host name or address, e.g. vigil-lab.example.org</source>
        <translation>Hostname oder Adresse, z. B. vigil-lab.example.org</translation>
    </message>
    <message>
        <source>HTTPS with a pinned certificate (turn off only for a node run with --insecure-dev)</source>
        <translation>HTTPS mit hinterlegtem Zertifikat (nur für einen mit --insecure-dev laufenden Knoten ausschalten)</translation>
    </message>
    <message>
        <source>Display &amp;name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Standort:</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>not pinned yet</source>
        <translation>noch nicht hinterlegt</translation>
    </message>
    <message>
        <source>Pinned certificate:</source>
        <translation>Hinterlegtes Zertifikat:</translation>
    </message>
    <message>
        <source>Check the node&apos;s certificate again (after it was deliberately replaced)</source>
        <translation>Zertifikat des Knotens erneut prüfen (nachdem es bewusst ersetzt wurde)</translation>
    </message>
    <message>
        <source>On the node&apos;s machine the same value is printed at every start, and &lt;code&gt;openssl x509 -noout -fingerprint -sha256 -in api-certificate.pem&lt;/code&gt; shows it too. If the two differ, do not continue: someone may be intercepting the connection.</source>
        <translation>Auf dem Rechner des Knotens wird bei jedem Start derselbe Wert ausgegeben, und &lt;code&gt;openssl x509 -noout -fingerprint -sha256 -in api-certificate.pem&lt;/code&gt; zeigt ihn ebenfalls an. Wenn die beiden abweichen, fahren Sie nicht fort: Möglicherweise fängt jemand die Verbindung ab.</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>The node at %1 is already in the list as &quot;%2&quot;.</source>
        <translation>Der Knoten unter %1 ist bereits als „%2“ in der Liste.</translation>
    </message>
    <message>
        <source>Connecting to %1 to read its certificate…</source>
        <translation>Verbindung zu %1 wird hergestellt, um sein Zertifikat zu lesen…</translation>
    </message>
    <message>
        <source>Could not read the node&apos;s certificate: %1</source>
        <translation>Das Zertifikat des Knotens konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The node at %1 presents this certificate (SHA-256). Compare it, group by group, with the line &lt;b&gt;api-certificate sha256 …&lt;/b&gt; that the node prints when it starts. Trust it only if they are identical.</source>
        <translation>Der Knoten unter %1 legt dieses Zertifikat vor (SHA-256). Vergleichen Sie es Gruppe für Gruppe mit der Zeile &lt;b&gt;api-certificate sha256 …&lt;/b&gt;, die der Knoten beim Start ausgibt. Vertrauen Sie ihm nur, wenn beide identisch sind.</translation>
    </message>
    <message>
        <source>This replaces the certificate pinned until now:</source>
        <translation>Dies ersetzt das bisher hinterlegte Zertifikat:</translation>
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
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>offline since %1</source>
        <translation>offline seit %1</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>beeinträchtigt</translation>
    </message>
    <message>
        <source>degraded: %1</source>
        <translation>beeinträchtigt: %1</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>online — %1</source>
        <translation>online — %1</translation>
    </message>
    <message>
        <source>signed out: sign in to see this node</source>
        <translation>abgemeldet: melden Sie sich an, um diesen Knoten zu sehen</translation>
    </message>
    <message>
        <source>signed out — %1</source>
        <translation>abgemeldet — %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde…</translation>
    </message>
    <message>
        <source>connecting… (%1)</source>
        <translation>verbinde… (%1)</translation>
    </message>
    <message>
        <source>%1: oldest message %2</source>
        <translation>%1: älteste Nachricht %2</translation>
    </message>
    <message>
        <source>1 destination down: %1</source>
        <translation>1 Ziel ausgefallen: %1</translation>
    </message>
    <message>
        <source>%1 destinations down: %2</source>
        <translation>%1 Ziele ausgefallen: %2</translation>
    </message>
    <message>
        <source>%1: 1 new error</source>
        <translation>%1: 1 neuer Fehler</translation>
    </message>
    <message>
        <source>%1: %2 new errors</source>
        <translation>%1: %2 neue Fehler</translation>
    </message>
</context>
<context>
    <name>NodeProfiles</name>
    <message>
        <source>cannot access the settings file %1</source>
        <translation>Auf die Einstellungsdatei %1 kann nicht zugegriffen werden</translation>
    </message>
    <message>
        <source>the settings file %1 is malformed</source>
        <translation>Die Einstellungsdatei %1 ist fehlerhaft</translation>
    </message>
    <message>
        <source>The host is required.</source>
        <translation>Der Host ist erforderlich.</translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not a host name or address (leave out the scheme, the path and spaces).</source>
        <translation>Der Host „%1“ ist kein Hostname und keine Adresse (Schema, Pfad und Leerzeichen weglassen).</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>Der Port muss zwischen 1 und 65535 liegen.</translation>
    </message>
    <message>
        <source>Another node is already called &quot;%1&quot;.</source>
        <translation>Ein anderer Knoten heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>A node with this id already exists.</source>
        <translation>Ein Knoten mit dieser ID existiert bereits.</translation>
    </message>
    <message>
        <source>The node has no id.</source>
        <translation>Der Knoten hat keine ID.</translation>
    </message>
    <message>
        <source>The node is not in the list (was it removed meanwhile?).</source>
        <translation>Der Knoten ist nicht in der Liste (wurde er inzwischen entfernt?).</translation>
    </message>
    <message>
        <source>entry %1 skipped: %2</source>
        <translation>Eintrag %1 übersprungen: %2</translation>
    </message>
</context>
<context>
    <name>NodeSession</name>
    <message>
        <source>Your session on %1 has ended: sign in again.</source>
        <translation>Ihre Sitzung auf %1 ist beendet: Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>certificate changed: connection refused</source>
        <translation>Zertifikat geändert: Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>showing data cached at %1</source>
        <translation>zeige zwischengespeicherte Daten von %1</translation>
    </message>
    <message>
        <source>no cached data yet</source>
        <translation>noch keine zwischengespeicherten Daten</translation>
    </message>
    <message>
        <source>sign in to see live data</source>
        <translation>melden Sie sich an, um Live-Daten zu sehen</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>nicht angemeldet</translation>
    </message>
</context>
<context>
    <name>NodeStrip</name>
    <message>
        <source>No nodes yet — add one with Ctrl+N</source>
        <translation>Noch keine Knoten — fügen Sie einen mit Strg+N hinzu</translation>
    </message>
</context>
<context>
    <name>OpsClient</name>
    <message>
        <source>Node %1 refused the connection (is it running?).</source>
        <translation>Knoten %1 hat die Verbindung abgelehnt (läuft er?).</translation>
    </message>
    <message>
        <source>The host name of node %1 was not found.</source>
        <translation>Der Hostname von Knoten %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Node %1 did not answer within %2 s.</source>
        <translation>Knoten %1 hat nicht innerhalb von %2 s geantwortet.</translation>
    </message>
    <message>
        <source>Node %1 closed the connection.</source>
        <translation>Knoten %1 hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>The secure connection to node %1 failed: %2</source>
        <translation>Die sichere Verbindung zu Knoten %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The network is not available: %1</source>
        <translation>Das Netzwerk ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Request to node %1 failed: %2</source>
        <translation>Anfrage an Knoten %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Node %1 has no pinned certificate yet; confirm its fingerprint first.</source>
        <translation>Knoten %1 hat noch kein hinterlegtes Zertifikat; bestätigen Sie zuerst seinen Fingerabdruck.</translation>
    </message>
    <message>
        <source>The request to node %1 was cancelled because its address or certificate changed.</source>
        <translation>Die Anfrage an Knoten %1 wurde abgebrochen, weil sich seine Adresse oder sein Zertifikat geändert hat.</translation>
    </message>
    <message>
        <source>Node %1 answered HTTP %2.</source>
        <translation>Knoten %1 antwortete mit HTTP %2.</translation>
    </message>
    <message>
        <source>Node %1 answered an unexpected redirect (HTTP %2).</source>
        <translation>Knoten %1 antwortete mit einer unerwarteten Umleitung (HTTP %2).</translation>
    </message>
    <message>
        <source>Node %1:%2 presented no certificate.</source>
        <translation>Knoten %1:%2 hat kein Zertifikat vorgelegt.</translation>
    </message>
    <message>
        <source>Could not read the certificate of %1:%2: %3</source>
        <translation>Das Zertifikat von %1:%2 konnte nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>Could not read the certificate of %1:%2: no answer within %3 s.</source>
        <translation>Das Zertifikat von %1:%2 konnte nicht gelesen werden: keine Antwort innerhalb von %3 s.</translation>
    </message>
</context>
<context>
    <name>OverviewModel</name>
    <message>
        <source>breaker open</source>
        <translation>Schutzschalter offen</translation>
    </message>
    <message>
        <source>breaker half-open</source>
        <translation>Schutzschalter halb offen</translation>
    </message>
    <message>
        <source>oldest message %1</source>
        <translation>älteste Nachricht %1</translation>
    </message>
    <message>
        <source>not draining</source>
        <translation>wird nicht abgearbeitet</translation>
    </message>
    <message>
        <source>errors rising</source>
        <translation>Fehler steigen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>~%1</source>
        <translation>~%1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>duration</comment>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>duration</comment>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <comment>duration</comment>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>duration</comment>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <comment>duration</comment>
        <translation>%1 T %2 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <comment>duration</comment>
        <translation>%1 T</translation>
    </message>
    <message>
        <source>1 interface needs attention</source>
        <translation>1 Schnittstelle erfordert Aufmerksamkeit</translation>
    </message>
    <message>
        <source>%1 interfaces need attention</source>
        <translation>%1 Schnittstellen erfordern Aufmerksamkeit</translation>
    </message>
    <message>
        <source>node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>cached — as of %1</source>
        <translation>zwischengespeichert — Stand %1</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>destination (%1)</source>
        <translation>Ziel (%1)</translation>
    </message>
    <message>
        <source>channel (%1)</source>
        <translation>Kanal (%1)</translation>
    </message>
    <message>
        <source>up</source>
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>down — breaker open</source>
        <translation>ausgefallen — Schutzschalter offen</translation>
    </message>
    <message>
        <source>retrying — breaker half-open</source>
        <translation>erneuter Versuch — Schutzschalter halb offen</translation>
    </message>
    <message>
        <source>1 connection</source>
        <translation>1 Verbindung</translation>
    </message>
    <message>
        <source>%1 connections</source>
        <translation>%1 Verbindungen</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>lauscht</translation>
    </message>
    <message>
        <source>last error: %1</source>
        <translation>letzter Fehler: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <source>Oldest queued</source>
        <translation>Älteste in Warteschlange</translation>
    </message>
    <message>
        <source>Drains in</source>
        <translation>Abgearbeitet in</translation>
    </message>
    <message>
        <source>In/s</source>
        <translation>Ein/s</translation>
    </message>
    <message>
        <source>Out/s</source>
        <translation>Aus/s</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Unzustellbar</translation>
    </message>
    <message>
        <source>Last received</source>
        <translation>Zuletzt empfangen</translation>
    </message>
    <message>
        <source>Last sent</source>
        <translation>Zuletzt gesendet</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Filter by name</source>
        <translation>Nach Name filtern</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Needs &amp;attention only</source>
        <translation>Nur mit &amp;Aufmerksamkeitsbedarf</translation>
    </message>
    <message>
        <source>&amp;Node:</source>
        <translation>&amp;Knoten:</translation>
    </message>
    <message>
        <source>Nodes, channels and destinations</source>
        <translation>Knoten, Kanäle und Ziele</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>Warteschlangentiefe</translation>
    </message>
    <message>
        <source>Messages/s</source>
        <translation>Nachrichten/s</translation>
    </message>
    <message>
        <source>Select a row to chart it</source>
        <translation>Zeile auswählen, um sie im Diagramm anzuzeigen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Freeze the charts; data keeps arriving</source>
        <translation>Diagramme anhalten; Daten kommen weiter an</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the live range (drag over a chart to zoom in)</source>
        <translation>Zurück zum Live-Bereich (zum Vergrößern über ein Diagramm ziehen)</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>7 d</source>
        <translation>7 T</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>%1 — all destinations&apos; queues, all channels&apos; arrivals</source>
        <translation>%1 — Warteschlangen aller Ziele, Eingänge aller Kanäle</translation>
    </message>
    <message>
        <source>Channel %1 — arrivals per second</source>
        <translation>Kanal %1 — Eingänge pro Sekunde</translation>
    </message>
    <message>
        <source>Destination %1 — queue depth and deliveries per second</source>
        <translation>Ziel %1 — Warteschlangentiefe und Zustellungen pro Sekunde</translation>
    </message>
    <message>
        <source>%1: cached — as of %2</source>
        <translation>%1: zwischengespeichert — Stand %2</translation>
    </message>
    <message>
        <source>%1: cached</source>
        <translation>%1: zwischengespeichert</translation>
    </message>
</context>
<context>
    <name>ParkDialog</name>
    <message>
        <source>Park dead letters</source>
        <translation>Unzustellbare Nachrichten zurückstellen</translation>
    </message>
    <message>
        <source>Unpark dead letters</source>
        <translation>Unzustellbare Nachrichten wieder öffnen</translation>
    </message>
    <message numerus="yes">
        <source>Park the open dead letters of the %1 on %2 (%n known now)?</source>
        <translation>
            <numerusform>Die offenen unzustellbaren Nachrichten der %1 auf %2 zurückstellen (derzeit %n bekannt)?</numerusform>
            <numerusform>Die offenen unzustellbaren Nachrichten der %1 auf %2 zurückstellen (derzeit %n bekannt)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Park %n dead letter(s) on %1?</source>
        <translation>
            <numerusform>%n unzustellbare Nachricht auf %1 zurückstellen?</numerusform>
            <numerusform>%n unzustellbare Nachrichten auf %1 zurückstellen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Return %n parked dead letter(s) on %1 to open?</source>
        <translation>
            <numerusform>%n zurückgestellte unzustellbare Nachricht auf %1 wieder öffnen?</numerusform>
            <numerusform>%n zurückgestellte unzustellbare Nachrichten auf %1 wieder öffnen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Parked dead letters are kept and can be looked at, but they leave the open list and the failure groups, and are not resubmitted.</source>
        <translation>Zurückgestellte unzustellbare Nachrichten bleiben erhalten und können angesehen werden, verlassen aber die offene Liste und die Fehlergruppen und werden nicht erneut gesendet.</translation>
    </message>
    <message>
        <source>They come back into the open list and their failure groups, and can be resubmitted again.</source>
        <translation>Sie kehren in die offene Liste und ihre Fehlergruppen zurück und können wieder erneut gesendet werden.</translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>&amp;Park</source>
        <translation>&amp;Zurückstellen</translation>
    </message>
    <message>
        <source>Un&amp;park</source>
        <translation>&amp;Wieder öffnen</translation>
    </message>
    <message>
        <source>Admins park dead letters</source>
        <translation>Nur Admins stellen unzustellbare Nachrichten zurück</translation>
    </message>
    <message>
        <source>Admins unpark dead letters</source>
        <translation>Nur Admins öffnen unzustellbare Nachrichten wieder</translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation>Geben Sie im Feld „Begründung“ den Grund an</translation>
    </message>
    <message>
        <source>Park dead letters: %1</source>
        <translation>Unzustellbare Nachrichten zurückstellen: %1</translation>
    </message>
    <message>
        <source>Unpark dead letters: %1</source>
        <translation>Unzustellbare Nachrichten wieder öffnen: %1</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. Parking is kept and sent once when the node is back; nothing is parked until the node confirms it.</source>
        <translation>Ausstehend: %1 ist nicht erreichbar. Das Zurückstellen wird gespeichert und einmal gesendet, sobald der Knoten wieder erreichbar ist; nichts gilt als zurückgestellt, bevor der Knoten es bestätigt.</translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. Unparking is kept and sent once when the node is back; nothing changes until the node confirms it.</source>
        <translation>Ausstehend: %1 ist nicht erreichbar. Das Wiederöffnen wird gespeichert und einmal gesendet, sobald der Knoten wieder erreichbar ist; es ändert sich nichts, bevor der Knoten es bestätigt.</translation>
    </message>
    <message>
        <source>dead letter %1: %2 (%3)</source>
        <translation>unzustellbare Nachricht %1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n parked on %1.</source>
        <translation>
            <numerusform>%n auf %1 zurückgestellt.</numerusform>
            <numerusform>%n auf %1 zurückgestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unparked on %1.</source>
        <translation>
            <numerusform>%n auf %1 wieder geöffnet.</numerusform>
            <numerusform>%n auf %1 wieder geöffnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not parked: %1</source>
        <translation>Nicht zurückgestellt: %1</translation>
    </message>
    <message>
        <source>Not unparked: %1</source>
        <translation>Nicht wieder geöffnet: %1</translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was changed by it.</source>
        <translation>Zurückgezogen, bevor der Knoten geantwortet hat: Er hat nichts geändert.</translation>
    </message>
</context>
<context>
    <name>PendingActionsButton</name>
    <message numerus="yes">
        <source>%n action(s) pending</source>
        <comment>status bar: not yet applied by a node</comment>
        <translation>
            <numerusform>%n Aktion ausstehend</numerusform>
            <numerusform>%n Aktionen ausstehend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <comment>status bar: actions a node refused</comment>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source>A node refused an action made in this console: open the list to read why.</source>
        <translation>Ein Knoten hat eine Aktion aus dieser Konsole abgelehnt: Öffnen Sie die Liste, um den Grund zu lesen.</translation>
    </message>
    <message>
        <source>Actions not yet applied by their node: they are sent once the node can be reached. Open the list.</source>
        <translation>Aktionen, die ihr Knoten noch nicht ausgeführt hat: Sie werden gesendet, sobald der Knoten erreichbar ist. Liste öffnen.</translation>
    </message>
</context>
<context>
    <name>PendingActionsPanel</name>
    <message>
        <source>Pending</source>
        <comment>console action state: not yet applied by the node</comment>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Applied</source>
        <comment>console action state: the node did it</comment>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Refused</source>
        <comment>console action state: the node said no</comment>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Discarded</source>
        <comment>console action state: withdrawn, never sent</comment>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Actions waiting for a node</source>
        <translation>Aktionen, die auf einen Knoten warten</translation>
    </message>
    <message>
        <source>An action made while a node cannot be reached waits here as pending: it is not done until the node confirms it. It is sent once, with the same key every time, so the node never does it twice.</source>
        <translation>Eine Aktion, die Sie vornehmen, während ein Knoten nicht erreichbar ist, wartet hier als ausstehend: Sie ist erst erledigt, wenn der Knoten sie bestätigt. Sie wird mit immer demselben Schlüssel gesendet, sodass der Knoten sie nie doppelt ausführt.</translation>
    </message>
    <message>
        <source>Pending and recent actions</source>
        <translation>Ausstehende und letzte Aktionen</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>Jetzt &amp;senden</translation>
    </message>
    <message>
        <source>Send every pending action now; reconnect to nodes that are offline.</source>
        <translation>Alle ausstehenden Aktionen jetzt senden; Verbindung zu Knoten, die offline sind, neu aufbauen.</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <source>Withdraw the selected pending action so that it is never sent.</source>
        <translation>Die ausgewählte ausstehende Aktion zurückziehen, sodass sie nie gesendet wird.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Applied on %1 at %2.</source>
        <translation>Ausgeführt auf %1 um %2.</translation>
    </message>
    <message>
        <source>Refused by %1 (HTTP %2).</source>
        <translation>Abgelehnt von %1 (HTTP %2).</translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Discarded: not sent again. It was sent %n time(s) without an answer, so %1 may have done it anyway: check there.</source>
        <translation>
            <numerusform>Verworfen: wird nicht erneut gesendet. Sie wurde %n-mal ohne Antwort gesendet, daher hat %1 sie möglicherweise trotzdem ausgeführt: Prüfen Sie das dort.</numerusform>
            <numerusform>Verworfen: wird nicht erneut gesendet. Sie wurde %n-mal ohne Antwort gesendet, daher hat %1 sie möglicherweise trotzdem ausgeführt: Prüfen Sie das dort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discarded: never sent to %1.</source>
        <translation>Verworfen: nie an %1 gesendet.</translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It was made before the console knew who was signed in, so it is not sent in anyone&apos;s name: discard it, and act again if it is still needed.</source>
        <translation>Ausstehend: auf %1 noch nicht ausgeführt. Sie wurde angelegt, bevor die Konsole wusste, wer angemeldet ist, und wird daher in niemandes Namen gesendet: Verwerfen Sie sie und handeln Sie erneut, falls sie noch nötig ist.</translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. Made by %2: it is sent only once %2 signs in to %1 again, never in another user&apos;s name.</source>
        <translation>Ausstehend: auf %1 noch nicht ausgeführt. Angelegt von %2: Sie wird erst gesendet, wenn sich %2 wieder bei %1 anmeldet, nie im Namen eines anderen Benutzers.</translation>
    </message>
    <message>
        <source>Pending: %1 never answered, and it was first sent more than a day ago. It is not sent again, because %1 may have done it already: check on %1, then discard it.</source>
        <translation>Ausstehend: %1 hat nie geantwortet, und sie wurde zuerst vor mehr als einem Tag gesendet. Sie wird nicht erneut gesendet, weil %1 sie möglicherweise schon ausgeführt hat: Prüfen Sie das auf %1 und verwerfen Sie sie dann.</translation>
    </message>
    <message>
        <source>Pending: being sent to %1 now; not yet applied.</source>
        <translation>Ausstehend: wird gerade an %1 gesendet; noch nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It will be sent once when the node is back.</source>
        <translation>Ausstehend: auf %1 noch nicht ausgeführt. Sie wird einmal gesendet, sobald der Knoten wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Pending: not yet applied on %1. It is sent again at %2.</source>
        <translation>Ausstehend: auf %1 noch nicht ausgeführt. Sie wird um %2 erneut gesendet.</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>Letzter Versuch: %1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>made %1</source>
        <translation>angelegt %1</translation>
    </message>
    <message numerus="yes">
        <source>sent %n time(s)</source>
        <translation>
            <numerusform>%n-mal gesendet</numerusform>
            <numerusform>%n-mal gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting: every action was answered by its node.</source>
        <translation>Nichts wartet: Jede Aktion wurde von ihrem Knoten beantwortet.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) pending, not yet applied</source>
        <translation>
            <numerusform>%n Aktion ausstehend, noch nicht ausgeführt</numerusform>
            <numerusform>%n Aktionen ausstehend, noch nicht ausgeführt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) refused by a node: read why below.</source>
        <translation>
            <numerusform>%n Aktion von einem Knoten abgelehnt: Der Grund steht unten.</numerusform>
            <numerusform>%n Aktionen von Knoten abgelehnt: Die Gründe stehen unten.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is being sent right now: wait for the node&apos;s answer.</source>
        <translation>Sie wird gerade gesendet: Warten Sie die Antwort des Knotens ab.</translation>
    </message>
    <message>
        <source>Sending pending actions to the nodes that can be reached; the others get theirs when they are back.</source>
        <translation>Ausstehende Aktionen werden an die erreichbaren Knoten gesendet; die übrigen erhalten ihre, sobald sie wieder erreichbar sind.</translation>
    </message>
    <message>
        <source>Discard &quot;%1&quot;? It will never be sent to %2.</source>
        <translation>„%1“ verwerfen? Die Aktion wird nie an %2 gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>It was already sent %n time(s) without an answer: %1 may have done it anyway. Check there afterwards.</source>
        <translation>
            <numerusform>Sie wurde bereits %n-mal ohne Antwort gesendet: %1 hat sie möglicherweise trotzdem ausgeführt. Prüfen Sie das anschließend dort.</numerusform>
            <numerusform>Sie wurde bereits %n-mal ohne Antwort gesendet: %1 hat sie möglicherweise trotzdem ausgeführt. Prüfen Sie das anschließend dort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Discard pending action</source>
        <translation>Ausstehende Aktion verwerfen</translation>
    </message>
    <message>
        <source>Not discarded: %1</source>
        <translation>Nicht verworfen: %1</translation>
    </message>
    <message>
        <source>Discarded: &quot;%1&quot; will not be sent to %2.</source>
        <translation>Verworfen: „%1“ wird nicht an %2 gesendet.</translation>
    </message>
</context>
<context>
    <name>PipelineStageNames</name>
    <message>
        <source>Parsing</source>
        <comment>dead-letter stage</comment>
        <translation>Parsen</translation>
    </message>
    <message>
        <source>Validation</source>
        <comment>dead-letter stage</comment>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>Delivery</source>
        <comment>dead-letter stage</comment>
        <translation>Zustellung</translation>
    </message>
</context>
<context>
    <name>ReasonEdit</name>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Why? For example: fixed the missing MRN, ticket INC-1042</source>
        <translation>Warum? Zum Beispiel: fehlende MRN ergänzt, Ticket INC-1042</translation>
    </message>
    <message numerus="yes">
        <source>Required, kept in the audit log: %n more character(s) needed.</source>
        <translation>
            <numerusform>Pflichtfeld, wird im Audit-Protokoll gespeichert: noch %n Zeichen nötig.</numerusform>
            <numerusform>Pflichtfeld, wird im Audit-Protokoll gespeichert: noch %n Zeichen nötig.</numerusform>
        </translation>
    </message>
    <message>
        <source>Too long: at most %1 characters (%2 now).</source>
        <translation>Zu lang: höchstens %1 Zeichen (derzeit %2).</translation>
    </message>
    <message>
        <source>Kept in the audit log with your name.</source>
        <translation>Wird mit Ihrem Namen im Audit-Protokoll gespeichert.</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve alert</source>
        <translation>Alarm abschließen</translation>
    </message>
    <message>
        <source>On %1. Resolving closes the alert: it leaves the board.</source>
        <translation>Auf %1. Abschließen beendet den Alarm: Er verschwindet von der Tafel.</translation>
    </message>
    <message>
        <source>Choose what happened</source>
        <translation>Wählen Sie aus, was geschehen ist</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>A&amp;bschließen</translation>
    </message>
    <message>
        <source>Choose what happened first</source>
        <translation>Wählen Sie zuerst aus, was geschehen ist</translation>
    </message>
    <message>
        <source>The note is longer than %1 characters</source>
        <translation>Die Notiz ist länger als %1 Zeichen</translation>
    </message>
</context>
<context>
    <name>ResubmitDialog</name>
    <message>
        <source>Edit and resubmit</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>&amp;Reveal to edit…</source>
        <translation>Zum Bearbeiten &amp;aufdecken…</translation>
    </message>
    <message>
        <source>Show the patient fields unmasked so you can edit them. You are asked why; the reveal is kept in the node&apos;s audit log.</source>
        <translation>Die Patientenfelder unmaskiert anzeigen, damit Sie sie bearbeiten können. Sie werden nach dem Grund gefragt; das Aufdecken wird im Audit-Protokoll des Knotens festgehalten.</translation>
    </message>
    <message>
        <source>Message to resubmit</source>
        <translation>Erneut zu sendende Nachricht</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>Ask the node what resubmitting this text would do; nothing is resubmitted</source>
        <translation>Den Knoten fragen, was das erneute Senden dieses Textes bewirken würde; es wird nichts gesendet</translation>
    </message>
    <message>
        <source>Not checked yet: check the message before resubmitting it.</source>
        <translation>Noch nicht geprüft: Prüfen Sie die Nachricht, bevor Sie sie erneut senden.</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Validation findings</source>
        <translation>Validierungsbefunde</translation>
    </message>
    <message>
        <source>Path</source>
        <comment>HL7 field path</comment>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Masked</source>
        <translation>Maskiert</translation>
    </message>
    <message>
        <source>Changes against the original</source>
        <translation>Änderungen gegenüber dem Original</translation>
    </message>
    <message>
        <source>Validation findings:</source>
        <translation>Validierungsbefunde:</translation>
    </message>
    <message>
        <source>Changes against the original:</source>
        <translation>Änderungen gegenüber dem Original:</translation>
    </message>
    <message>
        <source>Reas&amp;on:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>Re&amp;submit</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <source>Loading dead letter %1…</source>
        <translation>Unzustellbare Nachricht %1 wird geladen…</translation>
    </message>
    <message>
        <source>Cannot load dead letter %1: %2</source>
        <translation>Unzustellbare Nachricht %1 kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Dead letter %1 on %2, message %3 — failed at %4: %5</source>
        <translation>Unzustellbare Nachricht %1 auf %2, Nachricht %3 — fehlgeschlagen bei %4: %5</translation>
    </message>
    <message>
        <source>It is %1: the node will refuse to resubmit it again.</source>
        <translation>Status %1: Der Knoten wird ein erneutes Senden ablehnen.</translation>
    </message>
    <message>
        <source>Patient fields are masked (%1). Resubmitting unchanged uses the stored message as it is; to edit it, reveal it first.</source>
        <translation>Patientenfelder sind maskiert (%1). Unverändert erneut senden verwendet die gespeicherte Nachricht, wie sie ist; zum Bearbeiten decken Sie sie zuerst auf.</translation>
    </message>
    <message>
        <source>Reveal to edit</source>
        <translation>Zum Bearbeiten aufdecken</translation>
    </message>
    <message>
        <source>Why do you need to see this patient&apos;s data? (5 to 500 characters; kept in the node&apos;s audit log)</source>
        <translation>Warum müssen Sie die Daten dieses Patienten sehen? (5 bis 500 Zeichen; wird im Audit-Protokoll des Knotens festgehalten)</translation>
    </message>
    <message>
        <source>Not revealed: the reason must be 5 to 500 characters.</source>
        <translation>Nicht aufgedeckt: Die Begründung muss 5 bis 500 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Revealing…</source>
        <translation>Wird aufgedeckt…</translation>
    </message>
    <message>
        <source>Not revealed: %1</source>
        <translation>Nicht aufgedeckt: %1</translation>
    </message>
    <message>
        <source>the node sent no content</source>
        <translation>der Knoten hat keinen Inhalt gesendet</translation>
    </message>
    <message>
        <source>Revealed for editing. The unmasked text stays in this window only and is not cached.</source>
        <translation>Zum Bearbeiten aufgedeckt. Der unmaskierte Text bleibt nur in diesem Fenster und wird nicht zwischengespeichert.</translation>
    </message>
    <message>
        <source>Checking with %1…</source>
        <translation>Prüfung bei %1…</translation>
    </message>
    <message>
        <source>The check did not run: %1</source>
        <translation>Die Prüfung wurde nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>✔ Checked: the node would accept this message and resubmit it.</source>
        <translation>✔ Geprüft: Der Knoten würde diese Nachricht annehmen und erneut senden.</translation>
    </message>
    <message>
        <source>✖ Checked: the message passes, but the node would not resubmit it now: %1</source>
        <translation>✖ Geprüft: Die Nachricht ist gültig, aber der Knoten würde sie jetzt nicht erneut senden: %1</translation>
    </message>
    <message>
        <source>✖ Checked: the node would refuse it — %1 (%2)</source>
        <translation>✖ Geprüft: Der Knoten würde sie ablehnen — %1 (%2)</translation>
    </message>
    <message>
        <source>⚠ Warning: %1</source>
        <translation>⚠ Warnung: %1</translation>
    </message>
    <message>
        <source>added</source>
        <comment>diff</comment>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <comment>diff</comment>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <comment>diff</comment>
        <translation>geändert</translation>
    </message>
    <message>
        <source>masked (patient data)</source>
        <translation>maskiert (Patientendaten)</translation>
    </message>
    <message>
        <source>Would go nowhere: no destination would get it.</source>
        <translation>Ginge nirgendwohin: Kein Ziel würde sie erhalten.</translation>
    </message>
    <message>
        <source>Would go to: %1.</source>
        <translation>Ginge an: %1.</translation>
    </message>
    <message>
        <source>The channel would answer %1.</source>
        <translation>Der Kanal würde mit %1 antworten.</translation>
    </message>
    <message>
        <source>Changed since the check: check again before resubmitting.</source>
        <translation>Seit der Prüfung geändert: Prüfen Sie erneut, bevor Sie erneut senden.</translation>
    </message>
    <message>
        <source>Admins resubmit</source>
        <translation>Nur Admins senden erneut</translation>
    </message>
    <message>
        <source>%1 cannot be reached now: checking needs the node</source>
        <translation>%1 ist gerade nicht erreichbar: Die Prüfung braucht den Knoten</translation>
    </message>
    <message>
        <source>Check the message first: Resubmit sends exactly the text that was checked</source>
        <translation>Prüfen Sie die Nachricht zuerst: Erneut senden schickt genau den geprüften Text</translation>
    </message>
    <message>
        <source>Say why in the reason field</source>
        <translation>Geben Sie im Feld „Begründung“ den Grund an</translation>
    </message>
    <message>
        <source>Resubmit dead letter %1 (edited)</source>
        <translation>Unzustellbare Nachricht %1 erneut senden (bearbeitet)</translation>
    </message>
    <message>
        <source>Resubmit dead letter %1</source>
        <translation>Unzustellbare Nachricht %1 erneut senden</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>Wird an %1 gesendet…</translation>
    </message>
    <message>
        <source>Pending: %1 cannot be reached. The resubmission is kept and sent once when the node is back; nothing is resubmitted until the node confirms it.</source>
        <translation>Ausstehend: %1 ist nicht erreichbar. Die erneute Sendung wird gespeichert und einmal gesendet, sobald der Knoten wieder erreichbar ist; nichts gilt als erneut gesendet, bevor der Knoten es bestätigt.</translation>
    </message>
    <message>
        <source>Resubmitted as message %1, queued for %2. Its delivery is followed in the list.</source>
        <translation>Erneut gesendet als Nachricht %1, in Warteschlange für %2. Ihre Zustellung wird in der Liste verfolgt.</translation>
    </message>
    <message>
        <source>Refused by %1: %2 (%3)</source>
        <translation>Abgelehnt von %1: %2 (%3)</translation>
    </message>
    <message>
        <source>Refused by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>Withdrawn before the node answered: nothing was resubmitted by it.</source>
        <translation>Zurückgezogen, bevor der Knoten geantwortet hat: Er hat nichts erneut gesendet.</translation>
    </message>
</context>
<context>
    <name>ResubmitFollowUp</name>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>delivered to %1</source>
        <translation>zugestellt an %1</translation>
    </message>
    <message>
        <source>failed again at %1: dead letter %2</source>
        <translation>erneut fehlgeschlagen bei %1: unzustellbare Nachricht %2</translation>
    </message>
    <message>
        <source>failed again at %1</source>
        <translation>erneut fehlgeschlagen bei %1</translation>
    </message>
    <message>
        <source>failed again: dead letter %1</source>
        <translation>erneut fehlgeschlagen: unzustellbare Nachricht %1</translation>
    </message>
    <message>
        <source>failed again: the replay is %1</source>
        <translation>erneut fehlgeschlagen: Die erneute Sendung ist %1</translation>
    </message>
    <message>
        <source>resubmitted as message %1</source>
        <translation>erneut gesendet als Nachricht %1</translation>
    </message>
    <message>
        <source>queued for %1 (message %2)</source>
        <translation>in Warteschlange für %1 (Nachricht %2)</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>wartet auf %1</translation>
    </message>
    <message>
        <source>%1 (message %2)</source>
        <translation>%1 (Nachricht %2)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <source> MB</source>
        <comment>megabytes</comment>
        <translation> MB</translation>
    </message>
    <message>
        <source>Offline &amp;cache per node:</source>
        <translation>Offline-&amp;Zwischenspeicher pro Knoten:</translation>
    </message>
    <message>
        <source>A new language applies when the console starts again. When a cache reaches its limit, the oldest statistics and the messages viewed longest ago are dropped first.</source>
        <translation>Eine neue Sprache gilt nach dem nächsten Start der Konsole. Erreicht ein Zwischenspeicher sein Limit, werden zuerst die ältesten Statistiken und die am längsten nicht angesehenen Nachrichten verworfen.</translation>
    </message>
    <message>
        <source>Play a &amp;sound when a critical or high alert arrives</source>
        <translation>Bei kritischem oder hohem Alarm einen &amp;Ton abspielen</translation>
    </message>
    <message>
        <source>Alerts:</source>
        <translation>Alarme:</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>Sign in to %1 (%2).</source>
        <translation>Bei %1 anmelden (%2).</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>The node presented a different certificate than the one pinned: nothing was sent. See the warning about the changed certificate.</source>
        <translation>Der Knoten hat ein anderes als das hinterlegte Zertifikat vorgelegt: Es wurde nichts gesendet. Siehe die Warnung zum geänderten Zertifikat.</translation>
    </message>
    <message>
        <source>The user name or password is wrong (or the user is disabled).</source>
        <translation>Benutzername oder Passwort ist falsch (oder der Benutzer ist deaktiviert).</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins: try again in %n s.</source>
        <translation>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen: Versuchen Sie es in %n s erneut.</numerusform>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen: Versuchen Sie es in %n s erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>The node cannot be reached: %1</source>
        <translation>Der Knoten ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The node refused the sign-in: %1</source>
        <translation>Der Knoten hat die Anmeldung abgelehnt: %1</translation>
    </message>
    <message>
        <source>The node refused the sign-in (HTTP %1).</source>
        <translation>Der Knoten hat die Anmeldung abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>SilenceDialog</name>
    <message>
        <source>Silence alerts like this</source>
        <translation>Alarme wie diesen stummschalten</translation>
    </message>
    <message>
        <source>On %1. While the silence lasts, new alerts that match every checked item are recorded and shown as silenced, but nobody is paged.</source>
        <translation>Auf %1. Solange die Stummschaltung gilt, werden neue Alarme, die allen angehakten Punkten entsprechen, erfasst und als stummgeschaltet angezeigt, aber niemand wird benachrichtigt.</translation>
    </message>
    <message>
        <source>Silence alerts with</source>
        <translation>Alarme stummschalten mit</translation>
    </message>
    <message>
        <source>the same rule: %1</source>
        <translation>derselben Regel: %1</translation>
    </message>
    <message>
        <source>the same unit: %1</source>
        <translation>derselben Station: %1</translation>
    </message>
    <message>
        <source>the same subject: %1</source>
        <translation>demselben Objekt: %1</translation>
    </message>
    <message>
        <source>the same test: %1 (%2)</source>
        <translation>demselben Parameter: %1 (%2)</translation>
    </message>
    <message>
        <source>the same severity: %1</source>
        <translation>demselben Schweregrad: %1</translation>
    </message>
    <message>
        <source>the same category: %1</source>
        <translation>derselben Kategorie: %1</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>30 min</source>
        <translation>30 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>4 h</source>
        <translation>4 h</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>Why (required), e.g. lab analyser being recalibrated</source>
        <translation>Warum (Pflichtfeld), z. B. Laboranalysator wird neu kalibriert</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Begründung:</translation>
    </message>
    <message>
        <source>&amp;Create silence</source>
        <translation>Stummschaltung &amp;anlegen</translation>
    </message>
    <message>
        <source>Silence %1 until %2</source>
        <translation>%1 bis %2 stummschalten</translation>
    </message>
    <message>
        <source>Check at least one item: a silence without one would hold nothing.</source>
        <translation>Haken Sie mindestens einen Punkt an: Eine Stummschaltung ohne Punkt würde nichts zurückhalten.</translation>
    </message>
    <message>
        <source>The end must be in the future.</source>
        <translation>Das Ende muss in der Zukunft liegen.</translation>
    </message>
    <message>
        <source>A silence lasts at most 7 days.</source>
        <translation>Eine Stummschaltung dauert höchstens 7 Tage.</translation>
    </message>
    <message>
        <source>Say why: the reason is kept in the audit log.</source>
        <translation>Geben Sie den Grund an: Er wird im Audit-Protokoll gespeichert.</translation>
    </message>
    <message>
        <source>Nobody is paged for matching alerts until %1 (%2 from now).</source>
        <translation>Bis %1 wird bei passenden Alarmen niemand benachrichtigt (noch %2).</translation>
    </message>
</context>
<context>
    <name>StreamClient</name>
    <message>
        <source>The stream of node %1 went silent; reconnecting.</source>
        <translation>Der Datenstrom von Knoten %1 ist verstummt; Verbindung wird neu aufgebaut.</translation>
    </message>
    <message>
        <source>Node %1 did not complete the stream connection in time.</source>
        <translation>Knoten %1 hat die Datenstrom-Verbindung nicht rechtzeitig hergestellt.</translation>
    </message>
    <message>
        <source>Node %1 has no pinned certificate yet; confirm its fingerprint first.</source>
        <translation>Knoten %1 hat noch kein hinterlegtes Zertifikat; bestätigen Sie zuerst seinen Fingerabdruck.</translation>
    </message>
    <message>
        <source>The certificate of node %1 could not be checked against the pinned one; nothing was sent.</source>
        <translation>Das Zertifikat von Knoten %1 konnte nicht mit dem hinterlegten abgeglichen werden; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Not signed in to node %1.</source>
        <translation>Nicht bei Knoten %1 angemeldet.</translation>
    </message>
    <message>
        <source>Node %1 closed the stream: %2; sign in again.</source>
        <translation>Knoten %1 hat den Datenstrom geschlossen: %2; bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>the session is no longer valid</source>
        <translation>die Sitzung ist nicht mehr gültig</translation>
    </message>
    <message>
        <source>The stream of node %1 was interrupted (%2); reconnecting.</source>
        <translation>Der Datenstrom von Knoten %1 wurde unterbrochen (%2); Verbindung wird neu aufgebaut.</translation>
    </message>
    <message>
        <source>Could not open the stream of node %1: %2</source>
        <translation>Der Datenstrom von Knoten %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Node %1 refused a stream request: %2</source>
        <translation>Knoten %1 hat eine Datenstrom-Anfrage abgelehnt: %2</translation>
    </message>
</context>
<context>
    <name>TokenVault</name>
    <message>
        <source>No keychain available: you will sign in again next time</source>
        <translation>Kein Schlüsselbund verfügbar: Sie müssen sich beim nächsten Mal erneut anmelden</translation>
    </message>
    <message>
        <source>The keychain refused to give the saved sign-in: %1</source>
        <translation>Der Schlüsselbund hat die gespeicherte Anmeldung verweigert: %1</translation>
    </message>
    <message>
        <source>The sign-in could not be saved in the keychain: %1</source>
        <translation>Die Anmeldung konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>TraceQuery</name>
    <message numerus="yes">
        <source>last %n day(s)</source>
        <translation>
            <numerusform>letzter %n Tag</numerusform>
            <numerusform>letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>All messages</source>
        <translation>Alle Nachrichten</translation>
    </message>
    <message numerus="yes">
        <source>last %n hour(s)</source>
        <translation>
            <numerusform>letzte %n Stunde</numerusform>
            <numerusform>letzte %n Stunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceSearchBar</name>
    <message>
        <source>Correlation ID, MSH-10, patient ID or accession number (Ctrl+K)</source>
        <translation>Korrelations-ID, MSH-10, Patienten-ID oder Auftragsnummer (Strg+K)</translation>
    </message>
    <message>
        <source>Trace search</source>
        <translation>Verlaufssuche</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Recent</source>
        <translation>&amp;Zuletzt</translation>
    </message>
    <message>
        <source>Sa&amp;ved</source>
        <translation>&amp;Gespeichert</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Beliebiger Typ</translation>
    </message>
    <message>
        <source>Message type</source>
        <translation>Nachrichtentyp</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Beliebiger Status</translation>
    </message>
    <message>
        <source>Accepted</source>
        <comment>message state</comment>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Invalid</source>
        <comment>message state</comment>
        <translation>Ungültig</translation>
    </message>
    <message>
        <source>Unparseable</source>
        <comment>message state</comment>
        <translation>Nicht parsebar</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <comment>message state</comment>
        <translation>Duplikat</translation>
    </message>
    <message>
        <source>Message state</source>
        <translation>Nachrichtenstatus</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebige Zeit</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>Zwischen…</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>T&amp;yp:</translation>
    </message>
    <message>
        <source>S&amp;tate:</source>
        <translation>Stat&amp;us:</translation>
    </message>
    <message>
        <source>T&amp;ime:</source>
        <translation>Zeit&amp;raum:</translation>
    </message>
    <message>
        <source>No recent searches</source>
        <translation>Keine zuletzt verwendeten Suchen</translation>
    </message>
    <message>
        <source>Clear recent searches</source>
        <translation>Zuletzt verwendete Suchen löschen</translation>
    </message>
    <message>
        <source>Save this search</source>
        <translation>Diese Suche speichern</translation>
    </message>
    <message>
        <source>Remove saved search</source>
        <translation>Gespeicherte Suche entfernen</translation>
    </message>
</context>
<context>
    <name>TraceTimelineModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>+Previous</source>
        <comment>time since the previous event</comment>
        <translation>+Vorheriges</translation>
    </message>
    <message>
        <source>+First</source>
        <comment>time since the first event</comment>
        <translation>+Erstes</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>TraceView</name>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Copy correlation ID</source>
        <translation>Korrelations-ID kopieren</translation>
    </message>
    <message>
        <source>Copy MSH-10</source>
        <translation>MSH-10 kopieren</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n Nachricht</numerusform>
            <numerusform>%n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source> — loading…</source>
        <translation> — wird geladen…</translation>
    </message>
    <message>
        <source> — more when you scroll down</source>
        <translation> — mehr beim Herunterscrollen</translation>
    </message>
    <message>
        <source>No message matches.</source>
        <translation>Keine Nachricht gefunden.</translation>
    </message>
</context>
</TS>
