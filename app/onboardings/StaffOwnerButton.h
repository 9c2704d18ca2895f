#pragma once

#include "core/ConsoleContext.h"
#include "domain/Onboarding.h"

#include <QToolButton>

class QMenu;

namespace Gatehouse {

// Shows who answers for an onboarding, or for one task, and hands it to another member of
// staff from its menu. A task without an owner of its own follows its onboarding's owner.
class StaffOwnerButton : public QToolButton
{
    Q_OBJECT

public:
    enum class Scope { Onboarding, Task };

    StaffOwnerButton(const ConsoleContext &context, Scope scope, QWidget *parent = nullptr);

    void showOnboarding(const Onboarding &onboarding);
    void showTask(const Onboarding &onboarding, const Task &task);

    // Hands the shown onboarding or task to staffId (0: a task back to its onboarding's
    // owner). Shows what went wrong; returns whether it was saved.
    bool assign(qint64 staffId);

Q_SIGNALS:
    void assigned();

private:
    void rebuild();
    QString nameOf(qint64 staffId) const;

    ConsoleContext m_context;
    Scope m_scope;
    QMenu *m_menu;
    QList<StaffMember> m_staff;
    qint64 m_onboardingId = 0;
    qint64 m_onboardingOwner = 0;
    qint64 m_taskId = 0;
    qint64 m_taskOwner = 0;
};

} // namespace Gatehouse
