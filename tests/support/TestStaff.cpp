#include "TestStaff.h"

#include "core/Clock.h"
#include "storage/DirectoryRepository.h"
#include "storage/StaffRepository.h"

#include <QDebug>
#include <QRegularExpression>

namespace Gatehouse::Testing {

Actor staffActor(const Database &db, StaffRole role, const QString &name)
{
    const QString who
        = name.isEmpty() ? QStringLiteral("Test %1").arg(StaffRoles::displayName(role)) : name;
    QString email = who.toLower();
    email.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("."));
    email += QStringLiteral("@staff.example");

    DirectoryRepository directory(db);
    QString error;
    const std::optional<Workspace> workspace = directory.workspace(&error);
    if (!workspace) {
        qWarning() << "staffActor: no workspace" << error;
        return Actor(who);
    }
    std::optional<StaffMember> member = StaffRepository(db).byEmail(workspace->id, email, &error);
    if (!member) {
        const qint64 id
            = directory.createStaff(workspace->id, email, who, QStringLiteral("test staff pw 4821"),
                                    StaffRoles::toKey(role), Clock::system().nowMs(), &error);
        member = id != 0 ? directory.staff(id, &error) : std::nullopt;
    }
    if (!member) {
        qWarning() << "staffActor: cannot add" << who << error;
        return Actor(who);
    }
    return Actor::staff(*member);
}

} // namespace Gatehouse::Testing
