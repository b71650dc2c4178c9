<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionPoller</name>
    <message>
        <source>The action %1 was followed for too long without reaching a final state; it is no longer checked.</source>
        <translation>Die Aktion %1 wurde zu lange verfolgt, ohne einen Endzustand zu erreichen; sie wird nicht mehr geprüft.</translation>
    </message>
</context>
<context>
    <name>ActionTableModel</name>
    <message>
        <source>Cancelled by %1: %2</source>
        <translation>Abgebrochen von %1: %2</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>Angefordert von</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Action ID</source>
        <translation>Aktions-ID</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Queued, not sent yet</source>
        <translation>In der Warteschlange, noch nicht gesendet</translation>
    </message>
    <message>
        <source>Sent, awaiting the answer</source>
        <translation>Gesendet, Antwort ausstehend</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Angenommen</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Not taken by the service</source>
        <translation>Vom Dienst nicht übernommen</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>Abgeglichen</translation>
    </message>
    <message>
        <source>Sent from this app</source>
        <translation>Von dieser App gesendet</translation>
    </message>
    <message>
        <source>service correlation id %1</source>
        <translation>Korrelations-ID des Dienstes %1</translation>
    </message>
    <message>
        <source>request id %1</source>
        <translation>Anfrage-ID %1</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>ActionsCommand</name>
    <message>
        <source>Listing the machine actions failed: %1</source>
        <translation>Die Geräteaktionen konnten nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>correlation id %1</source>
        <translation>Korrelations-ID %1</translation>
    </message>
    <message>
        <source>The call failed.</source>
        <translation>Der Aufruf ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The service did not answer in time.</source>
        <translation>Der Dienst hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The service answered %1 and sent us to another address; redirects are not followed. Check the service address or the proxy.</source>
        <translation>Der Dienst antwortete mit %1 und verwies auf eine andere Adresse; Weiterleitungen werden nicht verfolgt. Prüfen Sie die Dienstadresse oder den Proxy.</translation>
    </message>
    <message>
        <source>The service answered %1.</source>
        <translation>Der Dienst antwortete mit %1.</translation>
    </message>
    <message>
        <source>The service answered %1 with an empty body.</source>
        <translation>Der Dienst antwortete mit %1 ohne Inhalt.</translation>
    </message>
    <message>
        <source>The service answered %1 with a page that is not the service&apos;s, often a proxy error page.</source>
        <translation>Der Dienst antwortete mit %1 und einer Seite, die nicht vom Dienst stammt – oft eine Fehlerseite eines Proxys.</translation>
    </message>
    <message>
        <source>The service answered %1 with a body that is not the service&apos;s.</source>
        <translation>Der Dienst antwortete mit %1 und einem Inhalt, der nicht vom Dienst stammt.</translation>
    </message>
    <message>
        <source>The call was cancelled.</source>
        <translation>Der Aufruf wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The secure connection could not be established: the service&apos;s certificate is not trusted or the handshake failed.</source>
        <translation>Die sichere Verbindung konnte nicht hergestellt werden: Das Zertifikat des Dienstes ist nicht vertrauenswürdig oder der Handshake ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The service refused the connection.</source>
        <translation>Der Dienst hat die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <source>The service&apos;s host name could not be found.</source>
        <translation>Der Hostname des Dienstes wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The connection closed before the whole answer arrived.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die vollständige Antwort eintraf.</translation>
    </message>
    <message>
        <source>The service closed the connection before answering.</source>
        <translation>Der Dienst hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>The proxy could not be used to reach the service.</source>
        <translation>Der Dienst war über den Proxy nicht erreichbar.</translation>
    </message>
    <message>
        <source>The service redirected the call in an unsafe way.</source>
        <translation>Der Dienst hat den Aufruf auf unsichere Weise weitergeleitet.</translation>
    </message>
    <message>
        <source>The service gave no answer.</source>
        <translation>Der Dienst hat nicht geantwortet.</translation>
    </message>
    <message>
        <source>The service answered with unexpected status %1.</source>
        <translation>Der Dienst antwortete mit dem unerwarteten Status %1.</translation>
    </message>
    <message>
        <source>The connection to the service failed or was reset.</source>
        <translation>Die Verbindung zum Dienst ist fehlgeschlagen oder wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>The service&apos;s answer could not be read: %1</source>
        <translation>Die Antwort des Dienstes konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The page size must be 1 to %1.</source>
        <translation>Die Seitengröße muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>the next-page link points to another server.</source>
        <translation>der Link zur nächsten Seite verweist auf einen anderen Server.</translation>
    </message>
    <message>
        <source>the paging does not end.</source>
        <translation>die Seitenabfrage endet nicht.</translation>
    </message>
    <message>
        <source>That is neither a device id nor a computer name.</source>
        <translation>Das ist weder eine Geräte-ID noch ein Computername.</translation>
    </message>
    <message>
        <source>That is not a device id.</source>
        <translation>Das ist keine Geräte-ID.</translation>
    </message>
    <message>
        <source>The number of actions must be 1 to %1.</source>
        <translation>Die Anzahl der Aktionen muss zwischen 1 und %1 liegen.</translation>
    </message>
    <message>
        <source>That is not an action id.</source>
        <translation>Das ist keine Aktions-ID.</translation>
    </message>
    <message>
        <source>No service address is set.</source>
        <translation>Es ist keine Dienstadresse festgelegt.</translation>
    </message>
    <message>
        <source>No access token could be obtained; sign in.</source>
        <translation>Es konnte kein Zugriffstoken abgerufen werden; bitte melden Sie sich an.</translation>
    </message>
    <message>
        <source>%1 The request may have reached the service: check the device&apos;s actions before sending it again.</source>
        <translation>%1 Die Anfrage hat den Dienst möglicherweise erreicht: Prüfen Sie die Aktionen des Geräts, bevor Sie sie erneut senden.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>Permission missing: %1. Ask an administrator to grant it.</source>
        <translation>Fehlende Berechtigung: %1. Bitten Sie einen Administrator, sie zu erteilen.</translation>
    </message>
    <message>
        <source>Permission missing: %1. Ask an administrator to grant it. The service said: %2</source>
        <translation>Fehlende Berechtigung: %1. Bitten Sie einen Administrator, sie zu erteilen. Meldung des Dienstes: %2</translation>
    </message>
    <message>
        <source>the next-page link is not a valid address.</source>
        <translation>der Link zur nächsten Seite ist keine gültige Adresse.</translation>
    </message>
    <message>
        <source>%1 Gave up after %2 attempts.</source>
        <translation>%1 Nach %2 Versuchen aufgegeben.</translation>
    </message>
</context>
<context>
    <name>AppSession</name>
    <message>
        <source>The connection settings cannot be used (%1). Open Settings.</source>
        <translation>Die Verbindungseinstellungen können nicht verwendet werden (%1). Öffnen Sie die Einstellungen.</translation>
    </message>
    <message>
        <source>The audit log cannot be used: %1</source>
        <translation>Das Überwachungsprotokoll kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>No eligible device to show in the dialog.</source>
        <translation>Kein geeignetes Gerät für die Anzeige im Dialog.</translation>
    </message>
    <message>
        <source>Decommissioned hardware, ticket CHG-1042</source>
        <translation>Ausgemusterte Hardware, Ticket CHG-1042</translation>
    </message>
    <message>
        <source>No devices were shown within two minutes.</source>
        <translation>Innerhalb von zwei Minuten wurden keine Geräte angezeigt.</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>Enter the tenant (directory) id.</source>
        <translation>Geben Sie die Mandanten-ID (Verzeichnis-ID) ein.</translation>
    </message>
    <message>
        <source>The tenant must be a directory id (GUID) or a domain such as contoso.onmicrosoft.com.</source>
        <translation>Der Mandant muss eine Verzeichnis-ID (GUID) oder eine Domäne wie contoso.onmicrosoft.com sein.</translation>
    </message>
    <message>
        <source>Enter the application (client) id of the app registration.</source>
        <translation>Geben Sie die Anwendungs-ID (Client-ID) der App-Registrierung ein.</translation>
    </message>
    <message>
        <source>The application (client) id must be a GUID.</source>
        <translation>Die Anwendungs-ID (Client-ID) muss eine GUID sein.</translation>
    </message>
    <message>
        <source>API URL: %1</source>
        <translation>API-URL: %1</translation>
    </message>
    <message>
        <source>Sign-in URL: %1</source>
        <translation>Anmelde-URL: %1</translation>
    </message>
    <message>
        <source>The token resource must not contain spaces or quotes.</source>
        <translation>Die Token-Ressource darf keine Leerzeichen oder Anführungszeichen enthalten.</translation>
    </message>
    <message>
        <source>Cannot read the CA file %1: %2</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The CA file %1 holds no PEM certificate (expected &quot;-----BEGIN CERTIFICATE-----&quot; blocks).</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat (erwartet werden Blöcke „-----BEGIN CERTIFICATE-----“).</translation>
    </message>
    <message>
        <source>The CA file %1 holds a damaged certificate.</source>
        <translation>Die CA-Datei %1 enthält ein beschädigtes Zertifikat.</translation>
    </message>
    <message>
        <source>The certificate &quot;%1&quot; in %2 is not valid now (valid from %3 to %4).</source>
        <translation>Das Zertifikat „%1“ in %2 ist derzeit nicht gültig (gültig von %3 bis %4).</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>The audit log is not open.</source>
        <translation>Das Überwachungsprotokoll ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>Could not write to the audit log: %1</source>
        <translation>In das Überwachungsprotokoll konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The audit log has no record %1.</source>
        <translation>Das Überwachungsprotokoll enthält keinen Eintrag %1.</translation>
    </message>
    <message>
        <source>Could not read the audit log: %1</source>
        <translation>Das Überwachungsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The audit log path &quot;%1&quot; is not a file.</source>
        <translation>Der Pfad des Überwachungsprotokolls „%1“ ist keine Datei.</translation>
    </message>
    <message>
        <source>Could not create the folder for the audit log &quot;%1&quot;.</source>
        <translation>Der Ordner für das Überwachungsprotokoll „%1“ konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not open the audit log &quot;%1&quot;: %2</source>
        <translation>Das Überwachungsprotokoll „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The audit log &quot;%1&quot; is damaged (%2). It was left as it is; move it aside to start a new one.</source>
        <translation>Das Überwachungsprotokoll „%1“ ist beschädigt (%2). Es wurde unverändert gelassen; verschieben Sie es, um ein neues zu beginnen.</translation>
    </message>
    <message>
        <source>The audit log &quot;%1&quot; is locked by another program (%2). Close the other instance and try again.</source>
        <translation>Das Überwachungsprotokoll „%1“ ist von einem anderen Programm gesperrt (%2). Schließen Sie die andere Instanz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The audit log &quot;%1&quot; could not be used: %2</source>
        <translation>Das Überwachungsprotokoll „%1“ kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>The audit log &quot;%1&quot; was written by a newer version of this program (format %2). It was left as it is.</source>
        <translation>Das Überwachungsprotokoll „%1“ wurde von einer neueren Version dieses Programms geschrieben (Format %2). Es wurde unverändert gelassen.</translation>
    </message>
    <message>
        <source>The file &quot;%1&quot; is a database but not an audit log of this program. It was left as it is.</source>
        <translation>Die Datei „%1“ ist eine Datenbank, aber kein Überwachungsprotokoll dieses Programms. Sie wurde unverändert gelassen.</translation>
    </message>
    <message>
        <source>The audit log &quot;%1&quot; could not be switched to write-ahead logging.</source>
        <translation>Das Überwachungsprotokoll „%1“ konnte nicht auf Write-Ahead-Logging umgestellt werden.</translation>
    </message>
    <message>
        <source>The audit record %1 is no longer queued.</source>
        <translation>Der Protokolleintrag %1 ist nicht mehr in der Warteschlange.</translation>
    </message>
</context>
<context>
    <name>AuditReconciler</name>
    <message>
        <source>The reconciliation has already been started.</source>
        <translation>Der Abgleich wurde bereits gestartet.</translation>
    </message>
    <message>
        <source>The audit log is not open.</source>
        <translation>Das Überwachungsprotokoll ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>No connection to the service.</source>
        <translation>Keine Verbindung zum Dienst.</translation>
    </message>
    <message>
        <source>Last session: %1 offboards reconciled with the service, %2 devices not sent.</source>
        <translation>Letzte Sitzung: %1 Offboardings mit dem Dienst abgeglichen, %2 Geräte nicht gesendet.</translation>
    </message>
    <message>
        <source>%1 still unknown; they are checked again at the next start.</source>
        <translation>%1 weiterhin unbekannt; sie werden beim nächsten Start erneut geprüft.</translation>
    </message>
</context>
<context>
    <name>Backend</name>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Please sign in: %1</source>
        <translation>Bitte melden Sie sich an: %1</translation>
    </message>
    <message>
        <source>The keychain cannot be used; the sign-in is kept for this run only: %1</source>
        <translation>Der Schlüsselbund kann nicht verwendet werden; die Anmeldung gilt nur für diese Sitzung: %1</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>Kommerziell</translation>
    </message>
    <message>
        <source>Commercial (%1)</source>
        <translation>Kommerziell (%1)</translation>
    </message>
    <message>
        <source>GCC</source>
        <translation>GCC</translation>
    </message>
    <message>
        <source>GCC High</source>
        <translation>GCC High</translation>
    </message>
    <message>
        <source>DoD</source>
        <translation>DoD</translation>
    </message>
    <message>
        <source>Open Settings and complete the connection first.</source>
        <translation>Öffnen Sie die Einstellungen und vervollständigen Sie zuerst die Verbindung.</translation>
    </message>
    <message>
        <source>The client secret could not be stored in the keychain and is kept for this run only: %1</source>
        <translation>Der geheime Clientschlüssel konnte nicht im Schlüsselbund gespeichert werden und gilt nur für diese Sitzung: %1</translation>
    </message>
    <message>
        <source>The audit log could not be checked against the service: %1</source>
        <translation>Das Überwachungsprotokoll konnte nicht mit dem Dienst abgeglichen werden: %1</translation>
    </message>
</context>
<context>
    <name>BulkOffboard</name>
    <message>
        <source>This batch has already been started.</source>
        <translation>Dieser Stapel wurde bereits gestartet.</translation>
    </message>
    <message>
        <source>No devices were selected.</source>
        <translation>Es wurden keine Geräte ausgewählt.</translation>
    </message>
    <message>
        <source>No connection to the service.</source>
        <translation>Keine Verbindung zum Dienst.</translation>
    </message>
    <message>
        <source>The audit log is not open, so nothing can be recorded; nothing was sent.</source>
        <translation>Das Überwachungsprotokoll ist nicht geöffnet, daher kann nichts aufgezeichnet werden; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>That is not a device id.</source>
        <translation>Das ist keine Geräte-ID.</translation>
    </message>
    <message>
        <source>Not sent: the audit log could not be written (%1).</source>
        <translation>Nicht gesendet: Das Überwachungsprotokoll konnte nicht geschrieben werden (%1).</translation>
    </message>
    <message>
        <source>Not sent: the connection to the service is gone.</source>
        <translation>Nicht gesendet: Die Verbindung zum Dienst besteht nicht mehr.</translation>
    </message>
    <message>
        <source>The audit log could not be written, so nothing was sent: %1</source>
        <translation>Das Überwachungsprotokoll konnte nicht geschrieben werden, daher wurde nichts gesendet: %1</translation>
    </message>
</context>
<context>
    <name>BulkProgressDialog</name>
    <message>
        <source>Offboarding</source>
        <translation>Offboarding</translation>
    </message>
    <message>
        <source>Offboarding progress</source>
        <translation>Fortschritt des Offboardings</translation>
    </message>
    <message>
        <source>Result per device</source>
        <translation>Ergebnis pro Gerät</translation>
    </message>
    <message>
        <source>Cancel &amp;queued</source>
        <translation>&amp;Wartende abbrechen</translation>
    </message>
    <message>
        <source>Stop the devices not sent yet. Requests already sent are not withdrawn.</source>
        <translation>Hält die noch nicht gesendeten Geräte an. Bereits gesendete Anfragen werden nicht zurückgezogen.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Offboard requested</source>
        <translation>Offboarding angefordert</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Already pending</source>
        <translation>Bereits ausstehend</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>Ergebnis unbekannt</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>Action %1 (%2)</source>
        <translation>Aktion %1 (%2)</translation>
    </message>
    <message>
        <source>Done: %1 · Failed: %2 · Queued: %3</source>
        <translation>Erledigt: %1 · Fehlgeschlagen: %2 · Wartend: %3</translation>
    </message>
    <message>
        <source> · Not sent: %1</source>
        <translation> · Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>About %1 left (the service allows 100 offboards a minute).</source>
        <translation>Noch etwa %1 (der Dienst erlaubt 100 Offboardings pro Minute).</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Angehalten.</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>CancelActionDialog</name>
    <message>
        <source>Cancel action</source>
        <translation>Aktion abbrechen</translation>
    </message>
    <message>
        <source>&amp;Reason for cancelling (required):</source>
        <translation>&amp;Grund für den Abbruch (erforderlich):</translation>
    </message>
    <message>
        <source>Cancellation comment</source>
        <translation>Kommentar zum Abbruch</translation>
    </message>
    <message>
        <source>&amp;Keep the action</source>
        <translation>Aktion &amp;beibehalten</translation>
    </message>
    <message>
        <source>Cancel the action</source>
        <translation>Aktion abbrechen</translation>
    </message>
    <message>
        <source>Cancel the %1 action for %2 (action id %3, requested by %4)? A device that has already picked it up may still complete it.</source>
        <translation>Die Aktion %1 für %2 abbrechen (Aktions-ID %3, angefordert von %4)? Ein Gerät, das sie bereits übernommen hat, kann sie trotzdem noch abschließen.</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>CancelCommand</name>
    <message>
        <source>The audit log cannot be opened, so nothing was sent: %1</source>
        <translation>Das Überwachungsprotokoll kann nicht geöffnet werden, daher wurde nichts gesendet: %1</translation>
    </message>
    <message>
        <source>Waiting for the answer to the cancel request already sent.</source>
        <translation>Warte auf die Antwort auf die bereits gesendete Abbruchanfrage.</translation>
    </message>
    <message>
        <source>Interrupted; nothing was sent.</source>
        <translation>Unterbrochen; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The action %1 could not be read: %2</source>
        <translation>Die Aktion %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The action is already %1; there is nothing to cancel.</source>
        <translation>Die Aktion ist bereits %1; es gibt nichts abzubrechen.</translation>
    </message>
    <message>
        <source>The audit log could not be written, so nothing was sent: %1</source>
        <translation>Das Überwachungsprotokoll konnte nicht geschrieben werden, daher wurde nichts gesendet: %1</translation>
    </message>
</context>
<context>
    <name>CliApp</name>
    <message>
        <source>Try mde-offboard-cli --help.</source>
        <translation>Siehe mde-offboard-cli --help.</translation>
    </message>
    <message>
        <source>%1 Nothing was sent.</source>
        <translation>%1 Es wurde nichts gesendet.</translation>
    </message>
</context>
<context>
    <name>CliArguments</name>
    <message>
        <source>Unknown command &quot;%1&quot;. The commands are machines, offboard, actions and cancel.</source>
        <translation>Unbekannter Befehl „%1“. Die Befehle sind machines, offboard, actions und cancel.</translation>
    </message>
    <message>
        <source>Unknown option %1 (see --help).</source>
        <translation>Unbekannte Option %1 (siehe --help).</translation>
    </message>
    <message>
        <source>--%1 is given more than once.</source>
        <translation>--%1 ist mehrfach angegeben.</translation>
    </message>
    <message>
        <source>--%1 needs a value.</source>
        <translation>--%1 erfordert einen Wert.</translation>
    </message>
    <message>
        <source>--%1 takes no value.</source>
        <translation>--%1 nimmt keinen Wert an.</translation>
    </message>
    <message>
        <source>No command given. The commands are machines, offboard, actions and cancel (see --help).</source>
        <translation>Kein Befehl angegeben. Die Befehle sind machines, offboard, actions und cancel (siehe --help).</translation>
    </message>
    <message>
        <source>--%1 is not an option of the %2 command.</source>
        <translation>--%1 ist keine Option des Befehls %2.</translation>
    </message>
    <message>
        <source>--format is table, json or csv.</source>
        <translation>--format ist table, json oder csv.</translation>
    </message>
    <message>
        <source>--cloud is commercial, gcc, gcc-high or dod.</source>
        <translation>--cloud ist commercial, gcc, gcc-high oder dod.</translation>
    </message>
    <message>
        <source>--region is one of %1.</source>
        <translation>--region ist eines von %1.</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>--tenant must be a directory id (GUID) or a domain such as contoso.onmicrosoft.com.</source>
        <translation>--tenant muss eine Verzeichnis-ID (GUID) oder eine Domäne wie contoso.onmicrosoft.com sein.</translation>
    </message>
    <message>
        <source>--client-id must be the application (client) id, a GUID.</source>
        <translation>--client-id muss die Anwendungs-ID (Client-ID) sein, eine GUID.</translation>
    </message>
    <message>
        <source>--ca-file needs the path of a PEM file.</source>
        <translation>--ca-file erfordert den Pfad einer PEM-Datei.</translation>
    </message>
    <message>
        <source>%1 needs --comment TEXT: the reason, recorded with the action.</source>
        <translation>%1 erfordert --comment TEXT: den Grund, der mit der Aktion gespeichert wird.</translation>
    </message>
    <message>
        <source>--comment: %1</source>
        <translation>--comment: %1</translation>
    </message>
    <message>
        <source>machines takes no arguments; use --filter or --search.</source>
        <translation>machines nimmt keine Argumente an; verwenden Sie --filter oder --search.</translation>
    </message>
    <message>
        <source>--from needs a file name, or - for standard input.</source>
        <translation>--from erfordert einen Dateinamen oder - für die Standardeingabe.</translation>
    </message>
    <message>
        <source>Give device ids either as arguments or with --from, not both.</source>
        <translation>Geben Sie Geräte-IDs entweder als Argumente oder mit --from an, nicht beides.</translation>
    </message>
    <message>
        <source>offboard needs device ids: as arguments or with --from FILE (- for standard input).</source>
        <translation>offboard erfordert Geräte-IDs: als Argumente oder mit --from DATEI (- für die Standardeingabe).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a device id (40 hexadecimal characters).</source>
        <translation>„%1“ ist keine Geräte-ID (40 Hexadezimalzeichen).</translation>
    </message>
    <message>
        <source>actions takes no arguments; use --machine, --status or --type.</source>
        <translation>actions nimmt keine Argumente an; verwenden Sie --machine, --status oder --type.</translation>
    </message>
    <message>
        <source>--machine wants a device id (40 hexadecimal characters).</source>
        <translation>--machine erwartet eine Geräte-ID (40 Hexadezimalzeichen).</translation>
    </message>
    <message>
        <source>--status is one of %1.</source>
        <translation>--status ist eines von %1.</translation>
    </message>
    <message>
        <source>--type is one of %1.</source>
        <translation>--type ist eines von %1.</translation>
    </message>
    <message>
        <source>cancel needs exactly one action id.</source>
        <translation>cancel erfordert genau eine Aktions-ID.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an action id (a GUID).</source>
        <translation>„%1“ ist keine Aktions-ID (eine GUID).</translation>
    </message>
    <message>
        <source>Usage: mde-offboard-cli [GLOBAL OPTIONS] COMMAND [OPTIONS] ...

Lists devices and machine actions of Microsoft Defender for Endpoint, and offboards
devices safely: input is checked before anything is sent, the eligibility policy of
the window applies, calls stay within the service&apos;s rate limits, an offboard is never
sent twice, and every offboard and cancel is written to the audit log shared with the
mde-offboard window.

Commands:
  machines [--filter ODATA] [--search TEXT]
      Prints every device of the tenant (all pages). --filter is an OData $filter the
      service applies, e.g. &quot;healthStatus eq &apos;Inactive&apos;&quot;; --search keeps the devices
      whose name, id, IP address, tag or device group contains every word of TEXT.
  offboard --comment TEXT [--dry-run] [--yes] (ID ... | --from FILE|-)
      Offboards the devices with the given ids (40 hexadecimal characters). The
      comment and every id are checked before anything is sent. Each device is looked
      up and refused with the reason when the policy does not allow offboarding it.
      On a terminal it asks for confirmation unless --yes is given; without a
      terminal (or with --from -) --yes is required. --dry-run shows what would be
      sent and sends nothing. One result is printed per device. Ctrl-C stops the
      devices not sent yet and waits for the answers already on their way.
      --from reads ids from FILE (- for standard input): one id per line, or a CSV
      file with an &quot;id&quot;, &quot;machineId&quot; or &quot;Device ID&quot; column (the portal&apos;s
      export). Blank lines and duplicates are skipped and reported on stderr.
  actions [--machine ID] [--status S] [--type T]
      Lists machine actions, newest first. S is Pending, InProgress, Succeeded,
      Failed, TimeOut or Cancelled; T is an action type such as Offboard.
  cancel --comment TEXT ACTION-ID
      Cancels a pending machine action.

Global options (settings not given come from the window&apos;s saved settings):
  --cloud C        commercial, gcc, gcc-high or dod.
  --region R       commercial regional API host: us, eu, uk, au, swa or ina.
  --api-url URL    replaces the API base (https; plain http only for loopback).
  --login-url URL  the sign-in authority base; tokens come from
                   {login-url}/{tenant}/oauth2/v2.0/token (https; http only for
                   loopback).
  --tenant ID      the tenant (directory) id or a verified domain.
  --client-id ID   the application (client) id of the app registration.
  --ca-file PEM    extra CA certificates to trust (a TLS-inspecting proxy).
  --format F       table (default, aligned for people), json or csv (header row).
  -h, --help       shows this text.
  --version        shows the version.
Giving --cloud or --region ignores the window&apos;s custom API and sign-in URLs.

Sign-in:
  With MDE_CLIENT_SECRET set in the environment, the tool signs in app-only (client
  credentials) as --client-id; a secret is never taken from the command line.
  Otherwise it signs in silently as the account the mde-offboard window signed in,
  from the keychain. With neither, sign in once in the window or set
  MDE_CLIENT_SECRET.

Output:
  machines and actions use the service&apos;s field names in json and csv. offboard
  prints one result per device; json is an array of objects {&quot;machineId&quot;,
  &quot;computerDnsName&quot;, &quot;ok&quot;, &quot;actionId&quot;, &quot;status&quot;, &quot;error&quot;: {&quot;code&quot;,
  &quot;message&quot;, &quot;target&quot;}}. A device with an offboard already pending has ok false,
  error.code &quot;ActiveRequestAlreadyExists&quot; and the pending action&apos;s id when known.
  A refused device has status &quot;Refused&quot; and error.code &quot;NotEligible&quot; (or the
  service&apos;s code, e.g. &quot;ResourceNotFound&quot;); a dry run gives status &quot;DryRun&quot;.
  cancel prints the same fields for the action. Progress (done/total and the time
  left by the rate budget) goes to stderr when stderr is a terminal.

Exit status:
  0  all done
  1  some devices failed or were refused, the confirmation was declined, or the
     service refused the call
  2  bad input: nothing was sent
  3  sign-in failed
  4  the service or the network could not be reached

See also the manual page mde-offboard-cli(1).
</source>
        <translation>Aufruf: mde-offboard-cli [GLOBALE OPTIONEN] BEFEHL [OPTIONEN] ...

Listet Geräte und Geräteaktionen von Microsoft Defender for Endpoint auf und offboardet
Geräte sicher: Eingaben werden geprüft, bevor etwas gesendet wird, die Eignungsrichtlinie
des Fensters gilt, Aufrufe bleiben innerhalb der Ratenbegrenzung des Dienstes, ein
Offboarding wird nie zweimal gesendet, und jedes Offboarding und jeder Abbruch wird in das
Überwachungsprotokoll geschrieben, das auch das mde-offboard-Fenster verwendet.

Befehle:
  machines [--filter ODATA] [--search TEXT]
      Gibt alle Geräte des Mandanten aus (alle Seiten). --filter ist ein OData-$filter,
      den der Dienst anwendet, z. B. &quot;healthStatus eq &apos;Inactive&apos;&quot;; --search behält die
      Geräte, deren Name, ID, IP-Adresse, Tag oder Gerätegruppe jedes Wort aus TEXT
      enthält.
  offboard --comment TEXT [--dry-run] [--yes] (ID ... | --from DATEI|-)
      Offboardet die Geräte mit den angegebenen IDs (40 Hexadezimalzeichen). Der
      Kommentar und jede ID werden geprüft, bevor etwas gesendet wird. Jedes Gerät wird
      nachgeschlagen und mit Begründung abgelehnt, wenn die Richtlinie sein Offboarding
      nicht erlaubt. Auf einem Terminal wird um Bestätigung gebeten, sofern nicht --yes
      angegeben ist; ohne Terminal (oder mit --from -) ist --yes erforderlich.
      --dry-run zeigt, was gesendet würde, und sendet nichts. Pro Gerät wird ein
      Ergebnis ausgegeben. Strg+C hält die noch nicht gesendeten Geräte an und wartet
      auf die bereits unterwegs befindlichen Antworten.
      --from liest IDs aus DATEI (- für die Standardeingabe): eine ID pro Zeile oder
      eine CSV-Datei mit einer Spalte &quot;id&quot;, &quot;machineId&quot; oder &quot;Device ID&quot; (der Export
      des Portals). Leerzeilen und Duplikate werden übersprungen und auf stderr gemeldet.
  actions [--machine ID] [--status S] [--type T]
      Listet Geräteaktionen auf, die neuesten zuerst. S ist Pending, InProgress,
      Succeeded, Failed, TimeOut oder Cancelled; T ist ein Aktionstyp wie Offboard.
  cancel --comment TEXT AKTIONS-ID
      Bricht eine ausstehende Geräteaktion ab.

Globale Optionen (nicht angegebene Einstellungen stammen aus den gespeicherten
Einstellungen des Fensters):
  --cloud C        commercial, gcc, gcc-high oder dod.
  --region R       regionaler API-Host der kommerziellen Cloud: us, eu, uk, au, swa
                   oder ina.
  --api-url URL    ersetzt die API-Basis (https; unverschlüsseltes http nur für
                   Loopback).
  --login-url URL  die Basis der Anmeldeautorität; Tokens kommen von
                   {login-url}/{tenant}/oauth2/v2.0/token (https; http nur für
                   Loopback).
  --tenant ID      die Mandanten-ID (Verzeichnis-ID) oder eine verifizierte Domäne.
  --client-id ID   die Anwendungs-ID (Client-ID) der App-Registrierung.
  --ca-file PEM    zusätzliche vertrauenswürdige CA-Zertifikate (ein TLS-prüfender
                   Proxy).
  --format F       table (Standard, ausgerichtet für Menschen), json oder csv
                   (mit Kopfzeile).
  -h, --help       zeigt diesen Text.
  --version        zeigt die Version.
Mit --cloud oder --region werden die benutzerdefinierten API- und Anmelde-URLs des
Fensters ignoriert.

Anmeldung:
  Ist MDE_CLIENT_SECRET in der Umgebung gesetzt, meldet sich das Werkzeug als reine App
  (Clientanmeldeinformationen) mit --client-id an; ein geheimer Schlüssel wird nie von
  der Befehlszeile übernommen. Andernfalls meldet es sich ohne Rückfrage mit dem Konto
  an, mit dem sich das mde-offboard-Fenster angemeldet hat, aus dem Schlüsselbund. Ist
  beides nicht vorhanden, melden Sie sich einmal im Fenster an oder setzen Sie
  MDE_CLIENT_SECRET.

Ausgabe:
  machines und actions verwenden in json und csv die Feldnamen des Dienstes. offboard
  gibt ein Ergebnis pro Gerät aus; json ist ein Array von Objekten {&quot;machineId&quot;,
  &quot;computerDnsName&quot;, &quot;ok&quot;, &quot;actionId&quot;, &quot;status&quot;, &quot;error&quot;: {&quot;code&quot;,
  &quot;message&quot;, &quot;target&quot;}}. Ein Gerät mit bereits ausstehendem Offboarding hat ok false,
  error.code &quot;ActiveRequestAlreadyExists&quot; und, falls bekannt, die ID der ausstehenden
  Aktion. Ein abgelehntes Gerät hat status &quot;Refused&quot; und error.code &quot;NotEligible&quot;
  (oder den Code des Dienstes, z. B. &quot;ResourceNotFound&quot;); ein Probelauf ergibt status
  &quot;DryRun&quot;. cancel gibt dieselben Felder für die Aktion aus. Der Fortschritt
  (erledigt/gesamt und die durch das Ratenbudget verbleibende Zeit) geht nach stderr,
  wenn stderr ein Terminal ist.

Exit-Status:
  0  alles erledigt
  1  einige Geräte sind fehlgeschlagen oder wurden abgelehnt, die Bestätigung wurde
     verweigert, oder der Dienst hat den Aufruf abgelehnt
  2  ungültige Eingabe: es wurde nichts gesendet
  3  Anmeldung fehlgeschlagen
  4  der Dienst oder das Netzwerk war nicht erreichbar

Siehe auch die Handbuchseite mde-offboard-cli(1).
</translation>
    </message>
</context>
<context>
    <name>CliCommand</name>
    <message>
        <source>Interrupted.</source>
        <translation>Unterbrochen.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>%1 Pass --tenant and --client-id, or save them in the mde-offboard window&apos;s settings.</source>
        <translation>%1 Geben Sie --tenant und --client-id an oder speichern Sie sie in den Einstellungen des mde-offboard-Fensters.</translation>
    </message>
    <message>
        <source>The sign-in service could not be reached: %1</source>
        <translation>Der Anmeldedienst ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>App-only sign-in failed: %1 Check MDE_CLIENT_SECRET and --client-id.</source>
        <translation>Die reine App-Anmeldung ist fehlgeschlagen: %1 Prüfen Sie MDE_CLIENT_SECRET und --client-id.</translation>
    </message>
    <message>
        <source>Sign in once in the mde-offboard window (the command line then uses that account from the keychain), or set MDE_CLIENT_SECRET in the environment for an app-only sign-in with --client-id.</source>
        <translation>Melden Sie sich einmal im mde-offboard-Fenster an (die Befehlszeile verwendet dann dieses Konto aus dem Schlüsselbund) oder setzen Sie MDE_CLIENT_SECRET in der Umgebung für eine reine App-Anmeldung mit --client-id.</translation>
    </message>
    <message>
        <source>Not signed in. %1</source>
        <translation>Nicht angemeldet. %1</translation>
    </message>
    <message>
        <source>Not signed in: %1 %2</source>
        <translation>Nicht angemeldet: %1 %2</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Select a device to see its details.</source>
        <translation>Wählen Sie ein Gerät aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Copy id</source>
        <translation>ID &amp;kopieren</translation>
    </message>
    <message>
        <source>Open in Defender &amp;portal</source>
        <translation>Im Defender-&amp;Portal öffnen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Offboarding</source>
        <translation>Offboarding</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>OS version</source>
        <translation>Betriebssystemversion</translation>
    </message>
    <message>
        <source>OS build</source>
        <translation>Betriebssystem-Build</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>Prozessor</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Agent version</source>
        <translation>Agent-Version</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Onboarding status</source>
        <translation>Onboardingstatus</translation>
    </message>
    <message>
        <source>Antivirus status</source>
        <translation>Antivirenstatus</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Gefährdung</translation>
    </message>
    <message>
        <source>Device value</source>
        <translation>Gerätewert</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Last IP address</source>
        <translation>Letzte IP-Adresse</translation>
    </message>
    <message>
        <source>External IP address</source>
        <translation>Externe IP-Adresse</translation>
    </message>
    <message>
        <source>IP addresses</source>
        <translation>IP-Adressen</translation>
    </message>
    <message>
        <source>Device group</source>
        <translation>Gerätegruppe</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1 (ID %2)</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Entra device id</source>
        <translation>Entra-Geräte-ID</translation>
    </message>
    <message>
        <source>Entra joined</source>
        <translation>In Entra eingebunden</translation>
    </message>
    <message>
        <source>Managed by</source>
        <translation>Verwaltet von</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Potential duplicate</source>
        <translation>Mögliches Duplikat</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>Zusammengeführt in</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
    <message>
        <source>Yes: %1</source>
        <translation>Ja: %1</translation>
    </message>
</context>
<context>
    <name>DeviceController</name>
    <message>
        <source>The connection is not configured: open Settings.</source>
        <translation>Die Verbindung ist nicht eingerichtet: Öffnen Sie die Einstellungen.</translation>
    </message>
    <message>
        <source>Loading was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>DeviceView</name>
    <message>
        <source>Offboard-&amp;eligible only</source>
        <translation>Nur für Offboarding &amp;geeignete Geräte</translation>
    </message>
    <message>
        <source>Find by name, id, IP, tag or group (Ctrl+F)</source>
        <translation>Nach Name, ID, IP, Tag oder Gruppe suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Find devices</source>
        <translation>Geräte suchen</translation>
    </message>
    <message>
        <source>&amp;Platform</source>
        <translation>&amp;Plattform</translation>
    </message>
    <message>
        <source>&amp;Health</source>
        <translation>&amp;Integrität</translation>
    </message>
    <message>
        <source>&amp;Risk</source>
        <translation>&amp;Risiko</translation>
    </message>
    <message>
        <source>Server filter (OData), applied on Refresh, e.g. healthStatus eq &apos;Inactive&apos;</source>
        <translation>Serverfilter (OData), wird beim Aktualisieren angewendet, z. B. healthStatus eq &apos;Inactive&apos;</translation>
    </message>
    <message>
        <source>Server-side OData filter</source>
        <translation>Serverseitiger OData-Filter</translation>
    </message>
    <message>
        <source>Ser&amp;ver filter:</source>
        <translation>Ser&amp;verfilter:</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Eligibility</name>
    <message>
        <source>Your sign-in does not have the Machine.Offboard permission.</source>
        <translation>Ihre Anmeldung hat nicht die Berechtigung Machine.Offboard.</translation>
    </message>
    <message>
        <source>An offboard is already pending for this device.</source>
        <translation>Für dieses Gerät steht bereits ein Offboarding aus.</translation>
    </message>
    <message>
        <source>The device is not onboarded (its onboarding status is unknown).</source>
        <translation>Das Gerät ist nicht onboarded (sein Onboardingstatus ist unbekannt).</translation>
    </message>
    <message>
        <source>The device is not onboarded (onboarding status: %1).</source>
        <translation>Das Gerät ist nicht onboarded (Onboardingstatus: %1).</translation>
    </message>
    <message>
        <source>Windows 10 version %1 cannot be offboarded: version 1703 or later is required.</source>
        <translation>Windows 10 Version %1 kann nicht offboarded werden: Version 1703 oder höher ist erforderlich.</translation>
    </message>
    <message>
        <source>Windows 10 build %1 cannot be offboarded: version 1703 (build 15063) or later is required.</source>
        <translation>Windows 10 Build %1 kann nicht offboarded werden: Version 1703 (Build 15063) oder höher ist erforderlich.</translation>
    </message>
    <message>
        <source>The Windows 10 version is unknown; only version 1703 and later can be offboarded.</source>
        <translation>Die Windows 10-Version ist unbekannt; nur Version 1703 und höher kann offboarded werden.</translation>
    </message>
    <message>
        <source>Windows Server %1 requires the unified agent to be offboarded.</source>
        <translation>Windows Server %1 erfordert für das Offboarding den einheitlichen Agent.</translation>
    </message>
    <message>
        <source>Windows Server %1 cannot be offboarded.</source>
        <translation>Windows Server %1 kann nicht offboarded werden.</translation>
    </message>
    <message>
        <source>macOS devices are not supported under the 2024 rules.</source>
        <translation>macOS-Geräte werden nach den Regeln von 2024 nicht unterstützt.</translation>
    </message>
    <message>
        <source>Linux devices are not supported under the 2024 rules.</source>
        <translation>Linux-Geräte werden nach den Regeln von 2024 nicht unterstützt.</translation>
    </message>
    <message>
        <source>The macOS version is unknown; only macOS 14 and later can be offboarded.</source>
        <translation>Die macOS-Version ist unbekannt; nur macOS 14 und höher kann offboarded werden.</translation>
    </message>
    <message>
        <source>macOS %1 cannot be offboarded: macOS 14 or later is required.</source>
        <translation>macOS %1 kann nicht offboarded werden: macOS 14 oder höher ist erforderlich.</translation>
    </message>
    <message>
        <source>The device&apos;s platform is unknown.</source>
        <translation>Die Plattform des Geräts ist unbekannt.</translation>
    </message>
    <message>
        <source>Devices running %1 cannot be offboarded.</source>
        <translation>Geräte mit %1 können nicht offboarded werden.</translation>
    </message>
    <message>
        <source>The device is inactive: it receives the offboard only when it next checks in, which may be never.</source>
        <translation>Das Gerät ist inaktiv: Es erhält das Offboarding erst bei der nächsten Verbindung zum Dienst – möglicherweise nie.</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Geeignet</translation>
    </message>
    <message>
        <source>Eligible with warning</source>
        <translation>Geeignet mit Warnung</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Nicht geeignet</translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <source>Unknown region &quot;%1&quot;. Known regions: %2.</source>
        <translation>Unbekannte Region „%1“. Bekannte Regionen: %2.</translation>
    </message>
    <message>
        <source>Regions exist only in the commercial cloud.</source>
        <translation>Regionen gibt es nur in der kommerziellen Cloud.</translation>
    </message>
    <message>
        <source>Enter the service address.</source>
        <translation>Geben Sie die Dienstadresse ein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a complete web address (for example https://api.security.microsoft.com).</source>
        <translation>„%1“ ist keine vollständige Webadresse (zum Beispiel https://api.security.microsoft.com).</translation>
    </message>
    <message>
        <source>The service address must start with https://.</source>
        <translation>Die Dienstadresse muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The service address must not contain a user name or password.</source>
        <translation>Die Dienstadresse darf keinen Benutzernamen und kein Kennwort enthalten.</translation>
    </message>
    <message>
        <source>Plain http is allowed only for this computer (127.0.0.1, ::1, localhost); use https://.</source>
        <translation>Unverschlüsseltes http ist nur für diesen Computer erlaubt (127.0.0.1, ::1, localhost); verwenden Sie https://.</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <source>Loading the action history failed</source>
        <translation>Der Aktionsverlauf konnte nicht geladen werden</translation>
    </message>
    <message>
        <source>The action was not cancelled</source>
        <translation>Die Aktion wurde nicht abgebrochen</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>Sent from this app</source>
        <translation>Von dieser App gesendet</translation>
    </message>
    <message>
        <source>Action history</source>
        <translation>Aktionsverlauf</translation>
    </message>
    <message>
        <source>Cancel &amp;action…</source>
        <translation>&amp;Aktion abbrechen …</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>Als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Copy &amp;row</source>
        <translation>&amp;Zeile kopieren</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Open (pending or in progress)</source>
        <translation>Offen (ausstehend oder in Bearbeitung)</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Filter by device</source>
        <translation>Nach Gerät filtern</translation>
    </message>
    <message>
        <source>Requestor</source>
        <translation>Anforderer</translation>
    </message>
    <message>
        <source>Filter by requestor</source>
        <translation>Nach Anforderer filtern</translation>
    </message>
    <message>
        <source>Offboard actions</source>
        <translation>Offboarding-Aktionen</translation>
    </message>
    <message>
        <source>Export action history</source>
        <translation>Aktionsverlauf exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Not sent or unknown (this app&apos;s log)</source>
        <translation>Nicht gesendet oder unbekannt (Protokoll dieser App)</translation>
    </message>
</context>
<context>
    <name>IdInput</name>
    <message>
        <source>Line %1: &quot;%2&quot; is not a device id (40 hexadecimal characters).</source>
        <translation>Zeile %1: „%2“ ist keine Geräte-ID (40 Hexadezimalzeichen).</translation>
    </message>
    <message>
        <source>duplicate of line %1</source>
        <translation>Duplikat von Zeile %1</translation>
    </message>
    <message>
        <source>blank line</source>
        <translation>Leerzeile</translation>
    </message>
    <message>
        <source>The input is neither a list of device ids (one per line) nor a CSV file with an &quot;id&quot;, &quot;machineId&quot; or &quot;Device ID&quot; column.</source>
        <translation>Die Eingabe ist weder eine Liste von Geräte-IDs (eine pro Zeile) noch eine CSV-Datei mit einer Spalte „id“, „machineId“ oder „Device ID“.</translation>
    </message>
    <message>
        <source>no device id in column &quot;%1&quot;</source>
        <translation>keine Geräte-ID in Spalte „%1“</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>Field &quot;%1&quot; is not %2.</source>
        <translation>Das Feld „%1“ ist nicht %2.</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <source>a string or an integer</source>
        <translation>eine Zeichenkette oder eine Ganzzahl</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>ein Array</translation>
    </message>
    <message>
        <source>an array of strings</source>
        <translation>ein Array von Zeichenketten</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an integer</source>
        <translation>eine Ganzzahl</translation>
    </message>
    <message>
        <source>a timestamp</source>
        <translation>ein Zeitstempel</translation>
    </message>
    <message>
        <source>The answer is not valid JSON (%1 at byte %2).</source>
        <translation>Die Antwort ist kein gültiges JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>The answer is not a JSON object.</source>
        <translation>Die Antwort ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The answer has no &quot;value&quot; list.</source>
        <translation>Die Antwort enthält keine „value“-Liste.</translation>
    </message>
    <message>
        <source>it is not an object.</source>
        <translation>es ist kein Objekt.</translation>
    </message>
    <message>
        <source>Field &quot;ipAddresses&quot;, entry %1: %2</source>
        <translation>Feld „ipAddresses“, Eintrag %1: %2</translation>
    </message>
    <message>
        <source>Device %1 of the page: %2</source>
        <translation>Gerät %1 der Seite: %2</translation>
    </message>
    <message>
        <source>Action %1 of the page: %2</source>
        <translation>Aktion %1 der Seite: %2</translation>
    </message>
</context>
<context>
    <name>LaunchOptions</name>
    <message>
        <source>Offboard devices from Microsoft Defender for Endpoint, safely.</source>
        <translation>Geräte sicher aus Microsoft Defender for Endpoint offboarden.</translation>
    </message>
    <message>
        <source>API base URL for this run.</source>
        <translation>API-Basis-URL für diesen Start.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Sign-in authority URL for this run.</source>
        <translation>URL der Anmeldeautorität für diesen Start.</translation>
    </message>
    <message>
        <source>Tenant id or domain for this run.</source>
        <translation>Mandanten-ID oder Domäne für diesen Start.</translation>
    </message>
    <message>
        <source>tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Client (application) id for this run.</source>
        <translation>Client-ID (Anwendungs-ID) für diesen Start.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Client id used when signing in app-only.</source>
        <translation>Client-ID für die reine App-Anmeldung.</translation>
    </message>
    <message>
        <source>Cloud: commercial, gcc, gcc-high or dod.</source>
        <translation>Cloud: commercial, gcc, gcc-high oder dod.</translation>
    </message>
    <message>
        <source>cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>Sign-in mode: interactive, or app-only (the client secret comes from the keychain or the MDE_CLIENT_SECRET environment variable).</source>
        <translation>Anmeldemodus: interactive oder app-only (der geheime Clientschlüssel stammt aus dem Schlüsselbund oder der Umgebungsvariablen MDE_CLIENT_SECRET).</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Save a picture of the window once the first devices are shown, then quit.</source>
        <translation>Ein Bild des Fensters speichern, sobald die ersten Geräte angezeigt werden, dann beenden.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Save a picture of the offboard dialog for three eligible devices, then quit.</source>
        <translation>Ein Bild des Offboarding-Dialogs für drei geeignete Geräte speichern, dann beenden.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Unknown cloud &quot;%1&quot;: use commercial, gcc, gcc-high or dod.</source>
        <translation>Unbekannte Cloud „%1“: Verwenden Sie commercial, gcc, gcc-high oder dod.</translation>
    </message>
    <message>
        <source>Unknown sign-in mode &quot;%1&quot;: use interactive or app-only.</source>
        <translation>Unbekannter Anmeldemodus „%1“: Verwenden Sie interactive oder app-only.</translation>
    </message>
    <message>
        <source>The tenant must be a tenant id (GUID) or a domain name.</source>
        <translation>Der Mandant muss eine Mandanten-ID (GUID) oder ein Domänenname sein.</translation>
    </message>
    <message>
        <source>The client id must be a GUID.</source>
        <translation>Die Client-ID muss eine GUID sein.</translation>
    </message>
    <message>
        <source>Print &quot;shown&quot; once the window&apos;s first frame is painted, then quit (to measure the start-up time).</source>
        <translation>„shown“ ausgeben, sobald das erste Bild des Fensters gezeichnet ist, dann beenden (um die Startzeit zu messen).</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Cannot load %1: %2</source>
        <translation>%1 kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>no session module was given</source>
        <translation>es wurde kein Sitzungsmodul angegeben</translation>
    </message>
    <message>
        <source>Signing in, loading devices and offboarding are not available: %1</source>
        <translation>Anmelden, Geräte laden und Offboarding sind nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>LoopbackListener</name>
    <message>
        <source>Not supported</source>
        <translation>Nicht unterstützt</translation>
    </message>
    <message>
        <source>This address only receives the sign-in answer.</source>
        <translation>Diese Adresse nimmt nur die Anmeldeantwort entgegen.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Nothing is here.</source>
        <translation>Hier gibt es nichts.</translation>
    </message>
</context>
<context>
    <name>MachineTableModel</name>
    <message>
        <source>Never reported</source>
        <translation>Nie gemeldet</translation>
    </message>
    <message>
        <source>%1 (build %2)</source>
        <translation>%1 (Build %2)</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Gefährdung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Device group</source>
        <translation>Gerätegruppe</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Last IP</source>
        <translation>Letzte IP</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Eignung</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Impaired communication</source>
        <translation>Eingeschränkte Kommunikation</translation>
    </message>
    <message>
        <source>No sensor data</source>
        <translation>Keine Sensordaten</translation>
    </message>
    <message>
        <source>No sensor data, impaired communication</source>
        <translation>Keine Sensordaten, eingeschränkte Kommunikation</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Informational</source>
        <translation>Informativ</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) ago</source>
        <translation>
            <numerusform>vor %n Monat</numerusform>
            <numerusform>vor %n Monaten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s) ago</source>
        <translation>
            <numerusform>vor %n Jahr</numerusform>
            <numerusform>vor %n Jahren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MachinesCommand</name>
    <message>
        <source>Devices received: %1</source>
        <translation>Empfangene Geräte: %1</translation>
    </message>
    <message>
        <source>Listing the devices failed: %1</source>
        <translation>Die Geräte konnten nicht aufgelistet werden: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>MDE Offboard</source>
        <translation>MDE Offboard</translation>
    </message>
    <message>
        <source>Device details</source>
        <translation>Gerätedetails</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>&amp;Offboard…</source>
        <translation>&amp;Offboarden …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Devices</source>
        <translation>&amp;Geräte</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptsymbolleiste</translation>
    </message>
    <message>
        <source>Loading devices</source>
        <translation>Geräte werden geladen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop loading devices</source>
        <translation>Laden der Geräte anhalten</translation>
    </message>
    <message>
        <source>Loading devices failed</source>
        <translation>Laden der Geräte fehlgeschlagen</translation>
    </message>
    <message>
        <source>Offboarding requested: %1 accepted, %2 failed. See the results.</source>
        <translation>Offboarding angefordert: %1 angenommen, %2 fehlgeschlagen. Siehe Ergebnisse.</translation>
    </message>
    <message>
        <source>Offboarding requested for 1 device.</source>
        <translation>Offboarding für 1 Gerät angefordert.</translation>
    </message>
    <message>
        <source>Offboarding requested for %1 devices.</source>
        <translation>Offboarding für %1 Geräte angefordert.</translation>
    </message>
    <message>
        <source>The settings cannot be used: %1</source>
        <translation>Die Einstellungen können nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>About MDE Offboard</source>
        <translation>Über MDE Offboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MDE Offboard %1&lt;/h3&gt;&lt;p&gt;Offboards devices from Microsoft Defender for Endpoint, with a comment, a confirmation and an audit trail.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MDE Offboard %1&lt;/h3&gt;&lt;p&gt;Offboardet Geräte aus Microsoft Defender for Endpoint – mit Kommentar, Bestätigung und Überwachungsprotokoll.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Signing in… finish in your browser · %1</source>
        <translation>Anmeldung läuft … im Browser abschließen · %1</translation>
    </message>
    <message>
        <source>Not signed in · %1</source>
        <translation>Nicht angemeldet · %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source> · read only (no Machine.Offboard permission)</source>
        <translation> · nur Lesen (keine Berechtigung Machine.Offboard)</translation>
    </message>
    <message>
        <source>%1 of %2 shown · %3 selected</source>
        <translation>%1 von %2 angezeigt · %3 ausgewählt</translation>
    </message>
    <message>
        <source> · loading…</source>
        <translation> · wird geladen …</translation>
    </message>
    <message>
        <source>Account: %1
Tenant: %2
Cloud: %3
Permissions: %4</source>
        <translation>Konto: %1
Mandant: %2
Cloud: %3
Berechtigungen: %4</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>keine gemeldet</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>Diese Meldung schließen</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>OffboardCommand</name>
    <message>
        <source>--from - reads the ids from standard input, which leaves nothing to confirm with: add --yes (or use --dry-run). Nothing was sent.</source>
        <translation>--from - liest die IDs von der Standardeingabe, sodass keine Bestätigung möglich ist: Fügen Sie --yes hinzu (oder verwenden Sie --dry-run). Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>There is no terminal to confirm on: add --yes to offboard without asking, or --dry-run to see what would be sent. Nothing was sent.</source>
        <translation>Es gibt kein Terminal für die Bestätigung: Fügen Sie --yes hinzu, um ohne Rückfrage zu offboarden, oder --dry-run, um zu sehen, was gesendet würde. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>%1 Nothing was sent.</source>
        <translation>%1 Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>The audit log cannot be opened, so nothing was sent: %1</source>
        <translation>Das Überwachungsprotokoll kann nicht geöffnet werden, daher wurde nichts gesendet: %1</translation>
    </message>
    <message>
        <source>Stopping: devices not sent yet are skipped; waiting for the answers already on their way.</source>
        <translation>Wird angehalten: Noch nicht gesendete Geräte werden übersprungen; es wird auf die bereits unterwegs befindlichen Antworten gewartet.</translation>
    </message>
    <message>
        <source>Interrupted; nothing was sent.</source>
        <translation>Unterbrochen; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>%1 is given more than once; offboarded once.</source>
        <translation>%1 ist mehrfach angegeben; wird einmal offboarded.</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>Standardeingabe</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line %2 skipped: %3</source>
        <translation>%1, Zeile %2 übersprungen: %3</translation>
    </message>
    <message>
        <source>No device ids were given.</source>
        <translation>Es wurden keine Geräte-IDs angegeben.</translation>
    </message>
    <message>
        <source>Looking up %1 failed: %2 Nothing was sent.</source>
        <translation>Das Nachschlagen von %1 ist fehlgeschlagen: %2 Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>No device with this id.</source>
        <translation>Kein Gerät mit dieser ID.</translation>
    </message>
    <message>
        <source>Looking up devices: %1/%2</source>
        <translation>Geräte werden nachgeschlagen: %1/%2</translation>
    </message>
    <message>
        <source>Warning for %1 (%2): %3</source>
        <translation>Warnung für %1 (%2): %3</translation>
    </message>
    <message>
        <source>Dry run, not sent: POST %1/api/machines/%2/offboard %3</source>
        <translation>Probelauf, nicht gesendet: POST %1/api/machines/%2/offboard %3</translation>
    </message>
    <message numerus="yes">
        <source>About to offboard %n device(s):</source>
        <translation>
            <numerusform>%n Gerät wird offboarded:</numerusform>
            <numerusform>%n Geräte werden offboarded:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) refused or not found will be skipped.</source>
        <translation>
            <numerusform>%n abgelehntes oder nicht gefundenes Gerät wird übersprungen.</numerusform>
            <numerusform>%n abgelehnte oder nicht gefundene Geräte werden übersprungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Offboarding stops the sensor; it cannot be undone from here (the device needs its onboarding package again).</source>
        <translation>Das Offboarding beendet den Sensor; es kann von hier aus nicht rückgängig gemacht werden (das Gerät benötigt erneut sein Onboardingpaket).</translation>
    </message>
    <message>
        <source>Offboard these devices? [y/N]</source>
        <translation>Diese Geräte offboarden? [y/N]</translation>
    </message>
    <message>
        <source>Not confirmed; nothing was sent.</source>
        <translation>Nicht bestätigt; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Offboarding: %1/%2 done</source>
        <translation>Offboarding: %1/%2 erledigt</translation>
    </message>
    <message>
        <source>%1, about %2 s left by the rate limits</source>
        <translation>%1, noch etwa %2 s wegen der Ratenbegrenzung</translation>
    </message>
    <message>
        <source>Not sent: the batch was stopped.</source>
        <translation>Nicht gesendet: Der Stapel wurde angehalten.</translation>
    </message>
</context>
<context>
    <name>OffboardController</name>
    <message>
        <source>Nothing was offboarded</source>
        <translation>Es wurde nichts offboarded</translation>
    </message>
    <message>
        <source>The connection is not configured.</source>
        <translation>Die Verbindung ist nicht eingerichtet.</translation>
    </message>
</context>
<context>
    <name>OffboardDialog</name>
    <message>
        <source>Offboard devices</source>
        <translation>Geräte offboarden</translation>
    </message>
    <message>
        <source>Devices to offboard</source>
        <translation>Zu offboardende Geräte</translation>
    </message>
    <message>
        <source>Devices that will not be offboarded</source>
        <translation>Geräte, die nicht offboarded werden</translation>
    </message>
    <message>
        <source>&amp;Comment (required; recorded with the action in Defender):</source>
        <translation>&amp;Kommentar (erforderlich; wird mit der Aktion in Defender gespeichert):</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Why these devices are offboarded. Required, at most 1000 characters.</source>
        <translation>Warum diese Geräte offboarded werden. Erforderlich, höchstens 1000 Zeichen.</translation>
    </message>
    <message>
        <source>e.g. Decommissioned, ticket CHG-1234</source>
        <translation>z. B. Ausgemustert, Ticket CHG-1234</translation>
    </message>
    <message>
        <source>Confirmation</source>
        <translation>Bestätigung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Offboard</source>
        <translation>Offboarden</translation>
    </message>
    <message>
        <source>None of the selected devices can be offboarded.</source>
        <translation>Keines der ausgewählten Geräte kann offboarded werden.</translation>
    </message>
    <message>
        <source>You are about to offboard this device from Microsoft Defender for Endpoint:</source>
        <translation>Sie sind dabei, dieses Gerät aus Microsoft Defender for Endpoint zu offboarden:</translation>
    </message>
    <message>
        <source>You are about to offboard these %1 devices from Microsoft Defender for Endpoint:</source>
        <translation>Sie sind dabei, diese %1 Geräte aus Microsoft Defender for Endpoint zu offboarden:</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Offboarding stops the Defender sensor&lt;/b&gt; on the device: it no longer reports and is no longer protected by endpoint detection and response. On Windows the onboarding data stays in the registry. The device turns Inactive 7 days later and stays in the inventory for up to 180 days.&lt;/p&gt;&lt;p&gt;&lt;b&gt;There is no undo from here:&lt;/b&gt; to bring a device back, run the onboarding package on it again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Das Offboarding beendet den Defender-Sensor&lt;/b&gt; auf dem Gerät: Es meldet nichts mehr und ist nicht mehr durch Endpoint Detection and Response geschützt. Unter Windows bleiben die Onboardingdaten in der Registrierung. Das Gerät wird 7 Tage später inaktiv und bleibt bis zu 180 Tage im Bestand.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Von hier aus gibt es kein Rückgängigmachen:&lt;/b&gt; Um ein Gerät zurückzuholen, führen Sie das Onboardingpaket erneut darauf aus.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>To confirm, type the device name &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation>Geben Sie zur Bestätigung den Gerätenamen &lt;b&gt;%1&lt;/b&gt; ein:</translation>
    </message>
    <message>
        <source>To confirm, type the number of devices to offboard (&lt;b&gt;%1&lt;/b&gt;):</source>
        <translation>Geben Sie zur Bestätigung die Anzahl der zu offboardenden Geräte ein (&lt;b&gt;%1&lt;/b&gt;):</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>OS</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Device group</source>
        <translation>Gerätegruppe</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>1 selected device will not be offboarded:</source>
        <translation>1 ausgewähltes Gerät wird nicht offboarded:</translation>
    </message>
    <message>
        <source>%1 selected devices will not be offboarded:</source>
        <translation>%1 ausgewählte Geräte werden nicht offboarded:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>C&amp;loud:</source>
        <translation>C&amp;loud:</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>&amp;Mandant:</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Mandant</translation>
    </message>
    <message>
        <source>Tenant id (GUID) or contoso.onmicrosoft.com</source>
        <translation>Mandanten-ID (GUID) oder contoso.onmicrosoft.com</translation>
    </message>
    <message>
        <source>Client &amp;id:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Application (client) id of the app registration</source>
        <translation>Anwendungs-ID (Client-ID) der App-Registrierung</translation>
    </message>
    <message>
        <source>&amp;Sign-in:</source>
        <translation>&amp;Anmeldung:</translation>
    </message>
    <message>
        <source>Sign-in mode</source>
        <translation>Anmeldemodus</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>&amp;Geheimer Clientschlüssel:</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Geheimer Clientschlüssel</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret</source>
        <translation>Leer lassen, um den gespeicherten Schlüssel zu behalten</translation>
    </message>
    <message>
        <source>The secret is stored in the system keychain, never in the settings file.</source>
        <translation>Der geheime Schlüssel wird im Schlüsselbund des Systems gespeichert, niemals in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>&amp;API URL:</source>
        <translation>A&amp;PI-URL:</translation>
    </message>
    <message>
        <source>Custom API URL</source>
        <translation>Benutzerdefinierte API-URL</translation>
    </message>
    <message>
        <source>Default for the cloud</source>
        <translation>Standard der Cloud</translation>
    </message>
    <message>
        <source>Sign-in a&amp;uthority:</source>
        <translation>Anmeldea&amp;utorität:</translation>
    </message>
    <message>
        <source>Custom sign-in authority URL</source>
        <translation>Benutzerdefinierte URL der Anmeldeautorität</translation>
    </message>
    <message>
        <source>Token &amp;resource:</source>
        <translation>&amp;Token-Ressource:</translation>
    </message>
    <message>
        <source>Token resource</source>
        <translation>Token-Ressource</translation>
    </message>
    <message>
        <source>Extra &amp;CA file:</source>
        <translation>Zusätzliche &amp;CA-Datei:</translation>
    </message>
    <message>
        <source>Extra CA certificates file</source>
        <translation>Datei mit zusätzlichen CA-Zertifikaten</translation>
    </message>
    <message>
        <source>PEM file, for TLS-inspecting proxies</source>
        <translation>PEM-Datei, für TLS-prüfende Proxys</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>&amp;OS policy:</source>
        <translation>Betriebs&amp;systemrichtlinie:</translation>
    </message>
    <message>
        <source>Operating system policy</source>
        <translation>Betriebssystemrichtlinie</translation>
    </message>
    <message>
        <source>Commercial</source>
        <translation>Kommerziell</translation>
    </message>
    <message>
        <source>GCC</source>
        <translation>GCC</translation>
    </message>
    <message>
        <source>GCC High</source>
        <translation>GCC High</translation>
    </message>
    <message>
        <source>DoD</source>
        <translation>DoD</translation>
    </message>
    <message>
        <source>Global</source>
        <translation>Global</translation>
    </message>
    <message>
        <source>Interactive (signed-in user, browser)</source>
        <translation>Interaktiv (angemeldeter Benutzer, Browser)</translation>
    </message>
    <message>
        <source>App-only (client secret)</source>
        <translation>Nur App (geheimer Clientschlüssel)</translation>
    </message>
    <message>
        <source>2024: Windows only</source>
        <translation>2024: nur Windows</translation>
    </message>
    <message>
        <source>2026: Windows, macOS 14 and later, Linux</source>
        <translation>2026: Windows, macOS 14 und höher, Linux</translation>
    </message>
    <message>
        <source>Extra CA certificates</source>
        <translation>Zusätzliche CA-Zertifikate</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>The tenant must be a tenant id (GUID) or a domain name.</source>
        <translation>Der Mandant muss eine Mandanten-ID (GUID) oder ein Domänenname sein.</translation>
    </message>
    <message>
        <source>The client id must be a GUID.</source>
        <translation>Die Client-ID muss eine GUID sein.</translation>
    </message>
</context>
<context>
    <name>SignInSession</name>
    <message>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <source>No client secret is stored yet.</source>
        <translation>Es ist noch kein geheimer Clientschlüssel gespeichert.</translation>
    </message>
    <message>
        <source>Sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <source>No way to open the web browser is set up.</source>
        <translation>Es ist keine Möglichkeit eingerichtet, den Webbrowser zu öffnen.</translation>
    </message>
    <message>
        <source>Cannot receive the sign-in answer on 127.0.0.1: %1</source>
        <translation>Die Anmeldeantwort kann auf 127.0.0.1 nicht empfangen werden: %1</translation>
    </message>
    <message>
        <source>No answer came back from the web browser in time (%1 s). The sign-in was stopped; you can try again.</source>
        <translation>Vom Webbrowser kam nicht rechtzeitig eine Antwort (%1 s). Die Anmeldung wurde beendet; Sie können es erneut versuchen.</translation>
    </message>
    <message>
        <source>You can close this tab.</source>
        <translation>Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>Sign-in already finished</source>
        <translation>Anmeldung bereits abgeschlossen</translation>
    </message>
    <message>
        <source>Not a sign-in answer</source>
        <translation>Keine Anmeldeantwort</translation>
    </message>
    <message>
        <source>This address only receives the sign-in answer.</source>
        <translation>Diese Adresse nimmt nur die Anmeldeantwort entgegen.</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The sign-in answer did not belong to this sign-in request (state mismatch) and was refused. Please sign in again.</source>
        <translation>Die Anmeldeantwort gehörte nicht zu dieser Anmeldeanfrage (state stimmt nicht überein) und wurde abgelehnt. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Sign-in was declined (access_denied): %1</source>
        <translation>Die Anmeldung wurde abgelehnt (access_denied): %1</translation>
    </message>
    <message>
        <source>Sign-in failed (%1): %2</source>
        <translation>Anmeldung fehlgeschlagen (%1): %2</translation>
    </message>
    <message>
        <source>Sign-in finished</source>
        <translation>Anmeldung abgeschlossen</translation>
    </message>
    <message>
        <source>Sign-in finished. You can close this tab and return to MDE Offboard.</source>
        <translation>Anmeldung abgeschlossen. Sie können diesen Tab schließen und zu MDE Offboard zurückkehren.</translation>
    </message>
    <message>
        <source>No client secret is stored for this app registration. Enter it in the settings.</source>
        <translation>Für diese App-Registrierung ist kein geheimer Clientschlüssel gespeichert. Geben Sie ihn in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>The app sign-in was refused; check the client secret. %1</source>
        <translation>Die App-Anmeldung wurde abgelehnt; prüfen Sie den geheimen Clientschlüssel. %1</translation>
    </message>
    <message>
        <source>Your sign-in has expired or was revoked; sign in again. %1</source>
        <translation>Ihre Anmeldung ist abgelaufen oder wurde widerrufen; melden Sie sich erneut an. %1</translation>
    </message>
</context>
<context>
    <name>TokenResponse</name>
    <message>
        <source>The sign-in service did not answer in time.</source>
        <translation>Der Anmeldedienst hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The sign-in service answered without an access token.</source>
        <translation>Der Anmeldedienst hat ohne Zugriffstoken geantwortet.</translation>
    </message>
    <message>
        <source>The sign-in service refused the request (%1).</source>
        <translation>Der Anmeldedienst hat die Anfrage abgelehnt (%1).</translation>
    </message>
    <message>
        <source>The sign-in service refused the request (%1): %2</source>
        <translation>Der Anmeldedienst hat die Anfrage abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>Could not reach the sign-in service: %1</source>
        <translation>Der Anmeldedienst ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>The sign-in service answered with HTTP %1 and no usable error description.</source>
        <translation>Der Anmeldedienst antwortete mit HTTP %1 ohne verwertbare Fehlerbeschreibung.</translation>
    </message>
</context>
<context>
    <name>TokenStoreResult</name>
    <message>
        <source>No system keychain is available (%1). Sign-in works for this session only and will be asked again next time.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar (%1). Die Anmeldung gilt nur für diese Sitzung und wird beim nächsten Mal erneut abgefragt.</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied (%1). Sign-in works for this session only.</source>
        <translation>Der Zugriff auf den Schlüsselbund des Systems wurde verweigert (%1). Die Anmeldung gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>The system keychain failed: %1. Sign-in works for this session only.</source>
        <translation>Der Schlüsselbund des Systems ist fehlgeschlagen: %1. Die Anmeldung gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>No keychain is available (test store).</source>
        <translation>Kein Schlüsselbund verfügbar (Testspeicher).</translation>
    </message>
    <message>
        <source>The keychain failed (test store).</source>
        <translation>Der Schlüsselbund ist fehlgeschlagen (Testspeicher).</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>Enter a comment.</source>
        <translation>Geben Sie einen Kommentar ein.</translation>
    </message>
    <message>
        <source>The comment is longer than %1 characters.</source>
        <translation>Der Kommentar ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>The comment contains a line break, a control character or a text-direction character. Use a single line of plain text.</source>
        <translation>Der Kommentar enthält einen Zeilenumbruch, ein Steuerzeichen oder ein Textrichtungszeichen. Verwenden Sie eine einzelne Zeile einfachen Texts.</translation>
    </message>
</context>
</TS>
