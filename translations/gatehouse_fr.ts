<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AuditLog</name>
    <message>
        <source>the audit trail has no column %1</source>
        <translation>le journal d’audit n’a pas de colonne %1</translation>
    </message>
    <message>
        <source>an audit event is malformed</source>
        <translation>un événement d’audit est mal formé</translation>
    </message>
    <message>
        <source>its contents were changed after it was written</source>
        <translation>son contenu a été modifié après son écriture</translation>
    </message>
    <message>
        <source>it does not follow the event before it</source>
        <translation>il ne fait pas suite à l’événement précédent</translation>
    </message>
</context>
<context>
    <name>Gatehouse</name>
    <message>
        <source>Gatehouse cannot start</source>
        <translation>Gatehouse ne peut pas démarrer</translation>
    </message>
    <message>
        <source>Enter the meeting link.</source>
        <translation>Saisissez le lien de la réunion.</translation>
    </message>
    <message>
        <source>The meeting link can be at most 2000 characters long.</source>
        <translation>Le lien de la réunion ne peut pas dépasser 2000 caractères.</translation>
    </message>
    <message>
        <source>The meeting link must start with https://.</source>
        <translation>Le lien de la réunion doit commencer par https://.</translation>
    </message>
    <message>
        <source>The meeting link is not a valid web address.</source>
        <translation>Le lien de la réunion n’est pas une adresse web valide.</translation>
    </message>
    <message>
        <source>This answer can be at most %1 characters long.</source>
        <translation>Cette réponse ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>Enter text.</source>
        <translation>Saisissez un texte.</translation>
    </message>
    <message>
        <source>Choose one of the options.</source>
        <translation>Choisissez l’une des options.</translation>
    </message>
    <message>
        <source>Choose one of the options offered.</source>
        <translation>Choisissez l’une des options proposées.</translation>
    </message>
    <message>
        <source>Choose from the options.</source>
        <translation>Choisissez parmi les options.</translation>
    </message>
    <message>
        <source>Choose only options offered.</source>
        <translation>Choisissez uniquement des options proposées.</translation>
    </message>
    <message>
        <source>Choose each option at most once.</source>
        <translation>Choisissez chaque option au plus une fois.</translation>
    </message>
    <message>
        <source>Answer yes or no.</source>
        <translation>Répondez par oui ou par non.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Saisissez une date au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>Enter an email address such as name@example.com.</source>
        <translation>Saisissez une adresse e-mail, par exemple nom@exemple.com.</translation>
    </message>
    <message>
        <source>Enter a phone number: digits, spaces and + ( ) - only.</source>
        <translation>Saisissez un numéro de téléphone&#xa0;: chiffres, espaces et + ( ) - uniquement.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Saisissez un nombre.</translation>
    </message>
    <message>
        <source>Enter a web address starting with https:// or http://.</source>
        <translation>Saisissez une adresse web commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>This answer cannot be read.</source>
        <translation>Impossible de lire cette réponse.</translation>
    </message>
    <message>
        <source>Field %1</source>
        <translation>Champ %1</translation>
    </message>
    <message>
        <source>Field %1 (&quot;%2&quot;)</source>
        <translation>Champ %1 («&#xa0;%2&#xa0;»)</translation>
    </message>
    <message>
        <source>This task is not a checklist.</source>
        <translation>Cette tâche n’est pas une liste de contrôle.</translation>
    </message>
    <message>
        <source>This task is not a form.</source>
        <translation>Cette tâche n’est pas un formulaire.</translation>
    </message>
    <message>
        <source>This meeting has not been scheduled yet.</source>
        <translation>Cette réunion n’a pas encore été planifiée.</translation>
    </message>
    <message>
        <source>This training takes place in person: your provider marks it done once you have attended.</source>
        <translation>Cette formation a lieu en présentiel&#xa0;: votre prestataire la marque comme terminée une fois que vous y avez assisté.</translation>
    </message>
    <message>
        <source>This training has not been set up yet.</source>
        <translation>Cette formation n’a pas encore été configurée.</translation>
    </message>
    <message>
        <source>This task is completed by providing what it asks for.</source>
        <translation>Cette tâche est terminée dès que vous fournissez ce qu’elle demande.</translation>
    </message>
    <message>
        <source>There is no such template.</source>
        <translation>Ce modèle n’existe pas.</translation>
    </message>
    <message>
        <source>The signature image is too large.</source>
        <translation>L’image de la signature est trop volumineuse.</translation>
    </message>
    <message>
        <source>The signature must be a PNG image.</source>
        <translation>La signature doit être une image PNG.</translation>
    </message>
    <message>
        <source>The signature image cannot be read.</source>
        <translation>Impossible de lire l’image de la signature.</translation>
    </message>
    <message>
        <source>The signature image has an unusual size.</source>
        <translation>L’image de la signature a une taille inhabituelle.</translation>
    </message>
    <message>
        <source>The signature pad is empty. Please sign before you submit.</source>
        <translation>Le cadre de signature est vide. Veuillez signer avant d’envoyer.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Le fichier ne peut pas dépasser 10 Mo.</translation>
    </message>
    <message>
        <source>Evidence pack</source>
        <translation>Dossier de preuves</translation>
    </message>
    <message>
        <source>The onboarding could not be read: %1</source>
        <translation>Impossible de lire l’onboarding&#xa0;: %1</translation>
    </message>
    <message>
        <source>Export evidence pack</source>
        <translation>Exporter le dossier de preuves</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>Archives ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Writing the evidence pack…</source>
        <translation>Écriture du dossier de preuves…</translation>
    </message>
    <message>
        <source>The evidence pack was not written: %1</source>
        <translation>Impossible d’écrire le dossier de preuves&#xa0;: %1</translation>
    </message>
    <message>
        <source>The evidence pack was saved to %1. Its MANIFEST.sha256 lists the SHA-256 of every file in it.</source>
        <translation>Le dossier de preuves a été enregistré dans %1. Son fichier MANIFEST.sha256 indique l’empreinte SHA-256 de chacun des fichiers qu’il contient.</translation>
    </message>
    <message>
        <source>The backup could not be read (%1). Nothing was changed.</source>
        <translation>Impossible de lire la sauvegarde (%1). Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup could not be read: %1</source>
        <translation>Impossible de lire la sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>A working copy could not be written: %1</source>
        <translation>Impossible d’écrire une copie de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>The file is not a Gatehouse backup of a SQLite database. Nothing was changed.</source>
        <translation>Ce fichier n’est pas une sauvegarde Gatehouse d’une base de données SQLite. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup could not be opened: %1</source>
        <translation>Impossible d’ouvrir la sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>The backup is damaged (%1). Nothing was changed.</source>
        <translation>La sauvegarde est endommagée (%1). Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Only an active member of staff can do this.</source>
        <translation>Seul un collaborateur actif peut effectuer cette action.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AccessLogDialog</name>
    <message>
        <source>Access log of %1</source>
        <translation>Journal d’accès de %1</translation>
    </message>
    <message>
        <source>%1 has not used the portal yet.</source>
        <translation>%1 n’a pas encore utilisé le portail.</translation>
    </message>
    <message>
        <source>The access log could not be read: %1</source>
        <translation>Impossible de lire le journal d’accès&#xa0;: %1</translation>
    </message>
    <message>
        <source>Access log</source>
        <translation>Journal d’accès</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AccessLogModel</name>
    <message>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Used the portal</source>
        <translation>A utilisé le portail</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>User agent</source>
        <translation>Navigateur (User-Agent)</translation>
    </message>
    <message>
        <source>Wrong recovery code</source>
        <translation>Code de récupération erroné</translation>
    </message>
    <message>
        <source>Wrong authenticator code</source>
        <translation>Code d’authentification erroné</translation>
    </message>
    <message>
        <source>Signed in (emailed code)</source>
        <translation>Connecté (code envoyé par e-mail)</translation>
    </message>
    <message>
        <source>Signed in (emailed link)</source>
        <translation>Connecté (lien envoyé par e-mail)</translation>
    </message>
    <message>
        <source>Signed in (password)</source>
        <translation>Connecté (mot de passe)</translation>
    </message>
    <message>
        <source>Signed in (authenticator code)</source>
        <translation>Connecté (code d’authentification)</translation>
    </message>
    <message>
        <source>Signed in (recovery code)</source>
        <translation>Connecté (code de récupération)</translation>
    </message>
    <message>
        <source>Signed in (set up authenticator app)</source>
        <translation>Connecté (application d’authentification configurée)</translation>
    </message>
    <message>
        <source>Signed in (chose this company)</source>
        <translation>Connecté (a choisi cette entreprise)</translation>
    </message>
    <message>
        <source>Signed in (switched from another company)</source>
        <translation>Connecté (changement depuis une autre entreprise)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ActivityView</name>
    <message>
        <source>Verify integrity</source>
        <translation>Vérifier l’intégrité</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Filter by who, subject, detail or IP address</source>
        <translation>Filtrer par auteur, objet, détail ou adresse IP</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Toutes les actions</translation>
    </message>
    <message>
        <source>Check that no event was changed, removed or reordered since it was written</source>
        <translation>Vérifier qu’aucun événement n’a été modifié, supprimé ou réordonné depuis son enregistrement</translation>
    </message>
    <message>
        <source>Save the events the filters show as a CSV file, with their hashes</source>
        <translation>Enregistrer les événements filtrés dans un fichier CSV, avec leurs empreintes</translation>
    </message>
    <message>
        <source>The audit trail could not be read: %1</source>
        <translation>Impossible de lire le journal d’audit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Showing the newest %1 of %2 events</source>
        <translation>Affichage des %1 événements les plus récents sur %2</translation>
    </message>
    <message>
        <source>1 event</source>
        <translation>1 événement</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 événements</translation>
    </message>
    <message>
        <source>Nothing recorded yet. Sign-ins, invitations and changes to tasks appear here as they happen.</source>
        <translation>Rien n’a encore été enregistré. Les connexions, les invitations et les modifications de tâches apparaissent ici au fur et à mesure.</translation>
    </message>
    <message>
        <source>No event matches these filters.</source>
        <translation>Aucun événement ne correspond à ces filtres.</translation>
    </message>
    <message>
        <source>Chain intact: 1 event checked</source>
        <translation>Chaîne intacte&#xa0;: 1 événement vérifié</translation>
    </message>
    <message>
        <source>Chain intact: %1 events checked</source>
        <translation>Chaîne intacte&#xa0;: %1 événements vérifiés</translation>
    </message>
    <message>
        <source>The audit trail could not be verified: %1</source>
        <translation>Impossible de vérifier le journal d’audit&#xa0;: %1</translation>
    </message>
    <message>
        <source>event %1</source>
        <translation>événement %1</translation>
    </message>
    <message>
        <source>event %1 (%2, %3)</source>
        <translation>événement %1 (%2, %3)</translation>
    </message>
    <message>
        <source>The event before it is intact.</source>
        <translation>L’événement qui le précède est intact.</translation>
    </message>
    <message>
        <source>The %1 events before it are intact.</source>
        <translation>Les %1 événements qui le précèdent sont intacts.</translation>
    </message>
    <message>
        <source>The audit trail was tampered with: the chain breaks at %1. %2 %3</source>
        <translation>Le journal d’audit a été falsifié&#xa0;: la chaîne est rompue à l’%1. %2 %3</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>Exporter le journal d’audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The audit trail could not be exported to %1: %2</source>
        <translation>Impossible d’exporter le journal d’audit vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Exported 1 event to %1</source>
        <translation>1 événement exporté vers %1</translation>
    </message>
    <message>
        <source>Exported %1 events to %2</source>
        <translation>%1 événements exportés vers %2</translation>
    </message>
    <message>
        <source>Filter the audit log</source>
        <translation>Filtrer le journal d’audit</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Journal d’audit</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AddStaffDialog</name>
    <message>
        <source>Add a member of staff</source>
        <translation>Ajouter un collaborateur</translation>
    </message>
    <message>
        <source>The member signs in with it once and then chooses their own.</source>
        <translation>Le collaborateur se connecte une première fois avec ce mot de passe, puis choisit le sien.</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Générer</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>&amp;Ajouter le collaborateur</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rôle&#xa0;:</translation>
    </message>
    <message>
        <source>Initial &amp;password:</source>
        <translation>&amp;Mot de passe initial&#xa0;:</translation>
    </message>
    <message>
        <source>Give the member this password; they choose their own the first time they sign in. They have no vault access until an administrator grants it.</source>
        <translation>Communiquez ce mot de passe au collaborateur&#xa0;; il choisira le sien lors de sa première connexion. Il n’a pas accès au coffre-fort tant qu’un administrateur ne le lui a pas accordé.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ApprovalService</name>
    <message>
        <source>Say what should change, so we can revise it.</source>
        <translation>Indiquez ce qui doit changer afin que nous puissions le réviser.</translation>
    </message>
    <message>
        <source>The comment can be at most 2000 characters long.</source>
        <translation>Le commentaire ne peut pas dépasser 2000 caractères.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task does not ask for your approval.</source>
        <translation>Cette tâche ne demande pas votre approbation.</translation>
    </message>
    <message>
        <source>This has been approved already.</source>
        <translation>Cet élément a déjà été approuvé.</translation>
    </message>
    <message>
        <source>You asked for changes; we will ask again once they are made.</source>
        <translation>Vous avez demandé des modifications&#xa0;; nous vous solliciterons à nouveau une fois qu’elles auront été faites.</translation>
    </message>
    <message>
        <source>This has been answered already.</source>
        <translation>Une réponse a déjà été donnée.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AuditLog</name>
    <message>
        <source>The audit trail could not be read.</source>
        <translation>Impossible de lire le journal d’audit.</translation>
    </message>
    <message>
        <source>Its contents were changed after it was written.</source>
        <translation>Son contenu a été modifié après son enregistrement.</translation>
    </message>
    <message>
        <source>It should be the first event, but it follows one that is gone.</source>
        <translation>Il devrait être le premier événement, mais il suit un événement qui a disparu.</translation>
    </message>
    <message>
        <source>It does not follow event %1: an event between them was removed, or events were reordered or rewritten.</source>
        <translation>Il ne suit pas l’événement %1&#xa0;: un événement intermédiaire a été supprimé, ou des événements ont été réordonnés ou réécrits.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Impossible d’écrire le fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>The file is not open for writing.</source>
        <translation>Le fichier n’est pas ouvert en écriture.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::AuditModel</name>
    <message>
        <source>Portal access revoked</source>
        <translation>Accès au portail retiré</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <source>Sign-in code sent</source>
        <translation>Code de connexion envoyé</translation>
    </message>
    <message>
        <source>Wrong sign-in code</source>
        <translation>Code de connexion erroné</translation>
    </message>
    <message>
        <source>Sign-in locked: too many wrong codes</source>
        <translation>Connexion bloquée&#xa0;: trop de codes erronés</translation>
    </message>
    <message>
        <source>Portal sign-in</source>
        <translation>Connexion au portail</translation>
    </message>
    <message>
        <source>Onboarding created</source>
        <translation>Onboarding créé</translation>
    </message>
    <message>
        <source>Staff sign-in</source>
        <translation>Connexion d’un collaborateur</translation>
    </message>
    <message>
        <source>Staff sign-in refused</source>
        <translation>Connexion d’un collaborateur refusée</translation>
    </message>
    <message>
        <source>Task completed by client</source>
        <translation>Tâche terminée par le client</translation>
    </message>
    <message>
        <source>Task status changed</source>
        <translation>Statut de tâche modifié</translation>
    </message>
    <message>
        <source>Workspace created</source>
        <translation>Espace de travail créé</translation>
    </message>
    <message>
        <source>Event %1 at %2 UTC</source>
        <translation>Événement %1 à %2 UTC</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Portal access default for new contacts</source>
        <translation>Accès au portail par défaut pour les nouveaux contacts</translation>
    </message>
    <message>
        <source>Portal access turned off</source>
        <translation>Accès au portail désactivé</translation>
    </message>
    <message>
        <source>Portal access turned on</source>
        <translation>Accès au portail activé</translation>
    </message>
    <message>
        <source>Credential moved to a password manager</source>
        <translation>Identifiant déplacé vers un gestionnaire de mots de passe</translation>
    </message>
    <message>
        <source>Credential purged</source>
        <translation>Identifiant purgé</translation>
    </message>
    <message>
        <source>Credential revealed</source>
        <translation>Identifiant affiché</translation>
    </message>
    <message>
        <source>Credential handed over</source>
        <translation>Identifiant remis</translation>
    </message>
    <message>
        <source>Staff password changed</source>
        <translation>Mot de passe d’un collaborateur modifié</translation>
    </message>
    <message>
        <source>Vault created</source>
        <translation>Coffre-fort créé</translation>
    </message>
    <message>
        <source>Vault access granted</source>
        <translation>Accès au coffre-fort accordé</translation>
    </message>
    <message>
        <source>Vault access revoked</source>
        <translation>Accès au coffre-fort retiré</translation>
    </message>
    <message>
        <source>Vault unlock refused</source>
        <translation>Déverrouillage du coffre-fort refusé</translation>
    </message>
    <message>
        <source>Company chosen at sign-in</source>
        <translation>Entreprise choisie à la connexion</translation>
    </message>
    <message>
        <source>Switched company in the portal</source>
        <translation>Changement d’entreprise dans le portail</translation>
    </message>
    <message>
        <source>Company added</source>
        <translation>Entreprise ajoutée</translation>
    </message>
    <message>
        <source>Contact added</source>
        <translation>Contact ajouté</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BackupChecks</name>
    <message>
        <source>The file is not a Gatehouse backup: it has no Gatehouse schema. Nothing was changed.</source>
        <translation>Ce fichier n’est pas une sauvegarde Gatehouse&#xa0;: il ne contient aucun schéma Gatehouse. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup was made by a newer version of Gatehouse (schema %1; this version knows up to %2). Update Gatehouse, then restore it. Nothing was changed.</source>
        <translation>La sauvegarde a été créée par une version plus récente de Gatehouse (schéma %1&#xa0;; cette version connaît les schémas jusqu’au %2). Mettez Gatehouse à jour, puis restaurez-la. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup&apos;s audit trail does not verify at event %1 (%2): the file was altered after it was made. Nothing was changed.</source>
        <translation>Le journal d’audit de la sauvegarde ne se vérifie pas à l’événement %1 (%2)&#xa0;: le fichier a été altéré après sa création. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The backup&apos;s audit trail could not be read (%1). Nothing was changed.</source>
        <translation>Impossible de lire le journal d’audit de la sauvegarde (%1). Rien n’a été modifié.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BackupJob</name>
    <message>
        <source>The current data could not be saved first, so nothing was restored: %1</source>
        <translation>Les données actuelles n’ont pas pu être enregistrées au préalable, rien n’a donc été restauré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingPanel</name>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Marquer comme terminée</translation>
    </message>
    <message>
        <source>Choose &amp;logo…</source>
        <translation>Choisir un &amp;logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Retirer le logo</translation>
    </message>
    <message>
        <source>&amp;Save branding</source>
        <translation>&amp;Enregistrer l’identité visuelle</translation>
    </message>
    <message>
        <source>How buttons look in the portal</source>
        <translation>Apparence des boutons dans le portail</translation>
    </message>
    <message>
        <source>Shown to clients on their home page</source>
        <translation>Affiché aux clients sur leur page d’accueil</translation>
    </message>
    <message>
        <source>Save branding (Ctrl+S)</source>
        <translation>Enregistrer l’identité visuelle (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Name clients see:</source>
        <translation>&amp;Nom affiché aux clients&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Accent colour:</source>
        <translation>&amp;Couleur d’accent&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Welcome message:</source>
        <translation>Message de &amp;bienvenue&#xa0;:</translation>
    </message>
    <message>
        <source>Logo:</source>
        <translation>Logo&#xa0;:</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Couleur d’accent</translation>
    </message>
    <message>
        <source>The branding could not be read: %1</source>
        <translation>Impossible de lire l’identité visuelle&#xa0;: %1</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Aucun logo</translation>
    </message>
    <message>
        <source>Text on buttons: contrast %1:1, readable (WCAG AA).</source>
        <translation>Texte des boutons&#xa0;: contraste %1:1, lisible (WCAG AA).</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Choisir un logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Images (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Save the branding</source>
        <translation>Enregistrer l’identité visuelle</translation>
    </message>
    <message>
        <source>Show pre&amp;view</source>
        <translation>Afficher l’a&amp;perçu</translation>
    </message>
    <message>
        <source>Show the portal&apos;s sign-in page with this branding, as it is typed and before it is saved</source>
        <translation>Afficher la page de connexion du portail avec cette identité visuelle, pendant la saisie et avant l’enregistrement</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingRules</name>
    <message>
        <source>The SVG declares entities or instructions; export it again as plain SVG.</source>
        <translation>Le SVG déclare des entités ou des instructions&#xa0;; exportez-le à nouveau en SVG simple.</translation>
    </message>
    <message>
        <source>The SVG contains &lt;%1&gt;; logos may only hold shapes and text.</source>
        <translation>Le SVG contient &lt;%1&gt;&#xa0;; les logos ne peuvent contenir que des formes et du texte.</translation>
    </message>
    <message>
        <source>The SVG refers to something outside itself; logos must be self-contained.</source>
        <translation>Le SVG fait référence à des éléments externes&#xa0;; les logos doivent être autonomes.</translation>
    </message>
    <message>
        <source>The file is not a readable SVG image.</source>
        <translation>Le fichier n’est pas une image SVG lisible.</translation>
    </message>
    <message>
        <source>Enter the accent colour as #RRGGBB, for example #1f6f5c.</source>
        <translation>Saisissez la couleur d’accent au format #RRGGBB, par exemple #1f6f5c.</translation>
    </message>
    <message>
        <source>Text on %1 buttons would be hard to read (contrast %2:1, at least 4.5:1 is needed). Choose a darker or a lighter colour.</source>
        <translation>Le texte des boutons %1 serait difficile à lire (contraste %2:1, il faut au moins 4.5:1). Choisissez une couleur plus foncée ou plus claire.</translation>
    </message>
    <message>
        <source>The logo file is empty.</source>
        <translation>Le fichier du logo est vide.</translation>
    </message>
    <message>
        <source>The logo may be at most 1 MB.</source>
        <translation>Le logo ne peut pas dépasser 1 Mo.</translation>
    </message>
    <message>
        <source>The logo image cannot be read.</source>
        <translation>Impossible de lire l’image du logo.</translation>
    </message>
    <message>
        <source>The logo may be at most 4096 pixels a side.</source>
        <translation>Le logo ne peut pas dépasser 4096 pixels de côté.</translation>
    </message>
    <message>
        <source>The logo must be a PNG, JPEG or SVG image.</source>
        <translation>Le logo doit être une image PNG, JPEG ou SVG.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BrandingService</name>
    <message>
        <source>Enter the name clients see (at most 100 characters).</source>
        <translation>Saisissez le nom affiché aux clients (100 caractères au maximum).</translation>
    </message>
    <message>
        <source>The welcome message can be at most 2000 characters long.</source>
        <translation>Le message de bienvenue ne peut pas dépasser 2000 caractères.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::BulkInviteDialog</name>
    <message>
        <source>Invite everyone at %1</source>
        <translation>Inviter tout le monde chez %1</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message numerus="yes">
        <source>Queuing %n invitation(s)…</source>
        <translation>
            <numerusform>Préparation de %n invitation…</numerusform>
            <numerusform>Préparation de %n invitations…</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued %1 of %2 invitations…</source>
        <translation>%1 invitations sur %2 préparées…</translation>
    </message>
    <message>
        <source>Queued %1 of %2 invitations, then stopped: %3</source>
        <translation>%1 invitations sur %2 préparées, puis arrêt&#xa0;: %3</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after queuing %n invitation(s).</source>
        <translation>
            <numerusform>Arrêt après la préparation de %n invitation.</numerusform>
            <numerusform>Arrêt après la préparation de %n invitations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n invitation(s).</source>
        <translation>
            <numerusform>%n invitation préparée.</numerusform>
            <numerusform>%n invitations préparées.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 sent.</source>
        <translation>%1 sur %2 envoyées.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistDefinition</name>
    <message>
        <source>&quot;items&quot; must be a list.</source>
        <translation>«&#xa0;items&#xa0;» doit être une liste.</translation>
    </message>
    <message>
        <source>Item %1 needs an id and a text.</source>
        <translation>L’élément %1 doit avoir un identifiant et un texte.</translation>
    </message>
    <message>
        <source>A checklist can have at most %1 items.</source>
        <translation>Une liste de contrôle peut contenir au maximum %1 éléments.</translation>
    </message>
    <message>
        <source>Item %1 needs an id of at most %2 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>L’élément %1 doit avoir un identifiant d’au plus %2 lettres, chiffres, «&#xa0;-&#xa0;» ou «&#xa0;_&#xa0;».</translation>
    </message>
    <message>
        <source>Two items have the id &quot;%1&quot;; each needs its own.</source>
        <translation>Deux éléments ont l’identifiant «&#xa0;%1&#xa0;»&#xa0;; chacun doit avoir le sien.</translation>
    </message>
    <message>
        <source>Item %1 needs a text of 1 to %2 characters.</source>
        <translation>L’élément %1 doit avoir un texte de 1 à %2 caractères.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistDialog</name>
    <message>
        <source>Edit items…</source>
        <translation>Modifier les éléments…</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Liste de contrôle</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Liste de contrôle&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 of %2 done · %3</source>
        <translation>%1 sur %2 terminés · %3</translation>
    </message>
    <message>
        <source>%1 (staff)</source>
        <translation>%1 (collaborateur)</translation>
    </message>
    <message>
        <source>%1 (client)</source>
        <translation>%1 (client)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistEditorDialog</name>
    <message>
        <source>Add item</source>
        <translation>Ajouter un élément</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Liste de contrôle&#xa0;: %1</translation>
    </message>
    <message>
        <source>Items, in order. Double-click or press F2 to change a text.</source>
        <translation>Éléments, dans l’ordre. Double-cliquez ou appuyez sur F2 pour modifier un texte.</translation>
    </message>
    <message>
        <source>New item</source>
        <translation>Nouvel élément</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ChecklistService</name>
    <message>
        <source>This checklist cannot be used yet: %1</source>
        <translation>Cette liste de contrôle ne peut pas encore être utilisée&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This checklist is done by %1, not by you.</source>
        <translation>Cette liste de contrôle incombe à %1, pas à vous.</translation>
    </message>
    <message>
        <source>This checklist is completed and can no longer be changed.</source>
        <translation>Cette liste de contrôle est terminée et ne peut plus être modifiée.</translation>
    </message>
    <message>
        <source>This checklist has no such item.</source>
        <translation>Cette liste de contrôle ne contient pas cet élément.</translation>
    </message>
    <message>
        <source>This task is not a checklist.</source>
        <translation>Cette tâche n’est pas une liste de contrôle.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ClientNotifier</name>
    <message>
        <source>Notify me of client actions</source>
        <translation>M’avertir des actions des clients</translation>
    </message>
    <message>
        <source>Gatehouse — %1</source>
        <translation>Gatehouse — %1</translation>
    </message>
    <message>
        <source>%1 new client actions</source>
        <translation>%1 nouvelles actions de clients</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CommentService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Rédigez d’abord un message.</translation>
    </message>
    <message>
        <source>A message can be at most 4000 characters long.</source>
        <translation>Un message ne peut pas dépasser 4000 caractères.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CompaniesView</name>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>New company…</source>
        <translation>Nouvelle entreprise…</translation>
    </message>
    <message>
        <source>Start onboarding…</source>
        <translation>Démarrer un onboarding…</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>Nouveau contact…</translation>
    </message>
    <message>
        <source>Invite to portal</source>
        <translation>Inviter sur le portail</translation>
    </message>
    <message>
        <source>Email the contact a personal link to the portal</source>
        <translation>Envoyer au contact un lien personnel vers le portail par e-mail</translation>
    </message>
    <message>
        <source>Start an onboarding for this company</source>
        <translation>Démarrer un onboarding pour cette entreprise</translation>
    </message>
    <message>
        <source>No companies yet — add your first client with New company.</source>
        <translation>Aucune entreprise pour l’instant — ajoutez votre premier client avec «&#xa0;Nouvelle entreprise&#xa0;».</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Entreprises</translation>
    </message>
    <message>
        <source>The companies could not be read: %1</source>
        <translation>Impossible de lire les entreprises&#xa0;: %1</translation>
    </message>
    <message>
        <source>The contacts could not be read: %1</source>
        <translation>Impossible de lire les contacts&#xa0;: %1</translation>
    </message>
    <message>
        <source>Contacts at %1</source>
        <translation>Contacts de %1</translation>
    </message>
    <message>
        <source>%1 has no contacts yet — add one with New contact.</source>
        <translation>%1 n’a pas encore de contact — ajoutez-en un avec «&#xa0;Nouveau contact&#xa0;».</translation>
    </message>
    <message>
        <source>Select a company to see its contacts.</source>
        <translation>Sélectionnez une entreprise pour afficher ses contacts.</translation>
    </message>
    <message>
        <source>Portal access is turned off for this contact.</source>
        <translation>L’accès au portail est désactivé pour ce contact.</translation>
    </message>
    <message>
        <source>Invitation not sent</source>
        <translation>Invitation non envoyée</translation>
    </message>
    <message>
        <source>%1 could not be invited: %2</source>
        <translation>Impossible d’inviter %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Turn portal access off</source>
        <translation>Désactiver l’accès au portail</translation>
    </message>
    <message>
        <source>Access log…</source>
        <translation>Journal d’accès…</translation>
    </message>
    <message>
        <source>When, from where and with what the contact used the portal</source>
        <translation>Quand, d’où et avec quoi le contact a utilisé le portail</translation>
    </message>
    <message>
        <source>Turn portal access on</source>
        <translation>Activer l’accès au portail</translation>
    </message>
    <message>
        <source>Let the contact be invited to the portal again</source>
        <translation>Permettre de nouveau d’inviter le contact sur le portail</translation>
    </message>
    <message>
        <source>End the contact&apos;s sessions and invitations, and refuse new ones</source>
        <translation>Mettre fin aux sessions et aux invitations du contact, et refuser les nouvelles</translation>
    </message>
    <message>
        <source>Turn portal access off for %1? Their sessions, pending sign-ins and invitations end at once.</source>
        <translation>Désactiver l’accès au portail pour %1&#xa0;? Ses sessions, connexions en attente et invitations prennent fin immédiatement.</translation>
    </message>
    <message>
        <source>Portal access not changed</source>
        <translation>Accès au portail inchangé</translation>
    </message>
    <message>
        <source>The portal access of %1 could not be changed: %2</source>
        <translation>Impossible de modifier l’accès au portail de %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Portal roles…</source>
        <translation>Rôles du portail…</translation>
    </message>
    <message>
        <source>Custom roles, and the role new contacts get</source>
        <translation>Rôles personnalisés et rôle attribué aux nouveaux contacts</translation>
    </message>
    <message>
        <source>Invite all…</source>
        <translation>Inviter tous…</translation>
    </message>
    <message>
        <source>Email a portal link to every contact of the company who has portal access and has not been invited or signed in yet</source>
        <translation>Envoyer un lien vers le portail à chaque contact de l’entreprise qui a accès au portail et n’a encore été ni invité ni connecté</translation>
    </message>
    <message>
        <source>Invitations not sent</source>
        <translation>Invitations non envoyées</translation>
    </message>
    <message>
        <source>Invite everyone</source>
        <translation>Inviter tout le monde</translation>
    </message>
    <message>
        <source>Everyone at %1 with portal access has been invited or has signed in already.</source>
        <translation>Tous les contacts de %1 ayant accès au portail ont déjà été invités ou se sont déjà connectés.</translation>
    </message>
    <message numerus="yes">
        <source>Email a portal invitation to %n contact(s) at %1 who have not been invited or signed in yet?</source>
        <translation>
            <numerusform>Envoyer une invitation au portail à %n contact de %1 qui n’a encore été ni invité ni connecté&#xa0;?</numerusform>
            <numerusform>Envoyer une invitation au portail aux %n contacts de %1 qui n’ont encore été ni invités ni connectés&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>View as…</source>
        <translation>Voir en tant que…</translation>
    </message>
    <message>
        <source>Sign-in defaults…</source>
        <translation>Paramètres de connexion…</translation>
    </message>
    <message>
        <source>Whether new contacts get portal access, whether an authenticator app is required, and how long sign-ins last (Settings &gt; Sign-in)</source>
        <translation>Si les nouveaux contacts ont accès au portail, si une application d’authentification est obligatoire et combien de temps durent les connexions (Paramètres &gt; Connexion)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CompanyListModel</name>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
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
        <translation>Impossible d’initialiser la bibliothèque de cryptographie (libsodium).</translation>
    </message>
    <message>
        <source>The database address is not usable: %1</source>
        <translation>L’adresse de la base de données est inutilisable&#xa0;: %1</translation>
    </message>
    <message>
        <source>The database %1 could not be brought up to date: %2</source>
        <translation>Impossible de mettre à jour la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The database %1 could not be read: %2</source>
        <translation>Impossible de lire la base de données %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The workspace could not be read: %1</source>
        <translation>Impossible de lire l’espace de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Portal not started on port %1: %2</source>
        <translation>Portail non démarré sur le port %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The demo workspace could not be made: %1</source>
        <translation>Impossible de créer l’espace de travail de démonstration&#xa0;: %1</translation>
    </message>
    <message>
        <source>--demo opens the demo workspace only, and the data folder holds another one (%1).</source>
        <translation>--demo ouvre uniquement l’espace de travail de démonstration, et le dossier de données en contient un autre (%1).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ConsoleOptions</name>
    <message>
        <source>Gatehouse staff console.</source>
        <translation>Console des collaborateurs Gatehouse.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Afficher la version.</translation>
    </message>
    <message>
        <source>Data folder (database, mailbox).</source>
        <translation>Dossier de données (base de données, boîte aux lettres).</translation>
    </message>
    <message>
        <source>postgresql://user:pass@host:port/db, or a SQLite file (default: the data folder&apos;s gatehouse.sqlite).</source>
        <translation>postgresql://user:pass@host:port/db, ou un fichier SQLite (par défaut&#xa0;: gatehouse.sqlite dans le dossier de données).</translation>
    </message>
    <message>
        <source>Port of the portal this console runs on 127.0.0.1 (default %1).</source>
        <translation>Port du portail que cette console exécute sur 127.0.0.1 (par défaut&#xa0;: %1).</translation>
    </message>
    <message>
        <source>Do not run the portal inside the console (a separate portal server does).</source>
        <translation>Ne pas exécuter le portail dans la console (un serveur de portail distinct s’en charge).</translation>
    </message>
    <message>
        <source>The address clients use to reach the portal; links in mail use it.</source>
        <translation>L’adresse à laquelle les clients accèdent au portail&#xa0;; les liens des e-mails l’utilisent.</translation>
    </message>
    <message>
        <source>smtp://host:587 or smtps://host:465; the password is read from the environment variable GATEHOUSE_SMTP_PASSWORD. Without it, mail goes to the data folder&apos;s mailbox.</source>
        <translation>smtp://host:587 ou smtps://host:465&#xa0;; le mot de passe est lu dans la variable d’environnement GATEHOUSE_SMTP_PASSWORD. Sans cette option, les e-mails sont déposés dans la boîte aux lettres du dossier de données.</translation>
    </message>
    <message>
        <source>SMTP user name.</source>
        <translation>Nom d’utilisateur SMTP.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; try --help.</source>
        <translation>Argument inattendu «&#xa0;%1&#xa0;»&#xa0;; essayez --help.</translation>
    </message>
    <message>
        <source>--portal-port needs a port number from 0 to 65535, not &quot;%1&quot;.</source>
        <translation>--portal-port attend un numéro de port entre 0 et 65535, et non «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>--public-url needs an http:// or https:// address, not &quot;%1&quot;.</source>
        <translation>--public-url attend une adresse http:// ou https://, et non «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Open the demo workspace of the data folder (made if there is none yet) as its admin, without signing in. For trying Gatehouse out: the demo&apos;s password is public.</source>
        <translation>Ouvrir l’espace de travail de démonstration du dossier de données (créé s’il n’existe pas encore) en tant qu’administrateur, sans se connecter. Pour essayer Gatehouse&#xa0;: le mot de passe de la démonstration est public.</translation>
    </message>
    <message>
        <source>With --demo: save pictures of the console&apos;s main areas in DIR, then quit.</source>
        <translation>Avec --demo&#xa0;: enregistrer des images des principales zones de la console dans DIR, puis quitter.</translation>
    </message>
    <message>
        <source>With --screenshots: only these pictures, comma-separated (%1).</source>
        <translation>Avec --screenshots&#xa0;: uniquement ces images, séparées par des virgules (%1).</translation>
    </message>
    <message>
        <source>--screenshots needs --demo and a folder.</source>
        <translation>--screenshots nécessite --demo et un dossier.</translation>
    </message>
    <message>
        <source>--screenshot-pages needs --screenshots.</source>
        <translation>--screenshot-pages nécessite --screenshots.</translation>
    </message>
    <message>
        <source>There is no screenshot &quot;%1&quot;; choose from %2.</source>
        <translation>Il n’existe pas de capture d’écran «&#xa0;%1&#xa0;»&#xa0;; choisissez parmi %2.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactListModel</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>%1 may sign in to the portal.</source>
        <translation>%1 peut se connecter au portail.</translation>
    </message>
    <message>
        <source>Portal access is turned off for %1.</source>
        <translation>L’accès au portail est désactivé pour %1.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Portal access</source>
        <translation>Accès au portail</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactPasswordService</name>
    <message>
        <source>That email address and password do not match.</source>
        <translation>L’adresse e-mail et le mot de passe ne correspondent pas.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactRolePicker</name>
    <message>
        <source>What the contact may see and do in the portal</source>
        <translation>Ce que le contact peut voir et faire dans le portail</translation>
    </message>
    <message>
        <source>Portal &amp;role:</source>
        <translation>&amp;Rôle dans le portail&#xa0;:</translation>
    </message>
    <message>
        <source>Role not changed</source>
        <translation>Rôle non modifié</translation>
    </message>
    <message>
        <source>The contact&apos;s portal role could not be changed: %1</source>
        <translation>Impossible de modifier le rôle du contact dans le portail&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ContactService</name>
    <message>
        <source>The company could not be added.</source>
        <translation>Impossible d’ajouter l’entreprise.</translation>
    </message>
    <message>
        <source>There is no such company.</source>
        <translation>Cette entreprise n’existe pas.</translation>
    </message>
    <message>
        <source>The contact could not be added.</source>
        <translation>Impossible d’ajouter le contact.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialApi</name>
    <message>
        <source>&quot;username&quot;, &quot;password&quot;, &quot;apiKey&quot; and &quot;notes&quot; must be text.</source>
        <translation>«&#xa0;username&#xa0;», «&#xa0;password&#xa0;», «&#xa0;apiKey&#xa0;» et «&#xa0;notes&#xa0;» doivent être du texte.</translation>
    </message>
    <message>
        <source>&quot;text&quot; must be text.</source>
        <translation>«&#xa0;text&#xa0;» doit être du texte.</translation>
    </message>
    <message>
        <source>&quot;mode&quot; must be &quot;single&quot; or &quot;bulk_text&quot;.</source>
        <translation>«&#xa0;mode&#xa0;» doit valoir «&#xa0;single&#xa0;» ou «&#xa0;bulk_text&#xa0;».</translation>
    </message>
    <message>
        <source>Give the file&apos;s name as ?name=.</source>
        <translation>Indiquez le nom du fichier avec&#xa0;?name=.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialService</name>
    <message>
        <source>Fill in at least one of username, password, API key or notes.</source>
        <translation>Renseignez au moins l’un des champs suivants&#xa0;: nom d’utilisateur, mot de passe, clé API ou notes.</translation>
    </message>
    <message>
        <source>Username, password and API key can be at most %1 characters long.</source>
        <translation>Le nom d’utilisateur, le mot de passe et la clé API ne peuvent pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>The notes can be at most %1 characters long.</source>
        <translation>Les notes ne peuvent pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>Paste the credentials to send.</source>
        <translation>Collez les identifiants à envoyer.</translation>
    </message>
    <message>
        <source>The text can be at most 10 MB long.</source>
        <translation>Le texte ne peut pas dépasser 10 Mo.</translation>
    </message>
    <message>
        <source>Give the file a name of at most %1 characters.</source>
        <translation>Donnez au fichier un nom de %1 caractères au maximum.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Le fichier ne peut pas dépasser 10 Mo.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task does not ask for credentials.</source>
        <translation>Cette tâche ne demande pas d’identifiants.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Cette tâche est déjà terminée.</translation>
    </message>
    <message>
        <source>%1 cannot receive credentials yet. Please try again later.</source>
        <translation>%1 ne peut pas encore recevoir d’identifiants. Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <source>There is no such credential.</source>
        <translation>Cet identifiant n’existe pas.</translation>
    </message>
    <message>
        <source>The reason can be at most %1 characters long.</source>
        <translation>Le motif ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>This credential was purged after it was moved to a password manager.</source>
        <translation>Cet identifiant a été purgé après avoir été déplacé vers un gestionnaire de mots de passe.</translation>
    </message>
    <message>
        <source>This credential is already marked as moved.</source>
        <translation>Cet identifiant est déjà marqué comme déplacé.</translation>
    </message>
    <message>
        <source>Move the credential into a password manager before purging it.</source>
        <translation>Déplacez l’identifiant vers un gestionnaire de mots de passe avant de le purger.</translation>
    </message>
    <message>
        <source>This credential was purged already.</source>
        <translation>Cet identifiant a déjà été purgé.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::CredentialsDialog</name>
    <message>
        <source>Login</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Pasted text</source>
        <translation>Texte collé</translation>
    </message>
    <message>
        <source>File %1 (%2)</source>
        <translation>Fichier %1 (%2)</translation>
    </message>
    <message>
        <source>Purged %1</source>
        <translation>Purgé le %1</translation>
    </message>
    <message>
        <source>Moved to a password manager by %1, %2</source>
        <translation>Déplacé vers un gestionnaire de mots de passe par %1, %2</translation>
    </message>
    <message>
        <source>Sealed in the vault</source>
        <translation>Scellé dans le coffre-fort</translation>
    </message>
    <message>
        <source>&amp;Reveal…</source>
        <translation>&amp;Afficher…</translation>
    </message>
    <message>
        <source>&amp;Moved to my password manager</source>
        <translation>&amp;Déplacé vers mon gestionnaire de mots de passe</translation>
    </message>
    <message>
        <source>&amp;Purge</source>
        <translation>&amp;Purger</translation>
    </message>
    <message>
        <source>Credentials: %1</source>
        <translation>Identifiants&#xa0;: %1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Remis</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Say that you keep it in your own password manager now; after that it can be purged from Gatehouse.</source>
        <translation>Indiquez que vous le conservez désormais dans votre propre gestionnaire de mots de passe&#xa0;; il pourra ensuite être purgé de Gatehouse.</translation>
    </message>
    <message>
        <source>Deletes the sealed credential for good. The audit trail keeps its history.</source>
        <translation>Supprime définitivement l’identifiant scellé. Le journal d’audit conserve son historique.</translation>
    </message>
    <message>
        <source>There is no vault in this window.</source>
        <translation>Aucun coffre-fort dans cette fenêtre.</translation>
    </message>
    <message>
        <source>The vault is unlocked.</source>
        <translation>Le coffre-fort est déverrouillé.</translation>
    </message>
    <message>
        <source>The vault is locked: revealing asks for your password first.</source>
        <translation>Le coffre-fort est verrouillé&#xa0;: l’affichage demande d’abord votre mot de passe.</translation>
    </message>
    <message>
        <source>Nothing has been handed over for this task yet.</source>
        <translation>Rien n’a encore été remis pour cette tâche.</translation>
    </message>
    <message>
        <source>The vault locked before the credential was revealed. Try again.</source>
        <translation>Le coffre-fort s’est verrouillé avant l’affichage de l’identifiant. Réessayez.</translation>
    </message>
    <message>
        <source>Save the decrypted file</source>
        <translation>Enregistrer le fichier déchiffré</translation>
    </message>
    <message>
        <source>File saved</source>
        <translation>Fichier enregistré</translation>
    </message>
    <message>
        <source>%1 was decrypted into %2.</source>
        <translation>%1 a été déchiffré dans %2.</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Decrypting into %1…</source>
        <translation>Déchiffrement dans %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Saving was cancelled; nothing was written.</source>
        <translation>L’enregistrement a été annulé&#xa0;; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>Purge credential</source>
        <translation>Purger l’identifiant</translation>
    </message>
    <message>
        <source>Delete %1 from %2 for good? It cannot be revealed again; the audit trail keeps its history.</source>
        <translation>Supprimer définitivement %1 de %2&#xa0;? Il ne pourra plus être affiché&#xa0;; le journal d’audit conserve son historique.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseBackup</name>
    <message>
        <source>The backup could not be read: %1</source>
        <translation>Impossible de lire la sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>This is a backup of a SQLite database; this database is on PostgreSQL. Nothing was changed.</source>
        <translation>Il s’agit de la sauvegarde d’une base de données SQLite&#xa0;; cette base de données est sur PostgreSQL. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>This is a backup of a PostgreSQL database; this database is a SQLite file. Nothing was changed.</source>
        <translation>Il s’agit de la sauvegarde d’une base de données PostgreSQL&#xa0;; cette base de données est un fichier SQLite. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>Backed up the database to %1 (%2 bytes, SHA-256 %3).</source>
        <translation>Base de données sauvegardée dans %1 (%2 octets, SHA-256 %3).</translation>
    </message>
    <message>
        <source>The backup was written to %1, but the audit trail could not record it: %2</source>
        <translation>La sauvegarde a été écrite dans %1, mais le journal d’audit n’a pas pu l’enregistrer&#xa0;: %2</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>The backup was restored, but its schema could not be brought up to date: %1</source>
        <translation>La sauvegarde a été restaurée, mais son schéma n’a pas pu être mis à jour&#xa0;: %1</translation>
    </message>
    <message>
        <source>The backup was restored, but its audit trail does not verify (event %1: %2).</source>
        <translation>La sauvegarde a été restaurée, mais son journal d’audit ne se vérifie pas (événement %1&#xa0;: %2).</translation>
    </message>
    <message>
        <source>Restored the database from %1 (SHA-256 %2).</source>
        <translation>Base de données restaurée à partir de %1 (SHA-256 %2).</translation>
    </message>
    <message>
        <source>%1 restored the database from a backup (%2).</source>
        <translation>%1 a restauré la base de données à partir d’une sauvegarde (%2).</translation>
    </message>
    <message>
        <source>The backup was restored, but the audit trail could not record it: %1</source>
        <translation>La sauvegarde a été restaurée, mais le journal d’audit n’a pas pu l’enregistrer&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseBanner</name>
    <message>
        <source>Database connection</source>
        <translation>Connexion à la base de données</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>Réessayer maintenant</translation>
    </message>
    <message>
        <source>The database cannot be reached: %1. Retrying…</source>
        <translation>La base de données est inaccessible&#xa0;: %1. Nouvelle tentative…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabaseHealth</name>
    <message>
        <source>unknown error</source>
        <translation>erreur inconnue</translation>
    </message>
    <message>
        <source>the database file %1 is missing</source>
        <translation>le fichier de base de données %1 est introuvable</translation>
    </message>
    <message>
        <source>the database file %1 cannot be read: %2</source>
        <translation>le fichier de base de données %1 est illisible&#xa0;: %2</translation>
    </message>
    <message>
        <source>the connection is closed</source>
        <translation>la connexion est fermée</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DatabasePanel</name>
    <message>
        <source>&amp;Back up…</source>
        <translation>&amp;Sauvegarder…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Fichier SQLite</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Serveur PostgreSQL</translation>
    </message>
    <message>
        <source>A backup is one file holding everything: companies, onboardings, uploaded files, the vault (still encrypted) and the audit trail. Restoring one replaces all of the data with the backup&apos;s; the current data is saved next to the backup first.</source>
        <translation>Une sauvegarde est un fichier unique qui contient tout&#xa0;: les entreprises, les onboardings, les fichiers envoyés, le coffre-fort (toujours chiffré) et le journal d’audit. La restauration d’une sauvegarde remplace toutes les données par celles de la sauvegarde&#xa0;; les données actuelles sont d’abord enregistrées à côté de la sauvegarde.</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Progression de la sauvegarde</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Base de données&#xa0;:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Emplacement&#xa0;:</translation>
    </message>
    <message>
        <source>Gatehouse backups (*.sqlite);;All files (*)</source>
        <translation>Sauvegardes Gatehouse (*.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Gatehouse backups (*.dump);;All files (*)</source>
        <translation>Sauvegardes Gatehouse (*.dump);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Sauvegarder la base de données</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>Sauvegarde en cours vers %1…</translation>
    </message>
    <message>
        <source>Restore the database</source>
        <translation>Restaurer la base de données</translation>
    </message>
    <message>
        <source>Restore the database?</source>
        <translation>Restaurer la base de données&#xa0;?</translation>
    </message>
    <message>
        <source>All of the data in this database will be replaced by the backup in %1. Changes made since that backup was taken will no longer be in the database, for everyone using it, the portal included.

The current data is first saved to %2.

Restore?</source>
        <translation>Toutes les données de cette base de données seront remplacées par la sauvegarde contenue dans %1. Les modifications apportées depuis la création de cette sauvegarde ne figureront plus dans la base de données, pour tous ceux qui l’utilisent, portail compris.

Les données actuelles sont d’abord enregistrées dans %2.

Restaurer&#xa0;?</translation>
    </message>
    <message>
        <source>Restoring from %1…</source>
        <translation>Restauration à partir de %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Restored the database from %1.</source>
        <translation>Base de données restaurée à partir de %1.</translation>
    </message>
    <message>
        <source>Backed up the database to %1.</source>
        <translation>Base de données sauvegardée dans %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DirectoryRepository</name>
    <message>
        <source>Give the workspace a name of at most 200 characters.</source>
        <translation>Donnez à l’espace de travail un nom de 200 caractères au maximum.</translation>
    </message>
    <message>
        <source>Enter a name of at most 200 characters.</source>
        <translation>Saisissez un nom de 200 caractères au maximum.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Saisissez une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>The password could not be hashed (out of memory).</source>
        <translation>Impossible de hacher le mot de passe (mémoire insuffisante).</translation>
    </message>
    <message>
        <source>A staff member with this email already exists.</source>
        <translation>Un collaborateur avec cette adresse e-mail existe déjà.</translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>Enter a company name of at most 200 characters.</source>
        <translation>Saisissez un nom d’entreprise de 200 caractères au maximum.</translation>
    </message>
    <message>
        <source>A company with this name already exists.</source>
        <translation>Une entreprise portant ce nom existe déjà.</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name (at most 200 characters).</source>
        <translation>Saisissez le nom du contact (200 caractères au maximum).</translation>
    </message>
    <message>
        <source>This company already has a contact with this email.</source>
        <translation>Cette entreprise a déjà un contact avec cette adresse e-mail.</translation>
    </message>
    <message>
        <source>There is no such staff member.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
    <message>
        <source>This account has been deactivated. Ask an administrator.</source>
        <translation>Ce compte a été désactivé. Adressez-vous à un administrateur.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DocumentPreview</name>
    <message>
        <source>Select an item to see it here.</source>
        <translation>Sélectionnez un élément pour l’afficher ici.</translation>
    </message>
    <message>
        <source>%1
%2, %3
No preview for this kind of file: save a copy to open it.</source>
        <translation>%1
%2, %3
Aucun aperçu pour ce type de fichier&#xa0;: enregistrez-en une copie pour l’ouvrir.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::DocumentService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task does not ask for files.</source>
        <translation>Cette tâche ne demande pas de fichiers.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Cette tâche est déjà terminée.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than %2 MB, the limit for this task.</source>
        <translation>«&#xa0;%1&#xa0;» dépasse %2 Mo, la limite pour cette tâche.</translation>
    </message>
    <message>
        <source>Documents are attached to approval and signature tasks.</source>
        <translation>Les documents sont joints aux tâches d’approbation et de signature.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is larger than %2 MB.</source>
        <translation>«&#xa0;%1&#xa0;» dépasse %2 Mo.</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>Ce fichier n’existe pas.</translation>
    </message>
    <message>
        <source>This file has been reviewed already and can no longer be removed.</source>
        <translation>Ce fichier a déjà été examiné et ne peut plus être retiré.</translation>
    </message>
    <message>
        <source>Say why the file is rejected, so the client knows what to send.</source>
        <translation>Indiquez pourquoi le fichier est refusé, afin que le client sache quoi envoyer.</translation>
    </message>
    <message>
        <source>The note can be at most 2000 characters long.</source>
        <translation>La note ne peut pas dépasser 2000 caractères.</translation>
    </message>
    <message>
        <source>This file has been reviewed already.</source>
        <translation>Ce fichier a déjà été examiné.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EmailPanel</name>
    <message>
        <source>&amp;Forget password</source>
        <translation>&amp;Oublier le mot de passe</translation>
    </message>
    <message>
        <source>&amp;Save mail settings</source>
        <translation>&amp;Enregistrer les paramètres e-mail</translation>
    </message>
    <message>
        <source>Send &amp;test mail</source>
        <translation>Envoyer un e-mail de &amp;test</translation>
    </message>
    <message>
        <source>smtps://mail.example.com:465 — empty: the local mailbox</source>
        <translation>smtps://mail.example.com:465 — vide&#xa0;: la boîte aux lettres locale</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>Serveur SMTP</translation>
    </message>
    <message>
        <source>SMTP user</source>
        <translation>Utilisateur SMTP</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>Mot de passe SMTP</translation>
    </message>
    <message>
        <source>Type to set or replace</source>
        <translation>Saisissez-le pour le définir ou le remplacer</translation>
    </message>
    <message>
        <source>portal@your-msp.example</source>
        <translation>portail@votre-msp.example</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Adresse de l’expéditeur</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nom de l’expéditeur</translation>
    </message>
    <message>
        <source>Save the mail settings (Ctrl+S)</source>
        <translation>Enregistrer les paramètres e-mail (Ctrl+S)</translation>
    </message>
    <message>
        <source>Send the test mail to</source>
        <translation>Envoyer l’e-mail de test à</translation>
    </message>
    <message>
        <source>Test mail result</source>
        <translation>Résultat de l’e-mail de test</translation>
    </message>
    <message>
        <source>This console was started with --smtp-url %1: it sends through that server until it is started without it. Settings saved here apply to portal servers and to the next start.</source>
        <translation>Cette console a été démarrée avec --smtp-url %1&#xa0;: elle envoie les e-mails par ce serveur tant qu’elle n’est pas redémarrée sans cette option. Les paramètres enregistrés ici s’appliquent aux serveurs du portail et au prochain démarrage.</translation>
    </message>
    <message>
        <source>SMTP se&amp;rver:</source>
        <translation>&amp;Serveur SMTP&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Sender &amp;address:</source>
        <translation>&amp;Adresse de l’expéditeur&#xa0;:</translation>
    </message>
    <message>
        <source>Sender &amp;name:</source>
        <translation>&amp;Nom de l’expéditeur&#xa0;:</translation>
    </message>
    <message>
        <source>Test mail t&amp;o:</source>
        <translation>&amp;Destinataire de l’e-mail de test&#xa0;:</translation>
    </message>
    <message>
        <source>Save the mail settings</source>
        <translation>Enregistrer les paramètres e-mail</translation>
    </message>
    <message>
        <source>The mail settings could not be read: %1</source>
        <translation>Impossible de lire les paramètres e-mail&#xa0;: %1</translation>
    </message>
    <message>
        <source>No password is needed without an SMTP user.</source>
        <translation>Aucun mot de passe n’est nécessaire sans utilisateur SMTP.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Recherche dans le trousseau…</translation>
    </message>
    <message>
        <source>A password for this user and server is stored in the keychain.</source>
        <translation>Un mot de passe pour cet utilisateur et ce serveur est enregistré dans le trousseau.</translation>
    </message>
    <message>
        <source>No password for this user and server is stored yet.</source>
        <translation>Aucun mot de passe n’est encore enregistré pour cet utilisateur et ce serveur.</translation>
    </message>
    <message>
        <source>The settings are saved, but the password could not be stored: %1</source>
        <translation>Les paramètres sont enregistrés, mais le mot de passe n’a pas pu être enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>Enter the address the test mail should go to.</source>
        <translation>Saisissez l’adresse à laquelle envoyer l’e-mail de test.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Delivered to the local mailbox folder %1.</source>
        <translation>Déposé dans le dossier de la boîte aux lettres locale %1.</translation>
    </message>
    <message>
        <source>The server accepted the test mail: %1</source>
        <translation>Le serveur a accepté l’e-mail de test&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EmbeddedPortalSettings</name>
    <message>
        <source>The portal address must be a web address such as https://portal.example.com, without a user, query or fragment.</source>
        <translation>L’adresse du portail doit être une adresse web telle que https://portal.example.com, sans utilisateur, requête ni fragment.</translation>
    </message>
    <message>
        <source>Choose both the TLS certificate and its key, or neither.</source>
        <translation>Choisissez à la fois le certificat TLS et sa clé, ou aucun des deux.</translation>
    </message>
    <message>
        <source>The TLS files cannot be used: %1</source>
        <translation>Les fichiers TLS ne sont pas utilisables&#xa0;: %1</translation>
    </message>
    <message>
        <source>The settings could not be written.</source>
        <translation>Impossible d’enregistrer les paramètres.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ErrorLabel</name>
    <message>
        <source>The database cannot be reached, so this was not saved. What you entered is kept: try again when it is back.</source>
        <translation>La base de données est inaccessible&#xa0;: rien n’a donc été enregistré. Votre saisie est conservée&#xa0;; réessayez lorsque la base de données sera de nouveau disponible.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::EvidencePack</name>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Cet onboarding n’existe pas.</translation>
    </message>
    <message>
        <source>The evidence pack could not be put together: %1</source>
        <translation>Impossible de constituer le dossier de preuves&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropApi</name>
    <message>
        <source>Give the file&apos;s name as ?name=.</source>
        <translation>Indiquez le nom du fichier avec&#xa0;?name=.</translation>
    </message>
    <message>
        <source>A file can be at most 100 MB large.</source>
        <translation>Un fichier ne peut pas dépasser 100 Mo.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropCipher</name>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>A file can be at most %1 MB large.</source>
        <translation>Un fichier ne peut pas dépasser %1 Mo.</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Impossible d’écrire le fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>Le téléchargement a été annulé.</translation>
    </message>
    <message>
        <source>The encrypted file is damaged: its size does not match.</source>
        <translation>Le fichier chiffré est endommagé&#xa0;: sa taille ne correspond pas.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropPanel</name>
    <message>
        <source>Not downloaded yet</source>
        <translation>Pas encore téléchargé</translation>
    </message>
    <message>
        <source>Downloaded by %1 on %2</source>
        <translation>Téléchargé par %1 le %2</translation>
    </message>
    <message>
        <source>Expired, content purged</source>
        <translation>Expiré, contenu purgé</translation>
    </message>
    <message>
        <source>Deleted by the client</source>
        <translation>Supprimé par le client</translation>
    </message>
    <message>
        <source>Files dropped by the client (encrypted)</source>
        <translation>Fichiers déposés par le client (chiffrés)</translation>
    </message>
    <message>
        <source>Save &amp;decrypted…</source>
        <translation>Enregistrer &amp;déchiffré…</translation>
    </message>
    <message>
        <source>Set e&amp;xpiry</source>
        <translation>Définir l’e&amp;xpiration</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Dropped by</source>
        <translation>Déposé par</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>Déposé le</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire le</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Files dropped by the client</source>
        <translation>Fichiers déposés par le client</translation>
    </message>
    <message>
        <source>Reason for downloading (optional, recorded)</source>
        <translation>Motif du téléchargement (facultatif, enregistré)</translation>
    </message>
    <message>
        <source>Reason for downloading</source>
        <translation>Motif du téléchargement</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Keep new files for</source>
        <translation>Conserver les nouveaux fichiers pendant</translation>
    </message>
    <message>
        <source>The dropped files could not be read: %1</source>
        <translation>Impossible de lire les fichiers déposés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Save %1 decrypted</source>
        <translation>Enregistrer %1 déchiffré</translation>
    </message>
    <message>
        <source>Vault not unlocked</source>
        <translation>Coffre-fort non déverrouillé</translation>
    </message>
    <message>
        <source>Decrypting %1…</source>
        <translation>Déchiffrement de %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Fichier non enregistré</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>Impossible d’enregistrer %1 dans %2&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileDropService</name>
    <message>
        <source>Give the file a name.</source>
        <translation>Donnez un nom au fichier.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task does not take secure file drops.</source>
        <translation>Cette tâche n’accepte pas de dépôts de fichiers sécurisés.</translation>
    </message>
    <message>
        <source>%1 cannot receive files yet. Please try again later.</source>
        <translation>%1 ne peut pas encore recevoir de fichiers. Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>Ce fichier n’existe pas.</translation>
    </message>
    <message>
        <source>Your provider has already downloaded this file, so it can no longer be deleted.</source>
        <translation>Votre prestataire a déjà téléchargé ce fichier&#xa0;; il ne peut donc plus être supprimé.</translation>
    </message>
    <message>
        <source>This file has expired and was deleted already.</source>
        <translation>Ce fichier a expiré et a déjà été supprimé.</translation>
    </message>
    <message>
        <source>Files can be kept from %1 to %2 days.</source>
        <translation>Les fichiers peuvent être conservés de %1 à %2 jours.</translation>
    </message>
    <message>
        <source>Only a secure file drop task keeps files for a set time.</source>
        <translation>Seule une tâche de dépôt de fichiers sécurisé conserve les fichiers pendant une durée définie.</translation>
    </message>
    <message>
        <source>The reason can be at most %1 characters long.</source>
        <translation>Le motif ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>The contact deleted this file before it was downloaded.</source>
        <translation>Le contact a supprimé ce fichier avant qu’il soit téléchargé.</translation>
    </message>
    <message>
        <source>This file has expired; its encrypted content is deleted.</source>
        <translation>Ce fichier a expiré&#xa0;; son contenu chiffré est supprimé.</translation>
    </message>
    <message>
        <source>A file can be at most 100 MB large.</source>
        <translation>Un fichier ne peut pas dépasser 100 Mo.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FileTypes</name>
    <message>
        <source>PDF documents</source>
        <translation>Documents PDF</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Office documents</source>
        <translation>Documents Office</translation>
    </message>
    <message>
        <source>Text and CSV files</source>
        <translation>Fichiers texte et CSV</translation>
    </message>
    <message>
        <source>ZIP archives</source>
        <translation>Archives ZIP</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>Accepted: %1.</source>
        <translation>Acceptés&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Web pages, scripts and SVG files cannot be uploaded. %1</source>
        <translation>Les pages web, les scripts et les fichiers SVG ne peuvent pas être envoyés. %1</translation>
    </message>
    <message>
        <source>The contents of &quot;%1&quot; do not match its name.</source>
        <translation>Le contenu de «&#xa0;%1&#xa0;» ne correspond pas à son nom.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a file type this task accepts. %2</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un type de fichier accepté par cette tâche. %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormBuilderDialog</name>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Allow several entries (shown as a list with &quot;Add another&quot;)</source>
        <translation>Autoriser plusieurs saisies (affichées sous forme de liste avec «&#xa0;Ajouter une autre&#xa0;»)</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Ajouter un champ</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Form: %1</source>
        <translation>Formulaire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Shown under the label</source>
        <translation>Affiché sous le libellé</translation>
    </message>
    <message>
        <source>One option per line</source>
        <translation>Une option par ligne</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Libellé&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Help:</source>
        <translation>&amp;Aide&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Options:</source>
        <translation>&amp;Options&#xa0;:</translation>
    </message>
    <message>
        <source>Fields, in the order the client sees them:</source>
        <translation>Champs, dans l’ordre où le client les voit&#xa0;:</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(sans libellé)</translation>
    </message>
    <message>
        <source>%1 — %2%3</source>
        <translation>%1 — %2%3</translation>
    </message>
    <message>
        <source> (required)</source>
        <translation> (obligatoire)</translation>
    </message>
    <message>
        <source>New question</source>
        <translation>Nouvelle question</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormDefinition</name>
    <message>
        <source>&quot;multipleEntries&quot; must be true or false.</source>
        <translation>«&#xa0;multipleEntries&#xa0;» doit valoir true ou false.</translation>
    </message>
    <message>
        <source>&quot;fields&quot; must be a list.</source>
        <translation>«&#xa0;fields&#xa0;» doit être une liste.</translation>
    </message>
    <message>
        <source>Field %1 is not an object.</source>
        <translation>Le champ %1 n’est pas un objet.</translation>
    </message>
    <message>
        <source>%1: id, label and type must be text, required true or false, help text and options a list.</source>
        <translation>%1&#xa0;: l’identifiant, le libellé et le type doivent être du texte, «&#xa0;required&#xa0;» doit valoir true ou false, le texte d’aide et les options doivent être une liste.</translation>
    </message>
    <message>
        <source>%1 has an unknown type &quot;%2&quot;.</source>
        <translation>%1 a un type inconnu «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>%1: every option must be text.</source>
        <translation>%1&#xa0;: chaque option doit être du texte.</translation>
    </message>
    <message>
        <source>A form can have at most %1 fields.</source>
        <translation>Un formulaire peut contenir au maximum %1 champs.</translation>
    </message>
    <message>
        <source>%1 needs an id of at most %2 letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>%1 doit avoir un identifiant d’au plus %2 lettres, chiffres, «&#xa0;-&#xa0;» ou «&#xa0;_&#xa0;».</translation>
    </message>
    <message>
        <source>Two fields have the id &quot;%1&quot;; each needs its own.</source>
        <translation>Deux champs ont l’identifiant «&#xa0;%1&#xa0;»&#xa0;; chacun doit avoir le sien.</translation>
    </message>
    <message>
        <source>%1 needs a label.</source>
        <translation>%1 doit avoir un libellé.</translation>
    </message>
    <message>
        <source>%1: the label can be at most %2 characters long.</source>
        <translation>%1&#xa0;: le libellé ne peut pas dépasser %2 caractères.</translation>
    </message>
    <message>
        <source>%1: the help text can be at most %2 characters long.</source>
        <translation>%1&#xa0;: le texte d’aide ne peut pas dépasser %2 caractères.</translation>
    </message>
    <message>
        <source>%1: only choice fields have options.</source>
        <translation>%1&#xa0;: seuls les champs à choix ont des options.</translation>
    </message>
    <message>
        <source>%1 (&quot;%2&quot;) needs at least one option.</source>
        <translation>%1 («&#xa0;%2&#xa0;») doit avoir au moins une option.</translation>
    </message>
    <message>
        <source>%1 can have at most %2 options.</source>
        <translation>%1 peut avoir au maximum %2 options.</translation>
    </message>
    <message>
        <source>%1: every option needs a text of 1 to %2 characters.</source>
        <translation>%1&#xa0;: chaque option doit avoir un texte de 1 à %2 caractères.</translation>
    </message>
    <message>
        <source>%1 offers &quot;%2&quot; twice.</source>
        <translation>%1 propose «&#xa0;%2&#xa0;» deux fois.</translation>
    </message>
    <message>
        <source>This form has no such field.</source>
        <translation>Ce formulaire ne contient pas ce champ.</translation>
    </message>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormEntriesDialog</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Form entries</source>
        <translation>Saisies du formulaire</translation>
    </message>
    <message>
        <source>Entries: %1</source>
        <translation>Saisies&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing has been saved yet.</source>
        <translation>Rien n’a encore été enregistré.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s). Status: %1.</source>
        <translation>
            <numerusform>%n saisie. Statut&#xa0;: %1.</numerusform>
            <numerusform>%n saisies. Statut&#xa0;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Saisie %1</translation>
    </message>
    <message>
        <source>Saved by %1, %2</source>
        <translation>Enregistré par %1, %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormField</name>
    <message>
        <source>Short text</source>
        <translation>Texte court</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>Texte long</translation>
    </message>
    <message>
        <source>Single choice</source>
        <translation>Choix unique</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Choix multiple</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>Oui ou non</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numéro de téléphone</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Adresse web</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FormService</name>
    <message>
        <source>This form cannot be filled in yet: %1</source>
        <translation>Ce formulaire ne peut pas encore être rempli&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This form is filled in by %1, not by you.</source>
        <translation>Ce formulaire doit être rempli par %1, pas par vous.</translation>
    </message>
    <message>
        <source>This form has been submitted and can no longer be changed.</source>
        <translation>Ce formulaire a été envoyé et ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>This form has no questions yet.</source>
        <translation>Ce formulaire ne contient pas encore de questions.</translation>
    </message>
    <message>
        <source>Some answers need your attention.</source>
        <translation>Certaines réponses requièrent votre attention.</translation>
    </message>
    <message>
        <source>There is no such entry. It may have been removed.</source>
        <translation>Cette saisie n’existe pas. Elle a peut-être été supprimée.</translation>
    </message>
    <message>
        <source>This form can have at most %1 entries.</source>
        <translation>Ce formulaire peut contenir au maximum %1 saisies.</translation>
    </message>
    <message>
        <source>Save your answers before you submit the form.</source>
        <translation>Enregistrez vos réponses avant d’envoyer le formulaire.</translation>
    </message>
    <message>
        <source>This task is not a form.</source>
        <translation>Cette tâche n’est pas un formulaire.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::FrontDoor</name>
    <message>
        <source>Too many connections. Please try again in a moment.</source>
        <translation>Trop de connexions. Veuillez réessayer dans un instant.</translation>
    </message>
    <message>
        <source>The request took too long to arrive.</source>
        <translation>La requête a mis trop de temps à arriver.</translation>
    </message>
    <message>
        <source>The upload is too slow.</source>
        <translation>L’envoi est trop lent.</translation>
    </message>
    <message>
        <source>The upload cannot be stored right now. Please try again later.</source>
        <translation>Le fichier envoyé ne peut pas être enregistré pour le moment. Veuillez réessayer plus tard.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::GlobalSearch</name>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>Rechercher (Ctrl+K)</translation>
    </message>
    <message>
        <source>Find companies, contacts, onboardings and tasks</source>
        <translation>Rechercher des entreprises, des contacts, des onboardings et des tâches</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeCharts</name>
    <message>
        <source>Onboardings by current phase</source>
        <translation>Onboardings par phase en cours</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
    <message numerus="yes">
        <source>Open tasks, last %n day(s)</source>
        <translation>
            <numerusform>Tâches ouvertes sur %n jour</numerusform>
            <numerusform>Tâches ouvertes sur les %n derniers jours</numerusform>
        </translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>Tâches ouvertes</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeItemModel</name>
    <message>
        <source>asked by %1</source>
        <translation>posée par %1</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>échéance le %1</translation>
    </message>
    <message>
        <source>last activity %1</source>
        <translation>dernière activité le %1</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
</context>
<context>
    <name>Gatehouse::HomeView</name>
    <message>
        <source>Waiting for review (%1)</source>
        <translation>En attente de vérification (%1)</translation>
    </message>
    <message>
        <source>Unanswered questions (%1)</source>
        <translation>Questions sans réponse (%1)</translation>
    </message>
    <message>
        <source>Overdue tasks (%1)</source>
        <translation>Tâches en retard (%1)</translation>
    </message>
    <message>
        <source>Stalled onboardings (%1)</source>
        <translation>Onboardings au point mort (%1)</translation>
    </message>
    <message>
        <source>Needs you now</source>
        <translation>À traiter maintenant</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>&amp;Stalled after no activity for</source>
        <translation>Au point &amp;mort après une inactivité de</translation>
    </message>
    <message>
        <source>What needs you could not be read: %1</source>
        <translation>Impossible de lire les éléments à traiter&#xa0;: %1</translation>
    </message>
    <message>
        <source>The charts could not be read: %1</source>
        <translation>Impossible de lire les graphiques&#xa0;: %1</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Http</name>
    <message>
        <source>Something went wrong on our side.</source>
        <translation>Une erreur s’est produite de notre côté.</translation>
    </message>
    <message>
        <source>This request did not come from the portal&apos;s own pages.</source>
        <translation>Cette requête ne provient pas des pages du portail.</translation>
    </message>
    <message>
        <source>Send the request body as application/json.</source>
        <translation>Envoyez le corps de la requête au format application/json.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>La requête est trop volumineuse.</translation>
    </message>
    <message>
        <source>The request body is not a JSON object.</source>
        <translation>Le corps de la requête n’est pas un objet JSON.</translation>
    </message>
    <message>
        <source>Send the file as application/octet-stream.</source>
        <translation>Envoyez le fichier en tant que application/octet-stream.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationDialog</name>
    <message>
        <source>Read-only: nothing can be changed in the portal</source>
        <translation>Lecture seule&#xa0;: rien ne peut être modifié dans le portail</translation>
    </message>
    <message>
        <source>View portal as %1</source>
        <translation>Voir le portail en tant que %1</translation>
    </message>
    <message>
        <source>You will see the portal as %1 sees it, for a limited time. %1 can see in the portal that you viewed it, and the reason is recorded in the audit trail.</source>
        <translation>Vous verrez le portail tel que %1 le voit, pendant une durée limitée. %1 peut voir dans le portail que vous l’avez consulté, et le motif est consigné dans le journal d’audit.</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>&amp;Motif (obligatoire)&#xa0;:</translation>
    </message>
    <message>
        <source>For example: ticket 4711, the upload button is missing</source>
        <translation>Par exemple&#xa0;: ticket 4711, le bouton d’envoi de fichier est absent</translation>
    </message>
    <message>
        <source>Clear it to act for the contact: complete tasks, upload, answer. Every request is audited.</source>
        <translation>Décochez cette case pour agir à la place du contact&#xa0;: effectuer des tâches, envoyer des fichiers, répondre. Chaque requête est consignée dans le journal d’audit.</translation>
    </message>
    <message>
        <source>&amp;View portal</source>
        <translation>&amp;Voir le portail</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationService</name>
    <message>
        <source>Give a reason for viewing the portal as this contact.</source>
        <translation>Indiquez un motif pour consulter le portail en tant que ce contact.</translation>
    </message>
    <message>
        <source>Keep the reason under %1 characters.</source>
        <translation>Le motif doit comporter moins de %1 caractères.</translation>
    </message>
    <message>
        <source>Your staff account was not found. Sign in again.</source>
        <translation>Votre compte collaborateur est introuvable. Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Only an administrator may allow actions while viewing the portal as a contact.</source>
        <translation>Seul un administrateur peut autoriser des actions lors de la consultation du portail en tant que contact.</translation>
    </message>
    <message>
        <source>No such contact.</source>
        <translation>Ce contact n’existe pas.</translation>
    </message>
    <message>
        <source>%1 has no portal access, so there is no portal to view as them.</source>
        <translation>%1 n’a pas accès au portail&#xa0;: il n’y a donc aucun portail à voir en tant que cette personne.</translation>
    </message>
    <message>
        <source>No such view of the portal.</source>
        <translation>Cette consultation du portail n’existe pas.</translation>
    </message>
    <message>
        <source>This view of the portal has time left.</source>
        <translation>Le délai de cette consultation du portail n’est pas encore écoulé.</translation>
    </message>
    <message>
        <source>Only an administrator may change how long a view of the portal lasts.</source>
        <translation>Seul un administrateur peut modifier la durée d’une consultation du portail.</translation>
    </message>
    <message>
        <source>A view of the portal lasts from %1 to %2 minutes.</source>
        <translation>Une consultation du portail dure de %1 à %2 minutes.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ImpersonationWindow</name>
    <message>
        <source>&amp;End view</source>
        <translation>&amp;Terminer la consultation</translation>
    </message>
    <message>
        <source>Portal as %1</source>
        <translation>Portail en tant que %1</translation>
    </message>
    <message>
        <source>End the view and its portal session</source>
        <translation>Terminer la consultation et sa session du portail</translation>
    </message>
    <message>
        <source>Viewing the portal as %1 &lt;%2&gt;, read-only</source>
        <translation>Consultation du portail en tant que %1 &lt;%2&gt;, en lecture seule</translation>
    </message>
    <message>
        <source>Viewing the portal as %1 &lt;%2&gt;, acting for them</source>
        <translation>Consultation du portail en tant que %1 &lt;%2&gt;, en agissant en son nom</translation>
    </message>
    <message>
        <source>%1:%2 left</source>
        <translation>Temps restant&#xa0;: %1:%2</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>Temps écoulé</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>View not ended</source>
        <translation>Consultation non terminée</translation>
    </message>
    <message>
        <source>The view of the portal as %1 could not be ended: %2. Its session ends by itself at its time limit.</source>
        <translation>Impossible de terminer la consultation du portail en tant que %1&#xa0;: %2. Sa session prendra fin d’elle-même à l’expiration de son délai.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::InboxView</name>
    <message>
        <source>Send answer</source>
        <translation>Envoyer la réponse</translation>
    </message>
    <message>
        <source>Questions from clients</source>
        <translation>Questions des clients</translation>
    </message>
    <message>
        <source>Your answer (Ctrl+Return sends it)</source>
        <translation>Votre réponse (Ctrl+Entrée pour l’envoyer)</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Send answer (Ctrl+Return)</source>
        <translation>Envoyer la réponse (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>No questions yet. When clients ask one in the portal, it lands here.</source>
        <translation>Aucune question pour l’instant. Lorsqu’un client en pose une dans le portail, elle arrive ici.</translation>
    </message>
    <message>
        <source>The inbox could not be read: %1</source>
        <translation>Impossible de lire la boîte de réception&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (%2) asked on %3%4:

%5</source>
        <translation>%1 (%2) a posé une question le %3%4&#xa0;:

%5</translation>
    </message>
    <message>
        <source> about &quot;%1&quot;</source>
        <translation> au sujet de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>

%1 answered on %2:

%3</source>
        <translation>

%1 a répondu le %2&#xa0;:

%3</translation>
    </message>
    <message>
        <source>Send the answer</source>
        <translation>Envoyer la réponse</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Invite</name>
    <message>
        <source>No such contact.</source>
        <translation>Ce contact n’existe pas.</translation>
    </message>
    <message>
        <source>Portal access is turned off for %1.</source>
        <translation>L’accès au portail est désactivé pour %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::InviteResultPanel</name>
    <message>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The invitation to %1 &lt;%2&gt; is queued for sending. It replaces any earlier invitation. You can also pass on the link yourself:</source>
        <translation>L’invitation à %1 &lt;%2&gt; est en attente d’envoi. Elle remplace toute invitation antérieure. Vous pouvez aussi transmettre le lien vous-même&#xa0;:</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Keychain</name>
    <message>
        <source>Nothing is remembered on this device.</source>
        <translation>Rien n’est mémorisé sur cet appareil.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused.</source>
        <translation>L’accès au trousseau a été refusé.</translation>
    </message>
    <message>
        <source>The keychain refused access; it may be locked. Unlock it and try again.</source>
        <translation>Le trousseau a refusé l’accès&#xa0;; il est peut-être verrouillé. Déverrouillez-le et réessayez.</translation>
    </message>
    <message>
        <source>No keychain is available on this device (on Linux: a Secret Service such as GNOME Keyring or KWallet).</source>
        <translation>Aucun trousseau n’est disponible sur cet appareil (sous Linux&#xa0;: un service Secret Service tel que GNOME Keyring ou KWallet).</translation>
    </message>
    <message>
        <source>This system&apos;s keychain is not supported.</source>
        <translation>Le trousseau de ce système n’est pas pris en charge.</translation>
    </message>
    <message>
        <source>The keychain could not delete the entry: %1</source>
        <translation>Le trousseau n’a pas pu supprimer l’entrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain failed: %1</source>
        <translation>Échec du trousseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>No protected memory for the remembered key.</source>
        <translation>Aucune mémoire protégée pour la clé mémorisée.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::LoginDialog</name>
    <message>
        <source>Sign in to Gatehouse</source>
        <translation>Se connecter à Gatehouse</translation>
    </message>
    <message>
        <source>Sign in with your staff account.</source>
        <translation>Connectez-vous avec votre compte collaborateur.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>vous@exemple.com</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>The email or password is not correct.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows, or one of your recovery codes.</source>
        <translation>Saisissez le code à 6 chiffres affiché par votre application d’authentification, ou l’un de vos codes de récupération.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code&#xa0;:</translation>
    </message>
    <message>
        <source>An administrator set your password. Choose your own now.</source>
        <translation>Un administrateur a défini votre mot de passe. Choisissez maintenant le vôtre.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nouveau mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Répétez-le&#xa0;:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Save and sign in</source>
        <translation>Enregistrer et se connecter</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Les deux mots de passe ne sont pas identiques.</translation>
    </message>
    <message>
        <source>Choose a password other than the one you were given.</source>
        <translation>Choisissez un mot de passe différent de celui qui vous a été communiqué.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailComposer</name>
    <message>
        <source>%1 invites you to your client portal</source>
        <translation>%1 vous invite sur votre portail client</translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation>Bonjour %1,</translation>
    </message>
    <message>
        <source>%1 has set up a portal for %2 where you can follow your onboarding and complete your tasks.</source>
        <translation>%1 a mis en place pour %2 un portail où vous pouvez suivre votre onboarding et effectuer vos tâches.</translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation>Ouvrir votre portail</translation>
    </message>
    <message>
        <source>No password needed: we will confirm your email address with a one-time code.</source>
        <translation>Aucun mot de passe nécessaire&#xa0;: nous confirmerons votre adresse e-mail avec un code à usage unique.</translation>
    </message>
    <message>
        <source>Your sign-in code for %1: %2</source>
        <translation>Votre code de connexion pour %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Your sign-in code: %1</source>
        <translation>Votre code de connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>Or sign in with this link:</source>
        <translation>Ou connectez-vous avec ce lien&#xa0;:</translation>
    </message>
    <message>
        <source>If you did not ask to sign in, you can ignore this message.</source>
        <translation>Si vous n’avez pas demandé à vous connecter, vous pouvez ignorer ce message.</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message numerus="yes">
        <source>The code and the link work once and expire in %n minutes.</source>
        <translation>
            <numerusform>Le code et le lien ne fonctionnent qu’une fois et expirent dans %n minute.</numerusform>
            <numerusform>Le code et le lien ne fonctionnent qu’une fois et expirent dans %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meeting: %1</source>
        <translation>Réunion&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has scheduled &quot;%2&quot;.</source>
        <translation>%1 a planifié «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>When: %1 (%2), %3</source>
        <translation>Quand&#xa0;: %1 (%2), %3</translation>
    </message>
    <message>
        <source>Join: %1</source>
        <translation>Rejoindre&#xa0;: %1</translation>
    </message>
    <message>
        <source>The attached calendar file adds the meeting to your calendar. Your portal shows it in your own time zone:</source>
        <translation>Le fichier de calendrier joint ajoute la réunion à votre agenda. Votre portail l’affiche dans votre propre fuseau horaire&#xa0;:</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Signé&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 signed &quot;%2&quot;. The signature certificate is attached: it names the document with its SHA-256 fingerprint and records who signed, when and from where.</source>
        <translation>%1 a signé «&#xa0;%2&#xa0;». Le certificat de signature est joint&#xa0;: il identifie le document par son empreinte SHA-256 et indique qui a signé, quand et d’où.</translation>
    </message>
    <message>
        <source>Open the portal</source>
        <translation>Ouvrir le portail</translation>
    </message>
    <message>
        <source>Signature certificate.pdf</source>
        <translation>Certificat de signature.pdf</translation>
    </message>
    <message>
        <source>Question from %1</source>
        <translation>Question de %1</translation>
    </message>
    <message>
        <source>%1 &lt;%2&gt; asked in the portal:</source>
        <translation>%1 &lt;%2&gt; a posé une question dans le portail&#xa0;:</translation>
    </message>
    <message>
        <source>Answer it from the Inbox in the Gatehouse console.</source>
        <translation>Répondez-y depuis la boîte de réception de la console Gatehouse.</translation>
    </message>
    <message>
        <source>Your question to %1 is answered</source>
        <translation>Votre question à %1 a reçu une réponse</translation>
    </message>
    <message>
        <source>You asked:</source>
        <translation>Votre question&#xa0;:</translation>
    </message>
    <message>
        <source>%1 answered:</source>
        <translation>Réponse de %1&#xa0;:</translation>
    </message>
    <message>
        <source>Test mail from %1</source>
        <translation>E-mail de test de %1</translation>
    </message>
    <message>
        <source>%1 sent this message from Gatehouse&apos;s mail settings to check that mail from %2 arrives. There is nothing else to do.</source>
        <translation>%1 a envoyé ce message depuis les paramètres e-mail de Gatehouse pour vérifier que les e-mails de %2 arrivent bien. Vous n’avez rien d’autre à faire.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailConfigService</name>
    <message>
        <source>The SMTP server must look like smtp://host:587 or smtps://host:465.</source>
        <translation>Le serveur SMTP doit avoir la forme smtp://host:587 ou smtps://host:465.</translation>
    </message>
    <message>
        <source>Mail through an SMTP server needs a sender address.</source>
        <translation>L’envoi par un serveur SMTP nécessite une adresse d’expéditeur.</translation>
    </message>
    <message>
        <source>The sender address is not a valid email address.</source>
        <translation>L’adresse de l’expéditeur n’est pas une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>The SMTP user name is too long or contains line breaks.</source>
        <translation>Le nom d’utilisateur SMTP est trop long ou contient des sauts de ligne.</translation>
    </message>
    <message>
        <source>The sender name can be at most %1 characters on one line.</source>
        <translation>Le nom de l’expéditeur doit tenir sur une ligne et comporter au plus %1 caractères.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailPassword</name>
    <message>
        <source>No SMTP user is set.</source>
        <translation>Aucun utilisateur SMTP n’est défini.</translation>
    </message>
    <message>
        <source>Set the SMTP server and user before the password.</source>
        <translation>Définissez le serveur et l’utilisateur SMTP avant le mot de passe.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MailView</name>
    <message>
        <source>Open mailbox folder</source>
        <translation>Ouvrir le dossier de la boîte aux lettres</translation>
    </message>
    <message>
        <source>Without SMTP, mail is delivered to %1</source>
        <translation>Sans SMTP, les e-mails sont déposés ici&#xa0;: %1</translation>
    </message>
    <message>
        <source>Mail is sent through %1.</source>
        <translation>Les e-mails sont envoyés via %1.</translation>
    </message>
    <message>
        <source>No mail yet. Invitations and sign-in codes appear here as soon as they are queued.</source>
        <translation>Aucun e-mail pour l’instant. Les invitations et les codes de connexion apparaissent ici dès qu’ils sont en attente d’envoi.</translation>
    </message>
    <message>
        <source>Select a message to read it.</source>
        <translation>Sélectionnez un message pour le lire.</translation>
    </message>
    <message>
        <source>The outbox could not be read: %1</source>
        <translation>Impossible de lire la boîte d’envoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Boîte aux lettres</translation>
    </message>
    <message>
        <source>No file manager could open %1.</source>
        <translation>Aucun gestionnaire de fichiers n’a pu ouvrir %1.</translation>
    </message>
    <message>
        <source>Outgoing mail</source>
        <translation>E-mails sortants</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MainWindow</name>
    <message>
        <source>%1 — Gatehouse</source>
        <translation>%1 — Gatehouse</translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation>Connecté en tant que %1</translation>
    </message>
    <message>
        <source>Live updates paused: %1</source>
        <translation>Mises à jour en direct suspendues&#xa0;: %1</translation>
    </message>
    <message>
        <source>Staff console</source>
        <translation>Console des collaborateurs</translation>
    </message>
    <message>
        <source>Onboardings</source>
        <translation>Onboardings</translation>
    </message>
    <message>
        <source>Companies &amp; contacts</source>
        <translation>Entreprises et contacts</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New onboarding…</source>
        <translation>&amp;Nouvel onboarding…</translation>
    </message>
    <message>
        <source>New &amp;company…</source>
        <translation>Nouvelle &amp;entreprise…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Navigation</translation>
    </message>
    <message>
        <source>&amp;Onboardings</source>
        <translation>&amp;Onboardings</translation>
    </message>
    <message>
        <source>&amp;Companies &amp;&amp; contacts</source>
        <translation>&amp;Entreprises et contacts</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>E-&amp;mails</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Gatehouse</source>
        <translation>À &amp;propos de Gatehouse</translation>
    </message>
    <message>
        <source>Portal: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</source>
        <translation>Portail&#xa0;: &lt;a href=&quot;%1&quot;&gt;%1&lt;/a&gt;</translation>
    </message>
    <message>
        <source>The client portal runs inside this console. Click to open it in your browser.</source>
        <translation>Le portail client fonctionne dans cette console. Cliquez pour l’ouvrir dans votre navigateur.</translation>
    </message>
    <message>
        <source>Mail delivery failed: %1</source>
        <translation>Échec de l’envoi des e-mails&#xa0;: %1</translation>
    </message>
    <message>
        <source>Portal not running in this console</source>
        <translation>Le portail ne fonctionne pas dans cette console</translation>
    </message>
    <message>
        <source>Invitation links point to %1.</source>
        <translation>Les liens d’invitation pointent vers %1.</translation>
    </message>
    <message>
        <source>%1
Invitation links point to %2.</source>
        <translation>%1
Les liens d’invitation pointent vers %2.</translation>
    </message>
    <message>
        <source>About Gatehouse</source>
        <translation>À propos de Gatehouse</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;The client portal for managed service providers.&lt;/p&gt;&lt;p&gt;Workspace: %2&lt;br&gt;Portal links: %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Gatehouse %1&lt;/h3&gt;&lt;p&gt;Le portail client des fournisseurs de services managés.&lt;/p&gt;&lt;p&gt;Espace de travail&#xa0;: %2&lt;br&gt;Liens du portail&#xa0;: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>&amp;Activity</source>
        <translation>&amp;Activité</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation>Boîte de réception (%1)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Boîte de réception</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Vérification</translation>
    </message>
    <message>
        <source>&amp;Inbox</source>
        <translation>&amp;Boîte de réception</translation>
    </message>
    <message>
        <source>&amp;Templates</source>
        <translation>Mo&amp;dèles</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>A&amp;ccueil</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>&amp;Rechercher…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>That onboarding is no longer there.</source>
        <translation>Cet onboarding n’existe plus.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>&amp;Two-step sign-in…</source>
        <translation>Connexion en &amp;deux étapes…</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MeetingSchedule</name>
    <message>
        <source>Choose the meeting&apos;s date.</source>
        <translation>Choisissez la date de la réunion.</translation>
    </message>
    <message>
        <source>Choose the meeting&apos;s start time.</source>
        <translation>Choisissez l’heure de début de la réunion.</translation>
    </message>
    <message>
        <source>Choose a time zone from the list.</source>
        <translation>Choisissez un fuseau horaire dans la liste.</translation>
    </message>
    <message>
        <source>%1 does not exist on that day in %2 (the clocks change).</source>
        <translation>%1 n’existe pas ce jour-là dans le fuseau %2 (changement d’heure).</translation>
    </message>
    <message>
        <source>The duration must be between 5 minutes and 24 hours.</source>
        <translation>La durée doit être comprise entre 5 minutes et 24 heures.</translation>
    </message>
    <message>
        <source>The date must be a day written as YYYY-MM-DD.</source>
        <translation>La date doit être un jour au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>The time must be written as HH:MM (24-hour clock).</source>
        <translation>L’heure doit être au format HH:MM (sur 24 heures).</translation>
    </message>
    <message>
        <source>The time zone must be an IANA name such as Europe/Berlin.</source>
        <translation>Le fuseau horaire doit être un nom IANA, par exemple Europe/Paris.</translation>
    </message>
    <message>
        <source>The duration must be a whole number of minutes.</source>
        <translation>La durée doit être un nombre entier de minutes.</translation>
    </message>
    <message>
        <source>The meeting link must be text.</source>
        <translation>Le lien de la réunion doit être du texte.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::MemorySocket</name>
    <message>
        <source>The connection is closed.</source>
        <translation>La connexion est fermée.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewCompanyDialog</name>
    <message>
        <source>New company</source>
        <translation>Nouvelle entreprise</translation>
    </message>
    <message>
        <source>e.g. Example Dental Ltd</source>
        <translation>ex.&#xa0;: Cabinet dentaire Exemple SARL</translation>
    </message>
    <message>
        <source>Add company</source>
        <translation>Ajouter l’entreprise</translation>
    </message>
    <message>
        <source>Company &amp;name:</source>
        <translation>&amp;Nom de l’entreprise&#xa0;:</translation>
    </message>
    <message>
        <source>The company could not be added.</source>
        <translation>Impossible d’ajouter l’entreprise.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewContactDialog</name>
    <message>
        <source>New contact at %1</source>
        <translation>Nouveau contact chez %1</translation>
    </message>
    <message>
        <source>name@client.example</source>
        <translation>nom@client.exemple</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Ajouter le contact</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Entreprise&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>The contact could not be added.</source>
        <translation>Impossible d’ajouter le contact.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::NewOnboardingDialog</name>
    <message>
        <source>New onboarding</source>
        <translation>Nouvel onboarding</translation>
    </message>
    <message>
        <source>Create onboarding</source>
        <translation>Créer l’onboarding</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>&amp;Entreprise&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Modèle&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Start date:</source>
        <translation>&amp;Date de début&#xa0;:</translation>
    </message>
    <message>
        <source>The onboarding gets the template&apos;s phases and tasks; due dates count from the start date.</source>
        <translation>L’onboarding reprend les phases et les tâches du modèle&#xa0;; les échéances sont calculées à partir de la date de début.</translation>
    </message>
    <message>
        <source>Companies and templates could not be read: %1</source>
        <translation>Impossible de lire les entreprises et les modèles&#xa0;: %1</translation>
    </message>
    <message>
        <source>There are no companies yet. Add one under Companies &amp; contacts first.</source>
        <translation>Aucune entreprise pour l’instant. Ajoutez-en d’abord une dans «&#xa0;Entreprises et contacts&#xa0;».</translation>
    </message>
    <message>
        <source>There are no templates yet.</source>
        <translation>Aucun modèle pour l’instant.</translation>
    </message>
    <message>
        <source>Onboarding %1</source>
        <translation>Onboarding %1</translation>
    </message>
    <message>
        <source>The onboarding could not be created.</source>
        <translation>Impossible de créer l’onboarding.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingDetailView</name>
    <message>
        <source>Mark complete</source>
        <translation>Marquer comme terminée</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>Définir le statut</translation>
    </message>
    <message>
        <source>Select an onboarding to see its phases and tasks.</source>
        <translation>Sélectionnez un onboarding pour afficher ses phases et ses tâches.</translation>
    </message>
    <message>
        <source>The onboarding could not be read: %1</source>
        <translation>Impossible de lire l’onboarding&#xa0;: %1</translation>
    </message>
    <message>
        <source>All phases done</source>
        <translation>Toutes les phases sont terminées</translation>
    </message>
    <message>
        <source>Current phase: %1</source>
        <translation>Phase en cours&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 · started %2 · %3</source>
        <translation>%1 · démarré le %2 · %3</translation>
    </message>
    <message>
        <source>%1 of %2 tasks complete (%3%)</source>
        <translation>Tâches terminées&#xa0;: %1 sur %2 (%3&#xa0;%)</translation>
    </message>
    <message>
        <source>Select a task to see its description.</source>
        <translation>Sélectionnez une tâche pour afficher sa description.</translation>
    </message>
    <message>
        <source>Completed by %1 on %2.</source>
        <translation>Terminée par %1 le %2.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note&#xa0;: %1</translation>
    </message>
    <message>
        <source>The client completes this task in the portal.</source>
        <translation>Le client effectue cette tâche dans le portail.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Statut inchangé</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be set to %2: %3</source>
        <translation>Impossible de passer «&#xa0;%1&#xa0;» au statut «&#xa0;%2&#xa0;»&#xa0;: %3</translation>
    </message>
    <message>
        <source>Credentials…</source>
        <translation>Identifiants…</translation>
    </message>
    <message>
        <source>Schedule meeting…</source>
        <translation>Planifier la réunion…</translation>
    </message>
    <message>
        <source>Set up training…</source>
        <translation>Configurer la formation…</translation>
    </message>
    <message>
        <source>Edit checklist…</source>
        <translation>Modifier la liste de contrôle…</translation>
    </message>
    <message>
        <source>Edit form…</source>
        <translation>Modifier le formulaire…</translation>
    </message>
    <message>
        <source>Ticks…</source>
        <translation>Coches…</translation>
    </message>
    <message>
        <source>Entries…</source>
        <translation>Saisies…</translation>
    </message>
    <message>
        <source>Scheduled for %1 %2 (%3), %4 minutes: %5</source>
        <translation>Prévue le %1 à %2 (%3), %4 minutes&#xa0;: %5</translation>
    </message>
    <message>
        <source>Not scheduled yet.</source>
        <translation>Pas encore planifiée.</translation>
    </message>
    <message>
        <source>In person: mark it complete once the client has attended.</source>
        <translation>En présentiel&#xa0;: marquez-la comme terminée une fois que le client y a assisté.</translation>
    </message>
    <message>
        <source>Not set up yet.</source>
        <translation>Pas encore configurée.</translation>
    </message>
    <message>
        <source>Cannot edit</source>
        <translation>Modification impossible</translation>
    </message>
    <message>
        <source>Evidence pack…</source>
        <translation>Dossier de preuves…</translation>
    </message>
    <message>
        <source>Export signed PDFs, form answers, document hashes and the audit events of this onboarding as one ZIP</source>
        <translation>Exporter dans un seul fichier ZIP les PDF signés, les réponses aux formulaires, les empreintes des documents et les événements d’audit de cet onboarding</translation>
    </message>
    <message>
        <source>Phases and tasks</source>
        <translation>Phases et tâches</translation>
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
            <numerusform>%n tâche terminée sur %1</numerusform>
            <numerusform>%n tâches terminées sur %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>Onboarding</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingService</name>
    <message>
        <source>Choose a company.</source>
        <translation>Choisissez une entreprise.</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Choisissez un modèle.</translation>
    </message>
    <message>
        <source>Onboarding %1</source>
        <translation>Onboarding %1</translation>
    </message>
    <message>
        <source>The name can be at most 200 characters long.</source>
        <translation>Le nom ne doit pas dépasser 200 caractères.</translation>
    </message>
    <message>
        <source>Choose a start date.</source>
        <translation>Choisissez une date de début.</translation>
    </message>
    <message>
        <source>The note can be at most 2000 characters long.</source>
        <translation>La note ne doit pas dépasser 2000 caractères.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task is done by %1, not by you.</source>
        <translation>Cette tâche incombe à %1, pas à vous.</translation>
    </message>
    <message>
        <source>This task is already completed.</source>
        <translation>Cette tâche est déjà terminée.</translation>
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
        <translation>Tâches terminées dans cette phase&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Completed by %1 on %2</source>
        <translation>Terminée par %1 le %2</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>Réalisée par</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Completion note</source>
        <translation>Note de clôture</translation>
    </message>
</context>
<context>
    <name>Gatehouse::OnboardingsView</name>
    <message>
        <source>New onboarding…</source>
        <translation>Nouvel onboarding…</translation>
    </message>
    <message>
        <source>Search by company or name</source>
        <translation>Rechercher par entreprise ou par nom</translation>
    </message>
    <message>
        <source>Start an onboarding for a company from a template (Ctrl+N)</source>
        <translation>Démarrer un onboarding pour une entreprise à partir d’un modèle (Ctrl+N)</translation>
    </message>
    <message>
        <source>The onboardings could not be read: %1</source>
        <translation>Impossible de lire les onboardings&#xa0;: %1</translation>
    </message>
    <message>
        <source>No onboardings yet — create one with New onboarding.</source>
        <translation>Aucun onboarding pour l’instant — créez-en un avec «&#xa0;Nouvel onboarding&#xa0;».</translation>
    </message>
    <message>
        <source>No onboarding matches “%1”.</source>
        <translation>Aucun onboarding ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Filter onboardings</source>
        <translation>Filtrer les onboardings</translation>
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
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En attente d’envoi</translation>
    </message>
    <message>
        <source>Waiting (attempt %1)</source>
        <translation>En attente (tentative %1)</translation>
    </message>
    <message>
        <source>Waiting (attempt %1: %2)</source>
        <translation>En attente (tentative %1&#xa0;: %2)</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Envoyé le %1</translation>
    </message>
    <message>
        <source>Queued %1</source>
        <translation>En file d’attente depuis le %1</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file d’attente</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Destinataire</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PageService</name>
    <message>
        <source>Give the page a title of at most 200 characters.</source>
        <translation>Donnez à la page un titre de 200 caractères au maximum.</translation>
    </message>
    <message>
        <source>A page can be at most 100,000 characters long.</source>
        <translation>Une page ne peut pas dépasser 100&#xa0;000 caractères.</translation>
    </message>
    <message>
        <source>There is no such page.</source>
        <translation>Cette page n’existe pas.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PagesPanel</name>
    <message>
        <source>&amp;New page</source>
        <translation>No&amp;uvelle page</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>M&amp;onter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <source>&amp;Visible to clients</source>
        <translation>&amp;Visible pour les clients</translation>
    </message>
    <message>
        <source>&amp;Save page</source>
        <translation>&amp;Enregistrer la page</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>Portal pages, in the order clients see them</source>
        <translation>Pages du portail, dans l’ordre où les clients les voient</translation>
    </message>
    <message>
        <source>Page title</source>
        <translation>Titre de la page</translation>
    </message>
    <message>
        <source>Write in Markdown: ## Heading, - list item, [link text](https://…)</source>
        <translation>Rédigez en Markdown&#xa0;: ## Titre, - élément de liste, [texte du lien](https://…)</translation>
    </message>
    <message>
        <source>Page text in Markdown</source>
        <translation>Texte de la page en Markdown</translation>
    </message>
    <message>
        <source>Preview as clients see it</source>
        <translation>Aperçu tel que les clients le voient</translation>
    </message>
    <message>
        <source>Save page (Ctrl+S)</source>
        <translation>Enregistrer la page (Ctrl+S)</translation>
    </message>
    <message>
        <source>&amp;Markdown:</source>
        <translation>&amp;Markdown&#xa0;:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Aperçu&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>The pages could not be read: %1</source>
        <translation>Impossible de lire les pages&#xa0;: %1</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>Visible</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>Masquée</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Save the changes to this page?</source>
        <translation>Enregistrer les modifications de cette page&#xa0;?</translation>
    </message>
    <message>
        <source>Save the changes to the page &quot;%1&quot;?</source>
        <translation>Enregistrer les modifications de la page «&#xa0;%1&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Delete page</source>
        <translation>Supprimer la page</translation>
    </message>
    <message>
        <source>Delete the page &quot;%1&quot;? Clients will no longer see it.</source>
        <translation>Supprimer la page «&#xa0;%1&#xa0;»&#xa0;? Les clients ne la verront plus.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(sans titre)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Password</name>
    <message numerus="yes">
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Utilisez au moins %n caractère.</numerusform>
            <numerusform>Utilisez au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>A password cannot be only spaces.</source>
        <translation>Un mot de passe ne peut pas être composé uniquement d’espaces.</translation>
    </message>
    <message>
        <source>This password is one of the most common ones and would be guessed quickly. Choose another.</source>
        <translation>Ce mot de passe fait partie des plus courants et serait vite deviné. Choisissez-en un autre.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAccessService</name>
    <message>
        <source>No such contact.</source>
        <translation>Ce contact n’existe pas.</translation>
    </message>
    <message>
        <source>A sign-in code must last between %1 and %2 minutes.</source>
        <translation>Un code de connexion doit être valable entre %1 et %2 minutes.</translation>
    </message>
    <message>
        <source>A portal session must last between %1 and %2 hours.</source>
        <translation>Une session du portail doit durer entre %1 et %2 heures.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAccountService</name>
    <message>
        <source>There is no such account. Choose one of the companies listed.</source>
        <translation>Ce compte n’existe pas. Choisissez l’une des entreprises de la liste.</translation>
    </message>
    <message>
        <source>There is no company to choose: you are signed in already.</source>
        <translation>Il n’y a pas d’entreprise à choisir&#xa0;: vous êtes déjà connecté.</translation>
    </message>
    <message>
        <source>Finish signing in first.</source>
        <translation>Terminez d’abord votre connexion.</translation>
    </message>
    <message>
        <source>You signed in with a password, which opens only this account. To switch to another company, sign out and sign in with a code sent to your email.</source>
        <translation>Vous vous êtes connecté avec un mot de passe, qui n’ouvre que ce compte. Pour passer à une autre entreprise, déconnectez-vous, puis reconnectez-vous avec un code envoyé à votre adresse e-mail.</translation>
    </message>
    <message>
        <source>You are signed in to this company already.</source>
        <translation>Vous êtes déjà connecté à cette entreprise.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalAuthService</name>
    <message>
        <source>This invitation link is not valid any more. Ask your contact for a new one, or sign in with your email address.</source>
        <translation>Ce lien d’invitation n’est plus valide. Demandez-en un nouveau à votre interlocuteur, ou connectez-vous avec votre adresse e-mail.</translation>
    </message>
    <message>
        <source>That code is not correct or has expired.</source>
        <translation>Ce code est incorrect ou a expiré.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation>Saisissez le code à 6 chiffres reçu par e-mail.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Ask for a new sign-in email.</source>
        <translation>Trop de codes erronés. Demandez un nouvel e-mail de connexion.</translation>
    </message>
    <message>
        <source>This sign-in link has expired or was already used. Ask for a new one.</source>
        <translation>Ce lien de connexion a expiré ou a déjà été utilisé. Demandez-en un nouveau.</translation>
    </message>
    <message>
        <source>Please sign in.</source>
        <translation>Veuillez vous connecter.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Saisissez une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>You are already signed in.</source>
        <translation>Vous êtes déjà connecté.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalContext</name>
    <message>
        <source>This request did not come from the portal&apos;s own pages. Reload the page and try again.</source>
        <translation>Cette requête ne provient pas des pages du portail. Rechargez la page et réessayez.</translation>
    </message>
    <message>
        <source>Finish signing in first.</source>
        <translation>Terminez d’abord votre connexion.</translation>
    </message>
    <message>
        <source>Your role in this portal does not allow this. Ask your company&apos;s primary contact or your IT provider if you need it.</source>
        <translation>Votre rôle dans ce portail ne le permet pas. Si vous en avez besoin, adressez-vous au contact principal de votre entreprise ou à votre prestataire informatique.</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This is a read-only view of the portal for staff: nothing can be changed in it.</source>
        <translation>Ceci est une vue du portail en lecture seule destinée aux collaborateurs&#xa0;: rien ne peut y être modifié.</translation>
    </message>
    <message>
        <source>The file did not arrive whole. Please send it again.</source>
        <translation>Le fichier n’est pas arrivé en entier. Veuillez l’envoyer à nouveau.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalPanel</name>
    <message>
        <source>&amp;Save portal settings</source>
        <translation>&amp;Enregistrer les paramètres du portail</translation>
    </message>
    <message>
        <source>https://portal.example.com — empty: this computer&apos;s address</source>
        <translation>https://portal.example.com — vide&#xa0;: l’adresse de cet ordinateur</translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation>Adresse du portail</translation>
    </message>
    <message>
        <source>PEM file; empty: plain HTTP</source>
        <translation>Fichier PEM&#xa0;; vide&#xa0;: HTTP non chiffré</translation>
    </message>
    <message>
        <source>TLS certificate file</source>
        <translation>Fichier du certificat TLS</translation>
    </message>
    <message>
        <source>PEM file</source>
        <translation>Fichier PEM</translation>
    </message>
    <message>
        <source>TLS key file</source>
        <translation>Fichier de la clé TLS</translation>
    </message>
    <message>
        <source>Save the portal settings (Ctrl+S)</source>
        <translation>Enregistrer les paramètres du portail (Ctrl+S)</translation>
    </message>
    <message>
        <source>Links in mail and invitations point to the portal address. Use it when clients reach this computer&apos;s portal through a name of its own or a reverse proxy. These settings belong to this computer and apply when Gatehouse next starts.</source>
        <translation>Les liens des e-mails et des invitations pointent vers l’adresse du portail. Utilisez-la lorsque les clients accèdent au portail de cet ordinateur par un nom qui lui est propre ou par un proxy inverse. Ces paramètres sont propres à cet ordinateur et s’appliquent au prochain démarrage de Gatehouse.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Portal &amp;address:</source>
        <translation>&amp;Adresse du portail&#xa0;:</translation>
    </message>
    <message>
        <source>TLS &amp;certificate:</source>
        <translation>&amp;Certificat TLS&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the TLS certificate</source>
        <translation>Choisir le certificat TLS</translation>
    </message>
    <message>
        <source>TLS &amp;key:</source>
        <translation>C&amp;lé TLS&#xa0;:</translation>
    </message>
    <message>
        <source>Choose the TLS key</source>
        <translation>Choisir la clé TLS</translation>
    </message>
    <message>
        <source>Save the portal settings</source>
        <translation>Enregistrer les paramètres du portail</translation>
    </message>
    <message>
        <source>Clients now reach the portal at %1.</source>
        <translation>Les clients accèdent désormais au portail à l’adresse %1.</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>Fichiers PEM (*.pem *.crt *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Saved. Clients now reach the portal at %1; restart Gatehouse to use the new settings.</source>
        <translation>Enregistré. Les clients accèdent désormais au portail à l’adresse %1&#xa0;; redémarrez Gatehouse pour appliquer les nouveaux paramètres.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalPreview</name>
    <message>
        <source>the page&apos;s process ended (exit code %1)</source>
        <translation>le processus de la page s’est terminé (code de sortie %1)</translation>
    </message>
    <message>
        <source>the page&apos;s process ended abnormally (exit code %1)</source>
        <translation>le processus de la page s’est terminé anormalement (code de sortie %1)</translation>
    </message>
    <message>
        <source>the page&apos;s process crashed</source>
        <translation>le processus de la page a planté</translation>
    </message>
    <message>
        <source>the page&apos;s process was killed</source>
        <translation>le processus de la page a été tué</translation>
    </message>
    <message>
        <source>Starting the preview…</source>
        <translation>Démarrage de l’aperçu…</translation>
    </message>
    <message>
        <source>Portal preview</source>
        <translation>Aperçu du portail</translation>
    </message>
    <message>
        <source>The portal&apos;s sign-in page as clients will see it with this branding, before it is saved. Arrow and page keys scroll it.</source>
        <translation>La page de connexion du portail telle que les clients la verront avec cette identité visuelle, avant l’enregistrement. Les touches fléchées et de page la font défiler.</translation>
    </message>
    <message>
        <source>No preview: %1 The branding can still be edited and saved.</source>
        <translation>Pas d’aperçu : %1 L’identité visuelle peut tout de même être modifiée et enregistrée.</translation>
    </message>
    <message>
        <source>The preview could not show the portal&apos;s page.</source>
        <translation>L’aperçu n’a pas pu afficher la page du portail.</translation>
    </message>
    <message>
        <source>The preview stopped: %1. The branding can still be edited and saved.</source>
        <translation>L’aperçu s’est arrêté : %1. L’identité visuelle peut tout de même être modifiée et enregistrée.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRole</name>
    <message>
        <source>See the onboarding, its tasks and documents</source>
        <translation>Voir l’onboarding, ses tâches et ses documents</translation>
    </message>
    <message>
        <source>Complete tasks, meetings and trainings</source>
        <translation>Effectuer les tâches, les réunions et les formations</translation>
    </message>
    <message>
        <source>Upload documents</source>
        <translation>Envoyer des documents</translation>
    </message>
    <message>
        <source>Sign documents</source>
        <translation>Signer des documents</translation>
    </message>
    <message>
        <source>Approve or reject</source>
        <translation>Approuver ou refuser</translation>
    </message>
    <message>
        <source>Hand over credentials</source>
        <translation>Remettre des identifiants</translation>
    </message>
    <message>
        <source>Send files through secure file drops</source>
        <translation>Envoyer des fichiers via des dépôts de fichiers sécurisés</translation>
    </message>
    <message>
        <source>Fill in forms and checklists</source>
        <translation>Remplir les formulaires et les listes de contrôle</translation>
    </message>
    <message>
        <source>Read the conversation on tasks</source>
        <translation>Lire la conversation sur les tâches</translation>
    </message>
    <message>
        <source>Write comments on tasks</source>
        <translation>Écrire des commentaires sur les tâches</translation>
    </message>
    <message>
        <source>Ask questions</source>
        <translation>Poser des questions</translation>
    </message>
    <message>
        <source>See invoices and quotes</source>
        <translation>Voir les factures et les devis</translation>
    </message>
    <message>
        <source>Accept quotes</source>
        <translation>Accepter les devis</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Technical</source>
        <translation>Technique</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Facturation</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRoleService</name>
    <message>
        <source>Enter the role&apos;s name (at most 60 characters).</source>
        <translation>Saisissez le nom du rôle (60 caractères au maximum).</translation>
    </message>
    <message>
        <source>There is already a role with this name.</source>
        <translation>Un rôle portant ce nom existe déjà.</translation>
    </message>
    <message>
        <source>No such role.</source>
        <translation>Ce rôle n’existe pas.</translation>
    </message>
    <message>
        <source>No such contact.</source>
        <translation>Ce contact n’existe pas.</translation>
    </message>
    <message>
        <source>Built-in roles cannot be changed; create a role of your own.</source>
        <translation>Les rôles prédéfinis ne peuvent pas être modifiés&#xa0;; créez votre propre rôle.</translation>
    </message>
    <message>
        <source>Built-in roles cannot be removed.</source>
        <translation>Les rôles prédéfinis ne peuvent pas être supprimés.</translation>
    </message>
    <message>
        <source>Contacts still have this role, or new contacts get it. Give them another role first.</source>
        <translation>Des contacts ont encore ce rôle, ou il est attribué aux nouveaux contacts. Attribuez-leur d’abord un autre rôle.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalRolesDialog</name>
    <message>
        <source>New role</source>
        <translation>Nouveau rôle</translation>
    </message>
    <message>
        <source>Save role</source>
        <translation>Enregistrer le rôle</translation>
    </message>
    <message>
        <source>Remove role</source>
        <translation>Supprimer le rôle</translation>
    </message>
    <message>
        <source>Portal roles</source>
        <translation>Rôles du portail</translation>
    </message>
    <message>
        <source>The role contacts added from now on start with</source>
        <translation>Le rôle attribué au départ aux contacts ajoutés à partir de maintenant</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Ce rôle peut</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>New contacts get:</source>
        <translation>Les nouveaux contacts reçoivent&#xa0;:</translation>
    </message>
    <message>
        <source>Built-in roles are fixed; create your own for anything else. A change applies to the contact&apos;s next request.</source>
        <translation>Les rôles prédéfinis sont fixes&#xa0;; créez vos propres rôles pour tout autre besoin. Une modification s’applique dès la prochaine requête du contact.</translation>
    </message>
    <message>
        <source>The roles could not be read: %1</source>
        <translation>Impossible de lire les rôles&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 (built in)</source>
        <translation>%1 (prédéfini)</translation>
    </message>
    <message>
        <source>The role was not saved: %1</source>
        <translation>Le rôle n’a pas été enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>The role was not removed: %1</source>
        <translation>Le rôle n’a pas été supprimé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The role for new contacts was not changed: %1</source>
        <translation>Le rôle des nouveaux contacts n’a pas été modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Rôles</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalSessionOpener</name>
    <message>
        <source>This sign-in was already used. Ask for a new one.</source>
        <translation>Cette connexion a déjà été utilisée. Demandez-en une nouvelle.</translation>
    </message>
    <message>
        <source>This sign-in has ended. Please sign in again.</source>
        <translation>Cette connexion a expiré. Veuillez vous reconnecter.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PortalThrottle</name>
    <message>
        <source>Too many attempts. Please wait a few minutes and try again.</source>
        <translation>Trop de tentatives. Veuillez patienter quelques minutes, puis réessayer.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PostgresBackup</name>
    <message>
        <source>The existing file %1 could not be replaced.</source>
        <translation>Impossible de remplacer le fichier existant %1.</translation>
    </message>
    <message>
        <source>The backup could not be moved to %1.</source>
        <translation>Impossible de déplacer la sauvegarde vers %1.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>A working folder could not be made: %1</source>
        <translation>Impossible de créer un dossier de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>The file is not a Gatehouse backup of a PostgreSQL database (%1). Nothing was changed.</source>
        <translation>Ce fichier n’est pas une sauvegarde Gatehouse d’une base de données PostgreSQL (%1). Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The database is in use: another program held a lock on it. Nothing was changed; try again.</source>
        <translation>La base de données est en cours d’utilisation&#xa0;: un autre programme la maintenait verrouillée. Rien n’a été modifié&#xa0;; réessayez.</translation>
    </message>
    <message>
        <source>The restore failed and was rolled back; nothing was changed. %1</source>
        <translation>La restauration a échoué et a été annulée&#xa0;; rien n’a été modifié. %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::PostgresTools</name>
    <message>
        <source>%1 is version %2, older than the database server (PostgreSQL %3), and cannot back it up or restore it. Install the PostgreSQL %3 client tools (Debian: postgresql-client-%3).</source>
        <translation>%1 est en version %2, plus ancienne que le serveur de base de données (PostgreSQL %3), et ne peut ni le sauvegarder ni le restaurer. Installez les outils client de PostgreSQL %3 (Debian&#xa0;: postgresql-client-%3).</translation>
    </message>
    <message>
        <source>%1 was not found. Install the PostgreSQL client tools (Debian: postgresql-client), or put %1 on the PATH.</source>
        <translation>%1 est introuvable. Installez les outils client de PostgreSQL (Debian&#xa0;: postgresql-client) ou ajoutez %1 au PATH.</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>Impossible de démarrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 failed (exit code %2).</source>
        <translation>%1 a échoué (code de sortie %2).</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::QuestionListModel</name>
    <message>
        <source>Open</source>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondue</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Posée par</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Posée le</translation>
    </message>
</context>
<context>
    <name>Gatehouse::QuestionService</name>
    <message>
        <source>Write your question first.</source>
        <translation>Rédigez d’abord votre question.</translation>
    </message>
    <message>
        <source>A question can be at most 4000 characters long.</source>
        <translation>Une question ne peut pas dépasser 4000 caractères.</translation>
    </message>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Cet onboarding n’existe pas.</translation>
    </message>
    <message>
        <source>Write an answer of at most 4000 characters.</source>
        <translation>Rédigez une réponse de 4000 caractères au maximum.</translation>
    </message>
    <message>
        <source>There is no such question.</source>
        <translation>Cette question n’existe pas.</translation>
    </message>
    <message>
        <source>This question has been answered already.</source>
        <translation>Une réponse a déjà été apportée à cette question.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RequestGate</name>
    <message>
        <source>The address of this request is too long.</source>
        <translation>L’adresse de cette requête est trop longue.</translation>
    </message>
    <message>
        <source>The request headers are too large.</source>
        <translation>Les en-têtes de la requête sont trop volumineux.</translation>
    </message>
    <message>
        <source>The request trailers are too large.</source>
        <translation>Les en-têtes de fin (trailers) de la requête sont trop volumineux.</translation>
    </message>
    <message>
        <source>A chunk header is malformed.</source>
        <translation>Un en-tête de bloc (chunk) est mal formé.</translation>
    </message>
    <message>
        <source>A chunk is not terminated properly.</source>
        <translation>Un bloc (chunk) n’est pas correctement terminé.</translation>
    </message>
    <message>
        <source>A chunk size is malformed.</source>
        <translation>Une taille de bloc (chunk) est mal formée.</translation>
    </message>
    <message>
        <source>The request body is too large.</source>
        <translation>Le corps de la requête est trop volumineux.</translation>
    </message>
    <message>
        <source>Use HTTP/1.1.</source>
        <translation>Utilisez HTTP/1.1.</translation>
    </message>
    <message>
        <source>The request line is malformed.</source>
        <translation>La ligne de requête est mal formée.</translation>
    </message>
    <message>
        <source>The request has too many header fields.</source>
        <translation>La requête comporte trop de champs d’en-tête.</translation>
    </message>
    <message>
        <source>A header line is malformed.</source>
        <translation>Une ligne d’en-tête est mal formée.</translation>
    </message>
    <message>
        <source>The Content-Length header is invalid.</source>
        <translation>L’en-tête Content-Length n’est pas valide.</translation>
    </message>
    <message>
        <source>Only the chunked transfer encoding is supported.</source>
        <translation>Seul l’encodage de transfert «&#xa0;chunked&#xa0;» est pris en charge.</translation>
    </message>
    <message>
        <source>The request has two Host headers.</source>
        <translation>La requête comporte deux en-têtes Host.</translation>
    </message>
    <message>
        <source>Unsupported expectation.</source>
        <translation>Attente (Expect) non prise en charge.</translation>
    </message>
    <message>
        <source>A request cannot carry both Content-Length and Transfer-Encoding.</source>
        <translation>Une requête ne peut pas comporter à la fois Content-Length et Transfer-Encoding.</translation>
    </message>
    <message>
        <source>The request has no Host header.</source>
        <translation>La requête ne comporte pas d’en-tête Host.</translation>
    </message>
    <message>
        <source>The request carries a header reserved for the server.</source>
        <translation>La requête contient un en-tête réservé au serveur.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RevealReasonDialog</name>
    <message>
        <source>Reveal %1</source>
        <translation>Afficher %1</translation>
    </message>
    <message>
        <source>Why are you revealing %1? Optional; the reason is recorded with the reveal in the audit trail and the client&apos;s timeline.</source>
        <translation>Pourquoi affichez-vous %1&#xa0;? Facultatif&#xa0;; le motif est enregistré avec l’affichage dans le journal d’audit et dans l’historique du client.</translation>
    </message>
    <message>
        <source>For example: setting up the firewall</source>
        <translation>Par exemple&#xa0;: configuration du pare-feu</translation>
    </message>
    <message>
        <source>&amp;Reveal</source>
        <translation>&amp;Afficher</translation>
    </message>
</context>
<context>
    <name>Gatehouse::RevealedCredentialDialog</name>
    <message>
        <source>Credentials from %1</source>
        <translation>Identifiants de %1</translation>
    </message>
    <message>
        <source>This credential is not in a form the console reads.</source>
        <translation>Cet identifiant n’est pas dans un format lisible par la console.</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nom d’utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Clé API&#xa0;:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notes&#xa0;:</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>Tout copier</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ReviewQueueModel</name>
    <message>
        <source>File to review</source>
        <translation>Fichier à vérifier</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>Modifications demandées</translation>
    </message>
    <message>
        <source>Training to hold</source>
        <translation>Formation à organiser</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ReviewQueueView</name>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>E&amp;nregistrer une copie…</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>En attente de votre action</translation>
    </message>
    <message>
        <source>Note for the client (needed to reject)</source>
        <translation>Note pour le client (obligatoire pour refuser)</translation>
    </message>
    <message>
        <source>Note for the client</source>
        <translation>Note pour le client</translation>
    </message>
    <message>
        <source>Nothing waits for you. Files, approvals sent back and trainings to hold appear here as clients act.</source>
        <translation>Rien ne vous attend. Les fichiers, les approbations renvoyées et les formations à organiser apparaissent ici au fur et à mesure des actions des clients.</translation>
    </message>
    <message>
        <source>The queue could not be read: %1</source>
        <translation>Impossible de lire la file d’attente&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approuver</translation>
    </message>
    <message>
        <source>Select an item to see it here.</source>
        <translation>Sélectionnez un élément pour l’afficher ici.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>The file could not be read: %1</source>
        <translation>Impossible de lire le fichier&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Reopen for the client</source>
        <translation>R&amp;ouvrir pour le client</translation>
    </message>
    <message>
        <source>The client asked for changes:

%1

Revise what they approve, then reopen the task so they can answer again.</source>
        <translation>Le client a demandé des modifications&#xa0;:

%1

Révisez ce qu’il doit approuver, puis rouvrez la tâche pour qu’il puisse répondre à nouveau.</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>&amp;Marquer comme terminée</translation>
    </message>
    <message>
        <source>In-person training:

%1

Mark it done once it was held.</source>
        <translation>Formation en présentiel&#xa0;:

%1

Marquez-la comme terminée une fois qu’elle a eu lieu.</translation>
    </message>
    <message>
        <source>Save a copy of %1</source>
        <translation>Enregistrer une copie de %1</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Fichier non enregistré</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>Impossible d’enregistrer %1 dans %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>Élément suivant</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>Élément précédent</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ScheduleMeetingDialog</name>
    <message>
        <source>Schedule &quot;%1&quot;</source>
        <translation>Planifier «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Schedule and invite</source>
        <translation>Planifier et inviter</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Tâche&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Date&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Time:</source>
        <translation>&amp;Heure&#xa0;:</translation>
    </message>
    <message>
        <source>Time &amp;zone:</source>
        <translation>&amp;Fuseau horaire&#xa0;:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;urée&#xa0;:</translation>
    </message>
    <message>
        <source>Meeting &amp;link:</source>
        <translation>&amp;Lien de la réunion&#xa0;:</translation>
    </message>
    <message>
        <source>Each contact of the client with portal access gets an invitation with a calendar file.</source>
        <translation>Chaque contact du client disposant d’un accès au portail reçoit une invitation accompagnée d’un fichier de calendrier.</translation>
    </message>
    <message>
        <source>Use this schedule</source>
        <translation>Utiliser ce créneau</translation>
    </message>
    <message>
        <source>Every onboarding created from the template gets this meeting at this time. Nobody is invited until the meeting is scheduled on an onboarding.</source>
        <translation>Chaque onboarding créé à partir du modèle reçoit cette réunion à ce créneau. Personne n’est invité tant que la réunion n’est pas planifiée dans un onboarding.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ScreenshotTour</name>
    <message>
        <source>The folder %1 could not be made.</source>
        <translation>Impossible de créer le dossier %1.</translation>
    </message>
    <message>
        <source>There is no screenshot called &quot;%1&quot;.</source>
        <translation>Il n’existe pas de capture d’écran nommée «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The screenshot %1 could not be written.</source>
        <translation>Impossible d’enregistrer la capture d’écran %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SearchResultModel</name>
    <message>
        <source>Company</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>Onboarding</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1&#xa0;: %2 (%3)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SecondFactor</name>
    <message>
        <source>That code is not correct. Enter the code your authenticator app shows now, or one of your recovery codes.</source>
        <translation>Ce code n’est pas correct. Saisissez le code que votre application d’authentification affiche maintenant, ou l’un de vos codes de récupération.</translation>
    </message>
    <message>
        <source>Too many wrong codes. Please sign in again.</source>
        <translation>Trop de codes erronés. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Saisissez le code à 6 chiffres affiché par votre application d’authentification.</translation>
    </message>
    <message>
        <source>That code is not correct. Check that your phone&apos;s clock is right and enter the code your app shows now.</source>
        <translation>Ce code n’est pas correct. Vérifiez que l’horloge de votre téléphone est à l’heure et saisissez le code que votre application affiche maintenant.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SecretField</name>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message numerus="yes">
        <source>Copies it to the clipboard for %n second(s).</source>
        <translation>
            <numerusform>Le copie dans le presse-papiers pendant %n seconde.</numerusform>
            <numerusform>Le copie dans le presse-papiers pendant %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ServiceError</name>
    <message>
        <source>Something went wrong on our side. Please try again.</source>
        <translation>Une erreur s’est produite de notre côté. Veuillez réessayer.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SettingsView</name>
    <message>
        <source>&amp;Branding</source>
        <translation>&amp;Identité visuelle</translation>
    </message>
    <message>
        <source>&amp;Portal pages</source>
        <translation>&amp;Pages du portail</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Database</source>
        <translation>&amp;Base de données</translation>
    </message>
    <message>
        <source>Si&amp;gn-in</source>
        <translation>&amp;Connexion</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Por&amp;tal</source>
        <translation>Por&amp;tail</translation>
    </message>
    <message>
        <source>Sta&amp;ff</source>
        <translation>Co&amp;llaborateurs</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupAdminPage</name>
    <message>
        <source>Your administrator account</source>
        <translation>Votre compte administrateur</translation>
    </message>
    <message>
        <source>You sign in to the console with this email and password. You can add colleagues later.</source>
        <translation>Vous vous connectez à la console avec cette adresse e-mail et ce mot de passe. Vous pourrez ajouter vos collègues plus tard.</translation>
    </message>
    <message>
        <source>you@example.com</source>
        <translation>vous@exemple.com</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters</source>
        <translation>
            <numerusform>Au moins %n caractère</numerusform>
            <numerusform>Au moins %n caractères</numerusform>
        </translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>Votre &amp;nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Confirm password:</source>
        <translation>&amp;Confirmer le mot de passe&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>The password must be at least %n characters long.</source>
        <translation>
            <numerusform>Le mot de passe doit comporter au moins %n caractère.</numerusform>
            <numerusform>Le mot de passe doit comporter au moins %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>The passwords do not match. Type the same password twice.</source>
        <translation>Les mots de passe ne correspondent pas. Saisissez deux fois le même mot de passe.</translation>
    </message>
    <message>
        <source>The workspace could not be created.</source>
        <translation>Impossible de créer l’espace de travail.</translation>
    </message>
    <message>
        <source>The workspace could not be created: %1</source>
        <translation>Impossible de créer l’espace de travail&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupWizard</name>
    <message>
        <source>Set up Gatehouse</source>
        <translation>Configurer Gatehouse</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>Créer l’espace de travail</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SetupWorkspacePage</name>
    <message>
        <source>Welcome to Gatehouse</source>
        <translation>Bienvenue dans Gatehouse</translation>
    </message>
    <message>
        <source>Gatehouse keeps your client onboardings, invitations and portal in one place. Start by naming your workspace.</source>
        <translation>Gatehouse réunit les onboardings de vos clients, les invitations et le portail en un seul endroit. Commencez par nommer votre espace de travail.</translation>
    </message>
    <message>
        <source>e.g. Northwind IT</source>
        <translation>ex.&#xa0;: Northwind IT</translation>
    </message>
    <message>
        <source>Your clients see this name in the portal and in every email.</source>
        <translation>Vos clients voient ce nom dans le portail et dans chaque e-mail.</translation>
    </message>
    <message>
        <source>Workspace &amp;name:</source>
        <translation>&amp;Nom de l’espace de travail&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>(not described)</source>
        <translation>(sans description)</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignInPanel</name>
    <message>
        <source>&amp;Save sign-in settings</source>
        <translation>&amp;Enregistrer les paramètres de connexion</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Sign-in code lifetime in minutes</source>
        <translation>Durée de validité du code de connexion en minutes</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> heures</translation>
    </message>
    <message>
        <source>Portal session lifetime in hours</source>
        <translation>Durée de la session du portail en heures</translation>
    </message>
    <message>
        <source>Staff view of the portal lifetime in minutes</source>
        <translation>Durée d’une consultation du portail par un collaborateur en minutes</translation>
    </message>
    <message>
        <source>How long &quot;View portal as…&quot; lasts; only administrators may change it</source>
        <translation>Durée de «&#xa0;Voir le portail en tant que…&#xa0;»&#xa0;; seuls les administrateurs peuvent la modifier</translation>
    </message>
    <message>
        <source>Save the sign-in settings (Ctrl+S)</source>
        <translation>Enregistrer les paramètres de connexion (Ctrl+S)</translation>
    </message>
    <message>
        <source>Clients sign in to the portal with a code or link sent by email. A session ends when it has not been used for the time set here; sessions already open change at their next use.</source>
        <translation>Les clients se connectent au portail avec un code ou un lien envoyé par e-mail. Une session prend fin lorsqu’elle n’a pas été utilisée pendant la durée définie ici&#xa0;; les sessions déjà ouvertes sont mises à jour lors de leur prochaine utilisation.</translation>
    </message>
    <message>
        <source>Emailed &amp;code and link last:</source>
        <translation>&amp;Validité du code et du lien envoyés par e-mail&#xa0;:</translation>
    </message>
    <message>
        <source>A &amp;session ends after being unused for:</source>
        <translation>Une &amp;session prend fin après une inactivité de&#xa0;:</translation>
    </message>
    <message>
        <source>A staff &amp;view of the portal ends after:</source>
        <translation>Une &amp;consultation du portail par un collaborateur prend fin après&#xa0;:</translation>
    </message>
    <message>
        <source>Save the sign-in settings</source>
        <translation>Enregistrer les paramètres de connexion</translation>
    </message>
    <message>
        <source>The sign-in settings could not be read: %1</source>
        <translation>Impossible de lire les paramètres de connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>New contacts get portal &amp;access</source>
        <translation>Les nouveaux contacts ont &amp;accès au portail</translation>
    </message>
    <message>
        <source>Contacts must use an au&amp;thenticator app</source>
        <translation>Les contacts doivent utiliser une application d’au&amp;thentification</translation>
    </message>
    <message>
        <source>Whether contacts added from now on may be invited to the portal</source>
        <translation>Indique si les contacts ajoutés à partir de maintenant peuvent être invités sur le portail</translation>
    </message>
    <message>
        <source>Contacts without an authenticator app (TOTP) must set one up at their next sign-in before they can use the portal</source>
        <translation>Les contacts sans application d’authentification (TOTP) doivent en configurer une lors de leur prochaine connexion avant de pouvoir utiliser le portail</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignatureService</name>
    <message>
        <source>%1 (the task&apos;s text)</source>
        <translation>%1 (le texte de la tâche)</translation>
    </message>
    <message>
        <source>Enter your full name (at most 200 characters).</source>
        <translation>Saisissez votre nom complet (200 caractères au maximum).</translation>
    </message>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>This task does not ask for a signature.</source>
        <translation>Cette tâche ne demande pas de signature.</translation>
    </message>
    <message>
        <source>This is signed already.</source>
        <translation>Ce document est déjà signé.</translation>
    </message>
    <message>
        <source>Signature certificate - %1.pdf</source>
        <translation>Certificat de signature - %1.pdf</translation>
    </message>
    <message>
        <source>The signed document can no longer be read.</source>
        <translation>Le document signé ne peut plus être lu.</translation>
    </message>
    <message>
        <source>The signed task can no longer be read.</source>
        <translation>La tâche signée ne peut plus être lue.</translation>
    </message>
    <message>
        <source>The document has changed since it was signed.</source>
        <translation>Le document a été modifié depuis sa signature.</translation>
    </message>
    <message>
        <source>The signature record has changed since it was signed.</source>
        <translation>L’enregistrement de la signature a été modifié depuis la signature.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SignedPdf</name>
    <message>
        <source>Signature certificate: %1</source>
        <translation>Certificat de signature&#xa0;: %1</translation>
    </message>
    <message>
        <source>Signature certificate</source>
        <translation>Certificat de signature</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>What was signed</source>
        <translation>Ce qui a été signé</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Document SHA-256</source>
        <translation>SHA-256 du document</translation>
    </message>
    <message>
        <source>Who, when, where</source>
        <translation>Qui, quand, où</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signé par</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Typed name</source>
        <translation>Nom saisi</translation>
    </message>
    <message>
        <source>Drawn signature</source>
        <translation>Signature manuscrite</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Heure (UTC)</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Adresse IP</translation>
    </message>
    <message>
        <source>Browser</source>
        <translation>Navigateur</translation>
    </message>
    <message>
        <source>Evidence SHA-256</source>
        <translation>SHA-256 de la preuve</translation>
    </message>
    <message>
        <source>The evidence hash covers the document&apos;s bytes, the signer&apos;s name, the signature image, the signer&apos;s email address and the time. Any change to one of them changes the hash.</source>
        <translation>L’empreinte de la preuve couvre les octets du document, le nom du signataire, l’image de la signature, l’adresse e-mail du signataire et l’heure. Toute modification de l’un de ces éléments modifie l’empreinte.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::SqliteBackup</name>
    <message>
        <source>The SQLite driver does not give access to its connection.</source>
        <translation>Le pilote SQLite ne donne pas accès à sa connexion.</translation>
    </message>
    <message>
        <source>The backup file could not be created: %1</source>
        <translation>Impossible de créer le fichier de sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>The database stayed locked by another program; try again.</source>
        <translation>La base de données est restée verrouillée par un autre programme&#xa0;; réessayez.</translation>
    </message>
    <message>
        <source>The backup file could not be finished: %1</source>
        <translation>Impossible de finaliser le fichier de sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>The existing file %1 could not be replaced.</source>
        <translation>Impossible de remplacer le fichier existant %1.</translation>
    </message>
    <message>
        <source>The backup could not be moved to %1.</source>
        <translation>Impossible de déplacer la sauvegarde vers %1.</translation>
    </message>
    <message>
        <source>There is no file %1.</source>
        <translation>Le fichier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>A working folder could not be made: %1</source>
        <translation>Impossible de créer un dossier de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>The backup could not be brought up to date: %1</source>
        <translation>Impossible de mettre à jour la sauvegarde&#xa0;: %1</translation>
    </message>
    <message>
        <source>The database is in use: another program (a portal server?) kept it locked. Nothing was changed; try again, or stop that program first.</source>
        <translation>La base de données est en cours d’utilisation&#xa0;: un autre programme (un serveur du portail&#xa0;?) la maintenait verrouillée. Rien n’a été modifié&#xa0;; réessayez ou arrêtez d’abord ce programme.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffAuthService</name>
    <message>
        <source>The email or password is not correct.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>There is no such staff member.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
    <message>
        <source>Sign in again.</source>
        <translation>Reconnectez-vous.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app.</source>
        <translation>Saisissez le code de votre application d’authentification.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffOwnerButton</name>
    <message>
        <source>The member of staff who answers for this task and hears when the client acts on it</source>
        <translation>Le collaborateur responsable de cette tâche, qui est prévenu lorsque le client y donne suite</translation>
    </message>
    <message>
        <source>The member of staff who answers for this onboarding</source>
        <translation>Le collaborateur responsable de cet onboarding</translation>
    </message>
    <message>
        <source>Task owner</source>
        <translation>Responsable de la tâche</translation>
    </message>
    <message>
        <source>Onboarding owner</source>
        <translation>Responsable de l’onboarding</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Responsable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Owner: %1 (onboarding)</source>
        <translation>Responsable&#xa0;: %1 (onboarding)</translation>
    </message>
    <message>
        <source>Owner not changed</source>
        <translation>Responsable non modifié</translation>
    </message>
    <message>
        <source>The onboarding&apos;s owner (%1)</source>
        <translation>Le responsable de l’onboarding (%1)</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>personne</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffOwnerService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>There is no such member of staff.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
    <message>
        <source>There is no such onboarding.</source>
        <translation>Cet onboarding n’existe pas.</translation>
    </message>
    <message>
        <source>Choose a member of staff.</source>
        <translation>Choisissez un collaborateur.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffPanel</name>
    <message>
        <source>&amp;Add member…</source>
        <translation>&amp;Ajouter un collaborateur…</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>Modifier le &amp;rôle</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>Reset &amp;two-step sign-in</source>
        <translation>Réinitialiser la &amp;connexion en deux étapes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Two-step</source>
        <translation>Deux étapes</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>Dernière connexion</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Collaborateur</translation>
    </message>
    <message>
        <source>New role</source>
        <translation>Nouveau rôle</translation>
    </message>
    <message>
        <source>For a member who lost their phone: they sign in with their password alone and may set two-step sign-in up again.</source>
        <translation>Pour un collaborateur qui a perdu son téléphone&#xa0;: il se connecte avec son seul mot de passe et peut configurer de nouveau la connexion en deux étapes.</translation>
    </message>
    <message>
        <source>Technicians work on onboardings; leads also change templates, start onboardings and invite contacts; administrators also manage staff and the workspace&apos;s settings.</source>
        <translation>Les techniciens travaillent sur les onboardings&#xa0;; les responsables peuvent en outre modifier les modèles, démarrer des onboardings et inviter des contacts&#xa0;; les administrateurs gèrent en plus les collaborateurs et les paramètres de l’espace de travail.</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Activée</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivée</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>Réac&amp;tiver</translation>
    </message>
    <message>
        <source>Member added</source>
        <translation>Collaborateur ajouté</translation>
    </message>
    <message>
        <source>%1 can now sign in as %2 with the password %3. They choose their own password the first time they sign in.</source>
        <translation>%1 peut désormais se connecter en tant que %2 avec le mot de passe %3. Un nouveau mot de passe lui sera demandé lors de sa première connexion.</translation>
    </message>
    <message>
        <source>Reset two-step sign-in</source>
        <translation>Réinitialiser la connexion en deux étapes</translation>
    </message>
    <message>
        <source>Turn off two-step sign-in for %1? They sign in with their password alone until they set it up again.</source>
        <translation>Désactiver la connexion en deux étapes pour %1&#xa0;? Cette personne se connectera avec son seul mot de passe jusqu’à ce qu’elle la configure de nouveau.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRepository</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRole</name>
    <message>
        <source>work on onboardings</source>
        <translation>travailler sur les onboardings</translation>
    </message>
    <message>
        <source>review documents</source>
        <translation>vérifier les documents</translation>
    </message>
    <message>
        <source>answer questions</source>
        <translation>répondre aux questions</translation>
    </message>
    <message>
        <source>view the portal as a contact</source>
        <translation>voir le portail en tant que contact</translation>
    </message>
    <message>
        <source>change templates</source>
        <translation>modifier les modèles</translation>
    </message>
    <message>
        <source>start onboardings</source>
        <translation>démarrer des onboardings</translation>
    </message>
    <message>
        <source>invite contacts</source>
        <translation>inviter des contacts</translation>
    </message>
    <message>
        <source>change portal roles and access</source>
        <translation>modifier les rôles et les accès du portail</translation>
    </message>
    <message>
        <source>manage staff</source>
        <translation>gérer les collaborateurs</translation>
    </message>
    <message>
        <source>change workspace settings</source>
        <translation>modifier les paramètres de l’espace de travail</translation>
    </message>
    <message>
        <source>back up or restore the database</source>
        <translation>sauvegarder ou restaurer la base de données</translation>
    </message>
    <message>
        <source>grant vault access</source>
        <translation>accorder l’accès au coffre-fort</translation>
    </message>
    <message>
        <source>act in the portal as a contact</source>
        <translation>agir dans le portail en tant que contact</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffRoles</name>
    <message>
        <source>Technician</source>
        <translation>Technicien</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>Only an administrator can %1.</source>
        <translation>Seul un administrateur peut %1.</translation>
    </message>
    <message>
        <source>Only a lead or an administrator can %1.</source>
        <translation>Seul un responsable ou un administrateur peut %1.</translation>
    </message>
    <message>
        <source>Only a member of staff can %1.</source>
        <translation>Seul un membre de l’équipe peut %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffService</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
    <message>
        <source>%1 is the last active administrator. Make someone else an administrator first.</source>
        <translation>%1 est le dernier administrateur actif. Désignez d’abord un autre administrateur.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StaffTotpService</name>
    <message>
        <source>Only an active member of staff can set up two-step sign-in.</source>
        <translation>Seul un collaborateur actif peut configurer la connexion en deux étapes.</translation>
    </message>
    <message>
        <source>Two-step sign-in is already on.</source>
        <translation>La connexion en deux étapes est déjà activée.</translation>
    </message>
    <message>
        <source>Start setting up two-step sign-in first.</source>
        <translation>Commencez d’abord la configuration de la connexion en deux étapes.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::StarterTemplate</name>
    <message>
        <source>How many people work at your company?</source>
        <translation>Combien de personnes travaillent dans votre entreprise&#xa0;?</translation>
    </message>
    <message>
        <source>Where are your offices?</source>
        <translation>Où se trouvent vos bureaux&#xa0;?</translation>
    </message>
    <message>
        <source>One address per line.</source>
        <translation>Une adresse par ligne.</translation>
    </message>
    <message>
        <source>Do you use Microsoft 365?</source>
        <translation>Utilisez-vous Microsoft 365&#xa0;?</translation>
    </message>
    <message>
        <source>How are your files backed up today?</source>
        <translation>Comment vos fichiers sont-ils sauvegardés aujourd’hui&#xa0;?</translation>
    </message>
    <message>
        <source>Not at all</source>
        <translation>Pas du tout</translation>
    </message>
    <message>
        <source>USB drives</source>
        <translation>Clés USB</translation>
    </message>
    <message>
        <source>A cloud service</source>
        <translation>Un service cloud</translation>
    </message>
    <message>
        <source>I don&apos;t know</source>
        <translation>Je ne sais pas</translation>
    </message>
    <message>
        <source>Which business applications do you rely on?</source>
        <translation>Sur quelles applications métier vous appuyez-vous&#xa0;?</translation>
    </message>
    <message>
        <source>Accounting</source>
        <translation>Comptabilité</translation>
    </message>
    <message>
        <source>Practice management</source>
        <translation>Logiciel de gestion du cabinet</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Email and calendar</source>
        <translation>E-mail et agenda</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Your website</source>
        <translation>Votre site web</translation>
    </message>
    <message>
        <source>Who should receive IT notices?</source>
        <translation>Qui doit recevoir les notifications informatiques&#xa0;?</translation>
    </message>
    <message>
        <source>A shared mailbox is best.</source>
        <translation>Une boîte aux lettres partagée est idéale.</translation>
    </message>
    <message>
        <source>Main office phone</source>
        <translation>Téléphone du bureau principal</translation>
    </message>
    <message>
        <source>Preferred go-live date</source>
        <translation>Date de mise en service souhaitée</translation>
    </message>
    <message>
        <source>Anything else we should know?</source>
        <translation>Autre chose que nous devrions savoir&#xa0;?</translation>
    </message>
    <message>
        <source>Tell your staff that the rollout is coming</source>
        <translation>Prévenez vos collaborateurs que le déploiement approche</translation>
    </message>
    <message>
        <source>Leave every computer switched on the night before</source>
        <translation>Laissez tous les ordinateurs allumés la veille au soir</translation>
    </message>
    <message>
        <source>Make sure we can reach every office&apos;s network</source>
        <translation>Assurez-vous que nous pouvons accéder au réseau de chaque bureau</translation>
    </message>
    <message>
        <source>Name one person on site for the rollout day</source>
        <translation>Désignez une personne sur place pour le jour du déploiement</translation>
    </message>
    <message>
        <source>Managed services onboarding</source>
        <translation>Onboarding services managés</translation>
    </message>
    <message>
        <source>From kick-off to go-live for a new managed services client.</source>
        <translation>Du lancement à la mise en service pour un nouveau client en services managés.</translation>
    </message>
    <message>
        <source>Kick-off</source>
        <translation>Lancement</translation>
    </message>
    <message>
        <source>Hold the kick-off call</source>
        <translation>Tenir la réunion de lancement</translation>
    </message>
    <message>
        <source>Meet the team and agree on the plan.</source>
        <translation>Rencontrer l’équipe et convenir du plan.</translation>
    </message>
    <message>
        <source>Confirm your main contacts</source>
        <translation>Confirmer vos contacts principaux</translation>
    </message>
    <message>
        <source>Tell us who decides, who approves and who we call in an emergency.</source>
        <translation>Indiquez-nous qui décide, qui approuve et qui appeler en cas d’urgence.</translation>
    </message>
    <message>
        <source>Share your current IT documentation</source>
        <translation>Partager votre documentation informatique actuelle</translation>
    </message>
    <message>
        <source>Network diagrams, asset lists, anything you have.</source>
        <translation>Schémas réseau, inventaires du matériel&#xa0;: tout ce dont vous disposez.</translation>
    </message>
    <message>
        <source>Discovery</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Assess the network</source>
        <translation>Analyser le réseau</translation>
    </message>
    <message>
        <source>We map devices, links and risks.</source>
        <translation>Nous cartographions les équipements, les liaisons et les risques.</translation>
    </message>
    <message>
        <source>Confirm office locations and opening hours</source>
        <translation>Confirmer les sites et les horaires d’ouverture</translation>
    </message>
    <message>
        <source>So that we schedule changes outside your working hours.</source>
        <translation>Afin de planifier les changements en dehors de vos heures de travail.</translation>
    </message>
    <message>
        <source>Hand over administrator logins</source>
        <translation>Transmettre les accès administrateur</translation>
    </message>
    <message>
        <source>Registrar, firewall and cloud admin accounts.</source>
        <translation>Comptes d’administration du bureau d’enregistrement, du pare-feu et du cloud.</translation>
    </message>
    <message>
        <source>Answer the IT questionnaire</source>
        <translation>Répondre au questionnaire informatique</translation>
    </message>
    <message>
        <source>Ten minutes about how you work.</source>
        <translation>Dix minutes sur votre façon de travailler.</translation>
    </message>
    <message>
        <source>Walk us through your network</source>
        <translation>Nous présenter votre réseau</translation>
    </message>
    <message>
        <source>An hour on a video call with the person who knows your setup best.</source>
        <translation>Une heure en visioconférence avec la personne qui connaît le mieux votre installation.</translation>
    </message>
    <message>
        <source>Send your software licence files</source>
        <translation>Envoyer vos fichiers de licences logicielles</translation>
    </message>
    <message>
        <source>Licence keys and files, encrypted as they are sent; we keep them for seven days.</source>
        <translation>Clés et fichiers de licence, chiffrés dès leur envoi&#xa0;; nous les conservons sept jours.</translation>
    </message>
    <message>
        <source>Rollout</source>
        <translation>Déploiement</translation>
    </message>
    <message>
        <source>Deploy monitoring agents</source>
        <translation>Déployer les agents de supervision</translation>
    </message>
    <message>
        <source>On every server and workstation.</source>
        <translation>Sur chaque serveur et chaque poste de travail.</translation>
    </message>
    <message>
        <source>Get ready for the rollout day</source>
        <translation>Se préparer pour le jour du déploiement</translation>
    </message>
    <message>
        <source>A few things only you can do.</source>
        <translation>Quelques actions que vous seul pouvez effectuer.</translation>
    </message>
    <message>
        <source>Sign the service agreement</source>
        <translation>Signer le contrat de services</translation>
    </message>
    <message>
        <source>Read it and sign online.</source>
        <translation>Lisez-le et signez-le en ligne.</translation>
    </message>
    <message>
        <source>Complete security awareness training</source>
        <translation>Suivre la formation de sensibilisation à la sécurité</translation>
    </message>
    <message>
        <source>A short session for every user, at your office.</source>
        <translation>Une courte session pour chaque utilisateur, dans vos locaux.</translation>
    </message>
    <message>
        <source>We come to your main office; plan 45 minutes. Bring a laptop if you like.</source>
        <translation>Nous venons à votre bureau principal&#xa0;; prévoyez 45 minutes. Apportez un ordinateur portable si vous le souhaitez.</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>Mise en service</translation>
    </message>
    <message>
        <source>Approve the go-live</source>
        <translation>Approuver la mise en service</translation>
    </message>
    <message>
        <source>Confirm that everything is ready.</source>
        <translation>Confirmez que tout est prêt.</translation>
    </message>
    <message>
        <source>Hand over to the support desk</source>
        <translation>Passer le relais au support</translation>
    </message>
    <message>
        <source>Your tickets now go to our desk.</source>
        <translation>Vos tickets sont désormais traités par notre support.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Task</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloquée</translation>
    </message>
    <message>
        <source>MSP</source>
        <translation>MSP</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation>Envoi de document</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation>Dépôt de fichiers sécurisé</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Liste de contrôle</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskDetailsPanel</name>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <source>What the client sees under the title</source>
        <translation>Ce que le client voit sous le titre</translation>
    </message>
    <message>
        <source>Day </source>
        <translation>Jour </translation>
    </message>
    <message>
        <source>Days after the onboarding&apos;s start date; day 0 is the start.</source>
        <translation>Jours après la date de début de l’onboarding&#xa0;; le jour 0 est le début.</translation>
    </message>
    <message>
        <source>Leave it to be set up on each onboarding</source>
        <translation>À configurer dans chaque onboarding</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>T&amp;ype&#xa0;:</translation>
    </message>
    <message>
        <source>Done &amp;by:</source>
        <translation>&amp;Réalisée par&#xa0;:</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>É&amp;chéance&#xa0;:</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>Paramètres&#xa0;:</translation>
    </message>
    <message>
        <source>Scheduled on each onboarding</source>
        <translation>Planifiée dans chaque onboarding</translation>
    </message>
    <message>
        <source>%1 %2, %3 minutes</source>
        <translation>%1 %2, %3 minutes</translation>
    </message>
    <message>
        <source>Set up on each onboarding</source>
        <translation>Configurée dans chaque onboarding</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>En présentiel</translation>
    </message>
    <message>
        <source>A video: %1</source>
        <translation>Une vidéo&#xa0;: %1</translation>
    </message>
    <message>
        <source>The form&apos;s settings cannot be read.</source>
        <translation>Impossible de lire les paramètres du formulaire.</translation>
    </message>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation>
            <numerusform>%n question</numerusform>
            <numerusform>%n questions</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, several entries</source>
        <translation>%1, plusieurs saisies</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n élément</numerusform>
            <numerusform>%n éléments</numerusform>
        </translation>
    </message>
    <message>
        <source>The checklist&apos;s settings cannot be read.</source>
        <translation>Impossible de lire les paramètres de la liste de contrôle.</translation>
    </message>
    <message>
        <source>None for this kind of task</source>
        <translation>Aucun pour ce type de tâche</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskEvents</name>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskFileModel</name>
    <message>
        <source>Waiting for review</source>
        <translation>En attente de vérification</translation>
    </message>
    <message>
        <source>Approved by %1</source>
        <translation>Approuvé par %1</translation>
    </message>
    <message>
        <source>Rejected by %1: %2</source>
        <translation>Refusé par %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1, SHA-256 %2</source>
        <translation>%1, SHA-256 %2</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Sent by</source>
        <translation>Envoyé par</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Vérification</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskFilesPanel</name>
    <message>
        <source>Files from the client</source>
        <translation>Fichiers du client</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Approuver</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Refuser</translation>
    </message>
    <message>
        <source>&amp;Save a copy…</source>
        <translation>E&amp;nregistrer une copie…</translation>
    </message>
    <message>
        <source>A&amp;ttach document…</source>
        <translation>&amp;Joindre un document…</translation>
    </message>
    <message>
        <source>&amp;Verify signature</source>
        <translation>&amp;Vérifier la signature</translation>
    </message>
    <message>
        <source>Reason for rejecting (the client reads it)</source>
        <translation>Motif du refus (visible par le client)</translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation>Motif du refus</translation>
    </message>
    <message>
        <source>Documents for the client</source>
        <translation>Documents pour le client</translation>
    </message>
    <message>
        <source>The files could not be read: %1</source>
        <translation>Impossible de lire les fichiers&#xa0;: %1</translation>
    </message>
    <message>
        <source>Save a copy of %1</source>
        <translation>Enregistrer une copie de %1</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Fichier non enregistré</translation>
    </message>
    <message>
        <source>%1 could not be saved to %2: %3</source>
        <translation>Impossible d’enregistrer %1 dans %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Not signed yet.</source>
        <translation>Pas encore signé.</translation>
    </message>
    <message>
        <source>Signed by %1 &lt;%2&gt; on %3 from %4, %5.
Document: %6 (SHA-256 %7)
Evidence SHA-256: %8</source>
        <translation>Signé par %1 &lt;%2&gt; le %3 depuis %4, %5.
Document&#xa0;: %6 (SHA-256 %7)
SHA-256 de la preuve&#xa0;: %8</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>saisie</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>manuscrite</translation>
    </message>
    <message>
        <source>The signature does not verify: %1</source>
        <translation>La signature n’a pas pu être vérifiée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Verified: the document and the signature are as they were signed.</source>
        <translation>Vérifié&#xa0;: le document et la signature sont identiques à ceux du moment de la signature.</translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation>Joindre un document</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.txt);;All files (*)</source>
        <translation>Documents (*.pdf *.png *.jpg *.jpeg *.docx *.xlsx *.odt *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskSetupService</name>
    <message>
        <source>There is no such task.</source>
        <translation>Cette tâche n’existe pas.</translation>
    </message>
    <message>
        <source>Only a meeting task can be scheduled.</source>
        <translation>Seule une tâche de réunion peut être planifiée.</translation>
    </message>
    <message>
        <source>Only a training task can be set up as a training.</source>
        <translation>Seule une tâche de formation peut être configurée comme formation.</translation>
    </message>
    <message>
        <source>This task is not a meeting.</source>
        <translation>Cette tâche n’est pas une réunion.</translation>
    </message>
    <message>
        <source>This meeting has not been scheduled yet.</source>
        <translation>Cette réunion n’a pas encore été planifiée.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TaskThreadPanel</name>
    <message>
        <source>&amp;Internal note (never shown to the client)</source>
        <translation>Note &amp;interne (jamais visible par le client)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Write to the client, or an internal note (Ctrl+Return sends)</source>
        <translation>Écrivez au client, ou rédigez une note interne (Ctrl+Entrée pour envoyer)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation>Envoyer (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>%1, internal note</source>
        <translation>%1, note interne</translation>
    </message>
    <message>
        <source>%1 · %2
%3</source>
        <translation>%1 · %2
%3</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Aucun message pour l’instant.</translation>
    </message>
    <message>
        <source>The conversation could not be read: %1</source>
        <translation>Impossible de lire la conversation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Send the comment</source>
        <translation>Envoyer le commentaire</translation>
    </message>
</context>
<context>
    <name>Gatehouse::Template</name>
    <message>
        <source>Give the template a name.</source>
        <translation>Donnez un nom au modèle.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateEditor</name>
    <message>
        <source>Add &amp;phase</source>
        <translation>Ajouter une &amp;phase</translation>
    </message>
    <message>
        <source>Add &amp;task</source>
        <translation>Ajouter une &amp;tâche</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Annuler les modifications</translation>
    </message>
    <message>
        <source>Add a task after the selected one (Ins)</source>
        <translation>Ajouter une tâche après celle sélectionnée (Inser)</translation>
    </message>
    <message>
        <source>Remove the selected phase or task (Del)</source>
        <translation>Retirer la phase ou la tâche sélectionnée (Suppr)</translation>
    </message>
    <message>
        <source>Alt+Up</source>
        <translation>Alt+Haut</translation>
    </message>
    <message>
        <source>Alt+Down</source>
        <translation>Alt+Bas</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Descr&amp;iption:</source>
        <translation>Descr&amp;iption&#xa0;:</translation>
    </message>
    <message>
        <source>Select a phase or a task to edit it.</source>
        <translation>Sélectionnez une phase ou une tâche pour la modifier.</translation>
    </message>
    <message>
        <source>Phase &amp;name:</source>
        <translation>&amp;Nom de la phase&#xa0;:</translation>
    </message>
    <message>
        <source>Phase %1</source>
        <translation>Phase %1</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>Nouvelle tâche</translation>
    </message>
    <message>
        <source>Remove phase</source>
        <translation>Retirer la phase</translation>
    </message>
    <message numerus="yes">
        <source>Remove the phase &quot;%1&quot; and its %n task(s)?</source>
        <translation>
            <numerusform>Retirer la phase «&#xa0;%1&#xa0;» et %n tâche&#xa0;?</numerusform>
            <numerusform>Retirer la phase «&#xa0;%1&#xa0;» et ses %n tâches&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a task</source>
        <translation>Ajouter une tâche</translation>
    </message>
    <message>
        <source>Add a phase</source>
        <translation>Ajouter une phase</translation>
    </message>
    <message>
        <source>Remove the selected phase or task</source>
        <translation>Retirer la phase ou la tâche sélectionnée</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Save the template</source>
        <translation>Enregistrer le modèle</translation>
    </message>
    <message>
        <source>Phases and tasks of the template</source>
        <translation>Phases et tâches du modèle</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateListModel</name>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateService</name>
    <message>
        <source>Another template is already called &quot;%1&quot;.</source>
        <translation>Un autre modèle s’appelle déjà «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Copy of %1</source>
        <translation>Copie de %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateTreeModel</name>
    <message>
        <source>Day %1</source>
        <translation>Jour %1</translation>
    </message>
    <message>
        <source>Phase / task</source>
        <translation>Phase / tâche</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>Réalisée par</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplateValidator</name>
    <message>
        <source>Give the template a name.</source>
        <translation>Donnez un nom au modèle.</translation>
    </message>
    <message>
        <source>The template&apos;s name can be at most %1 characters long.</source>
        <translation>Le nom du modèle ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>The task&apos;s settings are too large.</source>
        <translation>Les paramètres de la tâche sont trop volumineux.</translation>
    </message>
    <message>
        <source>Unknown kind of task.</source>
        <translation>Type de tâche inconnu.</translation>
    </message>
    <message>
        <source>The template&apos;s description can be at most %1 characters long.</source>
        <translation>La description du modèle ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>A template needs at least one phase.</source>
        <translation>Un modèle doit comporter au moins une phase.</translation>
    </message>
    <message>
        <source>A template can have at most %1 phases.</source>
        <translation>Un modèle peut comporter au maximum %1 phases.</translation>
    </message>
    <message>
        <source>Phase %1 needs a name.</source>
        <translation>La phase %1 doit avoir un nom.</translation>
    </message>
    <message>
        <source>The name of phase %1 can be at most %2 characters long.</source>
        <translation>Le nom de la phase %1 ne peut pas dépasser %2 caractères.</translation>
    </message>
    <message>
        <source>A template can have at most %1 tasks.</source>
        <translation>Un modèle peut comporter au maximum %1 tâches.</translation>
    </message>
    <message>
        <source>%1, task %2</source>
        <translation>%1, tâche %2</translation>
    </message>
    <message>
        <source>%1 needs a title.</source>
        <translation>%1 doit avoir un titre.</translation>
    </message>
    <message>
        <source>%1: the title can be at most %2 characters long.</source>
        <translation>%1&#xa0;: le titre ne peut pas dépasser %2 caractères.</translation>
    </message>
    <message>
        <source>%1: the description can be at most %2 characters long.</source>
        <translation>%1&#xa0;: la description ne peut pas dépasser %2 caractères.</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the due date must be 0 to %2 days after the start.</source>
        <translation>«&#xa0;%1&#xa0;»&#xa0;: l’échéance doit se situer entre 0 et %2 jours après le début.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (%2): %3</source>
        <translation>«&#xa0;%1&#xa0;» (%2)&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TemplatesView</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>New onboardings copy a template&apos;s phases and tasks; changing a template later does not change them.</source>
        <translation>Les nouveaux onboardings copient les phases et les tâches d’un modèle&#xa0;; modifier un modèle par la suite ne les modifie pas.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The template &quot;%1&quot; has changes that are not saved.</source>
        <translation>Le modèle «&#xa0;%1&#xa0;» comporte des modifications non enregistrées.</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Nouveau modèle</translation>
    </message>
    <message>
        <source>New template (%1)</source>
        <translation>Nouveau modèle (%1)</translation>
    </message>
    <message>
        <source>Phase 1</source>
        <translation>Phase 1</translation>
    </message>
    <message>
        <source>Template not created</source>
        <translation>Modèle non créé</translation>
    </message>
    <message>
        <source>Template not copied</source>
        <translation>Modèle non copié</translation>
    </message>
    <message numerus="yes">
        <source>%n onboarding(s) were created from it; they keep their phases and tasks.</source>
        <translation>
            <numerusform>%n onboarding a été créé à partir de ce modèle&#xa0;; il conserve ses phases et ses tâches.</numerusform>
            <numerusform>%n onboardings ont été créés à partir de ce modèle&#xa0;; ils conservent leurs phases et leurs tâches.</numerusform>
        </translation>
    </message>
    <message>
        <source>No onboarding was created from it.</source>
        <translation>Aucun onboarding n’a été créé à partir de ce modèle.</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Supprimer le modèle</translation>
    </message>
    <message>
        <source>Delete the template &quot;%1&quot;? %2</source>
        <translation>Supprimer le modèle «&#xa0;%1&#xa0;»&#xa0;? %2</translation>
    </message>
    <message>
        <source>Template not deleted</source>
        <translation>Modèle non supprimé</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TotpService</name>
    <message>
        <source>Finish signing in first.</source>
        <translation>Terminez d’abord votre connexion.</translation>
    </message>
    <message>
        <source>Your authenticator app is already set up.</source>
        <translation>Votre application d’authentification est déjà configurée.</translation>
    </message>
    <message>
        <source>There is no authenticator set-up in progress.</source>
        <translation>Aucune configuration d’application d’authentification n’est en cours.</translation>
    </message>
    <message>
        <source>Start setting up your authenticator app first.</source>
        <translation>Commencez d’abord par configurer votre application d’authentification.</translation>
    </message>
    <message>
        <source>Set up your authenticator app first.</source>
        <translation>Configurez d’abord votre application d’authentification.</translation>
    </message>
    <message>
        <source>Sign-in with an authenticator app is not on.</source>
        <translation>La connexion avec une application d’authentification n’est pas activée.</translation>
    </message>
    <message>
        <source>Your workspace requires an authenticator app, so it cannot be turned off.</source>
        <translation>Votre espace de travail exige une application d’authentification&#xa0;: cette option ne peut donc pas être désactivée.</translation>
    </message>
    <message>
        <source>You are already signed in.</source>
        <translation>Vous êtes déjà connecté.</translation>
    </message>
    <message>
        <source>Choose a company first.</source>
        <translation>Choisissez d’abord une entreprise.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TrainingSetupDialog</name>
    <message>
        <source>A &amp;video the contact watches in the portal</source>
        <translation>Une &amp;vidéo que le contact regarde dans le portail</translation>
    </message>
    <message>
        <source>In &amp;person: staff mark it done</source>
        <translation>En &amp;présentiel&#xa0;: les collaborateurs la marquent comme terminée</translation>
    </message>
    <message>
        <source>Set up &quot;%1&quot;</source>
        <translation>Configurer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>A YouTube, Vimeo or Loom link</source>
        <translation>Un lien YouTube, Vimeo ou Loom</translation>
    </message>
    <message>
        <source>Where and when it takes place, what to bring</source>
        <translation>Où et quand elle a lieu, ce qu’il faut apporter</translation>
    </message>
    <message>
        <source>Only YouTube (shown through its privacy-enhanced player), Vimeo and Loom videos can be shown in the portal.</source>
        <translation>Seules les vidéos YouTube (affichées via son lecteur à confidentialité renforcée), Vimeo et Loom peuvent être affichées dans le portail.</translation>
    </message>
    <message>
        <source>How is &quot;%1&quot; done?</source>
        <translation>Comment «&#xa0;%1&#xa0;» se déroule-t-elle&#xa0;?</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TrainingSpec</name>
    <message>
        <source>Enter the address of the training video.</source>
        <translation>Saisissez l’adresse de la vidéo de formation.</translation>
    </message>
    <message>
        <source>The video address can be at most 2000 characters long.</source>
        <translation>L’adresse de la vidéo ne peut pas dépasser 2000 caractères.</translation>
    </message>
    <message>
        <source>The video address is not a valid web address.</source>
        <translation>L’adresse de la vidéo n’est pas une adresse web valide.</translation>
    </message>
    <message>
        <source>Use a video link from YouTube, Vimeo or Loom; other sites cannot be shown in the portal.</source>
        <translation>Utilisez un lien vidéo YouTube, Vimeo ou Loom&#xa0;; les autres sites ne peuvent pas être affichés dans le portail.</translation>
    </message>
    <message>
        <source>Tell the contact where and when the training takes place.</source>
        <translation>Indiquez au contact où et quand la formation a lieu.</translation>
    </message>
    <message>
        <source>The instructions can be at most 4000 characters long.</source>
        <translation>Les instructions ne peuvent pas dépasser 4000 caractères.</translation>
    </message>
    <message>
        <source>The video address must be text.</source>
        <translation>L’adresse de la vidéo doit être du texte.</translation>
    </message>
    <message>
        <source>The instructions must be text.</source>
        <translation>Les instructions doivent être du texte.</translation>
    </message>
    <message>
        <source>Choose a video or a training in person.</source>
        <translation>Choisissez une vidéo ou une formation en présentiel.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::TwoStepDialog</name>
    <message>
        <source>&amp;Turn on</source>
        <translation>&amp;Activer</translation>
    </message>
    <message>
        <source>Two-step sign-in</source>
        <translation>Connexion en deux étapes</translation>
    </message>
    <message>
        <source>Two-step sign-in is on for your account. If you lost your authenticator app, sign in with a recovery code and ask an administrator to reset it.</source>
        <translation>La connexion en deux étapes est activée pour votre compte. Si vous avez perdu votre application d’authentification, connectez-vous avec un code de récupération et demandez à un administrateur de la réinitialiser.</translation>
    </message>
    <message>
        <source>Scan this code with an authenticator app (or type the key below into it), then enter the 6-digit code it shows.</source>
        <translation>Scannez ce code avec une application d’authentification (ou saisissez-y la clé ci-dessous), puis saisissez le code à 6 chiffres qu’elle affiche.</translation>
    </message>
    <message>
        <source>QR code for your authenticator app</source>
        <translation>Code QR pour votre application d’authentification</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Code from your authenticator app</source>
        <translation>Code de votre application d’authentification</translation>
    </message>
    <message>
        <source>Two-step sign-in is on. Keep these recovery codes somewhere safe: each signs you in once without your phone. They are not shown again.</source>
        <translation>La connexion en deux étapes est activée. Conservez ces codes de récupération en lieu sûr&#xa0;: chacun vous permet de vous connecter une fois sans votre téléphone. Ils ne seront plus affichés.</translation>
    </message>
    <message>
        <source>Key: %1</source>
        <translation>Clé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::UploadSettingsEditor</name>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Accepted files:</source>
        <translation>Fichiers acceptés&#xa0;:</translation>
    </message>
    <message>
        <source>Largest file:</source>
        <translation>Taille maximale par fichier&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::UploadSpec</name>
    <message>
        <source>Choose which kinds of files are accepted.</source>
        <translation>Choisissez les types de fichiers acceptés.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a kind of file Gatehouse knows.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un type de fichier connu de Gatehouse.</translation>
    </message>
    <message>
        <source>Accept at least one kind of file.</source>
        <translation>Acceptez au moins un type de fichier.</translation>
    </message>
    <message>
        <source>The size limit must be a whole number of MB from 1 to %1.</source>
        <translation>La taille maximale doit être un nombre entier de Mo compris entre 1 et %1.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultAccessDialog</name>
    <message>
        <source>&amp;Grant access</source>
        <translation>&amp;Accorder l’accès</translation>
    </message>
    <message>
        <source>&amp;Revoke access</source>
        <translation>&amp;Retirer l’accès</translation>
    </message>
    <message>
        <source>Vault access</source>
        <translation>Accès au coffre-fort</translation>
    </message>
    <message>
        <source>Who may reveal the credentials clients hand over. Granting needs the vault unlocked; the last access cannot be revoked.</source>
        <translation>Qui peut afficher les identifiants remis par les clients. Pour accorder l’accès, le coffre-fort doit être déverrouillé&#xa0;; le dernier accès ne peut pas être retiré.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>Vault access could not be read: %1</source>
        <translation>Impossible de lire les accès au coffre-fort&#xa0;: %1</translation>
    </message>
    <message>
        <source>Has access since %1</source>
        <translation>A accès depuis le %1</translation>
    </message>
    <message>
        <source>No vault key yet (made at their next sign-in)</source>
        <translation>Pas encore de clé de coffre-fort (créée à sa prochaine connexion)</translation>
    </message>
    <message>
        <source>Revoked %1</source>
        <translation>Retiré le %1</translation>
    </message>
    <message>
        <source>No access</source>
        <translation>Aucun accès</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Collaborateur</translation>
    </message>
    <message>
        <source>Revoke vault access</source>
        <translation>Retirer l’accès au coffre-fort</translation>
    </message>
    <message>
        <source>%1 will no longer be able to reveal credentials. Revoke their access?</source>
        <translation>%1 ne pourra plus afficher les identifiants. Retirer son accès&#xa0;?</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultActions</name>
    <message>
        <source>&amp;Vault</source>
        <translation>&amp;Coffre-fort</translation>
    </message>
    <message>
        <source>&amp;Unlock vault…</source>
        <translation>&amp;Déverrouiller le coffre-fort…</translation>
    </message>
    <message>
        <source>&amp;Lock vault</source>
        <translation>&amp;Verrouiller le coffre-fort</translation>
    </message>
    <message>
        <source>Vault &amp;access…</source>
        <translation>&amp;Accès au coffre-fort…</translation>
    </message>
    <message>
        <source>Vault unlocked</source>
        <translation>Coffre-fort déverrouillé</translation>
    </message>
    <message>
        <source>Vault locked</source>
        <translation>Coffre-fort verrouillé</translation>
    </message>
    <message>
        <source>The credential vault is open. Click to lock it.</source>
        <translation>Le coffre-fort des identifiants est ouvert. Cliquez pour le verrouiller.</translation>
    </message>
    <message>
        <source>The credential vault is locked. Click to unlock it.</source>
        <translation>Le coffre-fort des identifiants est verrouillé. Cliquez pour le déverrouiller.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultCrypto</name>
    <message>
        <source>Not enough protected memory for the vault&apos;s keys.</source>
        <translation>Mémoire protégée insuffisante pour les clés du coffre-fort.</translation>
    </message>
    <message>
        <source>Not enough memory to derive the key from the password.</source>
        <translation>Mémoire insuffisante pour dériver la clé à partir du mot de passe.</translation>
    </message>
    <message>
        <source>The key derivation settings are out of range.</source>
        <translation>Les paramètres de dérivation de clé sont hors limites.</translation>
    </message>
    <message>
        <source>The key could not be wrapped.</source>
        <translation>Impossible d’envelopper la clé.</translation>
    </message>
    <message>
        <source>The stored key is damaged.</source>
        <translation>La clé enregistrée est endommagée.</translation>
    </message>
    <message>
        <source>The password is not correct.</source>
        <translation>Le mot de passe est incorrect.</translation>
    </message>
    <message>
        <source>The vault key is not valid.</source>
        <translation>La clé du coffre-fort n’est pas valide.</translation>
    </message>
    <message>
        <source>The stored secret is damaged or was not sealed for this vault.</source>
        <translation>Le secret enregistré est endommagé ou n’a pas été scellé pour ce coffre-fort.</translation>
    </message>
    <message>
        <source>Not enough protected memory to open the secret.</source>
        <translation>Mémoire protégée insuffisante pour ouvrir le secret.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultKeyPrompt</name>
    <message>
        <source>Unlock the vault</source>
        <translation>Déverrouiller le coffre-fort</translation>
    </message>
    <message>
        <source>Your password, to open what the client sealed:</source>
        <translation>Votre mot de passe, pour ouvrir ce que le client a scellé&#xa0;:</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultService</name>
    <message>
        <source>There is no such staff member.</source>
        <translation>Ce collaborateur n’existe pas.</translation>
    </message>
    <message>
        <source>This workspace has a vault already.</source>
        <translation>Cet espace de travail possède déjà un coffre-fort.</translation>
    </message>
    <message>
        <source>This workspace has no vault yet.</source>
        <translation>Cet espace de travail n’a pas encore de coffre-fort.</translation>
    </message>
    <message>
        <source>You have no access to the vault. Ask an administrator to grant it.</source>
        <translation>Vous n’avez pas accès au coffre-fort. Demandez à un administrateur de vous l’accorder.</translation>
    </message>
    <message>
        <source>The key remembered on this device is not yours. Unlock with your password.</source>
        <translation>La clé mémorisée sur cet appareil n’est pas la vôtre. Déverrouillez avec votre mot de passe.</translation>
    </message>
    <message>
        <source>Your access to the vault was revoked.</source>
        <translation>Votre accès au coffre-fort a été retiré.</translation>
    </message>
    <message>
        <source>Your copy of the vault key is damaged. Ask an administrator to grant access again.</source>
        <translation>Votre copie de la clé du coffre-fort est endommagée. Demandez à un administrateur de vous accorder à nouveau l’accès.</translation>
    </message>
    <message>
        <source>Only an administrator can grant access to the vault.</source>
        <translation>Seul un administrateur peut accorder l’accès au coffre-fort.</translation>
    </message>
    <message>
        <source>Unlock the vault before granting access to it.</source>
        <translation>Déverrouillez le coffre-fort avant d’y accorder l’accès.</translation>
    </message>
    <message>
        <source>%1 has no vault key yet: they get one when they next sign in.</source>
        <translation>%1 n’a pas encore de clé de coffre-fort&#xa0;: elle lui sera attribuée à sa prochaine connexion.</translation>
    </message>
    <message>
        <source>%1 has access to the vault already.</source>
        <translation>%1 a déjà accès au coffre-fort.</translation>
    </message>
    <message>
        <source>Only an administrator can revoke access to the vault.</source>
        <translation>Seul un administrateur peut retirer l’accès au coffre-fort.</translation>
    </message>
    <message>
        <source>%1 has no access to the vault.</source>
        <translation>%1 n’a pas accès au coffre-fort.</translation>
    </message>
    <message>
        <source>%1 is the only one with access to the vault; grant someone else access first.</source>
        <translation>%1 est la seule personne ayant accès au coffre-fort&#xa0;; accordez d’abord l’accès à quelqu’un d’autre.</translation>
    </message>
    <message>
        <source>The current password is not correct.</source>
        <translation>Le mot de passe actuel est incorrect.</translation>
    </message>
</context>
<context>
    <name>Gatehouse::VaultUnlockDialog</name>
    <message>
        <source>&amp;Remember on this device</source>
        <translation>&amp;Mémoriser sur cet appareil</translation>
    </message>
    <message>
        <source>Unlock the credential vault</source>
        <translation>Déverrouiller le coffre-fort des identifiants</translation>
    </message>
    <message numerus="yes">
        <source>Enter your Gatehouse password to open the vault. It locks again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Saisissez votre mot de passe Gatehouse pour ouvrir le coffre-fort. Il se verrouille de nouveau après %n minute sans utilisation.</numerusform>
            <numerusform>Saisissez votre mot de passe Gatehouse pour ouvrir le coffre-fort. Il se verrouille de nouveau après %n minutes sans utilisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Keeps your vault key in this computer&apos;s keychain, so the vault opens without your password on this device.</source>
        <translation>Conserve votre clé de coffre-fort dans le trousseau de cet ordinateur, afin que le coffre-fort s’ouvre sans votre mot de passe sur cet appareil.</translation>
    </message>
    <message>
        <source>Checking this device&apos;s keychain…</source>
        <translation>Vérification du trousseau de cet appareil…</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>Remembering is not available: %1</source>
        <translation>La mémorisation n’est pas disponible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Opening with the key remembered on this device…</source>
        <translation>Ouverture avec la clé mémorisée sur cet appareil…</translation>
    </message>
    <message>
        <source>The remembered key could not be used: %1 Enter your password.</source>
        <translation>La clé mémorisée n’a pas pu être utilisée&#xa0;: %1 Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
    <message>
        <source>Saving your key in this device&apos;s keychain…</source>
        <translation>Enregistrement de votre clé dans le trousseau de cet appareil…</translation>
    </message>
    <message>
        <source>Not remembered</source>
        <translation>Non mémorisée</translation>
    </message>
    <message>
        <source>The vault is unlocked, but your key could not be kept on this device: %1</source>
        <translation>Le coffre-fort est déverrouillé, mais votre clé n’a pas pu être conservée sur cet appareil&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ViewPortalAsAction</name>
    <message>
        <source>View portal as…</source>
        <translation>Voir le portail en tant que…</translation>
    </message>
    <message>
        <source>See the portal as this contact sees it (Ctrl+Shift+V)</source>
        <translation>Voir le portail tel que ce contact le voit (Ctrl+Maj+V)</translation>
    </message>
    <message>
        <source>The portal cannot be shown here. %1</source>
        <translation>Le portail ne peut pas être affiché ici. %1</translation>
    </message>
</context>
<context>
    <name>Gatehouse::WebEngineAvailability</name>
    <message>
        <source>Qt WebEngine is not fully installed: its helper program QtWebEngineProcess was not found.</source>
        <translation>Qt WebEngine n’est pas entièrement installé : son programme auxiliaire QtWebEngineProcess est introuvable.</translation>
    </message>
    <message>
        <source>Qt WebEngine does not start for the root user with its sandbox on. Run the console as a regular user (or set QTWEBENGINE_DISABLE_SANDBOX=1).</source>
        <translation>Qt WebEngine ne démarre pas pour l’utilisateur root avec son bac à sable activé. Lancez la console en tant qu’utilisateur ordinaire (ou définissez QTWEBENGINE_DISABLE_SANDBOX=1).</translation>
    </message>
</context>
<context>
    <name>Gatehouse::ZipWriter</name>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>Impossible de créer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 could not be added to the archive: %2</source>
        <translation>Impossible d’ajouter %1 à l’archive&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>account</name>
    <message>
        <source>Set password</source>
        <translation>Définir le mot de passe</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>At least %1 characters, and not a common password. You can still sign in with an emailed code.</source>
        <translation>Au moins %1 caractères, et pas un mot de passe courant. Vous pourrez toujours vous connecter avec un code reçu par e-mail.</translation>
    </message>
    <message>
        <source>Use at least %1 characters.</source>
        <translation>Utilisez au moins %1 caractères.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Your password is set. Next time you can sign in with it.</source>
        <translation>Votre mot de passe est défini. La prochaine fois, vous pourrez vous connecter avec.</translation>
    </message>
    <message>
        <source>Set a password</source>
        <translation>Définir un mot de passe</translation>
    </message>
    <message>
        <source>Optional: a password lets you sign in without waiting for an email.</source>
        <translation>Facultatif&#xa0;: un mot de passe vous permet de vous connecter sans attendre d’e-mail.</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>Choose a company</source>
        <translation>Choisissez une entreprise</translation>
    </message>
    <message>
        <source>Your email address %1 belongs to several companies in this portal. Which one do you want to open?</source>
        <translation>Votre adresse e-mail %1 est associée à plusieurs entreprises dans ce portail. Laquelle voulez-vous ouvrir&#xa0;?</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Entreprises</translation>
    </message>
    <message>
        <source>Switch company</source>
        <translation>Changer d’entreprise</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>Changer</translation>
    </message>
    <message>
        <source>Switching…</source>
        <translation>Changement…</translation>
    </message>
    <message>
        <source>Open the portal of</source>
        <translation>Ouvrir le portail de</translation>
    </message>
    <message>
        <source>Sign in with an emailed code</source>
        <translation>Se connecter avec un code envoyé par e-mail</translation>
    </message>
    <message>
        <source>You signed in with a password, which opens only this company&apos;s portal. To switch to another company, sign in with a code sent to your email.</source>
        <translation>Vous vous êtes connecté avec un mot de passe, qui n’ouvre que le portail de cette entreprise. Pour passer à une autre entreprise, connectez-vous avec un code envoyé à votre adresse e-mail.</translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <source>Please sign in again.</source>
        <translation>Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>You do not have access to this.</source>
        <translation>Vous n’avez pas accès à cet élément.</translation>
    </message>
    <message>
        <source>This could not be found.</source>
        <translation>Élément introuvable.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Trop de tentatives. Veuillez patienter un instant, puis réessayer.</translation>
    </message>
    <message>
        <source>Something went wrong (error %1). Please try again.</source>
        <translation>Une erreur s’est produite (erreur %1). Veuillez réessayer.</translation>
    </message>
    <message>
        <source>The portal could not be reached. Check your connection and try again.</source>
        <translation>Impossible de joindre le portail. Vérifiez votre connexion et réessayez.</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 Ko</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mo</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Votre session a pris fin. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>The portal is not available</source>
        <translation>Le portail n’est pas disponible</translation>
    </message>
    <message>
        <source>Page not found</source>
        <translation>Page introuvable</translation>
    </message>
    <message>
        <source>Go to your portal</source>
        <translation>Accéder à votre portail</translation>
    </message>
    <message>
        <source>This address does not lead anywhere in the portal.</source>
        <translation>Cette adresse ne correspond à aucune page du portail.</translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <source>Approved by %1 on %2</source>
        <translation>Approuvé par %1 le %2</translation>
    </message>
    <message>
        <source>Changes requested by %1 on %2</source>
        <translation>Modifications demandées par %1 le %2</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approuver</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>Demander des modifications</translation>
    </message>
    <message>
        <source>Say what should change, so we can revise it.</source>
        <translation>Indiquez ce qui doit changer afin que nous puissions le réviser.</translation>
    </message>
    <message>
        <source>Approved: %1</source>
        <translation>Approuvé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Changes requested: %1</source>
        <translation>Modifications demandées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Comment (needed when you request changes)</source>
        <translation>Commentaire (obligatoire si vous demandez des modifications)</translation>
    </message>
    <message>
        <source>You asked for changes. We will ask you again once they are made.</source>
        <translation>Vous avez demandé des modifications. Nous vous solliciterons à nouveau une fois qu’elles auront été faites.</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>Secure sign-in by email. No password to remember.</source>
        <translation>Connexion sécurisée par e-mail. Aucun mot de passe à retenir.</translation>
    </message>
    <message>
        <source>Check your email</source>
        <translation>Consultez vos e-mails</translation>
    </message>
    <message>
        <source>We sent a 6-digit code and a sign-in link to %1</source>
        <translation>Nous avons envoyé un code à 6 chiffres et un lien de connexion à %1</translation>
    </message>
    <message>
        <source>your email address</source>
        <translation>votre adresse e-mail</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Send a new code</source>
        <translation>Envoyer un nouveau code</translation>
    </message>
    <message>
        <source>Sign-in code</source>
        <translation>Code de connexion</translation>
    </message>
    <message>
        <source>The code expires after a while. You can also use the link in the email.</source>
        <translation>Le code expire au bout d’un certain temps. Vous pouvez aussi utiliser le lien de l’e-mail.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from the email.</source>
        <translation>Saisissez le code à 6 chiffres reçu par e-mail.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>A new code is on its way to %1.</source>
        <translation>Un nouveau code est en route vers %1.</translation>
    </message>
    <message>
        <source>The server sent an unexpected answer. Please try again.</source>
        <translation>Le serveur a renvoyé une réponse inattendue. Veuillez réessayer.</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Verify your email to open your portal</source>
        <translation>Confirmez votre adresse e-mail pour ouvrir votre portail</translation>
    </message>
    <message>
        <source>We will email you a 6-digit code and a sign-in link. No password needed.</source>
        <translation>Nous vous enverrons par e-mail un code à 6 chiffres et un lien de connexion. Aucun mot de passe nécessaire.</translation>
    </message>
    <message>
        <source>Send me a sign-in code</source>
        <translation>M’envoyer un code de connexion</translation>
    </message>
    <message>
        <source>Confirm sign-in</source>
        <translation>Confirmer la connexion</translation>
    </message>
    <message>
        <source>You opened a sign-in link from your email. Continue to open your portal on this device.</source>
        <translation>Vous avez ouvert un lien de connexion depuis votre e-mail. Continuez pour ouvrir votre portail sur cet appareil.</translation>
    </message>
    <message>
        <source>Continue to the portal</source>
        <translation>Continuer vers le portail</translation>
    </message>
    <message>
        <source>Request a new sign-in code</source>
        <translation>Demander un nouveau code de connexion</translation>
    </message>
    <message>
        <source>Open your portal</source>
        <translation>Ouvrir votre portail</translation>
    </message>
    <message>
        <source>Enter the email address your IT provider has on file. We will send you a sign-in code.</source>
        <translation>Saisissez l’adresse e-mail connue de votre prestataire informatique. Nous vous enverrons un code de connexion.</translation>
    </message>
    <message>
        <source>Email me a sign-in code</source>
        <translation>M’envoyer un code de connexion par e-mail</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <source>Enter a valid email address.</source>
        <translation>Saisissez une adresse e-mail valide.</translation>
    </message>
    <message>
        <source>Sign in with a password instead</source>
        <translation>Se connecter plutôt avec un mot de passe</translation>
    </message>
    <message>
        <source>Sign in with your password</source>
        <translation>Connectez-vous avec votre mot de passe</translation>
    </message>
    <message>
        <source>Only if you set a password in your portal before.</source>
        <translation>Uniquement si vous avez déjà défini un mot de passe dans votre portail.</translation>
    </message>
    <message>
        <source>Email me a sign-in code instead</source>
        <translation>Recevoir plutôt un code de connexion par e-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Saisissez votre mot de passe.</translation>
    </message>
</context>
<context>
    <name>branding</name>
    <message>
        <source>Client portal</source>
        <translation>Portail client</translation>
    </message>
</context>
<context>
    <name>checklist</name>
    <message>
        <source>Loading the checklist…</source>
        <translation>Chargement de la liste de contrôle…</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%1 sur %2 terminés</translation>
    </message>
    <message>
        <source>Ticked by %1, %2</source>
        <translation>Coché par %1, %2</translation>
    </message>
    <message>
        <source>Unticked by %1, %2</source>
        <translation>Décoché par %1, %2</translation>
    </message>
    <message>
        <source>Checklist: %1</source>
        <translation>Liste de contrôle&#xa0;: %1</translation>
    </message>
    <message>
        <source>The items are not ready yet.</source>
        <translation>Les éléments ne sont pas encore prêts.</translation>
    </message>
</context>
<context>
    <name>comments</name>
    <message>
        <source>Comments</source>
        <translation>Commentaires</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Your message about %1</source>
        <translation>Votre message concernant %1</translation>
    </message>
    <message>
        <source>No messages yet. Ask us anything about this task.</source>
        <translation>Aucun message pour l’instant. Posez-nous toutes vos questions sur cette tâche.</translation>
    </message>
    <message>
        <source>Write a message first.</source>
        <translation>Rédigez d’abord un message.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Message sent</source>
        <translation>Message envoyé</translation>
    </message>
</context>
<context>
    <name>credential</name>
    <message>
        <source>File “%1” (%2), sent on %3</source>
        <translation>Fichier «&#xa0;%1&#xa0;» (%2), envoyé le %3</translation>
    </message>
    <message>
        <source>Pasted credentials, sent on %1</source>
        <translation>Identifiants collés, envoyés le %1</translation>
    </message>
    <message>
        <source>A login, sent on %1</source>
        <translation>Un accès, envoyé le %1</translation>
    </message>
    <message>
        <source>Sealed for your provider on arrival. For your security it cannot be shown again, not even to you.</source>
        <translation>Scellé pour votre prestataire dès réception. Pour votre sécurité, il ne peut plus être affiché, pas même pour vous.</translation>
    </message>
    <message>
        <source>One login</source>
        <translation>Un seul accès</translation>
    </message>
    <message>
        <source>Several at once</source>
        <translation>Plusieurs à la fois</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clé API</translation>
    </message>
    <message>
        <source>Notes (what this login is for)</source>
        <translation>Notes (à quoi sert cet accès)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Paste the credentials</source>
        <translation>Collez les identifiants</translation>
    </message>
    <message>
        <source>Or choose a file</source>
        <translation>Ou choisissez un fichier</translation>
    </message>
    <message>
        <source>Pasted text or one file, up to 10 MB.</source>
        <translation>Texte collé ou un fichier, jusqu’à 10 Mo.</translation>
    </message>
    <message>
        <source>Send securely</source>
        <translation>Envoyer en toute sécurité</translation>
    </message>
    <message>
        <source>What do you want to send?</source>
        <translation>Que souhaitez-vous envoyer&#xa0;?</translation>
    </message>
    <message>
        <source>Encrypted for your provider as soon as it arrives. Once sent, it cannot be shown here again.</source>
        <translation>Chiffré pour votre prestataire dès son arrivée. Une fois envoyé, il ne peut plus être affiché ici.</translation>
    </message>
    <message>
        <source>Fill in at least one of username, password, API key or notes.</source>
        <translation>Renseignez au moins l’un des champs suivants&#xa0;: nom d’utilisateur, mot de passe, clé API ou notes.</translation>
    </message>
    <message>
        <source>The file can be at most 10 MB large.</source>
        <translation>Le fichier ne peut pas dépasser 10 Mo.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>Paste the credentials or choose a file.</source>
        <translation>Collez les identifiants ou choisissez un fichier.</translation>
    </message>
    <message>
        <source>The text can be at most 10 MB long.</source>
        <translation>Le texte ne peut pas dépasser 10 Mo.</translation>
    </message>
    <message>
        <source>Sending failed (error %1). Please try again.</source>
        <translation>L’envoi a échoué (erreur %1). Veuillez réessayer.</translation>
    </message>
    <message>
        <source>The portal could not be reached. Check your connection and try again.</source>
        <translation>Impossible de joindre le portail. Vérifiez votre connexion et réessayez.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Sent securely: %1</source>
        <translation>Envoyé en toute sécurité&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>documents</name>
    <message>
        <source>Waiting for review</source>
        <translation>En attente de vérification</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Not accepted, please send again</source>
        <translation>Non accepté, veuillez l’envoyer à nouveau</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Demandé</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
</context>
<context>
    <name>file_drop</name>
    <message>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <source>Downloaded by your provider</source>
        <translation>Téléchargé par votre prestataire</translation>
    </message>
    <message>
        <source>Waiting for your provider</source>
        <translation>En attente de votre prestataire</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1 supprimé</translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation>expiré le %1</translation>
    </message>
    <message>
        <source>kept until %1</source>
        <translation>conservé jusqu’au %1</translation>
    </message>
    <message>
        <source>%1 is larger than %2, the limit for this task.</source>
        <translation>%1 dépasse %2, la limite pour cette tâche.</translation>
    </message>
    <message>
        <source>Sending %1</source>
        <translation>Envoi de %1</translation>
    </message>
    <message>
        <source>Sent %1 of %2 files securely</source>
        <translation>%1 fichiers sur %2 envoyés en toute sécurité</translation>
    </message>
    <message>
        <source>Up to %1 per file. Files are encrypted as they arrive and deleted %2 days after you send them.</source>
        <translation>Jusqu’à %1 par fichier. Les fichiers sont chiffrés dès leur arrivée et supprimés %2 jours après leur envoi.</translation>
    </message>
</context>
<context>
    <name>form</name>
    <message>
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>Saisissez un nombre.</translation>
    </message>
    <message>
        <source>Enter a valid value.</source>
        <translation>Saisissez une valeur valide.</translation>
    </message>
    <message>
        <source>This answer can be at most %1 characters long.</source>
        <translation>Cette réponse ne peut pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>Enter an email address such as name@example.com.</source>
        <translation>Saisissez une adresse e-mail, par exemple nom@exemple.com.</translation>
    </message>
    <message>
        <source>Enter a phone number: digits, spaces and + ( ) - only.</source>
        <translation>Saisissez un numéro de téléphone&#xa0;: chiffres, espaces et + ( ) - uniquement.</translation>
    </message>
    <message>
        <source>Enter a web address starting with https:// or http://.</source>
        <translation>Saisissez une adresse web commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Saisissez une date au format AAAA-MM-JJ.</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(obligatoire)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Entry %1</source>
        <translation>Saisie %1</translation>
    </message>
    <message>
        <source>Loading the form…</source>
        <translation>Chargement du formulaire…</translation>
    </message>
    <message>
        <source>The questions are not ready yet.</source>
        <translation>Les questions ne sont pas encore prêtes.</translation>
    </message>
    <message>
        <source>Submitted. Thank you!</source>
        <translation>Envoyé. Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Add another</source>
        <translation>Ajouter une autre</translation>
    </message>
    <message>
        <source>Saved entries</source>
        <translation>Saisies enregistrées</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Remove entry</source>
        <translation>Retirer la saisie</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Suppression…</translation>
    </message>
    <message>
        <source>Entry removed</source>
        <translation>Saisie retirée</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>Les champs marqués d’un * sont obligatoires.</translation>
    </message>
    <message>
        <source>Some answers need your attention.</source>
        <translation>Certaines réponses requièrent votre attention.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Submit form</source>
        <translation>Envoyer le formulaire</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Tâche terminée&#xa0;: %1</translation>
    </message>
    <message>
        <source>When everything is filled in, submit the form. You cannot change it afterwards.</source>
        <translation>Une fois tout rempli, envoyez le formulaire. Vous ne pourrez plus le modifier ensuite.</translation>
    </message>
</context>
<context>
    <name>home</name>
    <message>
        <source>Dismiss message</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Hello, %1</source>
        <translation>Bonjour %1</translation>
    </message>
    <message>
        <source>Hello</source>
        <translation>Bonjour</translation>
    </message>
    <message>
        <source>Complete task</source>
        <translation>Terminer la tâche</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (facultative)</translation>
    </message>
    <message>
        <source>The note can be at most %1 characters long.</source>
        <translation>La note ne doit pas dépasser %1 caractères.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Tâche terminée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation>Terminée le %1</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>En retard depuis le %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Échéance&#xa0;: %1</translation>
    </message>
    <message>
        <source>Your note:</source>
        <translation>Votre note&#xa0;:</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Marquer comme terminée</translation>
    </message>
    <message>
        <source>Your tasks</source>
        <translation>Vos tâches</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 à faire</translation>
    </message>
    <message>
        <source>Nothing for you to do right now. We will email you when something needs your attention.</source>
        <translation>Vous n’avez rien à faire pour le moment. Nous vous préviendrons par e-mail dès que quelque chose requiert votre attention.</translation>
    </message>
    <message>
        <source>You have completed all your tasks. Thank you!</source>
        <translation>Vous avez terminé toutes vos tâches. Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Nothing here yet</source>
        <translation>Rien pour l’instant</translation>
    </message>
    <message>
        <source>Your IT provider has not started an onboarding for you yet. We will email you when it begins.</source>
        <translation>Votre prestataire informatique n’a pas encore démarré d’onboarding pour vous. Nous vous préviendrons par e-mail dès qu’il commencera.</translation>
    </message>
    <message>
        <source>Your portal</source>
        <translation>Votre portail</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>You can follow this task; your role does not let you act on it.</source>
        <translation>Vous pouvez suivre cette tâche&#xa0;; votre rôle ne vous permet pas d’y intervenir.</translation>
    </message>
    <message>
        <source>Your role in this portal does not include the onboarding. Ask your IT provider if you need it.</source>
        <translation>Votre rôle dans ce portail n’inclut pas l’onboarding. Si vous en avez besoin, adressez-vous à votre prestataire informatique.</translation>
    </message>
</context>
<context>
    <name>impersonation</name>
    <message>
        <source>%1 of your IT provider is viewing this portal as you, read-only, until %2.</source>
        <translation>%1, de votre prestataire informatique, consulte ce portail avec votre compte, en lecture seule, jusqu’à %2.</translation>
    </message>
    <message>
        <source>%1 of your IT provider is viewing this portal as you and may act for you, until %2.</source>
        <translation>%1, de votre prestataire informatique, consulte ce portail avec votre compte et peut agir en votre nom, jusqu’à %2.</translation>
    </message>
    <message>
        <source>Nobody from your IT provider has viewed your portal as you.</source>
        <translation>Personne chez votre prestataire informatique n’a consulté votre portail avec votre compte.</translation>
    </message>
    <message>
        <source>Staff who viewed your portal</source>
        <translation>Collaborateurs ayant consulté votre portail</translation>
    </message>
    <message>
        <source>Your IT provider can open the portal as you to help you. Each time is listed here.</source>
        <translation>Votre prestataire informatique peut ouvrir le portail avec votre compte pour vous aider. Chaque consultation est indiquée ici.</translation>
    </message>
    <message>
        <source>Viewed by %1 at %2 (read-only)</source>
        <translation>Consulté par %1 le %2 (lecture seule)</translation>
    </message>
    <message>
        <source>Viewed by %1 at %2 (could act for you)</source>
        <translation>Consulté par %1 le %2 (pouvait agir en votre nom)</translation>
    </message>
</context>
<context>
    <name>meeting</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Mark complete</source>
        <translation>Marquer comme terminée</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Tâche terminée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The date and time will appear here once your provider has scheduled this meeting.</source>
        <translation>La date et l’heure s’afficheront ici dès que votre prestataire aura planifié cette réunion.</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Rejoindre</translation>
    </message>
    <message>
        <source>Add to calendar</source>
        <translation>Ajouter à l’agenda</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Nothing published yet.</source>
        <translation>Rien n’a encore été publié.</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>Bloquée</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Réunion</translation>
    </message>
    <message>
        <source>Document upload</source>
        <translation>Envoi de document</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Identifiants</translation>
    </message>
    <message>
        <source>Secure file drop</source>
        <translation>Dépôt de fichiers sécurisé</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Liste de contrôle</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approbation</translation>
    </message>
    <message>
        <source>%1% complete</source>
        <translation>%1&#xa0;% terminé</translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation>Progression de %1</translation>
    </message>
    <message>
        <source>your onboarding</source>
        <translation>votre onboarding</translation>
    </message>
    <message>
        <source>%1 of %2 tasks done</source>
        <translation>Tâches terminées&#xa0;: %1 sur %2</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>À venir</translation>
    </message>
    <message>
        <source>Us</source>
        <translation>Nous</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <source>Our progress</source>
        <translation>Notre progression</translation>
    </message>
    <message>
        <source>No phases yet.</source>
        <translation>Aucune phase pour l’instant.</translation>
    </message>
</context>
<context>
    <name>questions</name>
    <message>
        <source>Send question</source>
        <translation>Envoyer la question</translation>
    </message>
    <message>
        <source>General question</source>
        <translation>Question générale</translation>
    </message>
    <message>
        <source>%1 asked on %2</source>
        <translation>Question de %1 le %2</translation>
    </message>
    <message>
        <source>%1 answered on %2</source>
        <translation>Réponse de %1 le %2</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>En attente de réponse</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Sujet</translation>
    </message>
    <message>
        <source>Your question</source>
        <translation>Votre question</translation>
    </message>
    <message>
        <source>Write your question first.</source>
        <translation>Rédigez d’abord votre question.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Your question was sent. We will answer by email.</source>
        <translation>Votre question a été envoyée. Nous vous répondrons par e-mail.</translation>
    </message>
    <message>
        <source>Ask a question</source>
        <translation>Poser une question</translation>
    </message>
    <message>
        <source>We answer by email and here.</source>
        <translation>Nous répondons par e-mail et ici.</translation>
    </message>
</context>
<context>
    <name>send-files</name>
    <message>
        <source>Drag files here, or</source>
        <translation>Faites glisser des fichiers ici, ou</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>Choisir des fichiers</translation>
    </message>
</context>
<context>
    <name>signature</name>
    <message>
        <source>Signature pad: draw your signature with a mouse, finger or pen</source>
        <translation>Cadre de signature&#xa0;: dessinez votre signature avec la souris, le doigt ou un stylet</translation>
    </message>
    <message>
        <source>Signed by %1 on %2.</source>
        <translation>Signé par %1 le %2.</translation>
    </message>
    <message>
        <source>Evidence fingerprint (SHA-256): %1</source>
        <translation>Empreinte de la preuve (SHA-256)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Download the signature certificate (PDF)</source>
        <translation>Télécharger le certificat de signature (PDF)</translation>
    </message>
    <message>
        <source>What you sign</source>
        <translation>Ce que vous signez</translation>
    </message>
    <message>
        <source>Read the document before you sign</source>
        <translation>Lisez le document avant de le signer</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256&#xa0;: %1</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Saisir</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Your full name</source>
        <translation>Votre nom complet</translation>
    </message>
    <message>
        <source>How to sign</source>
        <translation>Mode de signature</translation>
    </message>
    <message>
        <source>I agree that this electronic signature is as valid as my handwritten one.</source>
        <translation>J’accepte que cette signature électronique ait la même valeur que ma signature manuscrite.</translation>
    </message>
    <message>
        <source>Enter your full name.</source>
        <translation>Saisissez votre nom complet.</translation>
    </message>
    <message>
        <source>The signature pad is empty. Please sign before you submit.</source>
        <translation>Le cadre de signature est vide. Veuillez signer avant d’envoyer.</translation>
    </message>
    <message>
        <source>Please confirm that you agree to sign electronically.</source>
        <translation>Veuillez confirmer que vous acceptez de signer électroniquement.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Signature…</translation>
    </message>
    <message>
        <source>Signed: %1</source>
        <translation>Signé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>totp</name>
    <message>
        <source>Enter your authenticator code</source>
        <translation>Saisissez votre code d’authentification</translation>
    </message>
    <message>
        <source>Open the authenticator app on your phone and enter the 6-digit code it shows for this portal.</source>
        <translation>Ouvrez l’application d’authentification sur votre téléphone et saisissez le code à 6 chiffres qu’elle affiche pour ce portail.</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Code de récupération</translation>
    </message>
    <message>
        <source>One of the recovery codes you saved when you set up the app, like ABCDE-FGHIJ. Each works once.</source>
        <translation>L’un des codes de récupération que vous avez enregistrés lors de la configuration de l’application, par exemple ABCDE-FGHIJ. Chaque code ne fonctionne qu’une fois.</translation>
    </message>
    <message>
        <source>Use the code from the app instead</source>
        <translation>Utiliser plutôt le code de l’application</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>Code d’authentification</translation>
    </message>
    <message>
        <source>The code changes every 30 seconds.</source>
        <translation>Le code change toutes les 30 secondes.</translation>
    </message>
    <message>
        <source>Use a recovery code instead</source>
        <translation>Utiliser plutôt un code de récupération</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Saisissez le code à 6 chiffres affiché par votre application d’authentification.</translation>
    </message>
    <message>
        <source>A recovery code has 10 letters and digits, like ABCDE-FGHIJ.</source>
        <translation>Un code de récupération comporte 10 lettres et chiffres, par exemple ABCDE-FGHIJ.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Set up an authenticator app</source>
        <translation>Configurer une application d’authentification</translation>
    </message>
    <message>
        <source>Your portal asks everyone to sign in with a code from an authenticator app on their phone as well. Set it up once to continue.</source>
        <translation>Votre portail demande à chacun de se connecter également avec un code issu d’une application d’authentification sur son téléphone. Configurez-la une fois pour continuer.</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
</context>
<context>
    <name>totp-account</name>
    <message>
        <source>I have saved these codes</source>
        <translation>J’ai enregistré ces codes</translation>
    </message>
    <message>
        <source>Your recovery codes</source>
        <translation>Vos codes de récupération</translation>
    </message>
    <message>
        <source>Keep these somewhere safe, such as a password manager. Each one signs you in once if you lose your phone. They are shown only now.</source>
        <translation>Conservez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe. Chacun vous permet de vous connecter une fois si vous perdez votre téléphone. Ils ne sont affichés que maintenant.</translation>
    </message>
    <message>
        <source>Set up an authenticator app</source>
        <translation>Configurer une application d’authentification</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>Préparation…</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>Activer</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Code de l’application</translation>
    </message>
    <message>
        <source>Enter the 6-digit code the app shows now, to check that it is set up right.</source>
        <translation>Saisissez le code à 6 chiffres que l’application affiche maintenant, pour vérifier qu’elle est bien configurée.</translation>
    </message>
    <message>
        <source>Enter the 6-digit code your authenticator app shows.</source>
        <translation>Saisissez le code à 6 chiffres affiché par votre application d’authentification.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Open in an authenticator app on this device</source>
        <translation>Ouvrir dans une application d’authentification sur cet appareil</translation>
    </message>
    <message>
        <source>In your authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), add an account: scan this QR code, or enter the key below it.</source>
        <translation>Dans votre application d’authentification (par exemple Google Authenticator, Microsoft Authenticator ou 1Password), ajoutez un compte&#xa0;: scannez ce code QR ou saisissez la clé indiquée en dessous.</translation>
    </message>
    <message>
        <source>QR code of the key below, for the authenticator app to scan</source>
        <translation>Code QR de la clé ci-dessous, à scanner avec l’application d’authentification</translation>
    </message>
    <message>
        <source>Time-based, 6 digits, every 30 seconds.</source>
        <translation>Basé sur l’heure, 6 chiffres, toutes les 30 secondes.</translation>
    </message>
    <message>
        <source>Authenticator app</source>
        <translation>Application d’authentification</translation>
    </message>
    <message>
        <source>Sign-in with an authenticator app is on.</source>
        <translation>La connexion avec une application d’authentification est activée.</translation>
    </message>
    <message>
        <source>Optional: after the emailed code or your password, also ask for a code from an app on your phone.</source>
        <translation>Facultatif&#xa0;: après le code reçu par e-mail ou votre mot de passe, demander aussi un code issu d’une application sur votre téléphone.</translation>
    </message>
    <message>
        <source>Make new recovery codes</source>
        <translation>Générer de nouveaux codes de récupération</translation>
    </message>
    <message>
        <source>Making codes…</source>
        <translation>Génération des codes…</translation>
    </message>
    <message>
        <source>Your old recovery codes no longer work.</source>
        <translation>Vos anciens codes de récupération ne fonctionnent plus.</translation>
    </message>
    <message>
        <source>On. Recovery codes left: %1.</source>
        <translation>Activée. Codes de récupération restants&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Your workspace requires an authenticator app.</source>
        <translation>Votre espace de travail exige une application d’authentification.</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Turn off: code from the app or a recovery code</source>
        <translation>Désactiver&#xa0;: code de l’application ou code de récupération</translation>
    </message>
    <message>
        <source>A code is needed so that nobody else can turn it off.</source>
        <translation>Un code est nécessaire pour que personne d’autre ne puisse désactiver cette option.</translation>
    </message>
    <message>
        <source>Enter the code your authenticator app shows, or a recovery code.</source>
        <translation>Saisissez le code affiché par votre application d’authentification, ou un code de récupération.</translation>
    </message>
    <message>
        <source>Turning off…</source>
        <translation>Désactivation…</translation>
    </message>
</context>
<context>
    <name>training</name>
    <message>
        <source>Mark complete</source>
        <translation>Marquer comme terminée</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Task completed: %1</source>
        <translation>Tâche terminée&#xa0;: %1</translation>
    </message>
    <message>
        <source>This training takes place in person. Your provider will mark it done once you have attended.</source>
        <translation>Cette formation a lieu en présentiel. Votre prestataire la marquera comme terminée une fois que vous y aurez assisté.</translation>
    </message>
    <message>
        <source>Your provider has not set up this training yet.</source>
        <translation>Votre prestataire n’a pas encore configuré cette formation.</translation>
    </message>
    <message>
        <source>Training video: %1</source>
        <translation>Vidéo de formation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>upload</name>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>Non accepté</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>En attente de vérification</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Removed %1</source>
        <translation>%1 retiré</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>%1 is larger than %2, the limit for this task.</source>
        <translation>%1 dépasse %2, la limite pour cette tâche.</translation>
    </message>
    <message>
        <source>%1 is not a file type this task accepts.</source>
        <translation>%1 n’est pas un type de fichier accepté par cette tâche.</translation>
    </message>
    <message>
        <source>Uploading %1</source>
        <translation>Envoi de %1</translation>
    </message>
    <message>
        <source>Uploaded %1 of %2 files</source>
        <translation>%1 fichiers sur %2 envoyés</translation>
    </message>
    <message>
        <source>Accepted: %1. Up to %2 per file.</source>
        <translation>Acceptés&#xa0;: %1. Jusqu’à %2 par fichier.</translation>
    </message>
</context>
</TS>
