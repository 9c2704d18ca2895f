#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace Gatehouse {

class ErrorLabel;

// Who may open the credential vault (administrators only): every member of staff with their
// access, Grant (which needs the vault unlocked, to seal its key to the colleague) and Revoke.
class VaultAccessDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { NameColumn, EmailColumn, RoleColumn, AccessColumn, ColumnCount };

    explicit VaultAccessDialog(const ConsoleContext &context, QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    QPushButton *grantButton() const { return m_grant; }
    QPushButton *revokeButton() const { return m_revoke; }
    ErrorLabel *errorLabel() const { return m_error; }
    bool selectStaff(qint64 staffId);

    void reload();

private:
    void updateButtons();
    qint64 selectedStaffId() const;
    void grantSelected();
    void revokeSelected();

    ConsoleContext m_context;
    QTreeWidget *m_list;
    QPushButton *m_grant;
    QPushButton *m_revoke;
    ErrorLabel *m_error;
};

} // namespace Gatehouse
