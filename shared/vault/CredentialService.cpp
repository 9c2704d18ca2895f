#include "CredentialService.h"

#include "CredentialRepository.h"
#include "VaultCrypto.h"
#include "VaultRepository.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "security/AuditLog.h"
#include "storage/ActivityRepository.h"
#include "storage/DirectoryRepository.h"
#include "storage/OnboardingRepository.h"
#include "storage/Transaction.h"

#include <QCoreApplication>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::CredentialService", text);
}

void internal(ServiceError *error, const QString &detail)
{
    qCWarning(lcVault) << detail;
    ServiceError::internal(error);
}

// How the audit trail and the timeline name a submission; never anything of its content.
QString describe(const CredentialSubmission &submission)
{
    switch (submission.kind) {
    case CredentialKind::Single:
        return QStringLiteral("a login");
    case CredentialKind::BulkText:
        return QStringLiteral("a list of credentials");
    case CredentialKind::BulkFile:
        return QStringLiteral("the file \"%1\"").arg(submission.fileName);
    }
    return QString();
}

bool hasVisibleText(const QString &text)
{
    for (const QChar c : text) {
        if (!c.isSpace()) {
            return true;
        }
    }
    return false;
}

// The last path segment, as browsers send it; empty when nothing usable is left.
QString cleanFileName(const QString &name)
{
    QString base = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1).trimmed();
    for (const QChar c : base) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
            return QString();
        }
    }
    if (base == QLatin1String(".") || base == QLatin1String("..")) {
        return QString();
    }
    return base;
}

} // namespace

CredentialService::CredentialService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

std::optional<CredentialSubmission>
CredentialService::submitSingle(qint64 taskId, qint64 contactId, qint64 companyId,
                                const SingleCredential &credential, const QString &ip,
                                ServiceError *error)
{
    if (credential.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Fill in at least one of username, password, API key or notes."));
        return std::nullopt;
    }
    if (credential.username.size() > kMaxFieldLength || credential.password.size() > kMaxFieldLength
        || credential.apiKey.size() > kMaxFieldLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Username, password and API key can be at most %1 characters long.")
                              .arg(kMaxFieldLength));
        return std::nullopt;
    }
    if (credential.notes.size() > kMaxNotesLength) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The notes can be at most %1 characters long.").arg(kMaxNotesLength));
        return std::nullopt;
    }
    const SecureBytes payload = CredentialPayload::encode(credential);
    if (payload.isNull()) {
        internal(error, QStringLiteral("No guarded memory for a credential"));
        return std::nullopt;
    }
    CredentialSubmission submission;
    submission.kind = CredentialKind::Single;
    return submit(taskId, contactId, companyId, submission, payload.constData(), payload.size(), ip,
                  error);
}

std::optional<CredentialSubmission>
CredentialService::submitBulkText(qint64 taskId, qint64 contactId, qint64 companyId,
                                  const QString &text, const QString &ip, ServiceError *error)
{
    if (!hasVisibleText(text)) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Paste the credentials to send."));
        return std::nullopt;
    }
    const SecureBytes payload = SecureBytes::fromUtf8(text);
    if (payload.isNull()) {
        internal(error, QStringLiteral("No guarded memory for a credential"));
        return std::nullopt;
    }
    if (qint64(payload.size()) > kMaxBulkBytes) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The text can be at most 10 MB long."));
        return std::nullopt;
    }
    CredentialSubmission submission;
    submission.kind = CredentialKind::BulkText;
    return submit(taskId, contactId, companyId, submission, payload.constData(), payload.size(), ip,
                  error);
}

std::optional<CredentialSubmission>
CredentialService::submitBulkFile(qint64 taskId, qint64 contactId, qint64 companyId,
                                  const QString &fileName, const QByteArray &bytes,
                                  const QString &ip, ServiceError *error)
{
    const QString name = cleanFileName(fileName);
    if (name.isEmpty() || name.size() > kMaxFileNameLength) {
        ServiceError::set(
            error, ServiceError::Kind::Invalid,
            tr("Give the file a name of at most %1 characters.").arg(kMaxFileNameLength));
        return std::nullopt;
    }
    if (bytes.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("The file is empty."));
        return std::nullopt;
    }
    if (bytes.size() > kMaxBulkBytes) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("The file can be at most 10 MB large."));
        return std::nullopt;
    }
    CredentialSubmission submission;
    submission.kind = CredentialKind::BulkFile;
    submission.fileName = name;
    submission.fileSize = bytes.size();
    // The request body already holds the file; sealing straight from it avoids another copy.
    return submit(taskId, contactId, companyId, submission,
                  reinterpret_cast<const unsigned char *>(bytes.constData()),
                  std::size_t(bytes.size()), ip, error);
}

std::optional<CredentialSubmission>
CredentialService::submit(qint64 taskId, qint64 contactId, qint64 companyId,
                          CredentialSubmission submission, const unsigned char *plain,
                          std::size_t size, const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    OnboardingRepository onboardings(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<Task> task = onboardings.taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact || contact->companyId != companyId) {
        internal(error, dbError);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    if (task->ownerSide != OwnerSide::Client || task->evidenceType != EvidenceType::Credential) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task does not ask for credentials."));
        return std::nullopt;
    }
    if (task->status == TaskStatus::Completed) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This task is already completed."));
        return std::nullopt;
    }
    const QByteArray publicKey = VaultRepository(m_db).publicKey(workspace->id, &dbError);
    if (publicKey.isEmpty()) {
        if (!dbError.isEmpty()) {
            internal(error, dbError);
        } else {
            ServiceError::set(error, ServiceError::Kind::Conflict,
                              tr("%1 cannot receive credentials yet. Please try again later.")
                                  .arg(workspace->name));
        }
        return std::nullopt;
    }
    const QByteArray sealed = VaultCrypto::seal(plain, size, publicKey);
    if (sealed.isEmpty()) {
        internal(error, QStringLiteral("The vault's public key is not usable"));
        return std::nullopt;
    }
    const qint64 now = m_clock.nowMs();
    submission.taskId = taskId;
    submission.contactId = contactId;
    submission.contactName = contact->name;
    submission.submittedAtMs = now;
    Transaction transaction(m_db);
    const int changed = transaction.isActive()
                            ? onboardings.setTaskStatus(taskId, companyId, TaskStatus::Completed,
                                                        contact->name, QString(), now, &dbError)
                            : -1;
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This task is already completed."));
        return std::nullopt;
    }
    submission.id
        = changed > 0 ? CredentialRepository(m_db).insert(submission, sealed, &dbError) : 0;
    const QString what = describe(submission);
    ActivityEvent event;
    event.companyId = companyId;
    event.onboardingId = task->onboardingId;
    event.taskId = taskId;
    event.kind = QStringLiteral("credential.submitted");
    event.actor = contact->email;
    event.summary
        = QStringLiteral("%1 handed over %2 for \"%3\"").arg(contact->name, what, task->title);
    const AuditEvent audit = AuditEvent::make(
        workspace->id, now, Actor::contact(*contact, ip), QStringLiteral("credential.submitted"),
        AuditEvent::subjectOf("credential", submission.id),
        QStringLiteral("%1 handed over %2 for \"%3\", sealed to the vault on arrival")
            .arg(contact->name, what, task->title));
    if (submission.id == 0 || !ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError) || !transaction.commit(&dbError)) {
        internal(error, dbError.isEmpty() ? transaction.error() : dbError);
        return std::nullopt;
    }
    return submission;
}

QList<CredentialSubmission> CredentialService::listForContact(qint64 taskId, qint64 companyId,
                                                              ServiceError *error) const
{
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return {};
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return {};
    }
    QList<CredentialSubmission> list = CredentialRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return {};
    }
    return list;
}

QList<CredentialSubmission> CredentialService::listForTask(qint64 taskId, ServiceError *error) const
{
    QString dbError;
    QList<CredentialSubmission> list = CredentialRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
    }
    return list;
}

std::optional<StoredCredential> CredentialService::load(qint64 submissionId,
                                                        ServiceError *error) const
{
    QString dbError;
    std::optional<StoredCredential> stored = CredentialRepository(m_db).get(submissionId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return std::nullopt;
    }
    if (!stored) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such credential."));
    }
    return stored;
}

bool CredentialService::record(const StoredCredential &stored, const Actor &actor,
                               const QString &action, const QString &summary, ServiceError *error)
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!workspace) {
        internal(error, dbError);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    ActivityEvent event;
    event.companyId = stored.companyId;
    event.onboardingId = stored.onboardingId;
    event.taskId = stored.submission.taskId;
    event.kind = action;
    event.actor = actor.name;
    event.summary = summary;
    const AuditEvent audit
        = AuditEvent::make(workspace->id, now, actor, action,
                           AuditEvent::subjectOf("credential", stored.submission.id), summary);
    if (!ActivityRepository(m_db).append(workspace->id, event, now, &dbError)
        || !AuditLog(m_db).append(audit, &dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

std::optional<RevealedCredential> CredentialService::reveal(const SecureBytes &vaultKey,
                                                            const Actor &actor, qint64 submissionId,
                                                            const QString &reason,
                                                            ServiceError *error)
{
    const QString why = reason.simplified();
    if (why.size() > kMaxReasonLength) {
        ServiceError::set(
            error, ServiceError::Kind::Invalid,
            tr("The reason can be at most %1 characters long.").arg(kMaxReasonLength));
        return std::nullopt;
    }
    std::optional<StoredCredential> stored = load(submissionId, error);
    if (!stored) {
        return std::nullopt;
    }
    if (stored->submission.isPurged() || stored->sealed.isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This credential was purged after it was moved to a password "
                             "manager."));
        return std::nullopt;
    }
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const QByteArray publicKey
        = workspace ? VaultRepository(m_db).publicKey(workspace->id, &dbError) : QByteArray();
    if (publicKey.isEmpty()) {
        internal(error, dbError.isEmpty() ? QStringLiteral("No vault to reveal with") : dbError);
        return std::nullopt;
    }
    QString cryptoError;
    std::optional<SecureBytes> plaintext
        = VaultCrypto::open(stored->sealed, publicKey, vaultKey, &cryptoError);
    if (!plaintext) {
        qCWarning(lcVault) << "Credential" << submissionId << "did not open:" << cryptoError;
        ServiceError::set(error, ServiceError::Kind::Invalid, cryptoError);
        return std::nullopt;
    }
    const QString summary
        = QStringLiteral("%1 revealed %2 handed over by %3 for \"%4\"%5")
              .arg(actor.name, describe(stored->submission), stored->submission.contactName,
                   stored->taskTitle,
                   why.isEmpty() ? QStringLiteral(", giving no reason")
                                 : QStringLiteral(", giving the reason: %1").arg(why));
    // No record, no reveal: the plaintext is handed out only once the audit entry is committed.
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || !record(*stored, actor, QStringLiteral("credential.revealed"), summary, error)) {
        if (!transaction.isActive()) {
            internal(error, transaction.error());
        }
        return std::nullopt;
    }
    if (!transaction.commit(&dbError)) {
        internal(error, dbError);
        return std::nullopt;
    }
    return RevealedCredential{stored->submission, std::move(*plaintext)};
}

bool CredentialService::markMoved(qint64 submissionId, const Actor &actor, ServiceError *error)
{
    const std::optional<StoredCredential> stored = load(submissionId, error);
    if (!stored) {
        return false;
    }
    QString dbError;
    Transaction transaction(m_db);
    const int changed = transaction.isActive() ? CredentialRepository(m_db).markMoved(
                            submissionId, actor.name, m_clock.nowMs(), &dbError)
                                               : -1;
    if (changed == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This credential is already marked as moved."));
        return false;
    }
    if (changed < 0) {
        internal(error, dbError.isEmpty() ? transaction.error() : dbError);
        return false;
    }
    const QString summary = QStringLiteral("%1 moved %2 handed over by %3 for \"%4\" into a "
                                           "password manager")
                                .arg(actor.name, describe(stored->submission),
                                     stored->submission.contactName, stored->taskTitle);
    if (!record(*stored, actor, QStringLiteral("credential.moved"), summary, error)) {
        return false;
    }
    if (!transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

bool CredentialService::purge(qint64 submissionId, const Actor &actor, ServiceError *error)
{
    const std::optional<StoredCredential> stored = load(submissionId, error);
    if (!stored) {
        return false;
    }
    if (stored->submission.movedAtMs == 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Move the credential into a password manager before purging it."));
        return false;
    }
    if (stored->submission.isPurged()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This credential was purged already."));
        return false;
    }
    QString dbError;
    Transaction transaction(m_db);
    const int changed
        = transaction.isActive()
              ? CredentialRepository(m_db).purge(submissionId, m_clock.nowMs(), &dbError)
              : -1;
    if (changed != 1) {
        internal(error, dbError.isEmpty() ? QStringLiteral("Purge changed no row") : dbError);
        return false;
    }
    const QString summary = QStringLiteral("%1 purged %2 handed over by %3 for \"%4\"")
                                .arg(actor.name, describe(stored->submission),
                                     stored->submission.contactName, stored->taskTitle);
    if (!record(*stored, actor, QStringLiteral("credential.purged"), summary, error)) {
        return false;
    }
    if (!transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

} // namespace Gatehouse
