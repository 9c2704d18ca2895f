<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AuditLog</name>
    <message>
        <source>the audit trail has no column %1</source>
        <translation>dem Prüfprotokoll fehlt die Spalte %1</translation>
    </message>
    <message>
        <source>an audit event is malformed</source>
        <translation>ein Ereignis im Prüfprotokoll ist fehlerhaft</translation>
    </message>
    <message>
        <source>its contents were changed after it was written</source>
        <translation>sein Inhalt wurde nach dem Schreiben geändert</translation>
    </message>
    <message>
        <source>it does not follow the event before it</source>
        <translation>es folgt nicht auf das Ereignis davor</translation>
    </message>
</context>
<context>
    <name>Gatehouse</name>
    <message>
        <source>Gatehouse cannot start</source>
        <translation>Gatehouse kann nicht starten</translation>
    </message>
    <message>
        <source>Enter the meeting link.</source>
        <translation>Geben Sie den Link zum Termin ein.</translation>
    </message>
    <message>
        <source>The meeting link can be at most 2000 characters long.</source>
        <translation>Der Link zum Termin darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The meeting link must start with https://.</source>
        <translation>Der Link zum Termin muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The meeting link is not a valid web address.</source>
        <translation>Der Link zum Termin ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <source>This answer can be at most %1 characters long.</source>
        <translation>Diese Antwort darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Enter text.</source>
        <translation>Geben Sie einen Text ein.</translation>
    </message>
    <message>
        <source>Choose one of the options.</source>
        <translation>Wählen Sie eine der Optionen aus.</translation>
    </message>
    <message>
        <source>Choose one of the options offered.</source>
        <translation>Wählen Sie eine der angebotenen Optionen aus.</translation>
    </message>
    <message>
        <source>Choose from the options.</source>
        <translation>Wählen Sie aus den Optionen aus.</translation>
    </message>
    <message>
        <source>Choose only options offered.</source>
        <translation>Wählen Sie nur angebotene Optionen aus.</translation>
    </message>
    <message>
        <source>Choose each option at most once.</source>
        <translation>Wählen Sie jede Option höchstens einmal aus.</translation>
    </message>
    <message>
        <source>Answer yes or no.</source>
        <translation>Antworten Sie mit Ja oder Nein.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Geben Sie ein Datum im Format JJJJ-MM-TT ein.</translation>
    </message>
    <message>
        <source>Enter an email address such as name@example.com.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.com ein.</translation>
    </message>
    <message>
        <source>Enter a phone number: digits, spaces and + ( ) - only.</source>
        <translation>Geben Sie eine Telefonnummer ein: nur Ziffern, Leerzeichen und + ( ) -.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Geben Sie eine Zahl ein.</translation>
    </message>
    <message>
        <source>Enter a web address starting with https:// or http://.</source>
        <translation>Geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt.</translation>
    </message>
    <message>
        <source>This answer cannot be read.</source>
        <translation>Diese Antwort kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>Feld %1</translation>
    </message>
    <message>
        <source>Field %1 (&quot;%2&quot;)</source>
        <translation>Feld %1 („%2“)</translation>
    </message>
    <message>
        <source>This task is not a checklist.</source>
        <translation>Diese Aufgabe ist keine Checkliste.</translation>
    </message>
    <message>
        <source>This task is not a form.</source>
        <translation>Diese Aufgabe ist kein Formular.</translation>
    </message>
    <message>
        <source>This meeting has not been scheduled yet.</source>
        <translation>Dieser Termin wurde noch nicht vereinbart.</translation>
    </message>
    <message>
        <source>This training takes place in person: your provider marks it done once you have attended.</source>
        <translation>Diese Schulung findet vor Ort statt: Ihr Dienstleister markiert sie als erledigt, sobald Sie teilgenommen haben.</translation>
    </message>
    <message>
        <source>This training has not been set up yet.</source>
        <translation>Diese Schulung wurde noch nicht eingerichtet.</translation>
    </message>
    <message>
        <source>This task is completed by providing what it asks for.</source>
        <translation>Diese Aufgabe ist erledigt, sobald Sie das Angeforderte bereitstellen.</translation>
    </message>
    <message>
        <source>There is no such template.</source>
        <translation>Diese Vorlage gibt es nicht.</translation>
    </message>
    <message>
        <source>The signature image is too large.</source>
        <translation>Das Unterschriftsbild ist zu groß.</translation>
    </message>
    <message>
        <source>The signature must be a PNG image.</source>
        <translation>Die Unterschrift muss ein PNG-Bild sein.</translation>
    </message>
    <message>
        <source>The signature image cannot be read.</source>
        <translation>Das Unterschriftsbild kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The signature image has an unusual size.</source>
        <translation>Das Unterschriftsbild hat eine ungewöhnliche Größe.</translation>
    </message>
    <message>
        <source>The signature pad is empty. Please sign before you submit.</source>
        <translation>Das Unterschriftsfeld ist leer. Bitte unterschreiben Sie, bevor Sie absenden.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Die Datei darf höchstens 10 MB groß sein.</translation>
    </message>
    <message>
        <source>Evidence pack</source>
        <translation>Nachweispaket</translation>
    </message>
    <message>
        <source>The onboarding could not be read: %1</source>
        <translation>Das Onboarding konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Export evidence pack</source>
        <translation>Nachweispaket exportieren</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP-Archive (*.zip)</translation>
    </message>
    <message>
        <source>Writing the evidence pack…</source>
        <translation>Das Nachweispaket wird geschrieben…</translation>
    </message>
    <message>
        <source>The evidence pack was not written: %1</source>
        <translation>Das Nachweispaket wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>The evidence pack was saved to %1. Its MANIFEST.sha256 lists the SHA-256 of every file in it.</source>
        <translation>Das Nachweispaket wurde unter %1 gespeichert. Die enthaltene Datei MANIFEST.sha256 führt den SHA-256 jeder Datei im Paket auf.</translation>
    </message>
    <message>
        <source>The backup could not be read (%1). Nothing was changed.</source>
        <translation>Die Sicherung konnte nicht gelesen werden (%1). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup could not be read: %1</source>
        <translation>Die Sicherung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>A working copy could not be written: %1</source>
        <translation>Eine Arbeitskopie konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The file is not a Gatehouse backup of a SQLite database. Nothing was changed.</source>
        <translation>Die Datei ist keine Gatehouse-Sicherung einer SQLite-Datenbank. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup could not be opened: %1</source>
        <translation>Die Sicherung konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The backup is damaged (%1). Nothing was changed.</source>
        <translation>Die Sicherung ist beschädigt (%1). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Only an active member of staff can do this.</source>
        <translation>Nur ein aktiver Mitarbeiter kann das tun.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AccessLogDialog</name>
    <message>
        <source>Access log of %1</source>
        <translation>Zugriffsprotokoll von %1</translation>
    </message>
    <message>
        <source>%1 has not used the portal yet.</source>
        <translation>%1 hat das Portal noch nicht benutzt.</translation>
    </message>
    <message>
        <source>The access log could not be read: %1</source>
        <translation>Das Zugriffsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>Zugriffsprotokoll</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AccessLogModel</name>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Used the portal</source>
        <translation>Portal benutzt</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>User agent</source>
        <translation>Browser (User-Agent)</translation>
    </message>
    <message>
        <source>Wrong recovery code</source>
        <translation>Falscher Wiederherstellungscode</translation>
    </message>
    <message>
        <source>Wrong authenticator code</source>
        <translation>Falscher Authenticator-Code</translation>
    </message>
    <message>
        <source>Signed in (emailed code)</source>
        <translation>Angemeldet (Code per E-Mail)</translation>
    </message>
    <message>
        <source>Signed in (emailed link)</source>
        <translation>Angemeldet (Link per E-Mail)</translation>
    </message>
    <message>
        <source>Signed in (password)</source>
        <translation>Angemeldet (Passwort)</translation>
    </message>
    <message>
        <source>Signed in (authenticator code)</source>
        <translation>Angemeldet (Authenticator-Code)</translation>
    </message>
    <message>
        <source>Signed in (recovery code)</source>
        <translation>Angemeldet (Wiederherstellungscode)</translation>
    </message>
    <message>
        <source>Signed in (set up authenticator app)</source>
        <translation>Angemeldet (Authenticator-App eingerichtet)</translation>
    </message>
    <message>
        <source>Signed in (chose this company)</source>
        <translation>Angemeldet (diese Firma gewählt)</translation>
    </message>
    <message>
        <source>Signed in (switched from another company)</source>
        <translation>Angemeldet (von einer anderen Firma gewechselt)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ActivityView</name>
    <message>
        <source>Verify integrity</source>
        <translation>Integrität prüfen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Filter by who, subject, detail or IP address</source>
        <translation>Nach Person, Gegenstand, Detail oder IP-Adresse filtern</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <source>Check that no event was changed, removed or reordered since it was written</source>
        <translation>Prüfen, dass kein Ereignis seit dem Schreiben geändert, entfernt oder umsortiert wurde</translation>
    </message>
    <message>
        <source>Save the events the filters show as a CSV file, with their hashes</source>
        <translation>Die gefilterten Ereignisse samt Hashwerten als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>The audit trail could not be read: %1</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2 events</source>
        <translation>Die neuesten %1 von %2 Ereignissen werden angezeigt</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 Ereignis</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message>
        <source>Nothing recorded yet. Sign-ins, invitations and changes to tasks appear here as they happen.</source>
        <translation>Noch nichts aufgezeichnet. Anmeldungen, Einladungen und Änderungen an Aufgaben erscheinen hier, sobald sie geschehen.</translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>Kein Ereignis passt zu diesen Filtern.</translation>
    </message>
    <message>
        <source>Chain intact: 1 event checked</source>
        <translation>Kette intakt: 1 Ereignis geprüft</translation>
    </message>
    <message>
        <source>Chain intact: %1 events checked</source>
        <translation>Kette intakt: %1 Ereignisse geprüft</translation>
    </message>
    <message>
        <source>The audit trail could not be verified: %1</source>
        <translation>Das Prüfprotokoll konnte nicht überprüft werden: %1</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>Ereignis %1</translation>
    </message>
    <message>
        <source>event %1 (%2, %3)</source>
        <translation>Ereignis %1 (%2, %3)</translation>
    </message>
    <message>
        <source>The event before it is intact.</source>
        <translation>Das Ereignis davor ist intakt.</translation>
    </message>
    <message>
        <source>The %1 events before it are intact.</source>
        <translation>Die %1 Ereignisse davor sind intakt.</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: the chain breaks at %1. %2 %3</source>
        <translation>Das Prüfprotokoll wurde manipuliert: Die Kette bricht bei %1. %2 %3</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The audit trail could not be exported to %1: %2</source>
        <translation>Das Prüfprotokoll konnte nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>Exported 1 event to %1</source>
        <translation>1 Ereignis nach %1 exportiert</translation>
    </message>
    <message>
        <source>Exported %1 events to %2</source>
        <translation>%1 Ereignisse nach %2 exportiert</translation>
    </message>
    <message>
        <source>Filter the audit log</source>
        <translation>Prüfprotokoll filtern</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AddStaffDialog</name>
    <message>
        <source>Add a member of staff</source>
        <translation>Mitarbeiter hinzufügen</translation>
    </message>
    <message>
        <source>The member signs in with it once and then chooses their own.</source>
        <translation>Der Mitarbeiter meldet sich einmal damit an und wählt dann ein eigenes.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generieren</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>Mitarbeiter &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Initial &amp;password:</source>
        <translation>Anfangs&amp;passwort:</translation>
    </message>
    <message>
        <source>Give the member this password; they choose their own the first time they sign in. They have no vault access until an administrator grants it.</source>
        <translation>Geben Sie dem Mitarbeiter dieses Passwort; bei der ersten Anmeldung wählt er ein eigenes. Zugriff auf den Tresor erhält er erst, wenn ein Administrator ihn gewährt.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ApprovalService</name>
    <message>
        <source>Say what should change, so we can revise it.</source>
        <translation>Beschreiben Sie, was geändert werden soll, damit wir es überarbeiten können.</translation>
    </message>
    <message>
        <source>The comment can be at most 2000 characters long.</source>
        <translation>Der Kommentar darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task does not ask for your approval.</source>
        <translation>Diese Aufgabe erfordert keine Freigabe von Ihnen.</translation>
    </message>
    <message>
        <source>This has been approved already.</source>
        <translation>Dies wurde bereits freigegeben.</translation>
    </message>
    <message>
        <source>You asked for changes; we will ask again once they are made.</source>
        <translation>Sie haben Änderungen angefordert; wir fragen erneut, sobald sie umgesetzt sind.</translation>
    </message>
    <message>
        <source>This has been answered already.</source>
        <translation>Dies wurde bereits beantwortet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AuditLog</name>
    <message>
        <source>The audit trail could not be read.</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Its contents were changed after it was written.</source>
        <translation>Sein Inhalt wurde nach dem Schreiben geändert.</translation>
    </message>
    <message>
        <source>It should be the first event, but it follows one that is gone.</source>
        <translation>Es müsste das erste Ereignis sein, folgt aber einem, das fehlt.</translation>
    </message>
    <message>
        <source>It does not follow event %1: an event between them was removed, or events were reordered or rewritten.</source>
        <translation>Es folgt nicht auf Ereignis %1: Ein Ereignis dazwischen wurde entfernt, oder Ereignisse wurden umsortiert oder neu geschrieben.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The file is not open for writing.</source>
        <translation>Die Datei ist nicht zum Schreiben geöffnet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AuditModel</name>
    <message>
        <source>Portal access revoked</source>
        <translation>Portalzugang entzogen</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Einladung</translation>
    </message>
    <message>
        <source>Sign-in code sent</source>
        <translation>Anmeldecode gesendet</translation>
    </message>
    <message>
        <source>Wrong sign-in code</source>
        <translation>Falscher Anmeldecode</translation>
    </message>
    <message>
        <source>Sign-in locked: too many wrong codes</source>
        <translation>Anmeldung gesperrt: zu viele falsche Codes</translation>
    </message>
    <message>
        <source>Portal sign-in</source>
        <translation>Anmeldung im Portal</translation>
    </message>
    <message>
        <source>Onboarding created</source>
        <translation>Onboarding angelegt</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Anmeldung Mitarbeiter</translation>
    </message>
    <message>
        <source>Staff sign-in refused</source>
        <translation>Anmeldung Mitarbeiter abgelehnt</translation>
    </message>
    <message>
        <source>Task completed by client</source>
        <translation>Aufgabe vom Kunden erledigt</translation>
    </message>
    <message>
        <source>Task status changed</source>
        <translation>Aufgabenstatus geändert</translation>
    </message>
    <message>
        <source>Workspace created</source>
        <translation>Arbeitsbereich angelegt</translation>
    </message>
    <message>
        <source>Event %1 at %2 UTC</source>
        <translation>Ereignis %1 um %2 UTC</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
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
        <source>Subject</source>
        <translation>Gegenstand</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Portal access default for new contacts</source>
        <translation>Standard-Portalzugang für neue Kontakte</translation>
    </message>
    <message>
        <source>Portal access turned off</source>
        <translation>Portalzugang ausgeschaltet</translation>
    </message>
    <message>
        <source>Portal access turned on</source>
        <translation>Portalzugang eingeschaltet</translation>
    </message>
    <message>
        <source>Credential moved to a password manager</source>
        <translation>Zugangsdaten in einen Passwortmanager übertragen</translation>
    </message>
    <message>
        <source>Credential purged</source>
        <translation>Zugangsdaten endgültig gelöscht</translation>
    </message>
    <message>
        <source>Credential revealed</source>
        <translation>Zugangsdaten angezeigt</translation>
    </message>
    <message>
        <source>Credential handed over</source>
        <translation>Zugangsdaten übergeben</translation>
    </message>
    <message>
        <source>Staff password changed</source>
        <translation>Mitarbeiterpasswort geändert</translation>
    </message>
    <message>
        <source>Vault created</source>
        <translation>Tresor angelegt</translation>
    </message>
    <message>
        <source>Vault access granted</source>
        <translation>Tresorzugriff gewährt</translation>
    </message>
    <message>
        <source>Vault access revoked</source>
        <translation>Tresorzugriff entzogen</translation>
    </message>
    <message>
        <source>Vault unlock refused</source>
        <translation>Entsperren des Tresors abgelehnt</translation>
    </message>
    <message>
        <source>Company chosen at sign-in</source>
        <translation>Firma bei der Anmeldung gewählt</translation>
    </message>
    <message>
        <source>Switched company in the portal</source>
        <translation>Firma im Portal gewechselt</translation>
    </message>
    <message>
        <source>Company added</source>
        <translation>Firma angelegt</translation>
    </message>
    <message>
        <source>Contact added</source>
        <translation>Kontakt angelegt</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BackupChecks</name>
    <message>
        <source>The file is not a Gatehouse backup: it has no Gatehouse schema. Nothing was changed.</source>
        <translation>Die Datei ist keine Gatehouse-Sicherung: Sie enthält kein Gatehouse-Schema. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup was made by a newer version of Gatehouse (schema %1; this version knows up to %2). Update Gatehouse, then restore it. Nothing was changed.</source>
        <translation>Die Sicherung wurde mit einer neueren Version von Gatehouse erstellt (Schema %1; diese Version kennt Schemas bis %2). Aktualisieren Sie Gatehouse und stellen Sie die Sicherung danach wieder her. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup&apos;s audit trail does not verify at event %1 (%2): the file was altered after it was made. Nothing was changed.</source>
        <translation>Die Überprüfung des Prüfprotokolls der Sicherung schlägt bei Ereignis %1 fehl (%2): Die Datei wurde nach ihrer Erstellung verändert. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The backup&apos;s audit trail could not be read (%1). Nothing was changed.</source>
        <translation>Das Prüfprotokoll der Sicherung konnte nicht gelesen werden (%1). Es wurde nichts geändert.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BackupJob</name>
    <message>
        <source>The current data could not be saved first, so nothing was restored: %1</source>
        <translation>Die aktuellen Daten konnten nicht vorab gesichert werden, daher wurde nichts wiederhergestellt: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingPanel</name>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>&amp;Logo auswählen…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Logo entfernen</translation>
    </message>
    <message>
        <source>&amp;Save branding</source>
        <translation>Branding &amp;speichern</translation>
    </message>
    <message>
        <source>How buttons look in the portal</source>
        <translation>So sehen Schaltflächen im Portal aus</translation>
    </message>
    <message>
        <source>Shown to clients on their home page</source>
        <translation>Wird Kunden auf ihrer Startseite angezeigt</translation>
    </message>
    <message>
        <source>Save branding (Ctrl+S)</source>
        <translation>Branding speichern (Strg+S)</translation>
    </message>
    <message>
        <source>&amp;Name clients see:</source>
        <translation>&amp;Name für Kunden:</translation>
    </message>
    <message>
        <source>&amp;Accent colour:</source>
        <translation>&amp;Akzentfarbe:</translation>
    </message>
    <message>
        <source>&amp;Welcome message:</source>
        <translation>&amp;Willkommensnachricht:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo:</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Akzentfarbe</translation>
    </message>
    <message>
        <source>The branding could not be read: %1</source>
        <translation>Das Branding konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Kein Logo</translation>
    </message>
    <message>
        <source>Text on buttons: contrast %1:1, readable (WCAG AA).</source>
        <translation>Text auf Schaltflächen: Kontrast %1:1, gut lesbar (WCAG AA).</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Logo auswählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Save the branding</source>
        <translation>Branding speichern</translation>
    </message>
    <message>
        <source>Show pre&amp;view</source>
        <translation>&amp;Vorschau zeigen</translation>
    </message>
    <message>
        <source>Show the portal&apos;s sign-in page with this branding, as it is typed and before it is saved</source>
        <translation>Die Anmeldeseite des Portals mit diesem Branding zeigen, schon beim Tippen und vor dem Speichern</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingRules</name>
    <message>
        <source>The SVG declares entities or instructions; export it again as plain SVG.</source>
        <translation>Die SVG-Datei deklariert Entitäten oder Anweisungen; exportieren Sie sie erneut als einfaches SVG.</translation>
    </message>
    <message>
        <source>The SVG contains &lt;%1&gt;; logos may only hold shapes and text.</source>
        <translation>Die SVG-Datei enthält &lt;%1&gt;; Logos dürfen nur Formen und Text enthalten.</translation>
    </message>
    <message>
        <source>The SVG refers to something outside itself; logos must be self-contained.</source>
        <translation>Die SVG-Datei verweist auf externe Inhalte; Logos müssen in sich geschlossen sein.</translation>
    </message>
    <message>
        <source>The file is not a readable SVG image.</source>
        <translation>Die Datei ist kein lesbares SVG-Bild.</translation>
    </message>
    <message>
        <source>Enter the accent colour as #RRGGBB, for example #1f6f5c.</source>
        <translation>Geben Sie die Akzentfarbe als #RRGGBB ein, zum Beispiel #1f6f5c.</translation>
    </message>
    <message>
        <source>Text on %1 buttons would be hard to read (contrast %2:1, at least 4.5:1 is needed). Choose a darker or a lighter colour.</source>
        <translation>Text auf Schaltflächen in %1 wäre schwer lesbar (Kontrast %2:1, mindestens 4,5:1 ist nötig). Wählen Sie eine dunklere oder hellere Farbe.</translation>
    </message>
    <message>
        <source>The logo file is empty.</source>
        <translation>Die Logodatei ist leer.</translation>
    </message>
    <message>
        <source>The logo may be at most 1 MB.</source>
        <translation>Das Logo darf höchstens 1 MB groß sein.</translation>
    </message>
    <message>
        <source>The logo image cannot be read.</source>
        <translation>Das Logobild kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The logo may be at most 4096 pixels a side.</source>
        <translation>Das Logo darf pro Seite höchstens 4096 Pixel groß sein.</translation>
    </message>
    <message>
        <source>The logo must be a PNG, JPEG or SVG image.</source>
        <translation>Das Logo muss ein PNG-, JPEG- oder SVG-Bild sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingService</name>
    <message>
        <source>Enter the name clients see (at most 100 characters).</source>
        <translation>Geben Sie den Namen ein, den Kunden sehen (höchstens 100 Zeichen).</translation>
    </message>
    <message>
        <source>The welcome message can be at most 2000 characters long.</source>
        <translation>Die Willkommensnachricht darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BulkInviteDialog</name>
    <message>
        <source>Invite everyone at %1</source>
        <translation>Alle bei %1 einladen</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message numerus="yes">
        <source>Queuing %n invitation(s)…</source>
        <translation>
            <numerusform>%n Einladung wird vorbereitet…</numerusform>
            <numerusform>%n Einladungen werden vorbereitet…</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued %1 of %2 invitations…</source>
        <translation>%1 von %2 Einladungen vorbereitet…</translation>
    </message>
    <message>
        <source>Queued %1 of %2 invitations, then stopped: %3</source>
        <translation>%1 von %2 Einladungen vorbereitet, dann angehalten: %3</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after queuing %n invitation(s).</source>
        <translation>
            <numerusform>Angehalten, nachdem %n Einladung vorbereitet wurde.</numerusform>
            <numerusform>Angehalten, nachdem %n Einladungen vorbereitet wurden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n invitation(s).</source>
        <translation>
            <numerusform>%n Einladung vorbereitet.</numerusform>
            <numerusform>%n Einladungen vorbereitet.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 sent.</source>
        <translation>%1 von %2 gesendet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistDefinition</name>
    <message>
        <source>&quot;items&quot; must be a list.</source>
        <translation>„items“ muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Item %1 needs an id and a text.</source>
        <translation>Punkt %1 braucht eine ID und einen Text.</translation>
    </message>
    <message>
        <source>A checklist can have at most %1 items.</source>
        <translation>Eine Checkliste kann höchstens %1 Punkte haben.</translation>
    </message>
    <message>
        <source>Item %1 needs an id of at most %2 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Punkt %1 braucht eine ID aus höchstens %2 Buchstaben, Ziffern, „-“ oder „_“.</translation>
    </message>
    <message>
        <source>Two items have the id &quot;%1&quot;; each needs its own.</source>
        <translation>Zwei Punkte haben die ID „%1“; jeder braucht eine eigene.</translation>
    </message>
    <message>
        <source>Item %1 needs a text of 1 to %2 characters.</source>
        <translation>Punkt %1 braucht einen Text mit 1 bis %2 Zeichen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistDialog</name>
    <message>
        <source>Edit items…</source>
        <translation>Punkte bearbeiten…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Checkliste: %1</translation>
    </message>
    <message>
        <source>%1 of %2 done · %3</source>
        <translation>%1 von %2 erledigt · %3</translation>
    </message>
    <message>
        <source>%1 (staff)</source>
        <translation>%1 (Mitarbeiter)</translation>
    </message>
    <message>
        <source>%1 (client)</source>
        <translation>%1 (Kunde)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistEditorDialog</name>
    <message>
        <source>Add item</source>
        <translation>Punkt hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Checkliste: %1</translation>
    </message>
    <message>
        <source>Items, in order. Double-click or press F2 to change a text.</source>
        <translation>Punkte in Reihenfolge. Doppelklicken oder F2 drücken, um einen Text zu ändern.</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>Neuer Punkt</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistService</name>
    <message>
        <source>This checklist cannot be used yet: %1</source>
        <translation>Diese Checkliste kann noch nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This checklist is done by %1, not by you.</source>
        <translation>Diese Checkliste übernimmt %1, nicht Sie.</translation>
    </message>
    <message>
        <source>This checklist is completed and can no longer be changed.</source>
        <translation>Diese Checkliste ist abgeschlossen und kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>This checklist has no such item.</source>
        <translation>Diesen Punkt gibt es in dieser Checkliste nicht.</translation>
    </message>
    <message>
        <source>This task is not a checklist.</source>
        <translation>Diese Aufgabe ist keine Checkliste.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ClientNotifier</name>
    <message>
        <source>Notify me of client actions</source>
        <translation>Bei Aktionen von Kunden benachrichtigen</translation>
    </message>
    <message>
        <source>Gatehouse — %1</source>
        <translation>Gatehouse — %1</translation>
    </message>
    <message>
        <source>%1 new client actions</source>
        <translation>%1 neue Aktionen von Kunden</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CommentService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Schreiben Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>A message can be at most 4000 characters long.</source>
        <translation>Eine Nachricht darf höchstens 4000 Zeichen lang sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CompaniesView</name>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>New company…</source>
        <translation>Neue Firma…</translation>
    </message>
    <message>
        <source>Start onboarding…</source>
        <translation>Onboarding starten…</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Neuer Kontakt…</translation>
    </message>
    <message>
        <source>Invite to portal</source>
        <translation>Zum Portal einladen</translation>
    </message>
    <message>
        <source>Email the contact a personal link to the portal</source>
        <translation>Dem Kontakt einen persönlichen Link zum Portal per E-Mail senden</translation>
    </message>
    <message>
        <source>Start an onboarding for this company</source>
        <translation>Ein Onboarding für diese Firma starten</translation>
    </message>
    <message>
        <source>No companies yet — add your first client with New company.</source>
        <translation>Noch keine Firmen – legen Sie Ihren ersten Kunden mit „Neue Firma“ an.</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmen</translation>
    </message>
    <message>
        <source>The companies could not be read: %1</source>
        <translation>Die Firmen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The contacts could not be read: %1</source>
        <translation>Die Kontakte konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Contacts at %1</source>
        <translation>Kontakte bei %1</translation>
    </message>
    <message>
        <source>%1 has no contacts yet — add one with New contact.</source>
        <translation>%1 hat noch keine Kontakte – legen Sie einen mit „Neuer Kontakt“ an.</translation>
    </message>
    <message>
        <source>Select a company to see its contacts.</source>
        <translation>Wählen Sie eine Firma aus, um ihre Kontakte zu sehen.</translation>
    </message>
    <message>
        <source>Portal access is turned off for this contact.</source>
        <translation>Der Portalzugang ist für diesen Kontakt deaktiviert.</translation>
    </message>
    <message>
        <source>Invitation not sent</source>
        <translation>Einladung nicht gesendet</translation>
    </message>
    <message>
        <source>%1 could not be invited: %2</source>
        <translation>%1 konnte nicht eingeladen werden: %2</translation>
    </message>
    <message>
        <source>Turn portal access off</source>
        <translation>Portalzugang ausschalten</translation>
    </message>
    <message>
        <source>Access log…</source>
        <translation>Zugriffsprotokoll…</translation>
    </message>
    <message>
        <source>When, from where and with what the contact used the portal</source>
        <translation>Wann, von wo und womit der Kontakt das Portal benutzt hat</translation>
    </message>
    <message>
        <source>Turn portal access on</source>
        <translation>Portalzugang einschalten</translation>
    </message>
    <message>
        <source>Let the contact be invited to the portal again</source>
        <translation>Den Kontakt wieder ins Portal einladen lassen</translation>
    </message>
    <message>
        <source>End the contact&apos;s sessions and invitations, and refuse new ones</source>
        <translation>Sitzungen und Einladungen des Kontakts beenden und neue ablehnen</translation>
    </message>
    <message>
        <source>Turn portal access off for %1? Their sessions, pending sign-ins and invitations end at once.</source>
        <translation>Portalzugang für %1 ausschalten? Sitzungen, offene Anmeldungen und Einladungen enden sofort.</translation>
    </message>
    <message>
        <source>Portal access not changed</source>
        <translation>Portalzugang nicht geändert</translation>
    </message>
    <message>
        <source>The portal access of %1 could not be changed: %2</source>
        <translation>Der Portalzugang von %1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>Portal roles…</source>
        <translation>Portalrollen…</translation>
    </message>
    <message>
        <source>Custom roles, and the role new contacts get</source>
        <translation>Eigene Rollen und die Rolle, die neue Kontakte erhalten</translation>
    </message>
    <message>
        <source>Invite all…</source>
        <translation>Alle einladen…</translation>
    </message>
    <message>
        <source>Email a portal link to every contact of the company who has portal access and has not been invited or signed in yet</source>
        <translation>Allen Kontakten der Firma mit Portalzugang, die noch nicht eingeladen wurden und sich noch nicht angemeldet haben, einen Portal-Link senden</translation>
    </message>
    <message>
        <source>Invitations not sent</source>
        <translation>Einladungen nicht gesendet</translation>
    </message>
    <message>
        <source>Invite everyone</source>
        <translation>Alle einladen</translation>
    </message>
    <message>
        <source>Everyone at %1 with portal access has been invited or has signed in already.</source>
        <translation>Alle bei %1 mit Portalzugang wurden bereits eingeladen oder haben sich schon angemeldet.</translation>
    </message>
    <message numerus="yes">
        <source>Email a portal invitation to %n contact(s) at %1 who have not been invited or signed in yet?</source>
        <translation>
            <numerusform>Eine Portaleinladung an %n Kontakt bei %1 senden, der noch nicht eingeladen wurde und sich noch nicht angemeldet hat?</numerusform>
            <numerusform>Eine Portaleinladung an %n Kontakte bei %1 senden, die noch nicht eingeladen wurden und sich noch nicht angemeldet haben?</numerusform>
        </translation>
    </message>
    <message>
        <source>View as…</source>
        <translation>Ansehen als…</translation>
    </message>
    <message>
        <source>Sign-in defaults…</source>
        <translation>Anmeldevorgaben…</translation>
    </message>
    <message>
        <source>Whether new contacts get portal access, whether an authenticator app is required, and how long sign-ins last (Settings &gt; Sign-in)</source>
        <translation>Ob neue Kontakte Portalzugang erhalten, ob eine Authenticator-App erforderlich ist und wie lange Anmeldungen gültig bleiben (Einstellungen &gt; Anmeldung)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CompanyListModel</name>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ConsoleLauncher</name>
    <message>
        <source>The cryptography library (libsodium) could not be initialised.</source>
        <translation>Die Kryptografiebibliothek (libsodium) konnte nicht initialisiert werden.</translation>
    </message>
    <message>
        <source>The database address is not usable: %1</source>
        <translation>Die Datenbankadresse ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The database %1 could not be brought up to date: %2</source>
        <translation>Die Datenbank %1 konnte nicht aktualisiert werden: %2</translation>
    </message>
    <message>
        <source>The database %1 could not be read: %2</source>
        <translation>Die Datenbank %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Der Arbeitsbereich konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Portal not started on port %1: %2</source>
        <translation>Portal auf Port %1 nicht gestartet: %2</translation>
    </message>
    <message>
        <source>The demo workspace could not be made: %1</source>
        <translation>Der Demo-Arbeitsbereich konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>--demo opens the demo workspace only, and the data folder holds another one (%1).</source>
        <translation>--demo öffnet nur den Demo-Arbeitsbereich, und der Datenordner enthält bereits einen anderen (%1).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ConsoleOptions</name>
    <message>
        <source>Gatehouse staff console.</source>
        <translation>Gatehouse-Mitarbeiterkonsole.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Version anzeigen.</translation>
    </message>
    <message>
        <source>Data folder (database, mailbox).</source>
        <translation>Datenordner (Datenbank, Postfach).</translation>
    </message>
    <message>
        <source>postgresql://user:pass@host:port/db, or a SQLite file (default: the data folder&apos;s gatehouse.sqlite).</source>
        <translation>postgresql://user:pass@host:port/db oder eine SQLite-Datei (Standard: gatehouse.sqlite im Datenordner).</translation>
    </message>
    <message>
        <source>Port of the portal this console runs on 127.0.0.1 (default %1).</source>
        <translation>Port des Portals, das diese Konsole auf 127.0.0.1 betreibt (Standard: %1).</translation>
    </message>
    <message>
        <source>Do not run the portal inside the console (a separate portal server does).</source>
        <translation>Das Portal nicht in der Konsole betreiben (das übernimmt ein separater Portalserver).</translation>
    </message>
    <message>
        <source>The address clients use to reach the portal; links in mail use it.</source>
        <translation>Die Adresse, unter der Kunden das Portal erreichen; Links in E-Mails verwenden sie.</translation>
    </message>
    <message>
        <source>smtp://host:587 or smtps://host:465; the password is read from the environment variable GATEHOUSE_SMTP_PASSWORD. Without it, mail goes to the data folder&apos;s mailbox.</source>
        <translation>smtp://host:587 oder smtps://host:465; das Passwort wird aus der Umgebungsvariablen GATEHOUSE_SMTP_PASSWORD gelesen. Ohne diese Option werden E-Mails im Postfach des Datenordners abgelegt.</translation>
    </message>
    <message>
        <source>SMTP user name.</source>
        <translation>SMTP-Benutzername.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; try --help.</source>
        <translation>Unerwartetes Argument „%1“; siehe --help.</translation>
    </message>
    <message>
        <source>--portal-port needs a port number from 0 to 65535, not &quot;%1&quot;.</source>
        <translation>--portal-port erwartet eine Portnummer von 0 bis 65535, nicht „%1“.</translation>
    </message>
    <message>
        <source>--public-url needs an http:// or https:// address, not &quot;%1&quot;.</source>
        <translation>--public-url erwartet eine http://- oder https://-Adresse, nicht „%1“.</translation>
    </message>
    <message>
        <source>Open the demo workspace of the data folder (made if there is none yet) as its admin, without signing in. For trying Gatehouse out: the demo&apos;s password is public.</source>
        <translation>Den Demo-Arbeitsbereich des Datenordners (wird angelegt, falls noch keiner existiert) als dessen Administrator öffnen, ohne Anmeldung. Zum Ausprobieren von Gatehouse: Das Passwort der Demo ist öffentlich.</translation>
    </message>
    <message>
        <source>With --demo: save pictures of the console&apos;s main areas in DIR, then quit.</source>
        <translation>Mit --demo: Bilder der wichtigsten Bereiche der Konsole in DIR speichern und dann beenden.</translation>
    </message>
    <message>
        <source>With --screenshots: only these pictures, comma-separated (%1).</source>
        <translation>Mit --screenshots: nur diese Bilder, durch Kommas getrennt (%1).</translation>
    </message>
    <message>
        <source>--screenshots needs --demo and a folder.</source>
        <translation>--screenshots erfordert --demo und einen Ordner.</translation>
    </message>
    <message>
        <source>--screenshot-pages needs --screenshots.</source>
        <translation>--screenshot-pages erfordert --screenshots.</translation>
    </message>
    <message>
        <source>There is no screenshot &quot;%1&quot;; choose from %2.</source>
        <translation>Es gibt keinen Screenshot „%1“; wählen Sie aus %2.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactListModel</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>%1 may sign in to the portal.</source>
        <translation>%1 darf sich im Portal anmelden.</translation>
    </message>
    <message>
        <source>Portal access is turned off for %1.</source>
        <translation>Der Portalzugang ist für %1 deaktiviert.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Portal access</source>
        <translation>Portalzugang</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactPasswordService</name>
    <message>
        <source>That email address and password do not match.</source>
        <translation>E-Mail-Adresse und Passwort passen nicht zusammen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactRolePicker</name>
    <message>
        <source>What the contact may see and do in the portal</source>
        <translation>Was der Kontakt im Portal sehen und tun darf</translation>
    </message>
    <message>
        <source>Portal &amp;role:</source>
        <translation>Portal&amp;rolle:</translation>
    </message>
    <message>
        <source>Role not changed</source>
        <translation>Rolle nicht geändert</translation>
    </message>
    <message>
        <source>The contact&apos;s portal role could not be changed: %1</source>
        <translation>Die Portalrolle des Kontakts konnte nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactService</name>
    <message>
        <source>The company could not be added.</source>
        <translation>Die Firma konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>There is no such company.</source>
        <translation>Diese Firma gibt es nicht.</translation>
    </message>
    <message>
        <source>The contact could not be added.</source>
        <translation>Der Kontakt konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialApi</name>
    <message>
        <source>&quot;username&quot;, &quot;password&quot;, &quot;apiKey&quot; and &quot;notes&quot; must be text.</source>
        <translation>„username“, „password“, „apiKey“ und „notes“ müssen Text sein.</translation>
    </message>
    <message>
        <source>&quot;text&quot; must be text.</source>
        <translation>„text“ muss Text sein.</translation>
    </message>
    <message>
        <source>&quot;mode&quot; must be &quot;single&quot; or &quot;bulk_text&quot;.</source>
        <translation>„mode“ muss „single“ oder „bulk_text“ sein.</translation>
    </message>
    <message>
        <source>Give the file&apos;s name as ?name=.</source>
        <translation>Geben Sie den Dateinamen als ?name= an.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialService</name>
    <message>
        <source>Fill in at least one of username, password, API key or notes.</source>
        <translation>Füllen Sie mindestens eines der Felder Benutzername, Passwort, API-Schlüssel oder Notizen aus.</translation>
    </message>
    <message>
        <source>Username, password and API key can be at most %1 characters long.</source>
        <translation>Benutzername, Passwort und API-Schlüssel dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The notes can be at most %1 characters long.</source>
        <translation>Die Notizen dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Paste the credentials to send.</source>
        <translation>Fügen Sie die zu sendenden Zugangsdaten ein.</translation>
    </message>
    <message>
        <source>The text can be at most 10 MB long.</source>
        <translation>Der Text darf höchstens 10 MB groß sein.</translation>
    </message>
    <message>
        <source>Give the file a name of at most %1 characters.</source>
        <translation>Geben Sie der Datei einen Namen mit höchstens %1 Zeichen.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Die Datei darf höchstens 10 MB groß sein.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task does not ask for credentials.</source>
        <translation>Diese Aufgabe fordert keine Zugangsdaten an.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Diese Aufgabe ist bereits erledigt.</translation>
    </message>
    <message>
        <source>%1 cannot receive credentials yet. Please try again later.</source>
        <translation>%1 kann noch keine Zugangsdaten empfangen. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>There is no such credential.</source>
        <translation>Diese Zugangsdaten gibt es nicht.</translation>
    </message>
    <message>
        <source>The reason can be at most %1 characters long.</source>
        <translation>Die Begründung darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>This credential was purged after it was moved to a password manager.</source>
        <translation>Diese Zugangsdaten wurden endgültig gelöscht, nachdem sie in einen Passwortmanager übertragen wurden.</translation>
    </message>
    <message>
        <source>This credential is already marked as moved.</source>
        <translation>Diese Zugangsdaten sind bereits als übertragen markiert.</translation>
    </message>
    <message>
        <source>Move the credential into a password manager before purging it.</source>
        <translation>Übertragen Sie die Zugangsdaten in einen Passwortmanager, bevor Sie sie endgültig löschen.</translation>
    </message>
    <message>
        <source>This credential was purged already.</source>
        <translation>Diese Zugangsdaten wurden bereits endgültig gelöscht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialsDialog</name>
    <message>
        <source>Login</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>Eingefügter Text</translation>
    </message>
    <message>
        <source>File %1 (%2)</source>
        <translation>Datei %1 (%2)</translation>
    </message>
    <message>
        <source>Purged %1</source>
        <translation>Endgültig gelöscht am %1</translation>
    </message>
    <message>
        <source>Moved to a password manager by %1, %2</source>
        <translation>Von %1 in einen Passwortmanager übertragen, %2</translation>
    </message>
    <message>
        <source>Sealed in the vault</source>
        <translation>Im Tresor versiegelt</translation>
    </message>
    <message>
        <source>&amp;Reveal…</source>
        <translation>&amp;Anzeigen…</translation>
    </message>
    <message>
        <source>&amp;Moved to my password manager</source>
        <translation>In meinen Passwortmanager &amp;übertragen</translation>
    </message>
    <message>
        <source>&amp;Purge</source>
        <translation>Endgültig &amp;löschen</translation>
    </message>
    <message>
        <source>Credentials: %1</source>
        <translation>Zugangsdaten: %1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Übergeben</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Say that you keep it in your own password manager now; after that it can be purged from Gatehouse.</source>
        <translation>Bestätigen Sie, dass Sie die Daten jetzt in Ihrem eigenen Passwortmanager aufbewahren; danach können sie aus Gatehouse endgültig gelöscht werden.</translation>
    </message>
    <message>
        <source>Deletes the sealed credential for good. The audit trail keeps its history.</source>
        <translation>Löscht die versiegelten Zugangsdaten endgültig. Das Prüfprotokoll behält ihren Verlauf.</translation>
    </message>
    <message>
        <source>There is no vault in this window.</source>
        <translation>In diesem Fenster gibt es keinen Tresor.</translation>
    </message>
    <message>
        <source>The vault is unlocked.</source>
        <translation>Der Tresor ist entsperrt.</translation>
    </message>
    <message>
        <source>The vault is locked: revealing asks for your password first.</source>
        <translation>Der Tresor ist gesperrt: Zum Anzeigen wird zuerst Ihr Passwort abgefragt.</translation>
    </message>
    <message>
        <source>Nothing has been handed over for this task yet.</source>
        <translation>Für diese Aufgabe wurde noch nichts übergeben.</translation>
    </message>
    <message>
        <source>The vault locked before the credential was revealed. Try again.</source>
        <translation>Der Tresor wurde gesperrt, bevor die Zugangsdaten angezeigt wurden. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Save the decrypted file</source>
        <translation>Entschlüsselte Datei speichern</translation>
    </message>
    <message>
        <source>File saved</source>
        <translation>Datei gespeichert</translation>
    </message>
    <message>
        <source>%1 was decrypted into %2.</source>
        <translation>%1 wurde nach %2 entschlüsselt.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Decrypting into %1…</source>
        <translation>Wird nach %1 entschlüsselt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Saving was cancelled; nothing was written.</source>
        <translation>Das Speichern wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Purge credential</source>
        <translation>Zugangsdaten endgültig löschen</translation>
    </message>
    <message>
        <source>Delete %1 from %2 for good? It cannot be revealed again; the audit trail keeps its history.</source>
        <translation>%1 von %2 endgültig löschen? Die Daten können danach nicht mehr angezeigt werden; das Prüfprotokoll behält ihren Verlauf.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseBackup</name>
    <message>
        <source>The backup could not be read: %1</source>
        <translation>Die Sicherung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This is a backup of a SQLite database; this database is on PostgreSQL. Nothing was changed.</source>
        <translation>Dies ist eine Sicherung einer SQLite-Datenbank; diese Datenbank liegt auf PostgreSQL. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>This is a backup of a PostgreSQL database; this database is a SQLite file. Nothing was changed.</source>
        <translation>Dies ist eine Sicherung einer PostgreSQL-Datenbank; diese Datenbank ist eine SQLite-Datei. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Backed up the database to %1 (%2 bytes, SHA-256 %3).</source>
        <translation>Die Datenbank wurde nach %1 gesichert (%2 Bytes, SHA-256 %3).</translation>
    </message>
    <message>
        <source>The backup was written to %1, but the audit trail could not record it: %2</source>
        <translation>Die Sicherung wurde nach %1 geschrieben, konnte aber nicht im Prüfprotokoll festgehalten werden: %2</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The backup was restored, but its schema could not be brought up to date: %1</source>
        <translation>Die Sicherung wurde wiederhergestellt, ihr Schema konnte aber nicht auf den neuesten Stand gebracht werden: %1</translation>
    </message>
    <message>
        <source>The backup was restored, but its audit trail does not verify (event %1: %2).</source>
        <translation>Die Sicherung wurde wiederhergestellt, aber die Überprüfung ihres Prüfprotokolls schlägt fehl (Ereignis %1: %2).</translation>
    </message>
    <message>
        <source>Restored the database from %1 (SHA-256 %2).</source>
        <translation>Die Datenbank wurde aus %1 wiederhergestellt (SHA-256 %2).</translation>
    </message>
    <message>
        <source>%1 restored the database from a backup (%2).</source>
        <translation>%1 hat die Datenbank aus einer Sicherung wiederhergestellt (%2).</translation>
    </message>
    <message>
        <source>The backup was restored, but the audit trail could not record it: %1</source>
        <translation>Die Sicherung wurde wiederhergestellt, konnte aber nicht im Prüfprotokoll festgehalten werden: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseBanner</name>
    <message>
        <source>Database connection</source>
        <translation>Datenbankverbindung</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>The database cannot be reached: %1. Retrying…</source>
        <translation>Die Datenbank ist nicht erreichbar: %1. Neuer Versuch läuft…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseHealth</name>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>the database file %1 is missing</source>
        <translation>die Datenbankdatei %1 fehlt</translation>
    </message>
    <message>
        <source>the database file %1 cannot be read: %2</source>
        <translation>die Datenbankdatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the connection is closed</source>
        <translation>die Verbindung ist geschlossen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabasePanel</name>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Sichern…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>A backup is one file holding everything: companies, onboardings, uploaded files, the vault (still encrypted) and the audit trail. Restoring one replaces all of the data with the backup&apos;s; the current data is saved next to the backup first.</source>
        <translation>Eine Sicherung ist eine einzige Datei mit allem: Firmen, Onboardings, hochgeladenen Dateien, dem Tresor (weiterhin verschlüsselt) und dem Prüfprotokoll. Beim Wiederherstellen werden alle Daten durch die der Sicherung ersetzt; die aktuellen Daten werden vorher neben der Sicherung gespeichert.</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Fortschritt der Sicherung</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Datenbank:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Speicherort:</translation>
    </message>
    <message>
        <source>Gatehouse backups (*.sqlite);;All files (*)</source>
        <translation>Gatehouse-Sicherungen (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Gatehouse backups (*.dump);;All files (*)</source>
        <translation>Gatehouse-Sicherungen (*.dump);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Datenbank sichern</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>Wird nach %1 gesichert…</translation>
    </message>
    <message>
        <source>Restore the database</source>
        <translation>Datenbank wiederherstellen</translation>
    </message>
    <message>
        <source>Restore the database?</source>
        <translation>Datenbank wiederherstellen?</translation>
    </message>
    <message>
        <source>All of the data in this database will be replaced by the backup in %1. Changes made since that backup was taken will no longer be in the database, for everyone using it, the portal included.

The current data is first saved to %2.

Restore?</source>
        <translation>Alle Daten in dieser Datenbank werden durch die Sicherung in %1 ersetzt. Änderungen, die seit dieser Sicherung vorgenommen wurden, sind danach nicht mehr in der Datenbank – für alle, die sie nutzen, auch für das Portal.

Die aktuellen Daten werden zuerst unter %2 gespeichert.

Wiederherstellen?</translation>
    </message>
    <message>
        <source>Restoring from %1…</source>
        <translation>Wird aus %1 wiederhergestellt…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Restored the database from %1.</source>
        <translation>Die Datenbank wurde aus %1 wiederhergestellt.</translation>
    </message>
    <message>
        <source>Backed up the database to %1.</source>
        <translation>Die Datenbank wurde nach %1 gesichert.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DirectoryRepository</name>
    <message>
        <source>Give the workspace a name of at most 200 characters.</source>
        <translation>Geben Sie dem Arbeitsbereich einen Namen mit höchstens 200 Zeichen.</translation>
    </message>
    <message>
        <source>Enter a name of at most 200 characters.</source>
        <translation>Geben Sie einen Namen mit höchstens 200 Zeichen ein.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>The password could not be hashed (out of memory).</source>
        <translation>Das Passwort konnte nicht gehasht werden (zu wenig Arbeitsspeicher).</translation>
    </message>
    <message>
        <source>A staff member with this email already exists.</source>
        <translation>Ein Mitarbeiterkonto mit dieser E-Mail-Adresse existiert bereits.</translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation>E-Mail-Adresse oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Enter a company name of at most 200 characters.</source>
        <translation>Geben Sie einen Firmennamen mit höchstens 200 Zeichen ein.</translation>
    </message>
    <message>
        <source>A company with this name already exists.</source>
        <translation>Eine Firma mit diesem Namen existiert bereits.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name (at most 200 characters).</source>
        <translation>Geben Sie den Namen des Kontakts ein (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>This company already has a contact with this email.</source>
        <translation>Diese Firma hat bereits einen Kontakt mit dieser E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>There is no such staff member.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask an administrator.</source>
        <translation>Dieses Konto wurde deaktiviert. Wenden Sie sich an einen Administrator.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DocumentPreview</name>
    <message>
        <source>Select an item to see it here.</source>
        <translation>Wählen Sie einen Eintrag aus, um ihn hier zu sehen.</translation>
    </message>
    <message>
        <source>%1
%2, %3
No preview for this kind of file: save a copy to open it.</source>
        <translation>%1
%2, %3
Keine Vorschau für diese Dateiart: Speichern Sie eine Kopie, um sie zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DocumentService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task does not ask for files.</source>
        <translation>Diese Aufgabe fordert keine Dateien an.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Diese Aufgabe ist bereits erledigt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than %2 MB, the limit for this task.</source>
        <translation>„%1“ ist größer als %2 MB, das Limit für diese Aufgabe.</translation>
    </message>
    <message>
        <source>Documents are attached to approval and signature tasks.</source>
        <translation>Dokumente werden an Freigabe- und Unterschriftsaufgaben angehängt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than %2 MB.</source>
        <translation>„%1“ ist größer als %2 MB.</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <source>This file has been reviewed already and can no longer be removed.</source>
        <translation>Diese Datei wurde bereits geprüft und kann nicht mehr entfernt werden.</translation>
    </message>
    <message>
        <source>Say why the file is rejected, so the client knows what to send.</source>
        <translation>Begründen Sie, warum die Datei abgelehnt wird, damit der Kunde weiß, was er senden soll.</translation>
    </message>
    <message>
        <source>The note can be at most 2000 characters long.</source>
        <translation>Die Notiz darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>This file has been reviewed already.</source>
        <translation>Diese Datei wurde bereits geprüft.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EmailPanel</name>
    <message>
        <source>&amp;Forget password</source>
        <translation>Passwort &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Save mail settings</source>
        <translation>E-Mail-Einstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>Send &amp;test mail</source>
        <translation>Test-E-Mail &amp;verschicken</translation>
    </message>
    <message>
        <source>smtps://mail.example.com:465 — empty: the local mailbox</source>
        <translation>smtps://mail.example.com:465 — leer: das lokale Postfach</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>SMTP user</source>
        <translation>SMTP-Benutzer</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>SMTP-Passwort</translation>
    </message>
    <message>
        <source>Type to set or replace</source>
        <translation>Eingeben zum Festlegen oder Ersetzen</translation>
    </message>
    <message>
        <source>portal@your-msp.example</source>
        <translation>portal@ihr-msp.example</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Absenderadresse</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Absendername</translation>
    </message>
    <message>
        <source>Save the mail settings (Ctrl+S)</source>
        <translation>E-Mail-Einstellungen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Send the test mail to</source>
        <translation>Test-E-Mail senden an</translation>
    </message>
    <message>
        <source>Test mail result</source>
        <translation>Ergebnis der Test-E-Mail</translation>
    </message>
    <message>
        <source>This console was started with --smtp-url %1: it sends through that server until it is started without it. Settings saved here apply to portal servers and to the next start.</source>
        <translation>Diese Konsole wurde mit --smtp-url %1 gestartet: Sie sendet über diesen Server, bis sie ohne diese Option gestartet wird. Hier gespeicherte Einstellungen gelten für Portalserver und ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>SMTP se&amp;rver:</source>
        <translation>SMTP-Se&amp;rver:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>Ben&amp;utzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sender &amp;address:</source>
        <translation>Absender&amp;adresse:</translation>
    </message>
    <message>
        <source>Sender &amp;name:</source>
        <translation>Absender&amp;name:</translation>
    </message>
    <message>
        <source>Test mail t&amp;o:</source>
        <translation>&amp;Test-E-Mail an:</translation>
    </message>
    <message>
        <source>Save the mail settings</source>
        <translation>E-Mail-Einstellungen speichern</translation>
    </message>
    <message>
        <source>The mail settings could not be read: %1</source>
        <translation>Die E-Mail-Einstellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No password is needed without an SMTP user.</source>
        <translation>Ohne SMTP-Benutzer wird kein Passwort benötigt.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Schlüsselbund wird durchsucht…</translation>
    </message>
    <message>
        <source>A password for this user and server is stored in the keychain.</source>
        <translation>Für diesen Benutzer und Server ist ein Passwort im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>No password for this user and server is stored yet.</source>
        <translation>Für diesen Benutzer und Server ist noch kein Passwort gespeichert.</translation>
    </message>
    <message>
        <source>The settings are saved, but the password could not be stored: %1</source>
        <translation>Die Einstellungen sind gespeichert, aber das Passwort konnte nicht hinterlegt werden: %1</translation>
    </message>
    <message>
        <source>Enter the address the test mail should go to.</source>
        <translation>Geben Sie die Adresse ein, an die die Test-E-Mail gehen soll.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Delivered to the local mailbox folder %1.</source>
        <translation>In den lokalen Postfachordner %1 zugestellt.</translation>
    </message>
    <message>
        <source>The server accepted the test mail: %1</source>
        <translation>Der Server hat die Test-E-Mail angenommen: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EmbeddedPortalSettings</name>
    <message>
        <source>The portal address must be a web address such as https://portal.example.com, without a user, query or fragment.</source>
        <translation>Die Portaladresse muss eine Webadresse wie https://portal.example.com sein, ohne Benutzer, Abfrage oder Fragment.</translation>
    </message>
    <message>
        <source>Choose both the TLS certificate and its key, or neither.</source>
        <translation>Wählen Sie sowohl das TLS-Zertifikat als auch den zugehörigen Schlüssel aus – oder keines von beiden.</translation>
    </message>
    <message>
        <source>The TLS files cannot be used: %1</source>
        <translation>Die TLS-Dateien können nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>The settings could not be written.</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ErrorLabel</name>
    <message>
        <source>The database cannot be reached, so this was not saved. What you entered is kept: try again when it is back.</source>
        <translation>Die Datenbank ist nicht erreichbar, daher wurde nichts gespeichert. Ihre Eingaben bleiben erhalten: Versuchen Sie es erneut, sobald sie wieder verfügbar ist.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EvidencePack</name>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Dieses Onboarding gibt es nicht.</translation>
    </message>
    <message>
        <source>The evidence pack could not be put together: %1</source>
        <translation>Das Nachweispaket konnte nicht zusammengestellt werden: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropApi</name>
    <message>
        <source>Give the file&apos;s name as ?name=.</source>
        <translation>Geben Sie den Dateinamen als ?name= an.</translation>
    </message>
    <message>
        <source>A file can be at most 100 MB large.</source>
        <translation>Eine Datei darf höchstens 100 MB groß sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropCipher</name>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>A file can be at most %1 MB large.</source>
        <translation>Eine Datei darf höchstens %1 MB groß sein.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Die Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Der Download wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The encrypted file is damaged: its size does not match.</source>
        <translation>Die verschlüsselte Datei ist beschädigt: Ihre Größe stimmt nicht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropPanel</name>
    <message>
        <source>Not downloaded yet</source>
        <translation>Noch nicht heruntergeladen</translation>
    </message>
    <message>
        <source>Downloaded by %1 on %2</source>
        <translation>Heruntergeladen von %1 am %2</translation>
    </message>
    <message>
        <source>Expired, content purged</source>
        <translation>Abgelaufen, Inhalt gelöscht</translation>
    </message>
    <message>
        <source>Deleted by the client</source>
        <translation>Vom Kunden gelöscht</translation>
    </message>
    <message>
        <source>Files dropped by the client (encrypted)</source>
        <translation>Vom Kunden abgelegte Dateien (verschlüsselt)</translation>
    </message>
    <message>
        <source>Save &amp;decrypted…</source>
        <translation>&amp;Entschlüsselt speichern…</translation>
    </message>
    <message>
        <source>Set e&amp;xpiry</source>
        <translation>A&amp;blauf festlegen</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Dropped by</source>
        <translation>Abgelegt von</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Abgelegt am</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Files dropped by the client</source>
        <translation>Vom Kunden abgelegte Dateien</translation>
    </message>
    <message>
        <source>Reason for downloading (optional, recorded)</source>
        <translation>Grund für den Download (optional, wird protokolliert)</translation>
    </message>
    <message>
        <source>Reason for downloading</source>
        <translation>Grund für den Download</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep new files for</source>
        <translation>Neue Dateien aufbewahren für</translation>
    </message>
    <message>
        <source>The dropped files could not be read: %1</source>
        <translation>Die abgelegten Dateien konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Save %1 decrypted</source>
        <translation>%1 entschlüsselt speichern</translation>
    </message>
    <message>
        <source>Vault not unlocked</source>
        <translation>Tresor nicht entsperrt</translation>
    </message>
    <message>
        <source>Decrypting %1…</source>
        <translation>%1 wird entschlüsselt…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Datei nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>%1 konnte nicht unter %2 gespeichert werden: %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropService</name>
    <message>
        <source>Give the file a name.</source>
        <translation>Geben Sie der Datei einen Namen.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task does not take secure file drops.</source>
        <translation>Diese Aufgabe nimmt keine Dateien über die sichere Dateiablage an.</translation>
    </message>
    <message>
        <source>%1 cannot receive files yet. Please try again later.</source>
        <translation>%1 kann noch keine Dateien empfangen. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <source>Your provider has already downloaded this file, so it can no longer be deleted.</source>
        <translation>Ihr Dienstleister hat diese Datei bereits heruntergeladen, daher kann sie nicht mehr gelöscht werden.</translation>
    </message>
    <message>
        <source>This file has expired and was deleted already.</source>
        <translation>Diese Datei ist abgelaufen und wurde bereits gelöscht.</translation>
    </message>
    <message>
        <source>Files can be kept from %1 to %2 days.</source>
        <translation>Dateien können %1 bis %2 Tage aufbewahrt werden.</translation>
    </message>
    <message>
        <source>Only a secure file drop task keeps files for a set time.</source>
        <translation>Nur eine Aufgabe vom Typ „Sichere Dateiablage“ bewahrt Dateien für eine festgelegte Zeit auf.</translation>
    </message>
    <message>
        <source>The reason can be at most %1 characters long.</source>
        <translation>Die Begründung darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The contact deleted this file before it was downloaded.</source>
        <translation>Der Kontakt hat diese Datei gelöscht, bevor sie heruntergeladen wurde.</translation>
    </message>
    <message>
        <source>This file has expired; its encrypted content is deleted.</source>
        <translation>Diese Datei ist abgelaufen; ihr verschlüsselter Inhalt wurde gelöscht.</translation>
    </message>
    <message>
        <source>A file can be at most 100 MB large.</source>
        <translation>Eine Datei darf höchstens 100 MB groß sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileTypes</name>
    <message>
        <source>PDF documents</source>
        <translation>PDF-Dokumente</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Office documents</source>
        <translation>Office-Dokumente</translation>
    </message>
    <message>
        <source>Text and CSV files</source>
        <translation>Text- und CSV-Dateien</translation>
    </message>
    <message>
        <source>ZIP archives</source>
        <translation>ZIP-Archive</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>Accepted: %1.</source>
        <translation>Zulässig: %1.</translation>
    </message>
    <message>
        <source>Web pages, scripts and SVG files cannot be uploaded. %1</source>
        <translation>Webseiten, Skripte und SVG-Dateien können nicht hochgeladen werden. %1</translation>
    </message>
    <message>
        <source>The contents of &quot;%1&quot; do not match its name.</source>
        <translation>Der Inhalt von „%1“ passt nicht zu seinem Namen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a file type this task accepts. %2</source>
        <translation>„%1“ ist kein Dateityp, den diese Aufgabe annimmt. %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormBuilderDialog</name>
    <message>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <source>Allow several entries (shown as a list with &quot;Add another&quot;)</source>
        <translation>Mehrere Einträge erlauben (als Liste mit „Weiteren hinzufügen“)</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Feld hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Form: %1</source>
        <translation>Formular: %1</translation>
    </message>
    <message>
        <source>Shown under the label</source>
        <translation>Wird unter der Bezeichnung angezeigt</translation>
    </message>
    <message>
        <source>One option per line</source>
        <translation>Eine Option pro Zeile</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Help:</source>
        <translation>&amp;Hilfe:</translation>
    </message>
    <message>
        <source>&amp;Options:</source>
        <translation>&amp;Optionen:</translation>
    </message>
    <message>
        <source>Fields, in the order the client sees them:</source>
        <translation>Felder in der Reihenfolge, in der der Kunde sie sieht:</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(keine Bezeichnung)</translation>
    </message>
    <message>
        <source>%1 — %2%3</source>
        <translation>%1 — %2%3</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (Pflichtfeld)</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>Neue Frage</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormDefinition</name>
    <message>
        <source>&quot;multipleEntries&quot; must be true or false.</source>
        <translation>„multipleEntries“ muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;fields&quot; must be a list.</source>
        <translation>„fields“ muss eine Liste sein.</translation>
    </message>
    <message>
        <source>Field %1 is not an object.</source>
        <translation>Feld %1 ist kein Objekt.</translation>
    </message>
    <message>
        <source>%1: id, label and type must be text, required true or false, help text and options a list.</source>
        <translation>%1: id, label und type müssen Text sein, required true oder false, Hilfetext und Optionen eine Liste.</translation>
    </message>
    <message>
        <source>%1 has an unknown type &quot;%2&quot;.</source>
        <translation>%1 hat einen unbekannten Typ „%2“.</translation>
    </message>
    <message>
        <source>%1: every option must be text.</source>
        <translation>%1: Jede Option muss Text sein.</translation>
    </message>
    <message>
        <source>A form can have at most %1 fields.</source>
        <translation>Ein Formular kann höchstens %1 Felder haben.</translation>
    </message>
    <message>
        <source>%1 needs an id of at most %2 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>%1 braucht eine ID aus höchstens %2 Buchstaben, Ziffern, „-“ oder „_“.</translation>
    </message>
    <message>
        <source>Two fields have the id &quot;%1&quot;; each needs its own.</source>
        <translation>Zwei Felder haben die ID „%1“; jedes braucht eine eigene.</translation>
    </message>
    <message>
        <source>%1 needs a label.</source>
        <translation>%1 braucht eine Bezeichnung.</translation>
    </message>
    <message>
        <source>%1: the label can be at most %2 characters long.</source>
        <translation>%1: Die Bezeichnung darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>%1: the help text can be at most %2 characters long.</source>
        <translation>%1: Der Hilfetext darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>%1: only choice fields have options.</source>
        <translation>%1: Nur Auswahlfelder haben Optionen.</translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;) needs at least one option.</source>
        <translation>%1 („%2“) braucht mindestens eine Option.</translation>
    </message>
    <message>
        <source>%1 can have at most %2 options.</source>
        <translation>%1 kann höchstens %2 Optionen haben.</translation>
    </message>
    <message>
        <source>%1: every option needs a text of 1 to %2 characters.</source>
        <translation>%1: Jede Option braucht einen Text mit 1 bis %2 Zeichen.</translation>
    </message>
    <message>
        <source>%1 offers &quot;%2&quot; twice.</source>
        <translation>%1 bietet „%2“ zweimal an.</translation>
    </message>
    <message>
        <source>This form has no such field.</source>
        <translation>Dieses Feld gibt es in diesem Formular nicht.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Dieses Feld ist ein Pflichtfeld.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormEntriesDialog</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Form entries</source>
        <translation>Formulareinträge</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>Einträge: %1</translation>
    </message>
    <message>
        <source>Nothing has been saved yet.</source>
        <translation>Es wurde noch nichts gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s). Status: %1.</source>
        <translation>
            <numerusform>%n Eintrag. Status: %1.</numerusform>
            <numerusform>%n Einträge. Status: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <source>Saved by %1, %2</source>
        <translation>Gespeichert von %1, %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormField</name>
    <message>
        <source>Short text</source>
        <translation>Kurzer Text</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>Langer Text</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>Einfachauswahl</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Mehrfachauswahl</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>Ja oder Nein</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Webadresse</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormService</name>
    <message>
        <source>This form cannot be filled in yet: %1</source>
        <translation>Dieses Formular kann noch nicht ausgefüllt werden: %1</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This form is filled in by %1, not by you.</source>
        <translation>Dieses Formular füllt %1 aus, nicht Sie.</translation>
    </message>
    <message>
        <source>This form has been submitted and can no longer be changed.</source>
        <translation>Dieses Formular wurde abgesendet und kann nicht mehr geändert werden.</translation>
    </message>
    <message>
        <source>This form has no questions yet.</source>
        <translation>Dieses Formular hat noch keine Fragen.</translation>
    </message>
    <message>
        <source>Some answers need your attention.</source>
        <translation>Einige Antworten erfordern Ihre Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>There is no such entry. It may have been removed.</source>
        <translation>Diesen Eintrag gibt es nicht. Möglicherweise wurde er entfernt.</translation>
    </message>
    <message>
        <source>This form can have at most %1 entries.</source>
        <translation>Dieses Formular kann höchstens %1 Einträge haben.</translation>
    </message>
    <message>
        <source>Save your answers before you submit the form.</source>
        <translation>Speichern Sie Ihre Antworten, bevor Sie das Formular absenden.</translation>
    </message>
    <message>
        <source>This task is not a form.</source>
        <translation>Diese Aufgabe ist kein Formular.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FrontDoor</name>
    <message>
        <source>Too many connections. Please try again in a moment.</source>
        <translation>Zu viele Verbindungen. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The request took too long to arrive.</source>
        <translation>Die Anfrage ist zu langsam eingetroffen.</translation>
    </message>
    <message>
        <source>The upload is too slow.</source>
        <translation>Das Hochladen ist zu langsam.</translation>
    </message>
    <message>
        <source>The upload cannot be stored right now. Please try again later.</source>
        <translation>Die hochgeladene Datei kann gerade nicht gespeichert werden. Bitte versuchen Sie es später erneut.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::GlobalSearch</name>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>Suchen (Strg+K)</translation>
    </message>
    <message>
        <source>Find companies, contacts, onboardings and tasks</source>
        <translation>Firmen, Kontakte, Onboardings und Aufgaben finden</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeCharts</name>
    <message>
        <source>Onboardings by current phase</source>
        <translation>Onboardings nach aktueller Phase</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
    <message numerus="yes">
        <source>Open tasks, last %n day(s)</source>
        <translation>
            <numerusform>Offene Aufgaben, letzter %n Tag</numerusform>
            <numerusform>Offene Aufgaben, letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>Offene Aufgaben</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeItemModel</name>
    <message>
        <source>asked by %1</source>
        <translation>gefragt von %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>fällig am %1</translation>
    </message>
    <message>
        <source>last activity %1</source>
        <translation>letzte Aktivität %1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeView</name>
    <message>
        <source>Waiting for review (%1)</source>
        <translation>Wartet auf Prüfung (%1)</translation>
    </message>
    <message>
        <source>Unanswered questions (%1)</source>
        <translation>Unbeantwortete Fragen (%1)</translation>
    </message>
    <message>
        <source>Overdue tasks (%1)</source>
        <translation>Überfällige Aufgaben (%1)</translation>
    </message>
    <message>
        <source>Stalled onboardings (%1)</source>
        <translation>Stockende Onboardings (%1)</translation>
    </message>
    <message>
        <source>Needs you now</source>
        <translation>Wartet jetzt auf Sie</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Stalled after no activity for</source>
        <translation>Als &amp;stockend gilt ein Onboarding ohne Aktivität für</translation>
    </message>
    <message>
        <source>What needs you could not be read: %1</source>
        <translation>Was auf Sie wartet, konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The charts could not be read: %1</source>
        <translation>Die Diagramme konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Startseite</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Http</name>
    <message>
        <source>Something went wrong on our side.</source>
        <translation>Bei uns ist ein Fehler aufgetreten.</translation>
    </message>
    <message>
        <source>This request did not come from the portal&apos;s own pages.</source>
        <translation>Diese Anfrage stammt nicht von den Seiten des Portals.</translation>
    </message>
    <message>
        <source>Send the request body as application/json.</source>
        <translation>Senden Sie den Anfragetext als application/json.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>The request body is not a JSON object.</source>
        <translation>Der Anfragetext ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Send the file as application/octet-stream.</source>
        <translation>Senden Sie die Datei als application/octet-stream.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationDialog</name>
    <message>
        <source>Read-only: nothing can be changed in the portal</source>
        <translation>Nur lesen: Im Portal kann nichts geändert werden</translation>
    </message>
    <message>
        <source>View portal as %1</source>
        <translation>Portal ansehen als %1</translation>
    </message>
    <message>
        <source>You will see the portal as %1 sees it, for a limited time. %1 can see in the portal that you viewed it, and the reason is recorded in the audit trail.</source>
        <translation>Sie sehen das Portal für begrenzte Zeit so, wie %1 es sieht. %1 kann im Portal sehen, dass Sie es angesehen haben, und der Grund wird im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Grund (erforderlich):</translation>
    </message>
    <message>
        <source>For example: ticket 4711, the upload button is missing</source>
        <translation>Zum Beispiel: Ticket 4711, die Schaltfläche zum Hochladen fehlt</translation>
    </message>
    <message>
        <source>Clear it to act for the contact: complete tasks, upload, answer. Every request is audited.</source>
        <translation>Deaktivieren, um für den Kontakt zu handeln: Aufgaben erledigen, hochladen, antworten. Jede Anfrage wird protokolliert.</translation>
    </message>
    <message>
        <source>&amp;View portal</source>
        <translation>Portal &amp;ansehen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationService</name>
    <message>
        <source>Give a reason for viewing the portal as this contact.</source>
        <translation>Geben Sie einen Grund an, warum Sie das Portal als dieser Kontakt ansehen.</translation>
    </message>
    <message>
        <source>Keep the reason under %1 characters.</source>
        <translation>Der Grund muss kürzer als %1 Zeichen sein.</translation>
    </message>
    <message>
        <source>Your staff account was not found. Sign in again.</source>
        <translation>Ihr Mitarbeiterkonto wurde nicht gefunden. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Only an administrator may allow actions while viewing the portal as a contact.</source>
        <translation>Nur ein Administrator darf Aktionen erlauben, während das Portal als Kontakt angesehen wird.</translation>
    </message>
    <message>
        <source>No such contact.</source>
        <translation>Diesen Kontakt gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 has no portal access, so there is no portal to view as them.</source>
        <translation>%1 hat keinen Portalzugang, daher gibt es kein Portal, das Sie als diese Person ansehen könnten.</translation>
    </message>
    <message>
        <source>No such view of the portal.</source>
        <translation>Diese Ansicht des Portals gibt es nicht.</translation>
    </message>
    <message>
        <source>This view of the portal has time left.</source>
        <translation>Diese Ansicht des Portals ist noch nicht abgelaufen.</translation>
    </message>
    <message>
        <source>Only an administrator may change how long a view of the portal lasts.</source>
        <translation>Nur ein Administrator darf ändern, wie lange eine Ansicht des Portals dauert.</translation>
    </message>
    <message>
        <source>A view of the portal lasts from %1 to %2 minutes.</source>
        <translation>Eine Ansicht des Portals dauert %1 bis %2 Minuten.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationWindow</name>
    <message>
        <source>&amp;End view</source>
        <translation>Ansicht &amp;beenden</translation>
    </message>
    <message>
        <source>Portal as %1</source>
        <translation>Portal als %1</translation>
    </message>
    <message>
        <source>End the view and its portal session</source>
        <translation>Die Ansicht und ihre Portalsitzung beenden</translation>
    </message>
    <message>
        <source>Viewing the portal as %1 &lt;%2&gt;, read-only</source>
        <translation>Sie sehen das Portal als %1 &lt;%2&gt;, nur lesend</translation>
    </message>
    <message>
        <source>Viewing the portal as %1 &lt;%2&gt;, acting for them</source>
        <translation>Sie sehen das Portal als %1 &lt;%2&gt; und handeln für diese Person</translation>
    </message>
    <message>
        <source>%1:%2 left</source>
        <translation>noch %1:%2</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>Zeit abgelaufen</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>View not ended</source>
        <translation>Ansicht nicht beendet</translation>
    </message>
    <message>
        <source>The view of the portal as %1 could not be ended: %2. Its session ends by itself at its time limit.</source>
        <translation>Die Ansicht des Portals als %1 konnte nicht beendet werden: %2. Ihre Sitzung endet von selbst, wenn ihre Zeit abgelaufen ist.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::InboxView</name>
    <message>
        <source>Send answer</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <source>Questions from clients</source>
        <translation>Fragen von Kunden</translation>
    </message>
    <message>
        <source>Your answer (Ctrl+Return sends it)</source>
        <translation>Ihre Antwort (Strg+Eingabe sendet sie)</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Send answer (Ctrl+Return)</source>
        <translation>Antwort senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>No questions yet. When clients ask one in the portal, it lands here.</source>
        <translation>Noch keine Fragen. Wenn Kunden im Portal eine Frage stellen, erscheint sie hier.</translation>
    </message>
    <message>
        <source>The inbox could not be read: %1</source>
        <translation>Der Posteingang konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2) asked on %3%4:

%5</source>
        <translation>%1 (%2) fragte am %3%4:

%5</translation>
    </message>
    <message>
        <source> about &quot;%1&quot;</source>
        <translation> zu „%1“</translation>
    </message>
    <message>
        <source>

%1 answered on %2:

%3</source>
        <translation>

%1 antwortete am %2:

%3</translation>
    </message>
    <message>
        <source>Send the answer</source>
        <translation>Antwort senden</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Invite</name>
    <message>
        <source>No such contact.</source>
        <translation>Diesen Kontakt gibt es nicht.</translation>
    </message>
    <message>
        <source>Portal access is turned off for %1.</source>
        <translation>Der Portalzugang ist für %1 deaktiviert.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::InviteResultPanel</name>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The invitation to %1 &lt;%2&gt; is queued for sending. It replaces any earlier invitation. You can also pass on the link yourself:</source>
        <translation>Die Einladung an %1 &lt;%2&gt; wartet auf den Versand. Sie ersetzt alle früheren Einladungen. Sie können den Link auch selbst weitergeben:</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Keychain</name>
    <message>
        <source>Nothing is remembered on this device.</source>
        <translation>Auf diesem Gerät ist nichts gespeichert.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert.</translation>
    </message>
    <message>
        <source>The keychain refused access; it may be locked. Unlock it and try again.</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert; möglicherweise ist er gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>No keychain is available on this device (on Linux: a Secret Service such as GNOME Keyring or KWallet).</source>
        <translation>Auf diesem Gerät ist kein Schlüsselbund verfügbar (unter Linux: ein Secret Service wie GNOME Keyring oder KWallet).</translation>
    </message>
    <message>
        <source>This system&apos;s keychain is not supported.</source>
        <translation>Der Schlüsselbund dieses Systems wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry: %1</source>
        <translation>Der Schlüsselbund konnte den Eintrag nicht löschen: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Fehler im Schlüsselbund: %1</translation>
    </message>
    <message>
        <source>No protected memory for the remembered key.</source>
        <translation>Kein geschützter Speicher für den gespeicherten Schlüssel.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::LoginDialog</name>
    <message>
        <source>Sign in to Gatehouse</source>
        <translation>Bei Gatehouse anmelden</translation>
    </message>
    <message>
        <source>Sign in with your staff account.</source>
        <translation>Melden Sie sich mit Ihrem Mitarbeiterkonto an.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation>E-Mail-Adresse oder Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows, or one of your recovery codes.</source>
        <translation>Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App anzeigt, oder einen Ihrer Wiederherstellungscodes.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>An administrator set your password. Choose your own now.</source>
        <translation>Ein Administrator hat Ihr Passwort festgelegt. Wählen Sie jetzt ein eigenes.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Neues Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Save and sign in</source>
        <translation>Speichern und anmelden</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Die beiden Passwörter stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Choose a password other than the one you were given.</source>
        <translation>Wählen Sie ein anderes Passwort als das, das Sie erhalten haben.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailComposer</name>
    <message>
        <source>%1 invites you to your client portal</source>
        <translation>%1 lädt Sie zu Ihrem Kundenportal ein</translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>Guten Tag %1,</translation>
    </message>
    <message>
        <source>%1 has set up a portal for %2 where you can follow your onboarding and complete your tasks.</source>
        <translation>%1 hat für %2 ein Portal eingerichtet, in dem Sie Ihr Onboarding verfolgen und Ihre Aufgaben erledigen können.</translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation>Ihr Portal öffnen</translation>
    </message>
    <message>
        <source>No password needed: we will confirm your email address with a one-time code.</source>
        <translation>Sie brauchen kein Passwort: Wir bestätigen Ihre E-Mail-Adresse mit einem Einmalcode.</translation>
    </message>
    <message>
        <source>Your sign-in code for %1: %2</source>
        <translation>Ihr Anmeldecode für %1: %2</translation>
    </message>
    <message>
        <source>Your sign-in code: %1</source>
        <translation>Ihr Anmeldecode: %1</translation>
    </message>
    <message>
        <source>Or sign in with this link:</source>
        <translation>Oder melden Sie sich über diesen Link an:</translation>
    </message>
    <message>
        <source>If you did not ask to sign in, you can ignore this message.</source>
        <translation>Falls Sie keine Anmeldung angefordert haben, können Sie diese Nachricht ignorieren.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message numerus="yes">
        <source>The code and the link work once and expire in %n minutes.</source>
        <translation>
            <numerusform>Code und Link sind nur einmal gültig und laufen in %n Minute ab.</numerusform>
            <numerusform>Code und Link sind nur einmal gültig und laufen in %n Minuten ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meeting: %1</source>
        <translation>Termin: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has scheduled &quot;%2&quot;.</source>
        <translation>%1 hat „%2“ angesetzt.</translation>
    </message>
    <message>
        <source>When: %1 (%2), %3</source>
        <translation>Wann: %1 (%2), %3</translation>
    </message>
    <message>
        <source>Join: %1</source>
        <translation>Teilnehmen: %1</translation>
    </message>
    <message>
        <source>The attached calendar file adds the meeting to your calendar. Your portal shows it in your own time zone:</source>
        <translation>Mit der angehängten Kalenderdatei fügen Sie den Termin Ihrem Kalender hinzu. Ihr Portal zeigt ihn in Ihrer eigenen Zeitzone an:</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Unterschrieben: %1</translation>
    </message>
    <message>
        <source>%1 signed &quot;%2&quot;. The signature certificate is attached: it names the document with its SHA-256 fingerprint and records who signed, when and from where.</source>
        <translation>%1 hat „%2“ unterschrieben. Das Signaturzertifikat ist angehängt: Es benennt das Dokument mit seinem SHA-256-Fingerabdruck und hält fest, wer wann und von wo unterschrieben hat.</translation>
    </message>
    <message>
        <source>Open the portal</source>
        <translation>Portal öffnen</translation>
    </message>
    <message>
        <source>Signature certificate.pdf</source>
        <translation>Signaturzertifikat.pdf</translation>
    </message>
    <message>
        <source>Question from %1</source>
        <translation>Frage von %1</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt; asked in the portal:</source>
        <translation>%1 &lt;%2&gt; fragte im Portal:</translation>
    </message>
    <message>
        <source>Answer it from the Inbox in the Gatehouse console.</source>
        <translation>Beantworten Sie sie im Posteingang der Gatehouse-Konsole.</translation>
    </message>
    <message>
        <source>Your question to %1 is answered</source>
        <translation>Ihre Frage an %1 wurde beantwortet</translation>
    </message>
    <message>
        <source>You asked:</source>
        <translation>Sie fragten:</translation>
    </message>
    <message>
        <source>%1 answered:</source>
        <translation>%1 antwortete:</translation>
    </message>
    <message>
        <source>Test mail from %1</source>
        <translation>Test-E-Mail von %1</translation>
    </message>
    <message>
        <source>%1 sent this message from Gatehouse&apos;s mail settings to check that mail from %2 arrives. There is nothing else to do.</source>
        <translation>%1 hat diese Nachricht aus den E-Mail-Einstellungen von Gatehouse gesendet, um zu prüfen, ob E-Mails von %2 ankommen. Sie müssen nichts weiter tun.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailConfigService</name>
    <message>
        <source>The SMTP server must look like smtp://host:587 or smtps://host:465.</source>
        <translation>Der SMTP-Server muss die Form smtp://host:587 oder smtps://host:465 haben.</translation>
    </message>
    <message>
        <source>Mail through an SMTP server needs a sender address.</source>
        <translation>Für E-Mails über einen SMTP-Server ist eine Absenderadresse erforderlich.</translation>
    </message>
    <message>
        <source>The sender address is not a valid email address.</source>
        <translation>Die Absenderadresse ist keine gültige E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The SMTP user name is too long or contains line breaks.</source>
        <translation>Der SMTP-Benutzername ist zu lang oder enthält Zeilenumbrüche.</translation>
    </message>
    <message>
        <source>The sender name can be at most %1 characters on one line.</source>
        <translation>Der Absendername darf höchstens %1 Zeichen lang sein und muss in eine Zeile passen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailPassword</name>
    <message>
        <source>No SMTP user is set.</source>
        <translation>Es ist kein SMTP-Benutzer festgelegt.</translation>
    </message>
    <message>
        <source>Set the SMTP server and user before the password.</source>
        <translation>Legen Sie SMTP-Server und Benutzer fest, bevor Sie das Passwort eingeben.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailView</name>
    <message>
        <source>Open mailbox folder</source>
        <translation>Postfachordner öffnen</translation>
    </message>
    <message>
        <source>Without SMTP, mail is delivered to %1</source>
        <translation>Ohne SMTP werden E-Mails hier abgelegt: %1</translation>
    </message>
    <message>
        <source>Mail is sent through %1.</source>
        <translation>E-Mails werden über %1 versendet.</translation>
    </message>
    <message>
        <source>No mail yet. Invitations and sign-in codes appear here as soon as they are queued.</source>
        <translation>Noch keine E-Mails. Einladungen und Anmeldecodes erscheinen hier, sobald sie zum Versand anstehen.</translation>
    </message>
    <message>
        <source>Select a message to read it.</source>
        <translation>Wählen Sie eine Nachricht aus, um sie zu lesen.</translation>
    </message>
    <message>
        <source>The outbox could not be read: %1</source>
        <translation>Der Postausgang konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Postfach</translation>
    </message>
    <message>
        <source>No file manager could open %1.</source>
        <translation>Kein Dateimanager konnte %1 öffnen.</translation>
    </message>
    <message>
        <source>Outgoing mail</source>
        <translation>Ausgehende E-Mails</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MainWindow</name>
    <message>
        <source>%1 — Gatehouse</source>
        <translation>%1 – Gatehouse</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <source>Live updates paused: %1</source>
        <translation>Live-Aktualisierung angehalten: %1</translation>
    </message>
    <message>
        <source>Staff console</source>
        <translation>Mitarbeiterkonsole</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
    <message>
        <source>Companies &amp; contacts</source>
        <translation>Firmen &amp; Kontakte</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>E-Mail</translation>
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
        <source>&amp;New onboarding…</source>
        <translation>&amp;Neues Onboarding…</translation>
    </message>
    <message>
        <source>New &amp;company…</source>
        <translation>Neue &amp;Firma…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Onboardings</source>
        <translation>&amp;Onboardings</translation>
    </message>
    <message>
        <source>&amp;Companies &amp;&amp; contacts</source>
        <translation>&amp;Firmen &amp;&amp; Kontakte</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Gatehouse</source>
        <translation>Ü&amp;ber Gatehouse</translation>
    </message>
    <message>
        <source>Portal: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>Portal: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The client portal runs inside this console. Click to open it in your browser.</source>
        <translation>Das Kundenportal läuft in dieser Konsole. Klicken Sie, um es im Browser zu öffnen.</translation>
    </message>
    <message>
        <source>Mail delivery failed: %1</source>
        <translation>E-Mail-Zustellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Portal not running in this console</source>
        <translation>Portal läuft nicht in dieser Konsole</translation>
    </message>
    <message>
        <source>Invitation links point to %1.</source>
        <translation>Einladungslinks verweisen auf %1.</translation>
    </message>
    <message>
        <source>%1
Invitation links point to %2.</source>
        <translation>%1
Einladungslinks verweisen auf %2.</translation>
    </message>
    <message>
        <source>About Gatehouse</source>
        <translation>Über Gatehouse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;The client portal for managed service providers.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;br&gt;Portal links: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;Das Kundenportal für Managed Service Provider.&lt;/p&gt;&lt;p&gt;Arbeitsbereich: %2&lt;br&gt;Portal-Links: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Aktivität</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Posteingang (%1)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfung</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>Pos&amp;teingang</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>&amp;Vorlagen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>Ein&amp;stellungen</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>Sta&amp;rtseite</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>Su&amp;chen…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Startseite</translation>
    </message>
    <message>
        <source>That onboarding is no longer there.</source>
        <translation>Dieses Onboarding gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>&amp;Two-step sign-in…</source>
        <translation>&amp;Zweistufige Anmeldung…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MeetingSchedule</name>
    <message>
        <source>Choose the meeting&apos;s date.</source>
        <translation>Wählen Sie das Datum des Termins aus.</translation>
    </message>
    <message>
        <source>Choose the meeting&apos;s start time.</source>
        <translation>Wählen Sie die Startzeit des Termins aus.</translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Wählen Sie eine Zeitzone aus der Liste aus.</translation>
    </message>
    <message>
        <source>%1 does not exist on that day in %2 (the clocks change).</source>
        <translation>%1 gibt es an diesem Tag in %2 nicht (Zeitumstellung).</translation>
    </message>
    <message>
        <source>The duration must be between 5 minutes and 24 hours.</source>
        <translation>Die Dauer muss zwischen 5 Minuten und 24 Stunden liegen.</translation>
    </message>
    <message>
        <source>The date must be a day written as YYYY-MM-DD.</source>
        <translation>Das Datum muss als Tag im Format JJJJ-MM-TT angegeben werden.</translation>
    </message>
    <message>
        <source>The time must be written as HH:MM (24-hour clock).</source>
        <translation>Die Uhrzeit muss im Format HH:MM (24-Stunden-Format) angegeben werden.</translation>
    </message>
    <message>
        <source>The time zone must be an IANA name such as Europe/Berlin.</source>
        <translation>Die Zeitzone muss ein IANA-Name wie Europe/Berlin sein.</translation>
    </message>
    <message>
        <source>The duration must be a whole number of minutes.</source>
        <translation>Die Dauer muss eine ganze Zahl von Minuten sein.</translation>
    </message>
    <message>
        <source>The meeting link must be text.</source>
        <translation>Der Link zum Termin muss Text sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MemorySocket</name>
    <message>
        <source>The connection is closed.</source>
        <translation>Die Verbindung ist geschlossen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewCompanyDialog</name>
    <message>
        <source>New company</source>
        <translation>Neue Firma</translation>
    </message>
    <message>
        <source>e.g. Example Dental Ltd</source>
        <translation>z. B. Zahnarztpraxis Muster GmbH</translation>
    </message>
    <message>
        <source>Add company</source>
        <translation>Firma anlegen</translation>
    </message>
    <message>
        <source>Company &amp;name:</source>
        <translation>&amp;Firmenname:</translation>
    </message>
    <message>
        <source>The company could not be added.</source>
        <translation>Die Firma konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewContactDialog</name>
    <message>
        <source>New contact at %1</source>
        <translation>Neuer Kontakt bei %1</translation>
    </message>
    <message>
        <source>name@client.example</source>
        <translation>name@kunde.example</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Kontakt anlegen</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>The contact could not be added.</source>
        <translation>Der Kontakt konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewOnboardingDialog</name>
    <message>
        <source>New onboarding</source>
        <translation>Neues Onboarding</translation>
    </message>
    <message>
        <source>Create onboarding</source>
        <translation>Onboarding anlegen</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Firma:</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>&amp;Startdatum:</translation>
    </message>
    <message>
        <source>The onboarding gets the template&apos;s phases and tasks; due dates count from the start date.</source>
        <translation>Das Onboarding übernimmt die Phasen und Aufgaben der Vorlage; Fälligkeiten werden ab dem Startdatum berechnet.</translation>
    </message>
    <message>
        <source>Companies and templates could not be read: %1</source>
        <translation>Firmen und Vorlagen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>There are no companies yet. Add one under Companies &amp; contacts first.</source>
        <translation>Es gibt noch keine Firmen. Legen Sie zuerst unter „Firmen &amp; Kontakte“ eine an.</translation>
    </message>
    <message>
        <source>There are no templates yet.</source>
        <translation>Es gibt noch keine Vorlagen.</translation>
    </message>
    <message>
        <source>Onboarding %1</source>
        <translation>Onboarding %1</translation>
    </message>
    <message>
        <source>The onboarding could not be created.</source>
        <translation>Das Onboarding konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingDetailView</name>
    <message>
        <source>Mark complete</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>Status setzen</translation>
    </message>
    <message>
        <source>Select an onboarding to see its phases and tasks.</source>
        <translation>Wählen Sie ein Onboarding aus, um seine Phasen und Aufgaben zu sehen.</translation>
    </message>
    <message>
        <source>The onboarding could not be read: %1</source>
        <translation>Das Onboarding konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>All phases done</source>
        <translation>Alle Phasen abgeschlossen</translation>
    </message>
    <message>
        <source>Current phase: %1</source>
        <translation>Aktuelle Phase: %1</translation>
    </message>
    <message>
        <source>%1 · started %2 · %3</source>
        <translation>%1 · gestartet am %2 · %3</translation>
    </message>
    <message>
        <source>%1 of %2 tasks complete (%3%)</source>
        <translation>%1 von %2 Aufgaben erledigt (%3&#xa0;%)</translation>
    </message>
    <message>
        <source>Select a task to see its description.</source>
        <translation>Wählen Sie eine Aufgabe aus, um ihre Beschreibung zu sehen.</translation>
    </message>
    <message>
        <source>Completed by %1 on %2.</source>
        <translation>Erledigt von %1 am %2.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Notiz: %1</translation>
    </message>
    <message>
        <source>The client completes this task in the portal.</source>
        <translation>Der Kunde erledigt diese Aufgabe im Portal.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Status nicht geändert</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be set to %2: %3</source>
        <translation>„%1“ konnte nicht auf „%2“ gesetzt werden: %3</translation>
    </message>
    <message>
        <source>Credentials…</source>
        <translation>Zugangsdaten…</translation>
    </message>
    <message>
        <source>Schedule meeting…</source>
        <translation>Termin ansetzen…</translation>
    </message>
    <message>
        <source>Set up training…</source>
        <translation>Schulung einrichten…</translation>
    </message>
    <message>
        <source>Edit checklist…</source>
        <translation>Checkliste bearbeiten…</translation>
    </message>
    <message>
        <source>Edit form…</source>
        <translation>Formular bearbeiten…</translation>
    </message>
    <message>
        <source>Ticks…</source>
        <translation>Häkchen…</translation>
    </message>
    <message>
        <source>Entries…</source>
        <translation>Einträge…</translation>
    </message>
    <message>
        <source>Scheduled for %1 %2 (%3), %4 minutes: %5</source>
        <translation>Angesetzt für %1 %2 (%3), %4 Minuten: %5</translation>
    </message>
    <message>
        <source>Not scheduled yet.</source>
        <translation>Noch nicht angesetzt.</translation>
    </message>
    <message>
        <source>In person: mark it complete once the client has attended.</source>
        <translation>Vor Ort: Markieren Sie sie als erledigt, sobald der Kunde teilgenommen hat.</translation>
    </message>
    <message>
        <source>Not set up yet.</source>
        <translation>Noch nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Cannot edit</source>
        <translation>Bearbeiten nicht möglich</translation>
    </message>
    <message>
        <source>Evidence pack…</source>
        <translation>Nachweispaket…</translation>
    </message>
    <message>
        <source>Export signed PDFs, form answers, document hashes and the audit events of this onboarding as one ZIP</source>
        <translation>Unterschriebene PDFs, Formularantworten, Dokument-Hashes und die Prüfprotokoll-Ereignisse dieses Onboardings als eine ZIP-Datei exportieren</translation>
    </message>
    <message>
        <source>Phases and tasks</source>
        <translation>Phasen und Aufgaben</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingListModel</name>
    <message>
        <source>%1/%2 (%3%)</source>
        <translation>%1/%2 (%3&#xa0;%)</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 tasks completed</source>
        <translation>
            <numerusform>%n von %1 Aufgaben erledigt</numerusform>
            <numerusform>%n von %1 Aufgaben erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>Onboarding</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingService</name>
    <message>
        <source>Choose a company.</source>
        <translation>Wählen Sie eine Firma aus.</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Wählen Sie eine Vorlage aus.</translation>
    </message>
    <message>
        <source>Onboarding %1</source>
        <translation>Onboarding %1</translation>
    </message>
    <message>
        <source>The name can be at most 200 characters long.</source>
        <translation>Der Name darf höchstens 200 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Choose a start date.</source>
        <translation>Wählen Sie ein Startdatum aus.</translation>
    </message>
    <message>
        <source>The note can be at most 2000 characters long.</source>
        <translation>Die Notiz darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task is done by %1, not by you.</source>
        <translation>Diese Aufgabe übernimmt %1, nicht Sie.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Diese Aufgabe ist bereits erledigt.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingTreeModel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 of %2 tasks in this phase are done</source>
        <translation>%1 von %2 Aufgaben dieser Phase sind erledigt</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Completed by %1 on %2</source>
        <translation>Erledigt von %1 am %2</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Completion note</source>
        <translation>Abschlussnotiz</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingsView</name>
    <message>
        <source>New onboarding…</source>
        <translation>Neues Onboarding…</translation>
    </message>
    <message>
        <source>Search by company or name</source>
        <translation>Nach Firma oder Name suchen</translation>
    </message>
    <message>
        <source>Start an onboarding for a company from a template (Ctrl+N)</source>
        <translation>Ein Onboarding für eine Firma aus einer Vorlage starten (Strg+N)</translation>
    </message>
    <message>
        <source>The onboardings could not be read: %1</source>
        <translation>Die Onboardings konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>No onboardings yet — create one with New onboarding.</source>
        <translation>Noch keine Onboardings – legen Sie eines mit „Neues Onboarding“ an.</translation>
    </message>
    <message>
        <source>No onboarding matches “%1”.</source>
        <translation>Kein Onboarding passt zu „%1“.</translation>
    </message>
    <message>
        <source>Filter onboardings</source>
        <translation>Onboardings filtern</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OutboxModel</name>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Waiting (attempt %1)</source>
        <translation>Wartet (Versuch %1)</translation>
    </message>
    <message>
        <source>Waiting (attempt %1: %2)</source>
        <translation>Wartet (Versuch %1: %2)</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Gesendet am %1</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>In Warteschlange seit %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PageService</name>
    <message>
        <source>Give the page a title of at most 200 characters.</source>
        <translation>Geben Sie der Seite einen Titel mit höchstens 200 Zeichen.</translation>
    </message>
    <message>
        <source>A page can be at most 100,000 characters long.</source>
        <translation>Eine Seite darf höchstens 100.000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>There is no such page.</source>
        <translation>Diese Seite gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PagesPanel</name>
    <message>
        <source>&amp;New page</source>
        <translation>&amp;Neue Seite</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Visible to clients</source>
        <translation>Für &amp;Kunden sichtbar</translation>
    </message>
    <message>
        <source>&amp;Save page</source>
        <translation>Seite &amp;speichern</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Angezeigt</translation>
    </message>
    <message>
        <source>Portal pages, in the order clients see them</source>
        <translation>Portalseiten in der Reihenfolge, in der Kunden sie sehen</translation>
    </message>
    <message>
        <source>Page title</source>
        <translation>Seitentitel</translation>
    </message>
    <message>
        <source>Write in Markdown: ## Heading, - list item, [link text](https://…)</source>
        <translation>Schreiben Sie in Markdown: ## Überschrift, - Listenpunkt, [Linktext](https://…)</translation>
    </message>
    <message>
        <source>Page text in Markdown</source>
        <translation>Seitentext in Markdown</translation>
    </message>
    <message>
        <source>Preview as clients see it</source>
        <translation>Vorschau, wie Kunden die Seite sehen</translation>
    </message>
    <message>
        <source>Save page (Ctrl+S)</source>
        <translation>Seite speichern (Strg+S)</translation>
    </message>
    <message>
        <source>&amp;Markdown:</source>
        <translation>&amp;Markdown:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Vorschau:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>The pages could not be read: %1</source>
        <translation>Die Seiten konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>Sichtbar</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Ausgeblendet</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to this page?</source>
        <translation>Änderungen an dieser Seite speichern?</translation>
    </message>
    <message>
        <source>Save the changes to the page &quot;%1&quot;?</source>
        <translation>Änderungen an der Seite „%1“ speichern?</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>Seite löschen</translation>
    </message>
    <message>
        <source>Delete the page &quot;%1&quot;? Clients will no longer see it.</source>
        <translation>Die Seite „%1“ löschen? Kunden sehen sie danach nicht mehr.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Password</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>A password cannot be only spaces.</source>
        <translation>Ein Passwort darf nicht nur aus Leerzeichen bestehen.</translation>
    </message>
    <message>
        <source>This password is one of the most common ones and would be guessed quickly. Choose another.</source>
        <translation>Dieses Passwort gehört zu den häufigsten und wäre schnell erraten. Wählen Sie ein anderes.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAccessService</name>
    <message>
        <source>No such contact.</source>
        <translation>Diesen Kontakt gibt es nicht.</translation>
    </message>
    <message>
        <source>A sign-in code must last between %1 and %2 minutes.</source>
        <translation>Ein Anmeldecode muss zwischen %1 und %2 Minuten gültig sein.</translation>
    </message>
    <message>
        <source>A portal session must last between %1 and %2 hours.</source>
        <translation>Eine Portalsitzung muss zwischen %1 und %2 Stunden dauern.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAccountService</name>
    <message>
        <source>There is no such account. Choose one of the companies listed.</source>
        <translation>Dieses Konto gibt es nicht. Wählen Sie eine der aufgeführten Firmen.</translation>
    </message>
    <message>
        <source>There is no company to choose: you are signed in already.</source>
        <translation>Es gibt keine Firma zu wählen: Sie sind bereits angemeldet.</translation>
    </message>
    <message>
        <source>Finish signing in first.</source>
        <translation>Schließen Sie zuerst die Anmeldung ab.</translation>
    </message>
    <message>
        <source>You signed in with a password, which opens only this account. To switch to another company, sign out and sign in with a code sent to your email.</source>
        <translation>Sie haben sich mit einem Passwort angemeldet, das nur dieses Konto öffnet. Um zu einer anderen Firma zu wechseln, melden Sie sich ab und mit einem Code an, den wir Ihnen per E-Mail senden.</translation>
    </message>
    <message>
        <source>You are signed in to this company already.</source>
        <translation>Sie sind bereits bei dieser Firma angemeldet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAuthService</name>
    <message>
        <source>This invitation link is not valid any more. Ask your contact for a new one, or sign in with your email address.</source>
        <translation>Dieser Einladungslink ist nicht mehr gültig. Bitten Sie Ihren Ansprechpartner um einen neuen Link oder melden Sie sich mit Ihrer E-Mail-Adresse an.</translation>
    </message>
    <message>
        <source>That code is not correct or has expired.</source>
        <translation>Der Code ist falsch oder abgelaufen.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation>Geben Sie den 6-stelligen Code aus der E-Mail ein.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new sign-in email.</source>
        <translation>Zu viele falsche Codes. Fordern Sie eine neue Anmelde-E-Mail an.</translation>
    </message>
    <message>
        <source>This sign-in link has expired or was already used. Ask for a new one.</source>
        <translation>Dieser Anmeldelink ist abgelaufen oder wurde bereits verwendet. Fordern Sie einen neuen an.</translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation>Bitte melden Sie sich an.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>You are already signed in.</source>
        <translation>Sie sind bereits angemeldet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalContext</name>
    <message>
        <source>This request did not come from the portal&apos;s own pages. Reload the page and try again.</source>
        <translation>Diese Anfrage kam nicht von den Seiten des Portals. Laden Sie die Seite neu und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>Finish signing in first.</source>
        <translation>Schließen Sie zuerst die Anmeldung ab.</translation>
    </message>
    <message>
        <source>Your role in this portal does not allow this. Ask your company&apos;s primary contact or your IT provider if you need it.</source>
        <translation>Ihre Rolle in diesem Portal erlaubt das nicht. Wenden Sie sich an den Hauptkontakt Ihrer Firma oder an Ihren IT-Dienstleister, wenn Sie es benötigen.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This is a read-only view of the portal for staff: nothing can be changed in it.</source>
        <translation>Dies ist eine schreibgeschützte Ansicht des Portals für Mitarbeiter: Darin kann nichts geändert werden.</translation>
    </message>
    <message>
        <source>The file did not arrive whole. Please send it again.</source>
        <translation>Die Datei ist nicht vollständig angekommen. Bitte senden Sie sie erneut.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalPanel</name>
    <message>
        <source>&amp;Save portal settings</source>
        <translation>Portaleinstellungen &amp;speichern</translation>
    </message>
    <message>
        <source>https://portal.example.com — empty: this computer&apos;s address</source>
        <translation>https://portal.example.com – leer: die Adresse dieses Computers</translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation>Portaladresse</translation>
    </message>
    <message>
        <source>PEM file; empty: plain HTTP</source>
        <translation>PEM-Datei; leer: einfaches HTTP</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>TLS-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>PEM-Datei</translation>
    </message>
    <message>
        <source>TLS key file</source>
        <translation>TLS-Schlüsseldatei</translation>
    </message>
    <message>
        <source>Save the portal settings (Ctrl+S)</source>
        <translation>Portaleinstellungen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Links in mail and invitations point to the portal address. Use it when clients reach this computer&apos;s portal through a name of its own or a reverse proxy. These settings belong to this computer and apply when Gatehouse next starts.</source>
        <translation>Links in E-Mails und Einladungen verweisen auf die Portaladresse. Verwenden Sie sie, wenn Kunden das Portal dieses Computers über einen eigenen Namen oder einen Reverse Proxy erreichen. Diese Einstellungen gelten für diesen Computer und werden beim nächsten Start von Gatehouse wirksam.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Portal &amp;address:</source>
        <translation>Portal&amp;adresse:</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>TLS-&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Choose the TLS certificate</source>
        <translation>TLS-Zertifikat auswählen</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>TLS-Sch&amp;lüssel:</translation>
    </message>
    <message>
        <source>Choose the TLS key</source>
        <translation>TLS-Schlüssel auswählen</translation>
    </message>
    <message>
        <source>Save the portal settings</source>
        <translation>Portaleinstellungen speichern</translation>
    </message>
    <message>
        <source>Clients now reach the portal at %1.</source>
        <translation>Kunden erreichen das Portal jetzt unter %1.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Saved. Clients now reach the portal at %1; restart Gatehouse to use the new settings.</source>
        <translation>Gespeichert. Kunden erreichen das Portal jetzt unter %1; starten Sie Gatehouse neu, um die neuen Einstellungen zu verwenden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalPreview</name>
    <message>
        <source>the page&apos;s process ended (exit code %1)</source>
        <translation>der Prozess der Seite wurde beendet (Exitcode %1)</translation>
    </message>
    <message>
        <source>the page&apos;s process ended abnormally (exit code %1)</source>
        <translation>der Prozess der Seite wurde unerwartet beendet (Exitcode %1)</translation>
    </message>
    <message>
        <source>the page&apos;s process crashed</source>
        <translation>der Prozess der Seite ist abgestürzt</translation>
    </message>
    <message>
        <source>the page&apos;s process was killed</source>
        <translation>der Prozess der Seite wurde abgebrochen</translation>
    </message>
    <message>
        <source>Starting the preview…</source>
        <translation>Vorschau wird gestartet …</translation>
    </message>
    <message>
        <source>Portal preview</source>
        <translation>Portalvorschau</translation>
    </message>
    <message>
        <source>The portal&apos;s sign-in page as clients will see it with this branding, before it is saved. Arrow and page keys scroll it.</source>
        <translation>Die Anmeldeseite des Portals, wie Kunden sie mit diesem Branding sehen werden, vor dem Speichern. Pfeil- und Bildtasten blättern.</translation>
    </message>
    <message>
        <source>No preview: %1 The branding can still be edited and saved.</source>
        <translation>Keine Vorschau: %1 Das Branding kann trotzdem bearbeitet und gespeichert werden.</translation>
    </message>
    <message>
        <source>The preview could not show the portal&apos;s page.</source>
        <translation>Die Vorschau konnte die Seite des Portals nicht anzeigen.</translation>
    </message>
    <message>
        <source>The preview stopped: %1. The branding can still be edited and saved.</source>
        <translation>Die Vorschau wurde beendet: %1. Das Branding kann trotzdem bearbeitet und gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRole</name>
    <message>
        <source>See the onboarding, its tasks and documents</source>
        <translation>Das Onboarding, seine Aufgaben und Dokumente sehen</translation>
    </message>
    <message>
        <source>Complete tasks, meetings and trainings</source>
        <translation>Aufgaben, Termine und Schulungen erledigen</translation>
    </message>
    <message>
        <source>Upload documents</source>
        <translation>Dokumente hochladen</translation>
    </message>
    <message>
        <source>Sign documents</source>
        <translation>Dokumente unterschreiben</translation>
    </message>
    <message>
        <source>Approve or reject</source>
        <translation>Freigeben oder ablehnen</translation>
    </message>
    <message>
        <source>Hand over credentials</source>
        <translation>Zugangsdaten übergeben</translation>
    </message>
    <message>
        <source>Send files through secure file drops</source>
        <translation>Dateien über die sichere Dateiablage senden</translation>
    </message>
    <message>
        <source>Fill in forms and checklists</source>
        <translation>Formulare und Checklisten ausfüllen</translation>
    </message>
    <message>
        <source>Read the conversation on tasks</source>
        <translation>Die Unterhaltung zu Aufgaben lesen</translation>
    </message>
    <message>
        <source>Write comments on tasks</source>
        <translation>Kommentare zu Aufgaben schreiben</translation>
    </message>
    <message>
        <source>Ask questions</source>
        <translation>Fragen stellen</translation>
    </message>
    <message>
        <source>See invoices and quotes</source>
        <translation>Rechnungen und Angebote sehen</translation>
    </message>
    <message>
        <source>Accept quotes</source>
        <translation>Angebote annehmen</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Hauptkontakt</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technik</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Buchhaltung</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRoleService</name>
    <message>
        <source>Enter the role&apos;s name (at most 60 characters).</source>
        <translation>Geben Sie den Namen der Rolle ein (höchstens 60 Zeichen).</translation>
    </message>
    <message>
        <source>There is already a role with this name.</source>
        <translation>Es gibt bereits eine Rolle mit diesem Namen.</translation>
    </message>
    <message>
        <source>No such role.</source>
        <translation>Diese Rolle gibt es nicht.</translation>
    </message>
    <message>
        <source>No such contact.</source>
        <translation>Diesen Kontakt gibt es nicht.</translation>
    </message>
    <message>
        <source>Built-in roles cannot be changed; create a role of your own.</source>
        <translation>Integrierte Rollen können nicht geändert werden; legen Sie eine eigene Rolle an.</translation>
    </message>
    <message>
        <source>Built-in roles cannot be removed.</source>
        <translation>Integrierte Rollen können nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Contacts still have this role, or new contacts get it. Give them another role first.</source>
        <translation>Kontakte haben diese Rolle noch, oder neue Kontakte erhalten sie. Weisen Sie ihnen zuerst eine andere Rolle zu.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRolesDialog</name>
    <message>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <source>Save role</source>
        <translation>Rolle speichern</translation>
    </message>
    <message>
        <source>Remove role</source>
        <translation>Rolle entfernen</translation>
    </message>
    <message>
        <source>Portal roles</source>
        <translation>Portalrollen</translation>
    </message>
    <message>
        <source>The role contacts added from now on start with</source>
        <translation>Die Rolle, mit der ab jetzt hinzugefügte Kontakte beginnen</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>New contacts get:</source>
        <translation>Neue Kontakte erhalten:</translation>
    </message>
    <message>
        <source>Built-in roles are fixed; create your own for anything else. A change applies to the contact&apos;s next request.</source>
        <translation>Integrierte Rollen sind fest vorgegeben; legen Sie für alles andere eigene an. Eine Änderung gilt ab der nächsten Anfrage des Kontakts.</translation>
    </message>
    <message>
        <source>The roles could not be read: %1</source>
        <translation>Die Rollen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (built in)</source>
        <translation>%1 (integriert)</translation>
    </message>
    <message>
        <source>The role was not saved: %1</source>
        <translation>Die Rolle wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The role was not removed: %1</source>
        <translation>Die Rolle wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <source>The role for new contacts was not changed: %1</source>
        <translation>Die Rolle für neue Kontakte wurde nicht geändert: %1</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rollen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalSessionOpener</name>
    <message>
        <source>This sign-in was already used. Ask for a new one.</source>
        <translation>Diese Anmeldung wurde bereits verwendet. Bitte fordern Sie eine neue an.</translation>
    </message>
    <message>
        <source>This sign-in has ended. Please sign in again.</source>
        <translation>Diese Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalThrottle</name>
    <message>
        <source>Too many attempts. Please wait a few minutes and try again.</source>
        <translation>Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PostgresBackup</name>
    <message>
        <source>The existing file %1 could not be replaced.</source>
        <translation>Die vorhandene Datei %1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>The backup could not be moved to %1.</source>
        <translation>Die Sicherung konnte nicht nach %1 verschoben werden.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>A working folder could not be made: %1</source>
        <translation>Ein Arbeitsordner konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The file is not a Gatehouse backup of a PostgreSQL database (%1). Nothing was changed.</source>
        <translation>Die Datei ist keine Gatehouse-Sicherung einer PostgreSQL-Datenbank (%1). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The database is in use: another program held a lock on it. Nothing was changed; try again.</source>
        <translation>Die Datenbank wird gerade verwendet: Ein anderes Programm hielt eine Sperre darauf. Es wurde nichts geändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The restore failed and was rolled back; nothing was changed. %1</source>
        <translation>Die Wiederherstellung ist fehlgeschlagen und wurde zurückgenommen; es wurde nichts geändert. %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PostgresTools</name>
    <message>
        <source>%1 is version %2, older than the database server (PostgreSQL %3), and cannot back it up or restore it. Install the PostgreSQL %3 client tools (Debian: postgresql-client-%3).</source>
        <translation>%1 hat die Version %2, ist älter als der Datenbankserver (PostgreSQL %3) und kann ihn daher weder sichern noch wiederherstellen. Installieren Sie die Client-Werkzeuge von PostgreSQL %3 (Debian: postgresql-client-%3).</translation>
    </message>
    <message>
        <source>%1 was not found. Install the PostgreSQL client tools (Debian: postgresql-client), or put %1 on the PATH.</source>
        <translation>%1 wurde nicht gefunden. Installieren Sie die PostgreSQL-Client-Werkzeuge (Debian: postgresql-client) oder nehmen Sie %1 in den PATH auf.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>%1 failed (exit code %2).</source>
        <translation>%1 ist fehlgeschlagen (Exit-Code %2).</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::QuestionListModel</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Gefragt von</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Gefragt am</translation>
    </message>
</context>
<context>
    <name>Gatehouse::QuestionService</name>
    <message>
        <source>Write your question first.</source>
        <translation>Schreiben Sie zuerst Ihre Frage.</translation>
    </message>
    <message>
        <source>A question can be at most 4000 characters long.</source>
        <translation>Eine Frage darf höchstens 4000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Dieses Onboarding gibt es nicht.</translation>
    </message>
    <message>
        <source>Write an answer of at most 4000 characters.</source>
        <translation>Schreiben Sie eine Antwort mit höchstens 4000 Zeichen.</translation>
    </message>
    <message>
        <source>There is no such question.</source>
        <translation>Diese Frage gibt es nicht.</translation>
    </message>
    <message>
        <source>This question has been answered already.</source>
        <translation>Diese Frage wurde bereits beantwortet.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RequestGate</name>
    <message>
        <source>The address of this request is too long.</source>
        <translation>Die Adresse dieser Anfrage ist zu lang.</translation>
    </message>
    <message>
        <source>The request headers are too large.</source>
        <translation>Die Kopfzeilen der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>The request trailers are too large.</source>
        <translation>Die nachgestellten Kopfzeilen der Anfrage sind zu groß.</translation>
    </message>
    <message>
        <source>A chunk header is malformed.</source>
        <translation>Ein Chunk-Kopf ist fehlerhaft.</translation>
    </message>
    <message>
        <source>A chunk is not terminated properly.</source>
        <translation>Ein Chunk ist nicht korrekt abgeschlossen.</translation>
    </message>
    <message>
        <source>A chunk size is malformed.</source>
        <translation>Eine Chunk-Größe ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request body is too large.</source>
        <translation>Der Inhalt der Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>Use HTTP/1.1.</source>
        <translation>Bitte HTTP/1.1 verwenden.</translation>
    </message>
    <message>
        <source>The request line is malformed.</source>
        <translation>Die Anfragezeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The request has too many header fields.</source>
        <translation>Die Anfrage hat zu viele Kopfzeilen.</translation>
    </message>
    <message>
        <source>A header line is malformed.</source>
        <translation>Eine Kopfzeile ist fehlerhaft.</translation>
    </message>
    <message>
        <source>The Content-Length header is invalid.</source>
        <translation>Die Angabe Content-Length ist ungültig.</translation>
    </message>
    <message>
        <source>Only the chunked transfer encoding is supported.</source>
        <translation>Nur die Übertragungskodierung „chunked“ wird unterstützt.</translation>
    </message>
    <message>
        <source>The request has two Host headers.</source>
        <translation>Die Anfrage hat zwei Host-Angaben.</translation>
    </message>
    <message>
        <source>Unsupported expectation.</source>
        <translation>Nicht unterstützte Erwartung (Expect).</translation>
    </message>
    <message>
        <source>A request cannot carry both Content-Length and Transfer-Encoding.</source>
        <translation>Eine Anfrage darf nicht zugleich Content-Length und Transfer-Encoding angeben.</translation>
    </message>
    <message>
        <source>The request has no Host header.</source>
        <translation>Die Anfrage hat keine Host-Angabe.</translation>
    </message>
    <message>
        <source>The request carries a header reserved for the server.</source>
        <translation>Die Anfrage enthält eine Kopfzeile, die dem Server vorbehalten ist.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RevealReasonDialog</name>
    <message>
        <source>Reveal %1</source>
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <source>Why are you revealing %1? Optional; the reason is recorded with the reveal in the audit trail and the client&apos;s timeline.</source>
        <translation>Warum zeigen Sie %1 an? Optional; der Grund wird zusammen mit dem Anzeigen im Prüfprotokoll und im Verlauf des Kunden festgehalten.</translation>
    </message>
    <message>
        <source>For example: setting up the firewall</source>
        <translation>Zum Beispiel: Einrichtung der Firewall</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Anzeigen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RevealedCredentialDialog</name>
    <message>
        <source>Credentials from %1</source>
        <translation>Zugangsdaten von %1</translation>
    </message>
    <message>
        <source>This credential is not in a form the console reads.</source>
        <translation>Diese Zugangsdaten liegen in einem Format vor, das die Konsole nicht lesen kann.</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notizen:</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Alles kopieren</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ReviewQueueModel</name>
    <message>
        <source>File to review</source>
        <translation>Datei zu prüfen</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>Änderungen angefordert</translation>
    </message>
    <message>
        <source>Training to hold</source>
        <translation>Schulung durchzuführen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>Wartet auf</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ReviewQueueView</name>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>Kopie &amp;speichern…</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>Wartet auf Sie</translation>
    </message>
    <message>
        <source>Note for the client (needed to reject)</source>
        <translation>Notiz für den Kunden (zum Ablehnen erforderlich)</translation>
    </message>
    <message>
        <source>Note for the client</source>
        <translation>Notiz für den Kunden</translation>
    </message>
    <message>
        <source>Nothing waits for you. Files, approvals sent back and trainings to hold appear here as clients act.</source>
        <translation>Nichts wartet auf Sie. Dateien, zurückgewiesene Freigaben und durchzuführende Schulungen erscheinen hier, sobald Kunden aktiv werden.</translation>
    </message>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>Die Warteschlange konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Select an item to see it here.</source>
        <translation>Wählen Sie einen Eintrag aus, um ihn hier zu sehen.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Reopen for the client</source>
        <translation>Für den Kunden &amp;wieder öffnen</translation>
    </message>
    <message>
        <source>The client asked for changes:

%1

Revise what they approve, then reopen the task so they can answer again.</source>
        <translation>Der Kunde hat Änderungen angefordert:

%1

Überarbeiten Sie den freizugebenden Inhalt und öffnen Sie die Aufgabe dann wieder, damit der Kunde erneut antworten kann.</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>Als &amp;erledigt markieren</translation>
    </message>
    <message>
        <source>In-person training:

%1

Mark it done once it was held.</source>
        <translation>Schulung vor Ort:

%1

Markieren Sie sie als erledigt, sobald sie stattgefunden hat.</translation>
    </message>
    <message>
        <source>Save a copy of %1</source>
        <translation>Kopie von %1 speichern</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Datei nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>%1 konnte nicht unter %2 gespeichert werden: %3</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>Nächster Eintrag</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>Vorheriger Eintrag</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ScheduleMeetingDialog</name>
    <message>
        <source>Schedule &quot;%1&quot;</source>
        <translation>„%1“ ansetzen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Schedule and invite</source>
        <translation>Ansetzen und einladen</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Aufgabe:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Uhrzeit:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Zeitzone:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>Dau&amp;er:</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>&amp;Link zum Termin:</translation>
    </message>
    <message>
        <source>Each contact of the client with portal access gets an invitation with a calendar file.</source>
        <translation>Jeder Kontakt des Kunden mit Portalzugang erhält eine Einladung mit einer Kalenderdatei.</translation>
    </message>
    <message>
        <source>Use this schedule</source>
        <translation>Diesen Zeitplan verwenden</translation>
    </message>
    <message>
        <source>Every onboarding created from the template gets this meeting at this time. Nobody is invited until the meeting is scheduled on an onboarding.</source>
        <translation>Jedes aus der Vorlage angelegte Onboarding erhält diesen Termin zu dieser Zeit. Eingeladen wird erst, wenn der Termin in einem Onboarding angesetzt wird.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ScreenshotTour</name>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>There is no screenshot called &quot;%1&quot;.</source>
        <translation>Es gibt keinen Screenshot namens „%1“.</translation>
    </message>
    <message>
        <source>The screenshot %1 could not be written.</source>
        <translation>Der Screenshot %1 konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SearchResultModel</name>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>Onboarding</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SecondFactor</name>
    <message>
        <source>That code is not correct. Enter the code your authenticator app shows now, or one of your recovery codes.</source>
        <translation>Dieser Code ist nicht korrekt. Geben Sie den Code ein, den Ihre Authenticator-App jetzt anzeigt, oder einen Ihrer Wiederherstellungscodes.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please sign in again.</source>
        <translation>Zu viele falsche Codes. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App anzeigt.</translation>
    </message>
    <message>
        <source>That code is not correct. Check that your phone&apos;s clock is right and enter the code your app shows now.</source>
        <translation>Dieser Code ist nicht korrekt. Prüfen Sie, ob die Uhrzeit Ihres Telefons stimmt, und geben Sie den Code ein, den Ihre App jetzt anzeigt.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SecretField</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message numerus="yes">
        <source>Copies it to the clipboard for %n second(s).</source>
        <translation>
            <numerusform>Kopiert den Wert für %n Sekunde in die Zwischenablage.</numerusform>
            <numerusform>Kopiert den Wert für %n Sekunden in die Zwischenablage.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ServiceError</name>
    <message>
        <source>Something went wrong on our side. Please try again.</source>
        <translation>Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SettingsView</name>
    <message>
        <source>&amp;Branding</source>
        <translation>&amp;Branding</translation>
    </message>
    <message>
        <source>&amp;Portal pages</source>
        <translation>&amp;Portalseiten</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Datenbank</translation>
    </message>
    <message>
        <source>Si&amp;gn-in</source>
        <translation>An&amp;meldung</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <source>Por&amp;tal</source>
        <translation>Por&amp;tal</translation>
    </message>
    <message>
        <source>Sta&amp;ff</source>
        <translation>M&amp;itarbeiter</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupAdminPage</name>
    <message>
        <source>Your administrator account</source>
        <translation>Ihr Administratorkonto</translation>
    </message>
    <message>
        <source>You sign in to the console with this email and password. You can add colleagues later.</source>
        <translation>Mit dieser E-Mail-Adresse und diesem Passwort melden Sie sich an der Konsole an. Kolleginnen und Kollegen können Sie später hinzufügen.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>Mindestens %n Zeichen</numerusform>
            <numerusform>Mindestens %n Zeichen</numerusform>
        </translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>Passwort &amp;bestätigen:</translation>
    </message>
    <message numerus="yes">
        <source>The password must be at least %n characters long.</source>
        <translation>
            <numerusform>Das Passwort muss mindestens %n Zeichen lang sein.</numerusform>
            <numerusform>Das Passwort muss mindestens %n Zeichen lang sein.</numerusform>
        </translation>
    </message>
    <message>
        <source>The passwords do not match. Type the same password twice.</source>
        <translation>Die Passwörter stimmen nicht überein. Geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
    <message>
        <source>The workspace could not be created.</source>
        <translation>Der Arbeitsbereich konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The workspace could not be created: %1</source>
        <translation>Der Arbeitsbereich konnte nicht angelegt werden: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupWizard</name>
    <message>
        <source>Set up Gatehouse</source>
        <translation>Gatehouse einrichten</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Arbeitsbereich anlegen</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupWorkspacePage</name>
    <message>
        <source>Welcome to Gatehouse</source>
        <translation>Willkommen bei Gatehouse</translation>
    </message>
    <message>
        <source>Gatehouse keeps your client onboardings, invitations and portal in one place. Start by naming your workspace.</source>
        <translation>Gatehouse bündelt die Onboardings Ihrer Kunden, Einladungen und das Portal an einem Ort. Geben Sie zunächst Ihrem Arbeitsbereich einen Namen.</translation>
    </message>
    <message>
        <source>e.g. Northwind IT</source>
        <translation>z. B. Northwind IT</translation>
    </message>
    <message>
        <source>Your clients see this name in the portal and in every email.</source>
        <translation>Ihre Kunden sehen diesen Namen im Portal und in jeder E-Mail.</translation>
    </message>
    <message>
        <source>Workspace &amp;name:</source>
        <translation>&amp;Name des Arbeitsbereichs:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>(not described)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignInPanel</name>
    <message>
        <source>&amp;Save sign-in settings</source>
        <translation>Anmeldeeinstellungen &amp;speichern</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> Minuten</translation>
    </message>
    <message>
        <source>Sign-in code lifetime in minutes</source>
        <translation>Gültigkeit des Anmeldecodes in Minuten</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>Portal session lifetime in hours</source>
        <translation>Dauer der Portalsitzung in Stunden</translation>
    </message>
    <message>
        <source>Staff view of the portal lifetime in minutes</source>
        <translation>Dauer der Mitarbeiteransicht des Portals in Minuten</translation>
    </message>
    <message>
        <source>How long &quot;View portal as…&quot; lasts; only administrators may change it</source>
        <translation>Wie lange „Portal ansehen als…“ dauert; nur Administratoren dürfen das ändern</translation>
    </message>
    <message>
        <source>Save the sign-in settings (Ctrl+S)</source>
        <translation>Anmeldeeinstellungen speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Clients sign in to the portal with a code or link sent by email. A session ends when it has not been used for the time set here; sessions already open change at their next use.</source>
        <translation>Kunden melden sich mit einem Code oder Link per E-Mail im Portal an. Eine Sitzung endet, wenn sie für die hier festgelegte Zeit nicht genutzt wurde; bereits offene Sitzungen übernehmen die Änderung bei ihrer nächsten Nutzung.</translation>
    </message>
    <message>
        <source>Emailed &amp;code and link last:</source>
        <translation>&amp;Code und Link per E-Mail gelten:</translation>
    </message>
    <message>
        <source>A &amp;session ends after being unused for:</source>
        <translation>&amp;Unbenutzte Sitzungen enden nach:</translation>
    </message>
    <message>
        <source>A staff &amp;view of the portal ends after:</source>
        <translation>Eine Mitarbeiter&amp;ansicht des Portals endet nach:</translation>
    </message>
    <message>
        <source>Save the sign-in settings</source>
        <translation>Anmeldeeinstellungen speichern</translation>
    </message>
    <message>
        <source>The sign-in settings could not be read: %1</source>
        <translation>Die Anmeldeeinstellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>New contacts get portal &amp;access</source>
        <translation>Neue Kontakte erhalten &amp;Portalzugang</translation>
    </message>
    <message>
        <source>Contacts must use an au&amp;thenticator app</source>
        <translation>Kontakte müssen eine Authen&amp;ticator-App verwenden</translation>
    </message>
    <message>
        <source>Whether contacts added from now on may be invited to the portal</source>
        <translation>Ob ab jetzt angelegte Kontakte ins Portal eingeladen werden dürfen</translation>
    </message>
    <message>
        <source>Contacts without an authenticator app (TOTP) must set one up at their next sign-in before they can use the portal</source>
        <translation>Kontakte ohne Authenticator-App (TOTP) müssen bei ihrer nächsten Anmeldung eine einrichten, bevor sie das Portal nutzen können</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignatureService</name>
    <message>
        <source>%1 (the task&apos;s text)</source>
        <translation>%1 (Text der Aufgabe)</translation>
    </message>
    <message>
        <source>Enter your full name (at most 200 characters).</source>
        <translation>Geben Sie Ihren vollständigen Namen ein (höchstens 200 Zeichen).</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>This task does not ask for a signature.</source>
        <translation>Diese Aufgabe erfordert keine Unterschrift.</translation>
    </message>
    <message>
        <source>This is signed already.</source>
        <translation>Dies wurde bereits unterschrieben.</translation>
    </message>
    <message>
        <source>Signature certificate - %1.pdf</source>
        <translation>Signaturzertifikat - %1.pdf</translation>
    </message>
    <message>
        <source>The signed document can no longer be read.</source>
        <translation>Das unterschriebene Dokument kann nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>The signed task can no longer be read.</source>
        <translation>Die unterschriebene Aufgabe kann nicht mehr gelesen werden.</translation>
    </message>
    <message>
        <source>The document has changed since it was signed.</source>
        <translation>Das Dokument wurde seit der Unterschrift geändert.</translation>
    </message>
    <message>
        <source>The signature record has changed since it was signed.</source>
        <translation>Der Unterschriftsnachweis wurde seit der Unterschrift geändert.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignedPdf</name>
    <message>
        <source>Signature certificate: %1</source>
        <translation>Signaturzertifikat: %1</translation>
    </message>
    <message>
        <source>Signature certificate</source>
        <translation>Signaturzertifikat</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>What was signed</source>
        <translation>Was unterschrieben wurde</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Document SHA-256</source>
        <translation>SHA-256 des Dokuments</translation>
    </message>
    <message>
        <source>Who, when, where</source>
        <translation>Wer, wann, wo</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Unterschrieben von</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Typed name</source>
        <translation>Eingetippter Name</translation>
    </message>
    <message>
        <source>Drawn signature</source>
        <translation>Gezeichnete Unterschrift</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Browser</translation>
    </message>
    <message>
        <source>Evidence SHA-256</source>
        <translation>SHA-256 des Nachweises</translation>
    </message>
    <message>
        <source>The evidence hash covers the document&apos;s bytes, the signer&apos;s name, the signature image, the signer&apos;s email address and the time. Any change to one of them changes the hash.</source>
        <translation>Der Nachweis-Hash umfasst die Bytes des Dokuments, den Namen des Unterzeichners, das Unterschriftsbild, die E-Mail-Adresse des Unterzeichners und die Zeit. Jede Änderung an einem davon ändert den Hash.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SqliteBackup</name>
    <message>
        <source>The SQLite driver does not give access to its connection.</source>
        <translation>Der SQLite-Treiber gibt keinen Zugriff auf seine Verbindung.</translation>
    </message>
    <message>
        <source>The backup file could not be created: %1</source>
        <translation>Die Sicherungsdatei konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>The database stayed locked by another program; try again.</source>
        <translation>Die Datenbank blieb durch ein anderes Programm gesperrt; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The backup file could not be finished: %1</source>
        <translation>Die Sicherungsdatei konnte nicht abgeschlossen werden: %1</translation>
    </message>
    <message>
        <source>The existing file %1 could not be replaced.</source>
        <translation>Die vorhandene Datei %1 konnte nicht ersetzt werden.</translation>
    </message>
    <message>
        <source>The backup could not be moved to %1.</source>
        <translation>Die Sicherung konnte nicht nach %1 verschoben werden.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Die Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>A working folder could not be made: %1</source>
        <translation>Ein Arbeitsordner konnte nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The backup could not be brought up to date: %1</source>
        <translation>Die Sicherung konnte nicht auf den neuesten Stand gebracht werden: %1</translation>
    </message>
    <message>
        <source>The database is in use: another program (a portal server?) kept it locked. Nothing was changed; try again, or stop that program first.</source>
        <translation>Die Datenbank wird gerade verwendet: Ein anderes Programm (ein Portalserver?) hielt sie gesperrt. Es wurde nichts geändert; versuchen Sie es erneut oder beenden Sie zuerst dieses Programm.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffAuthService</name>
    <message>
        <source>The email or password is not correct.</source>
        <translation>E-Mail-Adresse oder Passwort ist nicht korrekt.</translation>
    </message>
    <message>
        <source>There is no such staff member.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>Das aktuelle Passwort ist nicht korrekt.</translation>
    </message>
    <message>
        <source>Sign in again.</source>
        <translation>Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app.</source>
        <translation>Geben Sie den Code aus Ihrer Authenticator-App ein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffOwnerButton</name>
    <message>
        <source>The member of staff who answers for this task and hears when the client acts on it</source>
        <translation>Der Mitarbeiter, der für diese Aufgabe zuständig ist und benachrichtigt wird, wenn der Kunde sie bearbeitet</translation>
    </message>
    <message>
        <source>The member of staff who answers for this onboarding</source>
        <translation>Der Mitarbeiter, der für dieses Onboarding zuständig ist</translation>
    </message>
    <message>
        <source>Task owner</source>
        <translation>Zuständig für die Aufgabe</translation>
    </message>
    <message>
        <source>Onboarding owner</source>
        <translation>Zuständig für das Onboarding</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Zuständig: %1</translation>
    </message>
    <message>
        <source>Owner: %1 (onboarding)</source>
        <translation>Zuständig: %1 (Onboarding)</translation>
    </message>
    <message>
        <source>Owner not changed</source>
        <translation>Zuständigkeit nicht geändert</translation>
    </message>
    <message>
        <source>The onboarding&apos;s owner (%1)</source>
        <translation>Zuständige Person des Onboardings (%1)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffOwnerService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such member of staff.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Dieses Onboarding gibt es nicht.</translation>
    </message>
    <message>
        <source>Choose a member of staff.</source>
        <translation>Wählen Sie einen Mitarbeiter aus.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffPanel</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>Mitarbeiter &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>&amp;Rolle ändern</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Reset &amp;two-step sign-in</source>
        <translation>&amp;Zweistufige Anmeldung zurücksetzen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Two-step</source>
        <translation>Zweistufig</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Letzte Anmeldung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Neue Rolle</translation>
    </message>
    <message>
        <source>For a member who lost their phone: they sign in with their password alone and may set two-step sign-in up again.</source>
        <translation>Für einen Mitarbeiter, der sein Telefon verloren hat: Er meldet sich nur mit seinem Passwort an und kann die zweistufige Anmeldung anschließend erneut einrichten.</translation>
    </message>
    <message>
        <source>Technicians work on onboardings; leads also change templates, start onboardings and invite contacts; administrators also manage staff and the workspace&apos;s settings.</source>
        <translation>Techniker bearbeiten Onboardings; Teamleiter ändern zusätzlich Vorlagen, starten Onboardings und laden Kontakte ein; Administratoren verwalten zusätzlich die Mitarbeiter und die Einstellungen des Arbeitsbereichs.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Re&amp;aktivieren</translation>
    </message>
    <message>
        <source>Member added</source>
        <translation>Mitarbeiter hinzugefügt</translation>
    </message>
    <message>
        <source>%1 can now sign in as %2 with the password %3. They choose their own password the first time they sign in.</source>
        <translation>%1 kann sich jetzt als %2 mit dem Passwort %3 anmelden. Bei der ersten Anmeldung wählt der Mitarbeiter ein eigenes Passwort.</translation>
    </message>
    <message>
        <source>Reset two-step sign-in</source>
        <translation>Zweistufige Anmeldung zurücksetzen</translation>
    </message>
    <message>
        <source>Turn off two-step sign-in for %1? They sign in with their password alone until they set it up again.</source>
        <translation>Zweistufige Anmeldung für %1 ausschalten? Die Anmeldung erfolgt dann nur mit dem Passwort, bis sie erneut eingerichtet wird.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRepository</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRole</name>
    <message>
        <source>work on onboardings</source>
        <translation>Onboardings bearbeiten</translation>
    </message>
    <message>
        <source>review documents</source>
        <translation>Dokumente prüfen</translation>
    </message>
    <message>
        <source>answer questions</source>
        <translation>Fragen beantworten</translation>
    </message>
    <message>
        <source>view the portal as a contact</source>
        <translation>das Portal als Kontakt ansehen</translation>
    </message>
    <message>
        <source>change templates</source>
        <translation>Vorlagen ändern</translation>
    </message>
    <message>
        <source>start onboardings</source>
        <translation>Onboardings starten</translation>
    </message>
    <message>
        <source>invite contacts</source>
        <translation>Kontakte einladen</translation>
    </message>
    <message>
        <source>change portal roles and access</source>
        <translation>Portalrollen und -zugänge ändern</translation>
    </message>
    <message>
        <source>manage staff</source>
        <translation>Mitarbeiter verwalten</translation>
    </message>
    <message>
        <source>change workspace settings</source>
        <translation>Einstellungen des Arbeitsbereichs ändern</translation>
    </message>
    <message>
        <source>back up or restore the database</source>
        <translation>die Datenbank sichern oder wiederherstellen</translation>
    </message>
    <message>
        <source>grant vault access</source>
        <translation>Tresorzugriff gewähren</translation>
    </message>
    <message>
        <source>act in the portal as a contact</source>
        <translation>im Portal als Kontakt handeln</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRoles</name>
    <message>
        <source>Technician</source>
        <translation>Techniker</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Teamleiter</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Only an administrator can %1.</source>
        <translation>Nur ein Administrator kann %1.</translation>
    </message>
    <message>
        <source>Only a lead or an administrator can %1.</source>
        <translation>Nur ein Teamleiter oder ein Administrator kann %1.</translation>
    </message>
    <message>
        <source>Only a member of staff can %1.</source>
        <translation>Nur ein Mitarbeiter kann %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffService</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>%1 is the last active administrator. Make someone else an administrator first.</source>
        <translation>%1 ist der letzte aktive Administrator. Machen Sie zuerst jemand anderen zum Administrator.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffTotpService</name>
    <message>
        <source>Only an active member of staff can set up two-step sign-in.</source>
        <translation>Nur ein aktiver Mitarbeiter kann die zweistufige Anmeldung einrichten.</translation>
    </message>
    <message>
        <source>Two-step sign-in is already on.</source>
        <translation>Die zweistufige Anmeldung ist bereits eingeschaltet.</translation>
    </message>
    <message>
        <source>Start setting up two-step sign-in first.</source>
        <translation>Beginnen Sie zuerst mit der Einrichtung der zweistufigen Anmeldung.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StarterTemplate</name>
    <message>
        <source>How many people work at your company?</source>
        <translation>Wie viele Personen arbeiten in Ihrem Unternehmen?</translation>
    </message>
    <message>
        <source>Where are your offices?</source>
        <translation>Wo befinden sich Ihre Büros?</translation>
    </message>
    <message>
        <source>One address per line.</source>
        <translation>Eine Adresse pro Zeile.</translation>
    </message>
    <message>
        <source>Do you use Microsoft 365?</source>
        <translation>Nutzen Sie Microsoft 365?</translation>
    </message>
    <message>
        <source>How are your files backed up today?</source>
        <translation>Wie werden Ihre Dateien heute gesichert?</translation>
    </message>
    <message>
        <source>Not at all</source>
        <translation>Gar nicht</translation>
    </message>
    <message>
        <source>USB drives</source>
        <translation>USB-Laufwerke</translation>
    </message>
    <message>
        <source>A cloud service</source>
        <translation>Ein Cloud-Dienst</translation>
    </message>
    <message>
        <source>I don&apos;t know</source>
        <translation>Ich weiß es nicht</translation>
    </message>
    <message>
        <source>Which business applications do you rely on?</source>
        <translation>Auf welche Geschäftsanwendungen sind Sie angewiesen?</translation>
    </message>
    <message>
        <source>Accounting</source>
        <translation>Buchhaltung</translation>
    </message>
    <message>
        <source>Practice management</source>
        <translation>Praxisverwaltung</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Email and calendar</source>
        <translation>E-Mail und Kalender</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Your website</source>
        <translation>Ihre Website</translation>
    </message>
    <message>
        <source>Who should receive IT notices?</source>
        <translation>Wer soll IT-Mitteilungen erhalten?</translation>
    </message>
    <message>
        <source>A shared mailbox is best.</source>
        <translation>Am besten ein gemeinsames Postfach.</translation>
    </message>
    <message>
        <source>Main office phone</source>
        <translation>Telefonnummer der Hauptniederlassung</translation>
    </message>
    <message>
        <source>Preferred go-live date</source>
        <translation>Gewünschter Go-live-Termin</translation>
    </message>
    <message>
        <source>Anything else we should know?</source>
        <translation>Gibt es sonst noch etwas, das wir wissen sollten?</translation>
    </message>
    <message>
        <source>Tell your staff that the rollout is coming</source>
        <translation>Informieren Sie Ihre Mitarbeitenden, dass der Rollout bevorsteht</translation>
    </message>
    <message>
        <source>Leave every computer switched on the night before</source>
        <translation>Lassen Sie alle Computer in der Nacht davor eingeschaltet</translation>
    </message>
    <message>
        <source>Make sure we can reach every office&apos;s network</source>
        <translation>Stellen Sie sicher, dass wir das Netzwerk jedes Standorts erreichen können</translation>
    </message>
    <message>
        <source>Name one person on site for the rollout day</source>
        <translation>Benennen Sie eine Ansprechperson vor Ort für den Rollout-Tag</translation>
    </message>
    <message>
        <source>Managed services onboarding</source>
        <translation>Onboarding Managed Services</translation>
    </message>
    <message>
        <source>From kick-off to go-live for a new managed services client.</source>
        <translation>Vom Kick-off bis zum Go-live für einen neuen Managed-Services-Kunden.</translation>
    </message>
    <message>
        <source>Kick-off</source>
        <translation>Kick-off</translation>
    </message>
    <message>
        <source>Hold the kick-off call</source>
        <translation>Kick-off-Termin durchführen</translation>
    </message>
    <message>
        <source>Meet the team and agree on the plan.</source>
        <translation>Das Team kennenlernen und den Plan abstimmen.</translation>
    </message>
    <message>
        <source>Confirm your main contacts</source>
        <translation>Ihre Hauptansprechpartner bestätigen</translation>
    </message>
    <message>
        <source>Tell us who decides, who approves and who we call in an emergency.</source>
        <translation>Teilen Sie uns mit, wer entscheidet, wer freigibt und wen wir im Notfall anrufen.</translation>
    </message>
    <message>
        <source>Share your current IT documentation</source>
        <translation>Ihre aktuelle IT-Dokumentation bereitstellen</translation>
    </message>
    <message>
        <source>Network diagrams, asset lists, anything you have.</source>
        <translation>Netzwerkpläne, Inventarlisten – alles, was Sie haben.</translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation>Bestandsaufnahme</translation>
    </message>
    <message>
        <source>Assess the network</source>
        <translation>Netzwerk analysieren</translation>
    </message>
    <message>
        <source>We map devices, links and risks.</source>
        <translation>Wir erfassen Geräte, Verbindungen und Risiken.</translation>
    </message>
    <message>
        <source>Confirm office locations and opening hours</source>
        <translation>Standorte und Öffnungszeiten bestätigen</translation>
    </message>
    <message>
        <source>So that we schedule changes outside your working hours.</source>
        <translation>Damit wir Änderungen außerhalb Ihrer Arbeitszeiten einplanen.</translation>
    </message>
    <message>
        <source>Hand over administrator logins</source>
        <translation>Administrator-Zugangsdaten übergeben</translation>
    </message>
    <message>
        <source>Registrar, firewall and cloud admin accounts.</source>
        <translation>Admin-Konten für Domain-Registrar, Firewall und Cloud.</translation>
    </message>
    <message>
        <source>Answer the IT questionnaire</source>
        <translation>IT-Fragebogen ausfüllen</translation>
    </message>
    <message>
        <source>Ten minutes about how you work.</source>
        <translation>Zehn Minuten zu Ihrer Arbeitsweise.</translation>
    </message>
    <message>
        <source>Walk us through your network</source>
        <translation>Führen Sie uns durch Ihr Netzwerk</translation>
    </message>
    <message>
        <source>An hour on a video call with the person who knows your setup best.</source>
        <translation>Eine Stunde per Videocall mit der Person, die Ihre IT-Umgebung am besten kennt.</translation>
    </message>
    <message>
        <source>Send your software licence files</source>
        <translation>Ihre Softwarelizenzdateien senden</translation>
    </message>
    <message>
        <source>Licence keys and files, encrypted as they are sent; we keep them for seven days.</source>
        <translation>Lizenzschlüssel und -dateien, beim Senden verschlüsselt; wir bewahren sie sieben Tage auf.</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <source>Deploy monitoring agents</source>
        <translation>Monitoring-Agenten installieren</translation>
    </message>
    <message>
        <source>On every server and workstation.</source>
        <translation>Auf jedem Server und jedem Arbeitsplatzrechner.</translation>
    </message>
    <message>
        <source>Get ready for the rollout day</source>
        <translation>Auf den Rollout-Tag vorbereiten</translation>
    </message>
    <message>
        <source>A few things only you can do.</source>
        <translation>Ein paar Dinge, die nur Sie erledigen können.</translation>
    </message>
    <message>
        <source>Sign the service agreement</source>
        <translation>Servicevertrag unterschreiben</translation>
    </message>
    <message>
        <source>Read it and sign online.</source>
        <translation>Lesen und online unterschreiben.</translation>
    </message>
    <message>
        <source>Complete security awareness training</source>
        <translation>Security-Awareness-Schulung absolvieren</translation>
    </message>
    <message>
        <source>A short session for every user, at your office.</source>
        <translation>Eine kurze Schulung für alle Benutzer, bei Ihnen vor Ort.</translation>
    </message>
    <message>
        <source>We come to your main office; plan 45 minutes. Bring a laptop if you like.</source>
        <translation>Wir kommen in Ihre Hauptniederlassung; planen Sie 45 Minuten ein. Bringen Sie gern einen Laptop mit.</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>Go-live</translation>
    </message>
    <message>
        <source>Approve the go-live</source>
        <translation>Go-live freigeben</translation>
    </message>
    <message>
        <source>Confirm that everything is ready.</source>
        <translation>Bestätigen Sie, dass alles bereit ist.</translation>
    </message>
    <message>
        <source>Hand over to the support desk</source>
        <translation>Übergabe an den Servicedesk</translation>
    </message>
    <message>
        <source>Your tickets now go to our desk.</source>
        <translation>Ihre Tickets gehen ab sofort an unseren Servicedesk.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Task</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>MSP</source>
        <translation>MSP</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation>Dokument hochladen</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation>Sichere Dateiablage</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Schulung</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskDetailsPanel</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>What the client sees under the title</source>
        <translation>Was der Kunde unter dem Titel sieht</translation>
    </message>
    <message>
        <source>Day </source>
        <translation>Tag </translation>
    </message>
    <message>
        <source>Days after the onboarding&apos;s start date; day 0 is the start.</source>
        <translation>Tage nach dem Startdatum des Onboardings; Tag 0 ist der Start.</translation>
    </message>
    <message>
        <source>Leave it to be set up on each onboarding</source>
        <translation>In jedem Onboarding einzeln einrichten lassen</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Done &amp;by:</source>
        <translation>&amp;Zuständig:</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>&amp;Fällig:</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Einstellungen:</translation>
    </message>
    <message>
        <source>Scheduled on each onboarding</source>
        <translation>Wird in jedem Onboarding angesetzt</translation>
    </message>
    <message>
        <source>%1 %2, %3 minutes</source>
        <translation>%1 %2, %3 Minuten</translation>
    </message>
    <message>
        <source>Set up on each onboarding</source>
        <translation>Wird in jedem Onboarding eingerichtet</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>Vor Ort</translation>
    </message>
    <message>
        <source>A video: %1</source>
        <translation>Ein Video: %1</translation>
    </message>
    <message>
        <source>The form&apos;s settings cannot be read.</source>
        <translation>Die Einstellungen des Formulars können nicht gelesen werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n Frage</numerusform>
            <numerusform>%n Fragen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, several entries</source>
        <translation>%1, mehrere Einträge</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Punkt</numerusform>
            <numerusform>%n Punkte</numerusform>
        </translation>
    </message>
    <message>
        <source>The checklist&apos;s settings cannot be read.</source>
        <translation>Die Einstellungen der Checkliste können nicht gelesen werden.</translation>
    </message>
    <message>
        <source>None for this kind of task</source>
        <translation>Keine für diese Art von Aufgabe</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Neue Aufgabe</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskEvents</name>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskFileModel</name>
    <message>
        <source>Waiting for review</source>
        <translation>Wartet auf Prüfung</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>Freigegeben von %1</translation>
    </message>
    <message>
        <source>Rejected by %1: %2</source>
        <translation>Abgelehnt von %1: %2</translation>
    </message>
    <message>
        <source>%1, SHA-256 %2</source>
        <translation>%1, SHA-256 %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Gesendet von</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfung</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskFilesPanel</name>
    <message>
        <source>Files from the client</source>
        <translation>Dateien vom Kunden</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Ablehnen</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>Kopie &amp;speichern…</translation>
    </message>
    <message>
        <source>A&amp;ttach document…</source>
        <translation>&amp;Dokument anhängen…</translation>
    </message>
    <message>
        <source>&amp;Verify signature</source>
        <translation>Unterschrift &amp;prüfen</translation>
    </message>
    <message>
        <source>Reason for rejecting (the client reads it)</source>
        <translation>Grund für die Ablehnung (der Kunde liest ihn)</translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation>Grund für die Ablehnung</translation>
    </message>
    <message>
        <source>Documents for the client</source>
        <translation>Dokumente für den Kunden</translation>
    </message>
    <message>
        <source>The files could not be read: %1</source>
        <translation>Die Dateien konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Save a copy of %1</source>
        <translation>Kopie von %1 speichern</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Datei nicht gespeichert</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>%1 konnte nicht unter %2 gespeichert werden: %3</translation>
    </message>
    <message>
        <source>Not signed yet.</source>
        <translation>Noch nicht unterschrieben.</translation>
    </message>
    <message>
        <source>Signed by %1 &lt;%2&gt; on %3 from %4, %5.
Document: %6 (SHA-256 %7)
Evidence SHA-256: %8</source>
        <translation>Unterschrieben von %1 &lt;%2&gt; am %3 von %4, %5.
Dokument: %6 (SHA-256 %7)
SHA-256 des Nachweises: %8</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>eingetippt</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>gezeichnet</translation>
    </message>
    <message>
        <source>The signature does not verify: %1</source>
        <translation>Die Unterschrift lässt sich nicht bestätigen: %1</translation>
    </message>
    <message>
        <source>Verified: the document and the signature are as they were signed.</source>
        <translation>Geprüft: Dokument und Unterschrift sind unverändert seit der Unterzeichnung.</translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation>Dokument anhängen</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.txt);;All files (*)</source>
        <translation>Dokumente (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskSetupService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Diese Aufgabe gibt es nicht.</translation>
    </message>
    <message>
        <source>Only a meeting task can be scheduled.</source>
        <translation>Nur eine Terminaufgabe kann angesetzt werden.</translation>
    </message>
    <message>
        <source>Only a training task can be set up as a training.</source>
        <translation>Nur eine Schulungsaufgabe kann als Schulung eingerichtet werden.</translation>
    </message>
    <message>
        <source>This task is not a meeting.</source>
        <translation>Diese Aufgabe ist kein Termin.</translation>
    </message>
    <message>
        <source>This meeting has not been scheduled yet.</source>
        <translation>Dieser Termin wurde noch nicht angesetzt.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskThreadPanel</name>
    <message>
        <source>&amp;Internal note (never shown to the client)</source>
        <translation>&amp;Interne Notiz (wird dem Kunden nie angezeigt)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>Write to the client, or an internal note (Ctrl+Return sends)</source>
        <translation>Schreiben Sie dem Kunden oder eine interne Notiz (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>%1, internal note</source>
        <translation>%1, interne Notiz</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Noch keine Nachrichten.</translation>
    </message>
    <message>
        <source>The conversation could not be read: %1</source>
        <translation>Die Unterhaltung konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Send the comment</source>
        <translation>Kommentar senden</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Template</name>
    <message>
        <source>Give the template a name.</source>
        <translation>Geben Sie der Vorlage einen Namen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateEditor</name>
    <message>
        <source>Add &amp;phase</source>
        <translation>&amp;Phase hinzufügen</translation>
    </message>
    <message>
        <source>Add &amp;task</source>
        <translation>&amp;Aufgabe hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <source>Add a task after the selected one (Ins)</source>
        <translation>Eine Aufgabe nach der ausgewählten hinzufügen (Einfg)</translation>
    </message>
    <message>
        <source>Remove the selected phase or task (Del)</source>
        <translation>Ausgewählte Phase oder Aufgabe entfernen (Entf)</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Pfeil nach oben</translation>
    </message>
    <message>
        <source>Alt+Down</source>
        <translation>Alt+Pfeil nach unten</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Select a phase or a task to edit it.</source>
        <translation>Wählen Sie eine Phase oder Aufgabe aus, um sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Phase &amp;name:</source>
        <translation>Phasen&amp;name:</translation>
    </message>
    <message>
        <source>Phase %1</source>
        <translation>Phase %1</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <source>Remove phase</source>
        <translation>Phase entfernen</translation>
    </message>
    <message numerus="yes">
        <source>Remove the phase &quot;%1&quot; and its %n task(s)?</source>
        <translation>
            <numerusform>Die Phase „%1“ und ihre %n Aufgabe entfernen?</numerusform>
            <numerusform>Die Phase „%1“ und ihre %n Aufgaben entfernen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a task</source>
        <translation>Aufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Add a phase</source>
        <translation>Phase hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected phase or task</source>
        <translation>Ausgewählte Phase oder Aufgabe entfernen</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>Phases and tasks of the template</source>
        <translation>Phasen und Aufgaben der Vorlage</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateListModel</name>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateService</name>
    <message>
        <source>Another template is already called &quot;%1&quot;.</source>
        <translation>Eine andere Vorlage heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>Copy of %1</source>
        <translation>Kopie von %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateTreeModel</name>
    <message>
        <source>Day %1</source>
        <translation>Tag %1</translation>
    </message>
    <message>
        <source>Phase / task</source>
        <translation>Phase / Aufgabe</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateValidator</name>
    <message>
        <source>Give the template a name.</source>
        <translation>Geben Sie der Vorlage einen Namen.</translation>
    </message>
    <message>
        <source>The template&apos;s name can be at most %1 characters long.</source>
        <translation>Der Name der Vorlage darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The task&apos;s settings are too large.</source>
        <translation>Die Einstellungen der Aufgabe sind zu umfangreich.</translation>
    </message>
    <message>
        <source>Unknown kind of task.</source>
        <translation>Unbekannte Art von Aufgabe.</translation>
    </message>
    <message>
        <source>The template&apos;s description can be at most %1 characters long.</source>
        <translation>Die Beschreibung der Vorlage darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A template needs at least one phase.</source>
        <translation>Eine Vorlage braucht mindestens eine Phase.</translation>
    </message>
    <message>
        <source>A template can have at most %1 phases.</source>
        <translation>Eine Vorlage kann höchstens %1 Phasen haben.</translation>
    </message>
    <message>
        <source>Phase %1 needs a name.</source>
        <translation>Phase %1 braucht einen Namen.</translation>
    </message>
    <message>
        <source>The name of phase %1 can be at most %2 characters long.</source>
        <translation>Der Name von Phase %1 darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>A template can have at most %1 tasks.</source>
        <translation>Eine Vorlage kann höchstens %1 Aufgaben haben.</translation>
    </message>
    <message>
        <source>%1, task %2</source>
        <translation>%1, Aufgabe %2</translation>
    </message>
    <message>
        <source>%1 needs a title.</source>
        <translation>%1 braucht einen Titel.</translation>
    </message>
    <message>
        <source>%1: the title can be at most %2 characters long.</source>
        <translation>%1: Der Titel darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>%1: the description can be at most %2 characters long.</source>
        <translation>%1: Die Beschreibung darf höchstens %2 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the due date must be 0 to %2 days after the start.</source>
        <translation>„%1“: Die Fälligkeit muss 0 bis %2 Tage nach dem Start liegen.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2): %3</source>
        <translation>„%1“ (%2): %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplatesView</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>New onboardings copy a template&apos;s phases and tasks; changing a template later does not change them.</source>
        <translation>Neue Onboardings übernehmen die Phasen und Aufgaben einer Vorlage; spätere Änderungen an der Vorlage wirken sich nicht auf sie aus.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The template &quot;%1&quot; has changes that are not saved.</source>
        <translation>Die Vorlage „%1“ hat Änderungen, die nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Neue Vorlage</translation>
    </message>
    <message>
        <source>New template (%1)</source>
        <translation>Neue Vorlage (%1)</translation>
    </message>
    <message>
        <source>Phase 1</source>
        <translation>Phase 1</translation>
    </message>
    <message>
        <source>Template not created</source>
        <translation>Vorlage nicht angelegt</translation>
    </message>
    <message>
        <source>Template not copied</source>
        <translation>Vorlage nicht kopiert</translation>
    </message>
    <message numerus="yes">
        <source>%n onboarding(s) were created from it; they keep their phases and tasks.</source>
        <translation>
            <numerusform>%n Onboarding wurde daraus angelegt; es behält seine Phasen und Aufgaben.</numerusform>
            <numerusform>%n Onboardings wurden daraus angelegt; sie behalten ihre Phasen und Aufgaben.</numerusform>
        </translation>
    </message>
    <message>
        <source>No onboarding was created from it.</source>
        <translation>Daraus wurde kein Onboarding angelegt.</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the template &quot;%1&quot;? %2</source>
        <translation>Die Vorlage „%1“ löschen? %2</translation>
    </message>
    <message>
        <source>Template not deleted</source>
        <translation>Vorlage nicht gelöscht</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TotpService</name>
    <message>
        <source>Finish signing in first.</source>
        <translation>Schließen Sie zuerst die Anmeldung ab.</translation>
    </message>
    <message>
        <source>Your authenticator app is already set up.</source>
        <translation>Ihre Authenticator-App ist bereits eingerichtet.</translation>
    </message>
    <message>
        <source>There is no authenticator set-up in progress.</source>
        <translation>Es wird gerade keine Authenticator-App eingerichtet.</translation>
    </message>
    <message>
        <source>Start setting up your authenticator app first.</source>
        <translation>Beginnen Sie zuerst mit der Einrichtung Ihrer Authenticator-App.</translation>
    </message>
    <message>
        <source>Set up your authenticator app first.</source>
        <translation>Richten Sie zuerst Ihre Authenticator-App ein.</translation>
    </message>
    <message>
        <source>Sign-in with an authenticator app is not on.</source>
        <translation>Die Anmeldung mit einer Authenticator-App ist nicht aktiviert.</translation>
    </message>
    <message>
        <source>Your workspace requires an authenticator app, so it cannot be turned off.</source>
        <translation>Ihr Arbeitsbereich schreibt eine Authenticator-App vor, daher kann sie nicht deaktiviert werden.</translation>
    </message>
    <message>
        <source>You are already signed in.</source>
        <translation>Sie sind bereits angemeldet.</translation>
    </message>
    <message>
        <source>Choose a company first.</source>
        <translation>Wählen Sie zuerst eine Firma.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TrainingSetupDialog</name>
    <message>
        <source>A &amp;video the contact watches in the portal</source>
        <translation>Ein &amp;Video, das der Kontakt im Portal ansieht</translation>
    </message>
    <message>
        <source>In &amp;person: staff mark it done</source>
        <translation>&amp;Vor Ort: Mitarbeiter markieren sie als erledigt</translation>
    </message>
    <message>
        <source>Set up &quot;%1&quot;</source>
        <translation>„%1“ einrichten</translation>
    </message>
    <message>
        <source>A YouTube, Vimeo or Loom link</source>
        <translation>Ein Link zu YouTube, Vimeo oder Loom</translation>
    </message>
    <message>
        <source>Where and when it takes place, what to bring</source>
        <translation>Wo und wann sie stattfindet, was mitzubringen ist</translation>
    </message>
    <message>
        <source>Only YouTube (shown through its privacy-enhanced player), Vimeo and Loom videos can be shown in the portal.</source>
        <translation>Im Portal können nur Videos von YouTube (über den datenschutzfreundlichen Player), Vimeo und Loom angezeigt werden.</translation>
    </message>
    <message>
        <source>How is &quot;%1&quot; done?</source>
        <translation>Wie wird „%1“ durchgeführt?</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TrainingSpec</name>
    <message>
        <source>Enter the address of the training video.</source>
        <translation>Geben Sie die Adresse des Schulungsvideos ein.</translation>
    </message>
    <message>
        <source>The video address can be at most 2000 characters long.</source>
        <translation>Die Videoadresse darf höchstens 2000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The video address is not a valid web address.</source>
        <translation>Die Videoadresse ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <source>Use a video link from YouTube, Vimeo or Loom; other sites cannot be shown in the portal.</source>
        <translation>Verwenden Sie einen Videolink von YouTube, Vimeo oder Loom; andere Seiten können im Portal nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>Tell the contact where and when the training takes place.</source>
        <translation>Teilen Sie dem Kontakt mit, wo und wann die Schulung stattfindet.</translation>
    </message>
    <message>
        <source>The instructions can be at most 4000 characters long.</source>
        <translation>Die Hinweise dürfen höchstens 4000 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>The video address must be text.</source>
        <translation>Die Videoadresse muss Text sein.</translation>
    </message>
    <message>
        <source>The instructions must be text.</source>
        <translation>Die Hinweise müssen Text sein.</translation>
    </message>
    <message>
        <source>Choose a video or a training in person.</source>
        <translation>Wählen Sie ein Video oder eine Schulung vor Ort.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TwoStepDialog</name>
    <message>
        <source>&amp;Turn on</source>
        <translation>&amp;Einschalten</translation>
    </message>
    <message>
        <source>Two-step sign-in</source>
        <translation>Zweistufige Anmeldung</translation>
    </message>
    <message>
        <source>Two-step sign-in is on for your account. If you lost your authenticator app, sign in with a recovery code and ask an administrator to reset it.</source>
        <translation>Die zweistufige Anmeldung ist für Ihr Konto eingeschaltet. Wenn Sie Ihre Authenticator-App verloren haben, melden Sie sich mit einem Wiederherstellungscode an und bitten Sie einen Administrator, sie zurückzusetzen.</translation>
    </message>
    <message>
        <source>Scan this code with an authenticator app (or type the key below into it), then enter the 6-digit code it shows.</source>
        <translation>Scannen Sie diesen Code mit einer Authenticator-App (oder geben Sie den Schlüssel unten dort ein) und geben Sie dann den 6-stelligen Code ein, den sie anzeigt.</translation>
    </message>
    <message>
        <source>QR code for your authenticator app</source>
        <translation>QR-Code für Ihre Authenticator-App</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Code from your authenticator app</source>
        <translation>Code aus Ihrer Authenticator-App</translation>
    </message>
    <message>
        <source>Two-step sign-in is on. Keep these recovery codes somewhere safe: each signs you in once without your phone. They are not shown again.</source>
        <translation>Die zweistufige Anmeldung ist eingeschaltet. Bewahren Sie diese Wiederherstellungscodes sicher auf: Mit jedem können Sie sich einmal ohne Ihr Telefon anmelden. Sie werden nicht erneut angezeigt.</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::UploadSettingsEditor</name>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Accepted files:</source>
        <translation>Zulässige Dateien:</translation>
    </message>
    <message>
        <source>Largest file:</source>
        <translation>Größte Datei:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::UploadSpec</name>
    <message>
        <source>Choose which kinds of files are accepted.</source>
        <translation>Wählen Sie aus, welche Dateiarten angenommen werden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of file Gatehouse knows.</source>
        <translation>„%1“ ist keine Dateiart, die Gatehouse kennt.</translation>
    </message>
    <message>
        <source>Accept at least one kind of file.</source>
        <translation>Lassen Sie mindestens eine Dateiart zu.</translation>
    </message>
    <message>
        <source>The size limit must be a whole number of MB from 1 to %1.</source>
        <translation>Die Größenbeschränkung muss eine ganze Zahl von 1 bis %1 MB sein.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultAccessDialog</name>
    <message>
        <source>&amp;Grant access</source>
        <translation>Zugriff &amp;gewähren</translation>
    </message>
    <message>
        <source>&amp;Revoke access</source>
        <translation>Zugriff &amp;entziehen</translation>
    </message>
    <message>
        <source>Vault access</source>
        <translation>Tresorzugriff</translation>
    </message>
    <message>
        <source>Who may reveal the credentials clients hand over. Granting needs the vault unlocked; the last access cannot be revoked.</source>
        <translation>Wer die von Kunden übergebenen Zugangsdaten anzeigen darf. Zum Gewähren muss der Tresor entsperrt sein; der letzte Zugriff kann nicht entzogen werden.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <source>Vault access could not be read: %1</source>
        <translation>Der Tresorzugriff konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Has access since %1</source>
        <translation>Hat Zugriff seit %1</translation>
    </message>
    <message>
        <source>No vault key yet (made at their next sign-in)</source>
        <translation>Noch kein Tresorschlüssel (wird bei der nächsten Anmeldung erzeugt)</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Entzogen am %1</translation>
    </message>
    <message>
        <source>No access</source>
        <translation>Kein Zugriff</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Mitarbeiter</translation>
    </message>
    <message>
        <source>Revoke vault access</source>
        <translation>Tresorzugriff entziehen</translation>
    </message>
    <message>
        <source>%1 will no longer be able to reveal credentials. Revoke their access?</source>
        <translation>%1 kann danach keine Zugangsdaten mehr anzeigen. Zugriff entziehen?</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultActions</name>
    <message>
        <source>&amp;Vault</source>
        <translation>&amp;Tresor</translation>
    </message>
    <message>
        <source>&amp;Unlock vault…</source>
        <translation>Tresor &amp;entsperren…</translation>
    </message>
    <message>
        <source>&amp;Lock vault</source>
        <translation>Tresor &amp;sperren</translation>
    </message>
    <message>
        <source>Vault &amp;access…</source>
        <translation>Tresor&amp;zugriff…</translation>
    </message>
    <message>
        <source>Vault unlocked</source>
        <translation>Tresor entsperrt</translation>
    </message>
    <message>
        <source>Vault locked</source>
        <translation>Tresor gesperrt</translation>
    </message>
    <message>
        <source>The credential vault is open. Click to lock it.</source>
        <translation>Der Tresor für Zugangsdaten ist geöffnet. Klicken Sie, um ihn zu sperren.</translation>
    </message>
    <message>
        <source>The credential vault is locked. Click to unlock it.</source>
        <translation>Der Tresor für Zugangsdaten ist gesperrt. Klicken Sie, um ihn zu entsperren.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultCrypto</name>
    <message>
        <source>Not enough protected memory for the vault&apos;s keys.</source>
        <translation>Nicht genügend geschützter Speicher für die Schlüssel des Tresors.</translation>
    </message>
    <message>
        <source>Not enough memory to derive the key from the password.</source>
        <translation>Nicht genügend Arbeitsspeicher, um den Schlüssel aus dem Passwort abzuleiten.</translation>
    </message>
    <message>
        <source>The key derivation settings are out of range.</source>
        <translation>Die Einstellungen für die Schlüsselableitung liegen außerhalb des zulässigen Bereichs.</translation>
    </message>
    <message>
        <source>The key could not be wrapped.</source>
        <translation>Der Schlüssel konnte nicht verpackt werden.</translation>
    </message>
    <message>
        <source>The stored key is damaged.</source>
        <translation>Der gespeicherte Schlüssel ist beschädigt.</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>Das Passwort ist nicht korrekt.</translation>
    </message>
    <message>
        <source>The vault key is not valid.</source>
        <translation>Der Tresorschlüssel ist ungültig.</translation>
    </message>
    <message>
        <source>The stored secret is damaged or was not sealed for this vault.</source>
        <translation>Das gespeicherte Geheimnis ist beschädigt oder wurde nicht für diesen Tresor versiegelt.</translation>
    </message>
    <message>
        <source>Not enough protected memory to open the secret.</source>
        <translation>Nicht genügend geschützter Speicher, um das Geheimnis zu öffnen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultKeyPrompt</name>
    <message>
        <source>Unlock the vault</source>
        <translation>Tresor entsperren</translation>
    </message>
    <message>
        <source>Your password, to open what the client sealed:</source>
        <translation>Ihr Passwort, um zu öffnen, was der Kunde versiegelt hat:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultService</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Diesen Mitarbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>This workspace has a vault already.</source>
        <translation>Dieser Arbeitsbereich hat bereits einen Tresor.</translation>
    </message>
    <message>
        <source>This workspace has no vault yet.</source>
        <translation>Dieser Arbeitsbereich hat noch keinen Tresor.</translation>
    </message>
    <message>
        <source>You have no access to the vault. Ask an administrator to grant it.</source>
        <translation>Sie haben keinen Zugriff auf den Tresor. Bitten Sie einen Administrator, ihn Ihnen zu gewähren.</translation>
    </message>
    <message>
        <source>The key remembered on this device is not yours. Unlock with your password.</source>
        <translation>Der auf diesem Gerät gespeicherte Schlüssel gehört nicht Ihnen. Entsperren Sie mit Ihrem Passwort.</translation>
    </message>
    <message>
        <source>Your access to the vault was revoked.</source>
        <translation>Ihr Zugriff auf den Tresor wurde entzogen.</translation>
    </message>
    <message>
        <source>Your copy of the vault key is damaged. Ask an administrator to grant access again.</source>
        <translation>Ihre Kopie des Tresorschlüssels ist beschädigt. Bitten Sie einen Administrator, Ihnen erneut Zugriff zu gewähren.</translation>
    </message>
    <message>
        <source>Only an administrator can grant access to the vault.</source>
        <translation>Nur ein Administrator kann Zugriff auf den Tresor gewähren.</translation>
    </message>
    <message>
        <source>Unlock the vault before granting access to it.</source>
        <translation>Entsperren Sie den Tresor, bevor Sie Zugriff darauf gewähren.</translation>
    </message>
    <message>
        <source>%1 has no vault key yet: they get one when they next sign in.</source>
        <translation>%1 hat noch keinen Tresorschlüssel: Er wird bei der nächsten Anmeldung erzeugt.</translation>
    </message>
    <message>
        <source>%1 has access to the vault already.</source>
        <translation>%1 hat bereits Zugriff auf den Tresor.</translation>
    </message>
    <message>
        <source>Only an administrator can revoke access to the vault.</source>
        <translation>Nur ein Administrator kann den Zugriff auf den Tresor entziehen.</translation>
    </message>
    <message>
        <source>%1 has no access to the vault.</source>
        <translation>%1 hat keinen Zugriff auf den Tresor.</translation>
    </message>
    <message>
        <source>%1 is the only one with access to the vault; grant someone else access first.</source>
        <translation>Nur %1 hat Zugriff auf den Tresor; gewähren Sie zuerst einer weiteren Person Zugriff.</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>Das aktuelle Passwort ist nicht korrekt.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultUnlockDialog</name>
    <message>
        <source>&amp;Remember on this device</source>
        <translation>Auf diesem Gerät &amp;merken</translation>
    </message>
    <message>
        <source>Unlock the credential vault</source>
        <translation>Tresor für Zugangsdaten entsperren</translation>
    </message>
    <message numerus="yes">
        <source>Enter your Gatehouse password to open the vault. It locks again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Geben Sie Ihr Gatehouse-Passwort ein, um den Tresor zu öffnen. Er wird nach %n Minute ohne Nutzung wieder gesperrt.</numerusform>
            <numerusform>Geben Sie Ihr Gatehouse-Passwort ein, um den Tresor zu öffnen. Er wird nach %n Minuten ohne Nutzung wieder gesperrt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Keeps your vault key in this computer&apos;s keychain, so the vault opens without your password on this device.</source>
        <translation>Speichert Ihren Tresorschlüssel im Schlüsselbund dieses Computers, sodass sich der Tresor auf diesem Gerät ohne Passwort öffnet.</translation>
    </message>
    <message>
        <source>Checking this device&apos;s keychain…</source>
        <translation>Schlüsselbund dieses Geräts wird geprüft…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Remembering is not available: %1</source>
        <translation>Merken ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Opening with the key remembered on this device…</source>
        <translation>Wird mit dem auf diesem Gerät gespeicherten Schlüssel geöffnet…</translation>
    </message>
    <message>
        <source>The remembered key could not be used: %1 Enter your password.</source>
        <translation>Der gespeicherte Schlüssel konnte nicht verwendet werden: %1 Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>Saving your key in this device&apos;s keychain…</source>
        <translation>Ihr Schlüssel wird im Schlüsselbund dieses Geräts gespeichert…</translation>
    </message>
    <message>
        <source>Not remembered</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>The vault is unlocked, but your key could not be kept on this device: %1</source>
        <translation>Der Tresor ist entsperrt, aber Ihr Schlüssel konnte nicht auf diesem Gerät gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ViewPortalAsAction</name>
    <message>
        <source>View portal as…</source>
        <translation>Portal ansehen als…</translation>
    </message>
    <message>
        <source>See the portal as this contact sees it (Ctrl+Shift+V)</source>
        <translation>Das Portal so sehen, wie dieser Kontakt es sieht (Strg+Umschalt+V)</translation>
    </message>
    <message>
        <source>The portal cannot be shown here. %1</source>
        <translation>Das Portal kann hier nicht angezeigt werden. %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::WebEngineAvailability</name>
    <message>
        <source>Qt WebEngine is not fully installed: its helper program QtWebEngineProcess was not found.</source>
        <translation>Qt WebEngine ist nicht vollständig installiert: das Hilfsprogramm QtWebEngineProcess wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Qt WebEngine does not start for the root user with its sandbox on. Run the console as a regular user (or set QTWEBENGINE_DISABLE_SANDBOX=1).</source>
        <translation>Qt WebEngine startet für den Benutzer root nicht mit eingeschalteter Sandbox. Starten Sie die Konsole als normaler Benutzer (oder setzen Sie QTWEBENGINE_DISABLE_SANDBOX=1).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ZipWriter</name>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be added to the archive: %2</source>
        <translation>%1 konnte dem Archiv nicht hinzugefügt werden: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>account</name>
    <message>
        <source>Set password</source>
        <translation>Passwort festlegen</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>At least %1 characters, and not a common password. You can still sign in with an emailed code.</source>
        <translation>Mindestens %1 Zeichen und kein häufiges Passwort. Die Anmeldung mit einem Code per E-Mail bleibt möglich.</translation>
    </message>
    <message>
        <source>Use at least %1 characters.</source>
        <translation>Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Your password is set. Next time you can sign in with it.</source>
        <translation>Ihr Passwort ist festgelegt. Beim nächsten Mal können Sie sich damit anmelden.</translation>
    </message>
    <message>
        <source>Set a password</source>
        <translation>Passwort festlegen</translation>
    </message>
    <message>
        <source>Optional: a password lets you sign in without waiting for an email.</source>
        <translation>Optional: Mit einem Passwort melden Sie sich an, ohne auf eine E-Mail zu warten.</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>Choose a company</source>
        <translation>Firma wählen</translation>
    </message>
    <message>
        <source>Your email address %1 belongs to several companies in this portal. Which one do you want to open?</source>
        <translation>Ihre E-Mail-Adresse %1 gehört in diesem Portal zu mehreren Firmen. Welche möchten Sie öffnen?</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Wird geöffnet…</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmen</translation>
    </message>
    <message>
        <source>Switch company</source>
        <translation>Firma wechseln</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>Wechseln</translation>
    </message>
    <message>
        <source>Switching…</source>
        <translation>Wird gewechselt…</translation>
    </message>
    <message>
        <source>Open the portal of</source>
        <translation>Zum Portal von</translation>
    </message>
    <message>
        <source>Sign in with an emailed code</source>
        <translation>Mit einem Code per E-Mail anmelden</translation>
    </message>
    <message>
        <source>You signed in with a password, which opens only this company&apos;s portal. To switch to another company, sign in with a code sent to your email.</source>
        <translation>Sie haben sich mit einem Passwort angemeldet, das nur das Portal dieser Firma öffnet. Um zu einer anderen Firma zu wechseln, melden Sie sich mit einem Code an, den wir Ihnen per E-Mail senden.</translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <source>Please sign in again.</source>
        <translation>Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>You do not have access to this.</source>
        <translation>Sie haben hierauf keinen Zugriff.</translation>
    </message>
    <message>
        <source>This could not be found.</source>
        <translation>Dies wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Something went wrong (error %1). Please try again.</source>
        <translation>Es ist ein Fehler aufgetreten (Fehler %1). Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The portal could not be reached. Check your connection and try again.</source>
        <translation>Das Portal ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Byte</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>The portal is not available</source>
        <translation>Das Portal ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Page not found</source>
        <translation>Seite nicht gefunden</translation>
    </message>
    <message>
        <source>Go to your portal</source>
        <translation>Zu Ihrem Portal</translation>
    </message>
    <message>
        <source>This address does not lead anywhere in the portal.</source>
        <translation>Unter dieser Adresse gibt es im Portal keine Seite.</translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <source>Approved by %1 on %2</source>
        <translation>Freigegeben von %1 am %2</translation>
    </message>
    <message>
        <source>Changes requested by %1 on %2</source>
        <translation>Änderungen angefordert von %1 am %2</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>Änderungen anfordern</translation>
    </message>
    <message>
        <source>Say what should change, so we can revise it.</source>
        <translation>Beschreiben Sie, was geändert werden soll, damit wir es überarbeiten können.</translation>
    </message>
    <message>
        <source>Approved: %1</source>
        <translation>Freigegeben: %1</translation>
    </message>
    <message>
        <source>Changes requested: %1</source>
        <translation>Änderungen angefordert: %1</translation>
    </message>
    <message>
        <source>Comment (needed when you request changes)</source>
        <translation>Kommentar (erforderlich, wenn Sie Änderungen anfordern)</translation>
    </message>
    <message>
        <source>You asked for changes. We will ask you again once they are made.</source>
        <translation>Sie haben Änderungen angefordert. Wir fragen Sie erneut, sobald sie umgesetzt sind.</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Secure sign-in by email. No password to remember.</source>
        <translation>Sichere Anmeldung per E-Mail – ganz ohne Passwort.</translation>
    </message>
    <message>
        <source>Check your email</source>
        <translation>Prüfen Sie Ihre E-Mails</translation>
    </message>
    <message>
        <source>We sent a 6-digit code and a sign-in link to %1</source>
        <translation>Wir haben einen 6-stelligen Code und einen Anmeldelink an %1 gesendet</translation>
    </message>
    <message>
        <source>your email address</source>
        <translation>Ihre E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>Neuen Code senden</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Anmeldecode</translation>
    </message>
    <message>
        <source>The code expires after a while. You can also use the link in the email.</source>
        <translation>Der Code ist nur begrenzt gültig. Sie können auch den Link in der E-Mail verwenden.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation>Geben Sie den 6-stelligen Code aus der E-Mail ein.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>A new code is on its way to %1.</source>
        <translation>Ein neuer Code ist an %1 unterwegs.</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer. Please try again.</source>
        <translation>Der Server hat unerwartet geantwortet. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Verify your email to open your portal</source>
        <translation>Bestätigen Sie Ihre E-Mail-Adresse, um Ihr Portal zu öffnen</translation>
    </message>
    <message>
        <source>We will email you a 6-digit code and a sign-in link. No password needed.</source>
        <translation>Wir senden Ihnen einen 6-stelligen Code und einen Anmeldelink per E-Mail. Ein Passwort ist nicht nötig.</translation>
    </message>
    <message>
        <source>Send me a sign-in code</source>
        <translation>Anmeldecode senden</translation>
    </message>
    <message>
        <source>Confirm sign-in</source>
        <translation>Anmeldung bestätigen</translation>
    </message>
    <message>
        <source>You opened a sign-in link from your email. Continue to open your portal on this device.</source>
        <translation>Sie haben einen Anmeldelink aus Ihrer E-Mail geöffnet. Fahren Sie fort, um Ihr Portal auf diesem Gerät zu öffnen.</translation>
    </message>
    <message>
        <source>Continue to the portal</source>
        <translation>Weiter zum Portal</translation>
    </message>
    <message>
        <source>Request a new sign-in code</source>
        <translation>Neuen Anmeldecode anfordern</translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation>Ihr Portal öffnen</translation>
    </message>
    <message>
        <source>Enter the email address your IT provider has on file. We will send you a sign-in code.</source>
        <translation>Geben Sie die E-Mail-Adresse ein, die bei Ihrem IT-Dienstleister hinterlegt ist. Wir senden Ihnen einen Anmeldecode.</translation>
    </message>
    <message>
        <source>Email me a sign-in code</source>
        <translation>Anmeldecode per E-Mail senden</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>Sign in with a password instead</source>
        <translation>Stattdessen mit Passwort anmelden</translation>
    </message>
    <message>
        <source>Sign in with your password</source>
        <translation>Mit Ihrem Passwort anmelden</translation>
    </message>
    <message>
        <source>Only if you set a password in your portal before.</source>
        <translation>Nur wenn Sie in Ihrem Portal bereits ein Passwort festgelegt haben.</translation>
    </message>
    <message>
        <source>Email me a sign-in code instead</source>
        <translation>Stattdessen einen Anmeldecode per E-Mail senden</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
</context>
<context>
    <name>branding</name>
    <message>
        <source>Client portal</source>
        <translation>Kundenportal</translation>
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <source>Loading the checklist…</source>
        <translation>Checkliste wird geladen…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 von %2 erledigt</translation>
    </message>
    <message>
        <source>Ticked by %1, %2</source>
        <translation>Abgehakt von %1, %2</translation>
    </message>
    <message>
        <source>Unticked by %1, %2</source>
        <translation>Haken entfernt von %1, %2</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Checkliste: %1</translation>
    </message>
    <message>
        <source>The items are not ready yet.</source>
        <translation>Die Punkte sind noch nicht bereit.</translation>
    </message>
</context>
<context>
    <name>comments</name>
    <message>
        <source>Comments</source>
        <translation>Kommentare</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Your message about %1</source>
        <translation>Ihre Nachricht zu %1</translation>
    </message>
    <message>
        <source>No messages yet. Ask us anything about this task.</source>
        <translation>Noch keine Nachrichten. Fragen Sie uns alles zu dieser Aufgabe.</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Schreiben Sie zuerst eine Nachricht.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Message sent</source>
        <translation>Nachricht gesendet</translation>
    </message>
</context>
<context>
    <name>credential</name>
    <message>
        <source>File “%1” (%2), sent on %3</source>
        <translation>Datei „%1“ (%2), gesendet am %3</translation>
    </message>
    <message>
        <source>Pasted credentials, sent on %1</source>
        <translation>Eingefügte Zugangsdaten, gesendet am %1</translation>
    </message>
    <message>
        <source>A login, sent on %1</source>
        <translation>Anmeldedaten, gesendet am %1</translation>
    </message>
    <message>
        <source>Sealed for your provider on arrival. For your security it cannot be shown again, not even to you.</source>
        <translation>Beim Eingang für Ihren Dienstleister versiegelt. Zu Ihrer Sicherheit können sie nicht erneut angezeigt werden, auch Ihnen nicht.</translation>
    </message>
    <message>
        <source>One login</source>
        <translation>Ein Zugang</translation>
    </message>
    <message>
        <source>Several at once</source>
        <translation>Mehrere auf einmal</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Notes (what this login is for)</source>
        <translation>Notizen (wofür dieser Zugang ist)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Paste the credentials</source>
        <translation>Zugangsdaten einfügen</translation>
    </message>
    <message>
        <source>Or choose a file</source>
        <translation>Oder eine Datei auswählen</translation>
    </message>
    <message>
        <source>Pasted text or one file, up to 10 MB.</source>
        <translation>Eingefügter Text oder eine Datei, bis zu 10 MB.</translation>
    </message>
    <message>
        <source>Send securely</source>
        <translation>Sicher senden</translation>
    </message>
    <message>
        <source>What do you want to send?</source>
        <translation>Was möchten Sie senden?</translation>
    </message>
    <message>
        <source>Encrypted for your provider as soon as it arrives. Once sent, it cannot be shown here again.</source>
        <translation>Wird beim Eingang sofort für Ihren Dienstleister verschlüsselt. Nach dem Senden kann es hier nicht erneut angezeigt werden.</translation>
    </message>
    <message>
        <source>Fill in at least one of username, password, API key or notes.</source>
        <translation>Füllen Sie mindestens eines der Felder Benutzername, Passwort, API-Schlüssel oder Notizen aus.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Die Datei darf höchstens 10 MB groß sein.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Die Datei ist leer.</translation>
    </message>
    <message>
        <source>Paste the credentials or choose a file.</source>
        <translation>Fügen Sie die Zugangsdaten ein oder wählen Sie eine Datei aus.</translation>
    </message>
    <message>
        <source>The text can be at most 10 MB long.</source>
        <translation>Der Text darf höchstens 10 MB groß sein.</translation>
    </message>
    <message>
        <source>Sending failed (error %1). Please try again.</source>
        <translation>Senden fehlgeschlagen (Fehler %1). Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The portal could not be reached. Check your connection and try again.</source>
        <translation>Das Portal ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Sent securely: %1</source>
        <translation>Sicher gesendet: %1</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>Waiting for review</source>
        <translation>Wartet auf Prüfung</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Not accepted, please send again</source>
        <translation>Nicht angenommen, bitte erneut senden</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Angefordert</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
</context>
<context>
    <name>file_drop</name>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Downloaded by your provider</source>
        <translation>Von Ihrem Dienstleister heruntergeladen</translation>
    </message>
    <message>
        <source>Waiting for your provider</source>
        <translation>Wartet auf Ihren Dienstleister</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>abgelaufen am %1</translation>
    </message>
    <message>
        <source>kept until %1</source>
        <translation>aufbewahrt bis %1</translation>
    </message>
    <message>
        <source>%1 is larger than %2, the limit for this task.</source>
        <translation>%1 ist größer als %2, das Limit für diese Aufgabe.</translation>
    </message>
    <message>
        <source>Sending %1</source>
        <translation>%1 wird gesendet</translation>
    </message>
    <message>
        <source>Sent %1 of %2 files securely</source>
        <translation>%1 von %2 Dateien sicher gesendet</translation>
    </message>
    <message>
        <source>Up to %1 per file. Files are encrypted as they arrive and deleted %2 days after you send them.</source>
        <translation>Bis zu %1 pro Datei. Dateien werden beim Eingang verschlüsselt und %2 Tage nach dem Senden gelöscht.</translation>
    </message>
</context>
<context>
    <name>form</name>
    <message>
        <source>This field is required.</source>
        <translation>Dieses Feld ist ein Pflichtfeld.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Geben Sie eine Zahl ein.</translation>
    </message>
    <message>
        <source>Enter a valid value.</source>
        <translation>Geben Sie einen gültigen Wert ein.</translation>
    </message>
    <message>
        <source>This answer can be at most %1 characters long.</source>
        <translation>Diese Antwort darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Enter an email address such as name@example.com.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.com ein.</translation>
    </message>
    <message>
        <source>Enter a phone number: digits, spaces and + ( ) - only.</source>
        <translation>Geben Sie eine Telefonnummer ein: nur Ziffern, Leerzeichen und + ( ) -.</translation>
    </message>
    <message>
        <source>Enter a web address starting with https:// or http://.</source>
        <translation>Geben Sie eine Webadresse ein, die mit https:// oder http:// beginnt.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Geben Sie ein Datum im Format JJJJ-MM-TT ein.</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(Pflichtfeld)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <source>Loading the form…</source>
        <translation>Formular wird geladen…</translation>
    </message>
    <message>
        <source>The questions are not ready yet.</source>
        <translation>Die Fragen sind noch nicht bereit.</translation>
    </message>
    <message>
        <source>Submitted. Thank you!</source>
        <translation>Abgesendet. Vielen Dank!</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Add another</source>
        <translation>Weiteren hinzufügen</translation>
    </message>
    <message>
        <source>Saved entries</source>
        <translation>Gespeicherte Einträge</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Eintrag entfernen</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
    <message>
        <source>Entry removed</source>
        <translation>Eintrag entfernt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>Mit * markierte Felder sind Pflichtfelder.</translation>
    </message>
    <message>
        <source>Some answers need your attention.</source>
        <translation>Einige Antworten erfordern Ihre Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Submit form</source>
        <translation>Formular absenden</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Wird abgesendet…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Aufgabe erledigt: %1</translation>
    </message>
    <message>
        <source>When everything is filled in, submit the form. You cannot change it afterwards.</source>
        <translation>Wenn alles ausgefüllt ist, senden Sie das Formular ab. Danach können Sie es nicht mehr ändern.</translation>
    </message>
</context>
<context>
    <name>home</name>
    <message>
        <source>Dismiss message</source>
        <translation>Meldung schließen</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Guten Tag, %1</translation>
    </message>
    <message>
        <source>Hello</source>
        <translation>Guten Tag</translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation>Aufgabe abschließen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>The note can be at most %1 characters long.</source>
        <translation>Die Notiz darf höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Aufgabe erledigt: %1</translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation>Erledigt am %1</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Überfällig seit %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Fällig am %1</translation>
    </message>
    <message>
        <source>Your note:</source>
        <translation>Ihre Notiz:</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Your tasks</source>
        <translation>Ihre Aufgaben</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 offen</translation>
    </message>
    <message>
        <source>Nothing for you to do right now. We will email you when something needs your attention.</source>
        <translation>Im Moment gibt es für Sie nichts zu tun. Wir benachrichtigen Sie per E-Mail, sobald etwas Ihre Aufmerksamkeit erfordert.</translation>
    </message>
    <message>
        <source>You have completed all your tasks. Thank you!</source>
        <translation>Sie haben alle Ihre Aufgaben erledigt. Vielen Dank!</translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation>Noch nichts vorhanden</translation>
    </message>
    <message>
        <source>Your IT provider has not started an onboarding for you yet. We will email you when it begins.</source>
        <translation>Ihr IT-Dienstleister hat noch kein Onboarding für Sie gestartet. Wir benachrichtigen Sie per E-Mail, sobald es losgeht.</translation>
    </message>
    <message>
        <source>Your portal</source>
        <translation>Ihr Portal</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>You can follow this task; your role does not let you act on it.</source>
        <translation>Sie können diese Aufgabe verfolgen; Ihre Rolle erlaubt Ihnen jedoch nicht, sie zu bearbeiten.</translation>
    </message>
    <message>
        <source>Your role in this portal does not include the onboarding. Ask your IT provider if you need it.</source>
        <translation>Ihre Rolle in diesem Portal umfasst das Onboarding nicht. Wenden Sie sich an Ihren IT-Dienstleister, wenn Sie es benötigen.</translation>
    </message>
</context>
<context>
    <name>impersonation</name>
    <message>
        <source>%1 of your IT provider is viewing this portal as you, read-only, until %2.</source>
        <translation>%1 von Ihrem IT-Dienstleister sieht sich dieses Portal bis %2 als Sie an, nur lesend.</translation>
    </message>
    <message>
        <source>%1 of your IT provider is viewing this portal as you and may act for you, until %2.</source>
        <translation>%1 von Ihrem IT-Dienstleister sieht sich dieses Portal bis %2 als Sie an und darf für Sie handeln.</translation>
    </message>
    <message>
        <source>Nobody from your IT provider has viewed your portal as you.</source>
        <translation>Niemand von Ihrem IT-Dienstleister hat Ihr Portal als Sie angesehen.</translation>
    </message>
    <message>
        <source>Staff who viewed your portal</source>
        <translation>Mitarbeiter, die Ihr Portal angesehen haben</translation>
    </message>
    <message>
        <source>Your IT provider can open the portal as you to help you. Each time is listed here.</source>
        <translation>Ihr IT-Dienstleister kann das Portal als Sie öffnen, um Ihnen zu helfen. Jeder dieser Zugriffe wird hier aufgeführt.</translation>
    </message>
    <message>
        <source>Viewed by %1 at %2 (read-only)</source>
        <translation>Angesehen von %1, %2 (nur lesend)</translation>
    </message>
    <message>
        <source>Viewed by %1 at %2 (could act for you)</source>
        <translation>Angesehen von %1, %2 (durfte für Sie handeln)</translation>
    </message>
</context>
<context>
    <name>meeting</name>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Aufgabe erledigt: %1</translation>
    </message>
    <message>
        <source>The date and time will appear here once your provider has scheduled this meeting.</source>
        <translation>Datum und Uhrzeit erscheinen hier, sobald Ihr Dienstleister diesen Termin angesetzt hat.</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Teilnehmen</translation>
    </message>
    <message>
        <source>Add to calendar</source>
        <translation>Zum Kalender hinzufügen</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>Nothing published yet.</source>
        <translation>Noch nichts veröffentlicht.</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation>Dokument hochladen</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Unterschrift</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation>Sichere Dateiablage</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Schulung</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>%1% complete</source>
        <translation>%1&#xa0;% erledigt</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Fortschritt für %1</translation>
    </message>
    <message>
        <source>your onboarding</source>
        <translation>Ihr Onboarding</translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation>%1 von %2 Aufgaben erledigt</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Anstehend</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>Wir</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Our progress</source>
        <translation>Unser Fortschritt</translation>
    </message>
    <message>
        <source>No phases yet.</source>
        <translation>Noch keine Phasen.</translation>
    </message>
</context>
<context>
    <name>questions</name>
    <message>
        <source>Send question</source>
        <translation>Frage senden</translation>
    </message>
    <message>
        <source>General question</source>
        <translation>Allgemeine Frage</translation>
    </message>
    <message>
        <source>%1 asked on %2</source>
        <translation>%1 fragte am %2</translation>
    </message>
    <message>
        <source>%1 answered on %2</source>
        <translation>%1 antwortete am %2</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>Wartet auf Antwort</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>Ihre Frage</translation>
    </message>
    <message>
        <source>Write your question first.</source>
        <translation>Schreiben Sie zuerst Ihre Frage.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Your question was sent. We will answer by email.</source>
        <translation>Ihre Frage wurde gesendet. Wir antworten per E-Mail.</translation>
    </message>
    <message>
        <source>Ask a question</source>
        <translation>Eine Frage stellen</translation>
    </message>
    <message>
        <source>We answer by email and here.</source>
        <translation>Wir antworten per E-Mail und hier.</translation>
    </message>
</context>
<context>
    <name>send-files</name>
    <message>
        <source>Drag files here, or</source>
        <translation>Dateien hierher ziehen oder</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>Dateien auswählen</translation>
    </message>
</context>
<context>
    <name>signature</name>
    <message>
        <source>Signature pad: draw your signature with a mouse, finger or pen</source>
        <translation>Unterschriftsfeld: Zeichnen Sie Ihre Unterschrift mit Maus, Finger oder Stift</translation>
    </message>
    <message>
        <source>Signed by %1 on %2.</source>
        <translation>Unterschrieben von %1 am %2.</translation>
    </message>
    <message>
        <source>Evidence fingerprint (SHA-256): %1</source>
        <translation>Fingerabdruck des Nachweises (SHA-256): %1</translation>
    </message>
    <message>
        <source>Download the signature certificate (PDF)</source>
        <translation>Signaturzertifikat herunterladen (PDF)</translation>
    </message>
    <message>
        <source>What you sign</source>
        <translation>Was Sie unterschreiben</translation>
    </message>
    <message>
        <source>Read the document before you sign</source>
        <translation>Lesen Sie das Dokument, bevor Sie unterschreiben</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Zeichnen</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Eintippen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Unterschreiben</translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation>Ihr vollständiger Name</translation>
    </message>
    <message>
        <source>How to sign</source>
        <translation>Art der Unterschrift</translation>
    </message>
    <message>
        <source>I agree that this electronic signature is as valid as my handwritten one.</source>
        <translation>Ich stimme zu, dass diese elektronische Unterschrift ebenso gültig ist wie meine handschriftliche.</translation>
    </message>
    <message>
        <source>Enter your full name.</source>
        <translation>Geben Sie Ihren vollständigen Namen ein.</translation>
    </message>
    <message>
        <source>The signature pad is empty. Please sign before you submit.</source>
        <translation>Das Unterschriftsfeld ist leer. Bitte unterschreiben Sie, bevor Sie absenden.</translation>
    </message>
    <message>
        <source>Please confirm that you agree to sign electronically.</source>
        <translation>Bitte bestätigen Sie, dass Sie der elektronischen Unterschrift zustimmen.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Wird unterschrieben…</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Unterschrieben: %1</translation>
    </message>
</context>
<context>
    <name>totp</name>
    <message>
        <source>Enter your authenticator code</source>
        <translation>Geben Sie Ihren Authenticator-Code ein</translation>
    </message>
    <message>
        <source>Open the authenticator app on your phone and enter the 6-digit code it shows for this portal.</source>
        <translation>Öffnen Sie die Authenticator-App auf Ihrem Telefon und geben Sie den 6-stelligen Code ein, den sie für dieses Portal anzeigt.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <source>One of the recovery codes you saved when you set up the app, like ABCDE-FGHIJ. Each works once.</source>
        <translation>Einer der Wiederherstellungscodes, die Sie beim Einrichten der App gespeichert haben, etwa ABCDE-FGHIJ. Jeder funktioniert nur einmal.</translation>
    </message>
    <message>
        <source>Use the code from the app instead</source>
        <translation>Stattdessen den Code aus der App verwenden</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>Authenticator-Code</translation>
    </message>
    <message>
        <source>The code changes every 30 seconds.</source>
        <translation>Der Code ändert sich alle 30 Sekunden.</translation>
    </message>
    <message>
        <source>Use a recovery code instead</source>
        <translation>Stattdessen einen Wiederherstellungscode verwenden</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App anzeigt.</translation>
    </message>
    <message>
        <source>A recovery code has 10 letters and digits, like ABCDE-FGHIJ.</source>
        <translation>Ein Wiederherstellungscode besteht aus 10 Buchstaben und Ziffern, etwa ABCDE-FGHIJ.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Set up an authenticator app</source>
        <translation>Authenticator-App einrichten</translation>
    </message>
    <message>
        <source>Your portal asks everyone to sign in with a code from an authenticator app on their phone as well. Set it up once to continue.</source>
        <translation>Ihr Portal verlangt von allen, sich zusätzlich mit einem Code aus einer Authenticator-App auf dem Telefon anzumelden. Richten Sie sie einmalig ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
</context>
<context>
    <name>totp-account</name>
    <message>
        <source>I have saved these codes</source>
        <translation>Ich habe diese Codes gespeichert</translation>
    </message>
    <message>
        <source>Your recovery codes</source>
        <translation>Ihre Wiederherstellungscodes</translation>
    </message>
    <message>
        <source>Keep these somewhere safe, such as a password manager. Each one signs you in once if you lose your phone. They are shown only now.</source>
        <translation>Bewahren Sie diese an einem sicheren Ort auf, etwa in einem Passwortmanager. Falls Sie Ihr Telefon verlieren, meldet Sie jeder Code einmal an. Sie werden nur jetzt angezeigt.</translation>
    </message>
    <message>
        <source>Set up an authenticator app</source>
        <translation>Authenticator-App einrichten</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Code aus der App</translation>
    </message>
    <message>
        <source>Enter the 6-digit code the app shows now, to check that it is set up right.</source>
        <translation>Geben Sie den 6-stelligen Code ein, den die App jetzt anzeigt, um zu prüfen, ob sie richtig eingerichtet ist.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App anzeigt.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Open in an authenticator app on this device</source>
        <translation>In einer Authenticator-App auf diesem Gerät öffnen</translation>
    </message>
    <message>
        <source>In your authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), add an account: scan this QR code, or enter the key below it.</source>
        <translation>Fügen Sie in Ihrer Authenticator-App (zum Beispiel Google Authenticator, Microsoft Authenticator oder 1Password) ein Konto hinzu: Scannen Sie diesen QR-Code oder geben Sie den Schlüssel darunter ein.</translation>
    </message>
    <message>
        <source>QR code of the key below, for the authenticator app to scan</source>
        <translation>QR-Code des Schlüssels unten, zum Scannen mit der Authenticator-App</translation>
    </message>
    <message>
        <source>Time-based, 6 digits, every 30 seconds.</source>
        <translation>Zeitbasiert, 6 Ziffern, alle 30 Sekunden.</translation>
    </message>
    <message>
        <source>Authenticator app</source>
        <translation>Authenticator-App</translation>
    </message>
    <message>
        <source>Sign-in with an authenticator app is on.</source>
        <translation>Die Anmeldung mit einer Authenticator-App ist aktiviert.</translation>
    </message>
    <message>
        <source>Optional: after the emailed code or your password, also ask for a code from an app on your phone.</source>
        <translation>Optional: Nach dem Code per E-Mail oder Ihrem Passwort zusätzlich einen Code aus einer App auf Ihrem Telefon abfragen.</translation>
    </message>
    <message>
        <source>Make new recovery codes</source>
        <translation>Neue Wiederherstellungscodes erstellen</translation>
    </message>
    <message>
        <source>Making codes…</source>
        <translation>Codes werden erstellt…</translation>
    </message>
    <message>
        <source>Your old recovery codes no longer work.</source>
        <translation>Ihre alten Wiederherstellungscodes funktionieren nicht mehr.</translation>
    </message>
    <message>
        <source>On. Recovery codes left: %1.</source>
        <translation>Aktiviert. Verbleibende Wiederherstellungscodes: %1.</translation>
    </message>
    <message>
        <source>Your workspace requires an authenticator app.</source>
        <translation>Ihr Arbeitsbereich schreibt eine Authenticator-App vor.</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <source>Turn off: code from the app or a recovery code</source>
        <translation>Deaktivieren: Code aus der App oder ein Wiederherstellungscode</translation>
    </message>
    <message>
        <source>A code is needed so that nobody else can turn it off.</source>
        <translation>Ein Code ist nötig, damit niemand sonst sie deaktivieren kann.</translation>
    </message>
    <message>
        <source>Enter the code your authenticator app shows, or a recovery code.</source>
        <translation>Geben Sie den Code ein, den Ihre Authenticator-App anzeigt, oder einen Wiederherstellungscode.</translation>
    </message>
    <message>
        <source>Turning off…</source>
        <translation>Wird deaktiviert…</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>Mark complete</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Aufgabe erledigt: %1</translation>
    </message>
    <message>
        <source>This training takes place in person. Your provider will mark it done once you have attended.</source>
        <translation>Diese Schulung findet vor Ort statt. Ihr Dienstleister markiert sie als erledigt, sobald Sie teilgenommen haben.</translation>
    </message>
    <message>
        <source>Your provider has not set up this training yet.</source>
        <translation>Ihr Dienstleister hat diese Schulung noch nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Training video: %1</source>
        <translation>Schulungsvideo: %1</translation>
    </message>
</context>
<context>
    <name>upload</name>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Nicht angenommen</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>Wartet auf Prüfung</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>%1 is larger than %2, the limit for this task.</source>
        <translation>%1 ist größer als %2, das Limit für diese Aufgabe.</translation>
    </message>
    <message>
        <source>%1 is not a file type this task accepts.</source>
        <translation>%1 ist kein Dateityp, den diese Aufgabe annimmt.</translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation>%1 wird hochgeladen</translation>
    </message>
    <message>
        <source>Uploaded %1 of %2 files</source>
        <translation>%1 von %2 Dateien hochgeladen</translation>
    </message>
    <message>
        <source>Accepted: %1. Up to %2 per file.</source>
        <translation>Zulässig: %1. Bis zu %2 pro Datei.</translation>
    </message>
</context>
</TS>
