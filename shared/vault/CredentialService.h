#pragma once

#include "CredentialPayload.h"
#include "CredentialSubmission.h"
#include "SecureBytes.h"
#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;
struct StoredCredential;

// A revealed credential: what it is, and its plaintext in guarded memory (for a single
// credential the CredentialPayload encoding, for bulk text its UTF-8, for a file its bytes).
struct RevealedCredential
{
    CredentialSubmission submission;
    SecureBytes plaintext;
};

// Credential handoff (ONB-4): a contact hands over logins for a credential task; they are
// sealed to the workspace's vault the moment they arrive, so only ciphertext is stored and only
// a console with the vault unlocked can reveal them. Each step is audited; handing over,
// revealing, moving and purging also appear in the contact's onboarding timeline.
class CredentialService
{
public:
    CredentialService(const Database &db, const Clock &clock);

    static constexpr qint64 kMaxBulkBytes = 10 * 1024 * 1024; // bulk text or file: 10 MB
    static constexpr int kMaxFieldLength = 4096;              // username, password, API key
    static constexpr int kMaxNotesLength = 10000;
    static constexpr int kMaxFileNameLength = 255;
    static constexpr int kMaxReasonLength = 500;

    // Submitting completes the contact's credential task (one of their company's, not yet
    // completed). ip: the contact's address, for the audit trail.
    std::optional<CredentialSubmission> submitSingle(qint64 taskId, qint64 contactId,
                                                     qint64 companyId,
                                                     const SingleCredential &credential,
                                                     const QString &ip, ServiceError *error);
    std::optional<CredentialSubmission> submitBulkText(qint64 taskId, qint64 contactId,
                                                       qint64 companyId, const QString &text,
                                                       const QString &ip, ServiceError *error);
    std::optional<CredentialSubmission> submitBulkFile(qint64 taskId, qint64 contactId,
                                                       qint64 companyId, const QString &fileName,
                                                       const QByteArray &bytes, const QString &ip,
                                                       ServiceError *error);

    // What was handed over for one of the company's tasks: kinds, times and file names only.
    QList<CredentialSubmission> listForContact(qint64 taskId, qint64 companyId,
                                               ServiceError *error) const;
    // Staff: the same for any task of the workspace.
    QList<CredentialSubmission> listForTask(qint64 taskId, ServiceError *error) const;

    // Opens a submission with the unlocked vault key. Recorded (who, what, when, why) in the
    // audit trail and the onboarding's activity before the plaintext is handed out.
    std::optional<RevealedCredential> reveal(const SecureBytes &vaultKey, const Actor &actor,
                                             qint64 submissionId, const QString &reason,
                                             ServiceError *error);
    // Staff stored it in their own password manager: from then on it may be purged.
    [[nodiscard]] bool markMoved(qint64 submissionId, const Actor &actor, ServiceError *error);
    // Drops the ciphertext of a moved credential for good; the audit trail keeps its history.
    [[nodiscard]] bool purge(qint64 submissionId, const Actor &actor, ServiceError *error);

private:
    std::optional<CredentialSubmission> submit(qint64 taskId, qint64 contactId, qint64 companyId,
                                               CredentialSubmission submission,
                                               const unsigned char *plain, std::size_t size,
                                               const QString &ip, ServiceError *error);
    std::optional<StoredCredential> load(qint64 submissionId, ServiceError *error) const;
    [[nodiscard]] bool record(const StoredCredential &stored, const Actor &actor,
                              const QString &action, const QString &summary, ServiceError *error);

    const Database &m_db;
    const Clock &m_clock;
};

} // namespace Gatehouse
