#pragma once

#include "core/ConsoleContext.h"
#include "core/ServiceError.h"
#include "storage/StaffRepository.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QPushButton;
class QTableWidget;

namespace Gatehouse {

class AddStaffDialog;
class ErrorLabel;

// Settings > Staff (CON-11), for administrators: who works in the console, their role, whether
// they sign in with two steps, when they last signed in and whether they still may. Members
// are deactivated, never deleted.
class StaffPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        EmailColumn,
        RoleColumn,
        TotpColumn,
        LastSignInColumn,
        StatusColumn,
        ColumnCount
    };

    explicit StaffPanel(const ConsoleContext &context, QWidget *parent = nullptr);

    void reload();
    // Opens Add member… without blocking; the list reloads once a member was added.
    AddStaffDialog *addMember();
    // The selected member's role, active flag and TOTP; errors show below the list.
    bool changeRole(const QString &roleKey);
    bool toggleActive();
    bool resetTotp();
    void selectEmail(const QString &email);

    QTableWidget *table() const { return m_table; }
    QComboBox *roleBox() const { return m_role; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *roleButton() const { return m_changeRole; }
    QPushButton *activeButton() const { return m_active; }
    QPushButton *totpButton() const { return m_resetTotp; }
    QString errorText() const;

private:
    const StaffAccount *selected() const;
    void updateButtons();
    bool done(bool ok, const ServiceError &error);

    ConsoleContext m_context;
    QTableWidget *m_table;
    QPushButton *m_add;
    QComboBox *m_role;
    QPushButton *m_changeRole;
    QPushButton *m_active;
    QPushButton *m_resetTotp;
    ErrorLabel *m_error;
    QList<StaffAccount> m_accounts;
};

} // namespace Gatehouse
