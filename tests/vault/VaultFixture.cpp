#include "VaultFixture.h"

#include "security/AuditLog.h"
#include "storage/DirectoryRepository.h"
#include "storage/SqlQuery.h"

#include <QSqlRecord>
#include <QTest>

namespace Gatehouse::Testing {

const QString VaultFixture::kColleaguePassword = QStringLiteral("colleague-passphrase-42");

bool VaultFixture::setUp(const QString &engine, QString *error)
{
    m_test = TestDatabase::create(engine);
    if (!m_test) {
        *error = QStringLiteral("no %1 test database").arg(engine);
        return false;
    }
    m_clock = ManualClock(kStartMs);
    WorkspaceSetup setup(db(), m_clock);
    setup.setVaultKdf(KdfParams::minimum());
    if (!setup.ensureDemo(&m_demo, nullptr, error)) {
        return false;
    }
    DirectoryRepository directory(db());
    const std::optional<Workspace> workspace = directory.workspace(error);
    const std::optional<StaffMember> admin
        = directory.authenticateStaff(m_demo.adminEmail, m_demo.adminPassword, error);
    const QList<Contact> contacts = directory.contactsByEmail(m_demo.contactEmail, error);
    if (!workspace || !admin || contacts.size() != 1) {
        return false;
    }
    m_workspaceId = workspace->id;
    m_adminId = admin->id;
    m_contact = contacts.first();
    return true;
}

bool VaultFixture::tearDown(QString *error)
{
    bool ok = true;
    if (m_test) {
        const AuditLog::VerifyResult result = AuditLog(db()).verify(error);
        ok = result.ok;
        if (!ok) {
            *error = result.reason;
        }
    }
    m_test.reset();
    return ok;
}

QStringList VaultFixture::rows(const QString &sql)
{
    SqlQuery query(db(), sql);
    QString error;
    if (!query.exec(&error)) {
        return {QStringLiteral("error: ") + error};
    }
    QStringList result;
    while (query.next()) {
        QStringList cells;
        for (int i = 0; i < query.raw().record().count(); ++i) {
            const QVariant value = query.value(i);
            cells.append(query.isNull(i) ? QStringLiteral("NULL")
                         : value.typeId() == QMetaType::QByteArray
                             ? QString::fromLatin1(value.toByteArray().toHex())
                             : value.toString());
        }
        result.append(cells.join(QLatin1Char('|')));
    }
    return result;
}

QStringList VaultFixture::actionsAfter(qint64 id)
{
    return rows(QStringLiteral("SELECT action FROM audit_event WHERE id > %1 ORDER BY id").arg(id));
}

qint64 VaultFixture::lastAuditId()
{
    return rows(QStringLiteral("SELECT MAX(id) FROM audit_event")).value(0).toLongLong();
}

qint64 VaultFixture::addStaff(const QString &email, const QString &role)
{
    QString error;
    const qint64 id = DirectoryRepository(db()).createStaff(
        m_workspaceId, email, QStringLiteral("Casey Colleague"), kColleaguePassword, role,
        m_clock.nowMs(), &error);
    [&] {
        QVERIFY2(id > 0, qPrintable(error));
    }();
    return id;
}

qint64 VaultFixture::credentialTask()
{
    return rows(QStringLiteral("SELECT t.id FROM task t JOIN onboarding o ON o.id = "
                               "t.onboarding_id WHERE o.company_id = %1 AND t.evidence_type = "
                               "'credential' ORDER BY t.id")
                    .arg(m_contact.companyId))
        .value(0)
        .toLongLong();
}

SecureBytes VaultFixture::unlockAdmin()
{
    ServiceError error;
    std::optional<SecureBytes> key = vault().unlock(m_adminId, m_demo.adminPassword, &error);
    return key ? std::move(*key) : SecureBytes();
}

} // namespace Gatehouse::Testing
