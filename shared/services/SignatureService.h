#pragma once

#include "core/ServiceError.h"
#include "signature/SignatureEvidence.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

// Signature tasks (ONB-4): the contact signs the task's document (its latest attachment, or
// the task's own text when nothing is attached) by drawing or typing; the signature is stored
// with its evidence, the task completes, and a signature certificate PDF is kept with it and
// mailed to the signer and to staff.
class SignatureService
{
public:
    // publicUrl: the portal's address, for the link in the certificate mails.
    SignatureService(const Database &db, const Clock &clock, const QString &publicUrl = {});

    static constexpr int kMaxNameLength = 200;

    std::optional<SignatureEvidence> signAsContact(qint64 taskId, qint64 contactId,
                                                   qint64 companyId, const QString &name,
                                                   SignatureEvidence::Method method,
                                                   const QByteArray &png, const QString &ip,
                                                   const QString &userAgent, ServiceError *error);
    // The task's signature; companyId 0 for staff. nullopt without an error: not signed yet.
    std::optional<SignatureEvidence> forTask(qint64 taskId, qint64 companyId,
                                             ServiceError *error) const;
    // Recomputes the evidence from what is stored now: false, with the reason, when the
    // document or anything else signed has changed since.
    [[nodiscard]] bool verify(const SignatureEvidence &evidence, QString *why) const;

    // What a task's signature covers: its latest attachment, or its text. Empty name: failed.
    struct SignedDocument
    {
        qint64 fileId = 0; // 0: the task's text
        QString name;
        QByteArray bytes;
    };
    SignedDocument documentOf(qint64 taskId, QString *error) const;

private:
    // The certificate to the signer and to every member of staff, in the signing transaction.
    [[nodiscard]] bool mailCertificate(const SignatureEvidence &evidence, const QByteArray &pdf,
                                       QString *error) const;

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
