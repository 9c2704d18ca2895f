<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Gatehouse</name>
    <message>
        <source>Gatehouse cannot start</source>
        <translation>Gatehouse kann nicht starten</translation>
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
        <source>New contacts get portal access</source>
        <translation>Neue Kontakte erhalten Portalzugang</translation>
    </message>
    <message>
        <source>When, from where and with what the contact used the portal</source>
        <translation>Wann, von wo und womit der Kontakt das Portal benutzt hat</translation>
    </message>
    <message>
        <source>Whether contacts added from now on may be invited to the portal</source>
        <translation>Ob ab jetzt angelegte Kontakte ins Portal eingeladen werden dürfen</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Der Arbeitsbereich konnte nicht gelesen werden: %1</translation>
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
        <source>Setting not changed</source>
        <translation>Einstellung nicht geändert</translation>
    </message>
    <message>
        <source>The default for new contacts could not be changed: %1</source>
        <translation>Der Standard für neue Kontakte konnte nicht geändert werden: %1</translation>
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
        <source>This task is completed by providing what it asks for.</source>
        <translation>Diese Aufgabe ist erledigt, sobald Sie das Angeforderte bereitstellen.</translation>
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
    <name>Gatehouse::PortalAccess</name>
    <message>
        <source>No such contact.</source>
        <translation>Diesen Kontakt gibt es nicht.</translation>
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
        <source>This sign-in was already used. Ask for a new one.</source>
        <translation>Diese Anmeldung wurde bereits verwendet. Fordern Sie eine neue Anmelde-E-Mail an.</translation>
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
</context>
<context>
    <name>Gatehouse::PortalContext</name>
    <message>
        <source>This request did not come from the portal&apos;s own pages. Reload the page and try again.</source>
        <translation>Diese Anfrage kam nicht von den Seiten des Portals. Laden Sie die Seite neu und versuchen Sie es noch einmal.</translation>
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
</context>
<context>
    <name>Gatehouse::ServiceError</name>
    <message>
        <source>Something went wrong on our side. Please try again.</source>
        <translation>Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.</translation>
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
    <name>Gatehouse::StaffAuthService</name>
    <message>
        <source>The email or password is not correct.</source>
        <translation>E-Mail-Adresse oder Passwort ist nicht korrekt.</translation>
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
    <name>Gatehouse::Template</name>
    <message>
        <source>Give the template a name.</source>
        <translation>Geben Sie der Vorlage einen Namen.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::WorkspaceSetup</name>
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
        <source>A short video for every user.</source>
        <translation>Ein kurzes Video für alle Benutzer.</translation>
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
    <name>home</name>
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
</context>
</TS>
