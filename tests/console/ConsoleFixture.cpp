#include "ConsoleFixture.h"

#include "core/Clock.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"

namespace Gatehouse::Testing {

QString ConsoleFixture::create(TestDatabase &test)
{
    const Clock &clock = Clock::system();
    QString error;
    workspaceId = WorkspaceSetup(test.db(), clock)
                      .create(QStringLiteral("Northwind IT"), QStringLiteral("Dana Admin"),
                              QString::fromLatin1(kAdminEmail), QString::fromLatin1(kAdminPassword),
                              &error);
    if (workspaceId == 0) {
        return error;
    }
    DirectoryRepository directory(test.db());
    acmeId = directory.createCompany(workspaceId, QStringLiteral("Acme Dental"), clock.nowMs(),
                                     &error);
    birchId = directory.createCompany(workspaceId, QStringLiteral("Birch Legal"), clock.nowMs(),
                                      &error);
    if (acmeId == 0 || birchId == 0) {
        return error;
    }
    acmeContactId
        = directory.createContact(acmeId, QStringLiteral("Alex Acme"),
                                  QStringLiteral("alex@acme.example"), clock.nowMs(), &error);
    birchContactId
        = directory.createContact(birchId, QStringLiteral("Jordan Birch"),
                                  QStringLiteral("jordan@birch.example"), clock.nowMs(), &error);
    if (acmeContactId == 0 || birchContactId == 0) {
        return error;
    }
    const std::optional<Workspace> workspace = directory.workspace(&error);
    const std::optional<StaffMember> staff = directory.authenticateStaff(
        QString::fromLatin1(kAdminEmail), QString::fromLatin1(kAdminPassword), &error);
    if (!workspace || !staff) {
        return error;
    }
    context.db = &test.db();
    context.clock = &clock;
    context.workspace = *workspace;
    context.staff = *staff;
    context.publicUrl = QStringLiteral("http://127.0.0.1:18080");
    context.mailboxPath = test.dataDir() + QStringLiteral("/mailbox");
    return QString();
}

} // namespace Gatehouse::Testing
