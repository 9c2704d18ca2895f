#pragma once

#include "CredentialSubmission.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Database;

// A submission with what is needed to act on it: its task's place and its ciphertext.
struct StoredCredential
{
    CredentialSubmission submission;
    qint64 companyId = 0;
    qint64 onboardingId = 0;
    QString taskTitle;
    QByteArray sealed; // empty once purged
};

// credential_submission rows. Only sealed ciphertext comes in or goes out.
class CredentialRepository
{
public:
    explicit CredentialRepository(const Database &db)
        : m_db(db)
    {}

    qint64 insert(const CredentialSubmission &submission, const QByteArray &sealed, QString *error);
    // Oldest first; never the ciphertext.
    QList<CredentialSubmission> forTask(qint64 taskId, QString *error) const;
    std::optional<StoredCredential> get(qint64 id, QString *error) const;
    // Rows changed (0 or 1), -1 on error.
    int markMoved(qint64 id, const QString &by, qint64 nowMs, QString *error);
    int purge(qint64 id, qint64 nowMs, QString *error);

private:
    const Database &m_db;
};

} // namespace Gatehouse
