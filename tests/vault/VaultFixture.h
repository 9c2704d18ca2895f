#pragma once

#include "TestDatabase.h"

#include "core/Clock.h"
#include "domain/Directory.h"
#include "services/StaffAuthService.h"
#include "services/WorkspaceSetup.h"
#include "vault/SecureBytes.h"
#include "vault/VaultService.h"

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace Gatehouse::Testing {

// What the vault tests share: a fresh demo workspace (its vault made with the cheapest key
// derivation, so hundreds of them stay quick), a clock the test moves, and ways to look at rows.
class VaultFixture
{
protected:
    static constexpr qint64 kStartMs = 1'800'000'000'000;

    // "sqlite" or "postgresql"; false with a reason when the workspace could not be made.
    [[nodiscard]] bool setUp(const QString &engine, QString *error);
    // Checks that every path kept the audit chain whole, then drops the database.
    [[nodiscard]] bool tearDown(QString *error);

    Database &db() { return m_test->db(); }
    // Query results as "a|b|c" lines; NULL spelled out, blobs in hex.
    QStringList rows(const QString &sql);
    // Audit actions after the event with this id, oldest first.
    QStringList actionsAfter(qint64 id);
    qint64 lastAuditId();
    qint64 addStaff(const QString &email, const QString &role);
    // The demo contact's credential task.
    qint64 credentialTask();
    VaultService vault() { return VaultService(db(), m_clock, KdfParams::minimum()); }
    StaffAuthService staffAuth()
    {
        StaffAuthService service(db(), m_clock);
        service.setVaultKdf(KdfParams::minimum());
        return service;
    }
    SecureBytes unlockAdmin();
    static QByteArray toBytes(const SecureBytes &secret)
    {
        return QByteArray(secret.chars(), qsizetype(secret.size()));
    }

    static const QString kColleaguePassword;

    std::unique_ptr<TestDatabase> m_test;
    ManualClock m_clock{kStartMs};
    DemoCredentials m_demo;
    qint64 m_workspaceId = 0;
    qint64 m_adminId = 0;
    Contact m_contact;
};

} // namespace Gatehouse::Testing
