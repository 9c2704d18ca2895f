#include "FileDropService.h"

#include "DocumentService.h"
#include "TaskEvents.h"
#include "core/Clock.h"
#include "core/Logging.h"
#include "security/StaffAccess.h"
#include "storage/Database.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "storage/OnboardingRepository.h"
#include "storage/SqlQuery.h"
#include "storage/Transaction.h"
#include "vault/FileDropCipher.h"
#include "vault/FileDropRepository.h"
#include "vault/SecretStreamEncryptor.h"
#include "vault/SecureBytes.h"
#include "vault/VaultCrypto.h"
#include "vault/VaultRepository.h"

#include <QCoreApplication>
#include <QIODevice>

#include <algorithm>

namespace Gatehouse {

namespace {

static_assert(FileDropService::kFrameBytes == FileDropCipher::kFrameBytes);

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::FileDropService", text);
}

void internal(ServiceError *error, const QString &detail)
{
    if (!detail.isEmpty()) {
        qCWarning(lcVault) << detail;
    }
    ServiceError::internal(error);
}

QString reasonText(const QString &why)
{
    return why.isEmpty() ? QStringLiteral(", giving no reason")
                         : QStringLiteral(", giving the reason: %1").arg(why);
}

} // namespace

FileDropService::FileDropService(const Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

int FileDropService::expiryDays(const QJsonObject &config)
{
    const QJsonValue value = config.value(QStringLiteral("expiryDays"));
    const int days = value.isDouble() ? value.toInt(0) : 0;
    return days >= kMinExpiryDays && days <= kMaxExpiryDays ? days : kDefaultExpiryDays;
}

std::optional<FileDrop> FileDropService::drop(qint64 taskId, qint64 contactId, qint64 companyId,
                                              const QString &fileName, QIODevice &source,
                                              const QString &ip, ServiceError *error)
{
    if (fileName.trimmed().isEmpty()) {
        ServiceError::set(error, ServiceError::Kind::Invalid, tr("Give the file a name."));
        return std::nullopt;
    }
    if (!source.isSequential() && source.size() - source.pos() > kMaxBytes) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("A file can be at most 100 MB large."));
        return std::nullopt;
    }
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
    if (task->ownerSide != OwnerSide::Client || task->evidenceType != EvidenceType::FileDrop) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("This task does not take secure file drops."));
        return std::nullopt;
    }
    const QByteArray publicKey = VaultRepository(m_db).publicKey(workspace->id, &dbError);
    if (publicKey.isEmpty()) {
        if (!dbError.isEmpty()) {
            internal(error, dbError);
        } else {
            ServiceError::set(
                error, ServiceError::Kind::Conflict,
                tr("%1 cannot receive files yet. Please try again later.").arg(workspace->name));
        }
        return std::nullopt;
    }
    const SecureBytes key = VaultCrypto::newStreamKey();
    const QByteArray sealedKey = key.isNull() ? QByteArray() : VaultCrypto::seal(key, publicKey);
    SecretStreamEncryptor encryptor;
    QString cryptoError;
    if (sealedKey.isEmpty() || !encryptor.start(key, &cryptoError)) {
        internal(error, QStringLiteral("Cannot encrypt a file drop: %1").arg(cryptoError));
        return std::nullopt;
    }

    const qint64 now = m_clock.nowMs();
    FileDrop drop;
    drop.taskId = taskId;
    drop.contactId = contactId;
    drop.contactName = contact->name;
    drop.fileName = DocumentService::cleanFileName(fileName);
    drop.createdAtMs = now;
    drop.expiresAtMs = now + expiryDays(task->config) * kDayMs;

    FileDropRepository drops(m_db);
    Transaction transaction(m_db);
    const qint64 fileId
        = transaction.isActive() ? drops.createFile(
              workspace->id, drop.fileName + QStringLiteral(".encrypted"), now, &dbError)
                                 : 0;
    if (fileId == 0) {
        internal(error, dbError.isEmpty() ? transaction.error() : dbError);
        return std::nullopt;
    }
    // Encrypted as it is read, frame by frame: the plaintext is never stored.
    const std::optional<FileDropCipher::Written> written
        = FileDropCipher::encrypt(m_db, fileId, source, encryptor, kMaxBytes, error);
    if (!written) {
        return std::nullopt;
    }
    drop.size = written->plainSize;
    const QString summary = QStringLiteral("%1 dropped \"%2\" on \"%3\"")
                                .arg(contact->name, drop.fileName, task->title);
    const QString detail = QStringLiteral("%1 dropped \"%2\" (%3 bytes) on \"%4\", encrypted on "
                                          "arrival with its key sealed to the vault")
                               .arg(contact->name, drop.fileName)
                               .arg(drop.size)
                               .arg(task->title);
    drop.id = drops.finishFile(fileId, written->storedSize, written->sha256, &dbError)
                  ? drops.insert(drop, fileId, encryptor.header(), sealedKey, &dbError)
                  : 0;
    if (drop.id == 0
        || onboardings.setTaskStatus(taskId, companyId, TaskStatus::Completed, contact->name,
                                     QString(), now, &dbError)
               < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            QStringLiteral("file_drop.dropped"), Actor::contact(*contact, ip),
                            summary, detail, now, &dbError)
        || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return std::nullopt;
    }
    return drop;
}

std::optional<QList<FileDrop>> FileDropService::listForContact(qint64 taskId, qint64 companyId,
                                                               ServiceError *error) const
{
    QString dbError;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForCompany(taskId, companyId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return std::nullopt;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return std::nullopt;
    }
    QList<FileDrop> list = FileDropRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return std::nullopt;
    }
    list.removeIf([](const FileDrop &drop) { return drop.deletedAtMs != 0; });
    return list;
}

bool FileDropService::deleteAsContact(qint64 dropId, qint64 contactId, qint64 companyId,
                                      const QString &ip, ServiceError *error)
{
    QString dbError;
    DirectoryRepository directory(m_db);
    OnboardingRepository onboardings(m_db);
    FileDropRepository drops(m_db);
    const std::optional<Workspace> workspace = directory.workspace(&dbError);
    const std::optional<Contact> contact = directory.contact(contactId, &dbError);
    const std::optional<StoredFileDrop> stored = drops.get(dropId, &dbError);
    if (!dbError.isEmpty() || !workspace || !contact) {
        internal(error, dbError);
        return false;
    }
    // Another company's drop is as unknown as one that never was.
    if (!stored || stored->companyId != companyId || stored->drop.deletedAtMs != 0) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such file."));
        return false;
    }
    if (stored->drop.isDownloaded()) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Your provider has already downloaded this file, so it can no "
                             "longer be deleted."));
        return false;
    }
    if (stored->drop.purgedAtMs != 0) {
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This file has expired and was deleted already."));
        return false;
    }
    const std::optional<Task> task
        = onboardings.taskForCompany(stored->drop.taskId, companyId, &dbError);
    if (!task) {
        internal(error, dbError);
        return false;
    }
    const qint64 now = m_clock.nowMs();
    Transaction transaction(m_db);
    const int changed = transaction.isActive() ? drops.markDeleted(dropId, now, &dbError) : -1;
    if (changed == 0) { // staff downloaded it a moment ago
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("Your provider has already downloaded this file, so it can no "
                             "longer be deleted."));
        return false;
    }
    bool ok = changed > 0 && FileStore(m_db).remove(stored->fileId, &dbError);
    // Nothing handed over any more (none left, none downloaded): the task waits again.
    if (ok) {
        const QList<FileDrop> all = drops.forTask(task->id, &dbError);
        const bool handedOver = std::any_of(all.cbegin(), all.cend(), [](const FileDrop &d) {
            return d.isDownloaded() || (d.deletedAtMs == 0 && d.purgedAtMs == 0);
        });
        ok = dbError.isEmpty()
             && (handedOver
                 || onboardings.setTaskStatus(task->id, companyId, TaskStatus::Pending,
                                              contact->name, QString(), now, &dbError)
                        >= 0);
    }
    const QString summary = QStringLiteral("%1 deleted the dropped file \"%2\" from \"%3\"")
                                .arg(contact->name, stored->drop.fileName, task->title);
    if (!ok
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            QStringLiteral("file_drop.deleted"), Actor::contact(*contact, ip),
                            summary, QString(), now, &dbError)
        || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

std::optional<QList<FileDrop>> FileDropService::listForTask(qint64 taskId,
                                                            ServiceError *error) const
{
    QString dbError;
    QList<FileDrop> list = FileDropRepository(m_db).forTask(taskId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return std::nullopt;
    }
    return list;
}

bool FileDropService::setExpiryDays(qint64 taskId, int days, const Actor &actor,
                                    ServiceError *error)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    if (days < kMinExpiryDays || days > kMaxExpiryDays) {
        ServiceError::set(
            error, ServiceError::Kind::Invalid,
            tr("Files can be kept from %1 to %2 days.").arg(kMinExpiryDays).arg(kMaxExpiryDays));
        return false;
    }
    QString dbError;
    qint64 companyId = 0;
    OnboardingRepository onboardings(m_db);
    const std::optional<Task> task = onboardings.taskForStaff(taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!dbError.isEmpty() || !workspace) {
        internal(error, dbError);
        return false;
    }
    if (!task) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such task."));
        return false;
    }
    if (task->evidenceType != EvidenceType::FileDrop) {
        ServiceError::set(error, ServiceError::Kind::Invalid,
                          tr("Only a secure file drop task keeps files for a set time."));
        return false;
    }
    if (task->config.value(QStringLiteral("expiryDays")).toInt() == days) {
        return true; // nothing changed
    }
    QJsonObject config = task->config;
    config.insert(QStringLiteral("expiryDays"), days);
    const qint64 now = m_clock.nowMs();
    const QString summary = QStringLiteral("%1 set files dropped on \"%2\" to expire after %3 days")
                                .arg(actor.name, task->title)
                                .arg(days);
    Transaction transaction(m_db);
    if (!transaction.isActive() || onboardings.setTaskConfig(taskId, config, now, &dbError) != 1
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            QStringLiteral("file_drop.expiry_set"), actor, summary, QString(), now,
                            &dbError)
        || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

std::optional<StoredFileDrop> FileDropService::load(qint64 dropId, ServiceError *error) const
{
    QString dbError;
    std::optional<StoredFileDrop> stored = FileDropRepository(m_db).get(dropId, &dbError);
    if (!dbError.isEmpty()) {
        internal(error, dbError);
        return std::nullopt;
    }
    if (!stored) {
        ServiceError::set(error, ServiceError::Kind::NotFound, tr("There is no such file."));
    }
    return stored;
}

bool FileDropService::decrypt(const SecureBytes &vaultKey, const StoredFileDrop &stored,
                              QIODevice &sink, const Progress &progress, ServiceError *error) const
{
    QString dbError;
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    const QByteArray publicKey
        = workspace ? VaultRepository(m_db).publicKey(workspace->id, &dbError) : QByteArray();
    if (publicKey.isEmpty()) {
        internal(error, dbError.isEmpty() ? QStringLiteral("No vault to decrypt with") : dbError);
        return false;
    }
    QString cryptoError;
    const std::optional<SecureBytes> fileKey
        = VaultCrypto::open(stored.sealedKey, publicKey, vaultKey, &cryptoError);
    if (!fileKey) {
        qCWarning(lcVault) << "File drop" << stored.drop.id << "did not open:" << cryptoError;
        ServiceError::set(error, ServiceError::Kind::Invalid, cryptoError);
        return false;
    }
    const qint64 total = stored.drop.size;
    return FileDropCipher::decrypt(
        m_db, stored.fileId, *fileKey, stored.streamHeader, total, sink,
        [&progress, total](qint64 done) { return !progress || progress(done, total); }, error);
}

bool FileDropService::download(const SecureBytes &vaultKey, const Actor &actor, qint64 dropId,
                               const QString &reason, QIODevice &sink, ServiceError *error,
                               const Progress &progress)
{
    if (!StaffAccess::require(m_db, actor, StaffPermission::WorkOnboardings, error)) {
        return false;
    }
    const QString why = reason.simplified();
    if (why.size() > kMaxReasonLength) {
        ServiceError::set(
            error, ServiceError::Kind::Invalid,
            tr("The reason can be at most %1 characters long.").arg(kMaxReasonLength));
        return false;
    }
    const std::optional<StoredFileDrop> stored = load(dropId, error);
    if (!stored) {
        return false;
    }
    const qint64 now = m_clock.nowMs();
    switch (stored->drop.stateAt(now)) {
    case FileDrop::State::Deleted:
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("The contact deleted this file before it was downloaded."));
        return false;
    case FileDrop::State::Expired:
        ServiceError::set(error, ServiceError::Kind::Conflict,
                          tr("This file has expired; its encrypted content is deleted."));
        return false;
    case FileDrop::State::Available:
    case FileDrop::State::Downloaded:
        break;
    }
    if (!decrypt(vaultKey, *stored, sink, progress, error)) {
        return false;
    }
    QString dbError;
    qint64 companyId = 0;
    const std::optional<Task> task
        = OnboardingRepository(m_db).taskForStaff(stored->drop.taskId, &companyId, &dbError);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(&dbError);
    if (!task || !workspace) {
        internal(error, dbError);
        return false;
    }
    const QString summary = QStringLiteral("%1 downloaded \"%2\" dropped by %3 on \"%4\"%5")
                                .arg(actor.name, stored->drop.fileName, stored->drop.contactName,
                                     task->title, reasonText(why));
    // Only the first download is kept on the row (it ends the contact's right to delete);
    // every one is in the audit trail and the timeline.
    Transaction transaction(m_db);
    if (!transaction.isActive()
        || FileDropRepository(m_db).markDownloaded(dropId, actor.name, now, &dbError) < 0
        || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                            QStringLiteral("file_drop.downloaded"), actor, summary, QString(), now,
                            &dbError)
        || !transaction.commit(&dbError)) {
        internal(error, dbError);
        return false;
    }
    return true;
}

int FileDropService::purgeExpired(qint64 nowMs, QString *error)
{
    FileDropRepository drops(m_db);
    OnboardingRepository onboardings(m_db);
    const std::optional<Workspace> workspace = DirectoryRepository(m_db).workspace(error);
    if (!workspace) {
        return error && !error->isEmpty() ? -1 : 0;
    }
    QString dbError;
    const QList<StoredFileDrop> expired = drops.expired(nowMs, &dbError);
    if (!dbError.isEmpty()) {
        *error = dbError;
        return -1;
    }
    int purged = 0;
    const Actor actor = Actor::system(QStringLiteral("file drop expiry"));
    for (const StoredFileDrop &stored : expired) {
        qint64 companyId = 0;
        const std::optional<Task> task
            = onboardings.taskForStaff(stored.drop.taskId, &companyId, &dbError);
        if (!task) {
            *error = dbError;
            return -1;
        }
        const QString summary
            = QStringLiteral("The file \"%1\" dropped by %2 on \"%3\" expired; its encrypted "
                             "content was deleted")
                  .arg(stored.drop.fileName, stored.drop.contactName, task->title);
        // Each drop on its own: one that fails leaves the others purged.
        Transaction transaction(m_db);
        const int changed
            = transaction.isActive() ? drops.markPurged(stored.drop.id, nowMs, &dbError) : -1;
        if (changed == 0) {
            continue; // deleted or purged meanwhile
        }
        if (changed < 0 || (stored.fileId != 0 && !FileStore(m_db).remove(stored.fileId, &dbError))
            || !recordTaskEvent(m_db, workspace->id, companyId, *task,
                                QStringLiteral("file_drop.purged"), actor, summary, QString(),
                                nowMs, &dbError)
            || !transaction.commit(&dbError)) {
            *error = dbError.isEmpty() ? transaction.error() : dbError;
            return -1;
        }
        ++purged;
    }
    if (purged > 0 && m_db.engine() == Engine::Sqlite) {
        // secure_delete zeroed the freed pages; emptying the write-ahead log drops the older
        // copies of them it may still hold. A reader holding it open only delays this.
        SqlQuery checkpoint(m_db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        QString checkpointError;
        if (!checkpoint.exec(&checkpointError)) {
            qCWarning(lcVault).noquote()
                << "Could not empty the write-ahead log:" << checkpointError;
        }
    }
    return purged;
}

} // namespace Gatehouse
