#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"
#include "vault/FileDrop.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

class QIODevice;

namespace Gatehouse {

class Clock;
class Database;
class SecureBytes;
struct StoredFileDrop;

// Secure file drops (ONB-4, TRU-1): a contact drops sensitive files on a file_drop task. Each
// file is encrypted as it is read, frame by frame, with a random key of its own (libsodium
// secretstream); that key is sealed to the vault's public key, so only ciphertext is stored and
// only a console with the vault unlocked can open it. Drops expire after the task's expiry
// (days, set by staff); purgeExpired() then deletes their ciphertext. The contact may delete a
// drop until staff have downloaded it. Every change writes an activity row and an audit event
// in its transaction; every download is recorded with who, when and why.
class FileDropService
{
public:
    FileDropService(const Database &db, const Clock &clock);

    static constexpr qint64 kMaxBytes = 100 * 1024 * 1024; // the front door's limit for the route
    static constexpr int kDefaultExpiryDays = 7;
    static constexpr int kMinExpiryDays = 1;
    static constexpr int kMaxExpiryDays = 90;
    static constexpr int kMaxReasonLength = 500;
    // Plaintext per encrypted frame (FileDropCipher).
    static constexpr qint64 kFrameBytes = 256 * 1024 - 17;

    // The task's expiry in days: config "expiryDays" when it is in range, else the default.
    static int expiryDays(const QJsonObject &config);

    // The contact drops a file on one of their company's file_drop tasks, read from source to
    // its end (at most kMaxBytes). The task counts as completed once something was dropped;
    // more files may follow. ip: the contact's address, for the audit trail.
    std::optional<FileDrop> drop(qint64 taskId, qint64 contactId, qint64 companyId,
                                 const QString &fileName, QIODevice &source, const QString &ip,
                                 ServiceError *error);
    // The drops of one of the company's tasks, deleted ones left out; nullopt (NotFound) for
    // another company's task.
    std::optional<QList<FileDrop>> listForContact(qint64 taskId, qint64 companyId,
                                                  ServiceError *error) const;
    // A contact of the company deletes a drop (and its ciphertext) staff have not downloaded;
    // refused with a clear message once they have. The task is pending again when nothing
    // dropped is left.
    [[nodiscard]] bool deleteAsContact(qint64 dropId, qint64 contactId, qint64 companyId,
                                       const QString &ip, ServiceError *error);

    // Staff: every drop of any task of the workspace, deleted ones included.
    std::optional<QList<FileDrop>> listForTask(qint64 taskId, ServiceError *error) const;
    // Staff set how long new drops on the task are kept (kMinExpiryDays..kMaxExpiryDays).
    [[nodiscard]] bool setExpiryDays(qint64 taskId, int days, const Actor &actor,
                                     ServiceError *error);

    // Reports frames decrypted so far (plaintext bytes done, of total); returning false
    // cancels the download.
    using Progress = std::function<bool(qint64 done, qint64 total)>;
    // Decrypts a drop with the unlocked vault key into sink, then records the download (who,
    // when, the optional reason) in the audit trail and the timeline. Expired, purged or
    // deleted drops are refused; so is ciphertext that was altered or cut short. sink holds the
    // plaintext only when this returns true: callers throw it away otherwise (QSaveFile).
    [[nodiscard]] bool download(const SecureBytes &vaultKey, const Actor &actor, qint64 dropId,
                                const QString &reason, QIODevice &sink, ServiceError *error,
                                const Progress &progress = {});

    // Deletes the ciphertext of every drop that expired at or before nowMs; each purge is
    // recorded. Returns how many were purged, or -1 with *error on a database failure.
    int purgeExpired(qint64 nowMs, QString *error);

private:
    std::optional<StoredFileDrop> load(qint64 dropId, ServiceError *error) const;
    [[nodiscard]] bool decrypt(const SecureBytes &vaultKey, const StoredFileDrop &stored,
                               QIODevice &sink, const Progress &progress,
                               ServiceError *error) const;

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
