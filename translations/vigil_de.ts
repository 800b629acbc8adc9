<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AttentionDelegate</name>
    <message>
        <source>Needs attention: %1</source>
        <translation>Erfordert Aufmerksamkeit: %1</translation>
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
        <source>The alert board: by severity and state, filtered by unit; acknowledge with one action.</source>
        <translation>Die Alarmtafel: nach Schweregrad und Status, gefiltert nach Station; mit einer Aktion bestätigen.</translation>
    </message>
    <message>
        <source>What escalates next, to whom, and when.</source>
        <translation>Was als Nächstes eskaliert, an wen und wann.</translation>
    </message>
    <message>
        <source>Dead-lettered messages with reason and stage; view, fix and resubmit.</source>
        <translation>Unzustellbare Nachrichten mit Grund und Stufe; ansehen, korrigieren und erneut senden.</translation>
    </message>
    <message>
        <source>Who did what, when, from where: the node&apos;s audit log.</source>
        <translation>Wer hat was wann von wo getan: das Audit-Protokoll des Knotens.</translation>
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
    <name>PlaceholderView</name>
    <message>
        <source>This view arrives in the next release.</source>
        <translation>Diese Ansicht folgt in der nächsten Version.</translation>
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
