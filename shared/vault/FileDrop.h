#pragma once

#include <QString>

namespace Gatehouse {

// What is known about a file a contact dropped, without its content.
struct FileDrop
{
    enum class State { Available, Downloaded, Expired, Deleted };

    qint64 id = 0;
    qint64 taskId = 0;
    qint64 contactId = 0;
    QString contactName;
    QString fileName;
    qint64 size = 0; // the plaintext's
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    qint64 downloadedAtMs = 0; // 0: staff have not downloaded it
    QString downloadedBy;
    qint64 deletedAtMs = 0; // the contact deleted it
    qint64 purgedAtMs = 0;  // its ciphertext was purged after expiry

    bool isDownloaded() const { return downloadedAtMs != 0; }
    // Deleted wins over expired; a drop past its expiry is expired even before the purge ran.
    State stateAt(qint64 nowMs) const
    {
        if (deletedAtMs != 0) {
            return State::Deleted;
        }
        if (purgedAtMs != 0 || nowMs >= expiresAtMs) {
            return State::Expired;
        }
        return isDownloaded() ? State::Downloaded : State::Available;
    }
};

// As spoken by the API: "available", "downloaded", "expired", "deleted".
inline QString toKey(FileDrop::State state)
{
    switch (state) {
    case FileDrop::State::Available:
        return QStringLiteral("available");
    case FileDrop::State::Downloaded:
        return QStringLiteral("downloaded");
    case FileDrop::State::Expired:
        return QStringLiteral("expired");
    case FileDrop::State::Deleted:
        return QStringLiteral("deleted");
    }
    return QString();
}

} // namespace Gatehouse
