#include "StaffOwnerButton.h"

#include "core/MessageBox.h"
#include "services/StaffOwnerService.h"
#include "storage/DirectoryRepository.h"

#include <QActionGroup>
#include <QMenu>

namespace Gatehouse {

StaffOwnerButton::StaffOwnerButton(const ConsoleContext &context, Scope scope, QWidget *parent)
    : QToolButton(parent)
    , m_context(context)
    , m_scope(scope)
    , m_menu(new QMenu(this))
{
    setObjectName(scope == Scope::Task ? QStringLiteral("taskOwner")
                                       : QStringLiteral("onboardingOwner"));
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setMenu(m_menu);
    setToolTip(scope == Scope::Task
                   ? tr("The member of staff who answers for this task and hears when the "
                        "client acts on it")
                   : tr("The member of staff who answers for this onboarding"));
    setAccessibleName(scope == Scope::Task ? tr("Task owner") : tr("Onboarding owner"));
    // The list is read when the menu opens, so a colleague added meanwhile shows up.
    connect(m_menu, &QMenu::aboutToShow, this, &StaffOwnerButton::rebuild);
}

void StaffOwnerButton::showOnboarding(const Onboarding &onboarding)
{
    m_onboardingId = onboarding.id;
    m_onboardingOwner = onboarding.ownerStaffId;
    m_taskId = 0;
    m_taskOwner = 0;
    if (m_staff.isEmpty()) {
        m_staff = DirectoryRepository(*m_context.db).staffList(m_context.workspace.id, nullptr);
    }
    setText(tr("Owner: %1").arg(nameOf(m_onboardingOwner)));
}

void StaffOwnerButton::showTask(const Onboarding &onboarding, const Task &task)
{
    showOnboarding(onboarding);
    m_taskId = task.id;
    m_taskOwner = task.staffOwnerId;
    setText(m_taskOwner == 0 ? tr("Owner: %1 (onboarding)").arg(nameOf(m_onboardingOwner))
                             : tr("Owner: %1").arg(nameOf(m_taskOwner)));
}

bool StaffOwnerButton::assign(qint64 staffId)
{
    ServiceError error;
    StaffOwnerService service(*m_context.db, *m_context.clock);
    const bool saved
        = m_scope == Scope::Task
              ? service.assignTask(m_taskId, staffId, m_context.actor(), &error)
              : service.assignOnboarding(m_onboardingId, staffId, m_context.actor(), &error);
    if (!saved) {
        MessageBox::warning(this, tr("Owner not changed"), error.message);
        return false;
    }
    Q_EMIT assigned();
    return true;
}

void StaffOwnerButton::rebuild()
{
    QString error;
    const QList<StaffMember> staff
        = DirectoryRepository(*m_context.db).staffList(m_context.workspace.id, &error);
    if (error.isEmpty()) {
        m_staff = staff;
    }
    m_menu->clear();
    auto *group = new QActionGroup(m_menu);
    const qint64 current = m_scope == Scope::Task ? m_taskOwner : m_onboardingOwner;
    const auto add = [&](const QString &text, qint64 staffId) {
        QAction *action = m_menu->addAction(text);
        action->setCheckable(true);
        action->setChecked(staffId == current);
        action->setActionGroup(group);
        connect(action, &QAction::triggered, this, [this, staffId] { assign(staffId); });
    };
    if (m_scope == Scope::Task) {
        add(tr("The onboarding's owner (%1)").arg(nameOf(m_onboardingOwner)), 0);
        m_menu->addSeparator();
    }
    for (const StaffMember &member : std::as_const(m_staff)) {
        add(member.name, member.id);
    }
}

QString StaffOwnerButton::nameOf(qint64 staffId) const
{
    for (const StaffMember &member : m_staff) {
        if (member.id == staffId) {
            return member.name;
        }
    }
    return tr("nobody");
}

} // namespace Gatehouse
